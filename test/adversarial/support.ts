/**
 * What the adversarial suites share: the endpoint registry as a list, raw HTTP requests (any
 * method, path, header and body bytes, from any loopback address), every customer-owned object
 * read straight from the database, a fingerprint of the whole database, example values and
 * fast-check arbitraries derived from the contract's zod schemas, and `demo-server/main.ts`
 * started as a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { after } from 'node:test';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import { endpoints, Id, type Endpoint } from '../../widget/contract/index.ts';

// ------------------------------------------------------------------ the registry

export interface NamedEndpoint {
  name: string;
  endpoint: Endpoint;
}

/** Every operation of the contract, portal ones first (admin ones can change what portal ones see). */
export const ENDPOINTS: NamedEndpoint[] = (Object.entries(endpoints) as [string, Endpoint][])
  .map(([name, endpoint]) => ({ name, endpoint }))
  .sort((a, b) => Number(a.endpoint.auth === 'admin') - Number(b.endpoint.auth === 'admin'));

export const PORTAL_ENDPOINTS = ENDPOINTS.filter((e) => e.endpoint.auth === 'portal');
export const ADMIN_ENDPOINTS = ENDPOINTS.filter((e) => e.endpoint.auth === 'admin');

/** The `{param}` names of a path, in order. */
export const pathParams = (endpoint: Endpoint): string[] => [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

/** The path with each `{param}` replaced by its (already URL-safe) value. */
export function fillPath(endpoint: Endpoint, values: Record<string, string>): string {
  return endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${endpoint.path}`);
    return value;
  });
}

/** Whether `value` is a valid `{param}` of the endpoint (e.g. a document number where only ids are taken is not). */
export function acceptsParam(endpoint: Endpoint, name: string, value: string): boolean {
  const field = endpoint.params?.shape[name] as z.ZodType | undefined;
  return field ? field.safeParse(value).success : false;
}

// ------------------------------------------------------------------ raw HTTP

export interface RawRequest {
  method: string;
  /** Sent as is: it must only hold characters 0x21-0xff (percent-encode the rest). */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** A loopback address to connect from (127.x.y.z), so per-IP limits see a fresh client. */
  localAddress?: string;
  /** Aborting drops the connection, as a client that gives up (or loses its network) does. */
  signal?: AbortSignal;
}

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
after(() => agent.destroy());

/**
 * One request with node:http, which sends exactly what it is given (fetch would normalise the
 * path, refuse some methods and headers, and cannot pick the local address).
 */
export function rawRequest(base: string, request: RawRequest, timeoutMs = 15_000): Promise<RawAnswer> {
  const url = new URL(base);
  const body =
    request.body === undefined
      ? undefined
      : Buffer.isBuffer(request.body)
        ? request.body
        : Buffer.from(request.body, 'utf8');
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers: { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        agent: request.localAddress ? undefined : agent,
        localAddress: request.localAddress,
        signal: request.signal,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text === '' ? undefined : JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`no answer within ${timeoutMs} ms: ${request.method} ${request.path.slice(0, 200)}`)),
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A loopback address no other test uses: 127.a.b.c with random a, b, c (Linux answers all of 127/8). */
export function freshLoopbackAddress(): string {
  const byte = () => 1 + Math.floor(Math.random() * 254);
  return `127.${byte()}.${byte()}.${byte()}`;
}

// ------------------------------------------------------------------ the database

export interface OwnedObject {
  table: string;
  id: string;
  /** The readable number (SO-2026-0042), for tables that have one. */
  number: string | null;
  customerId: string;
}

/**
 * Every object a customer owns, read from the database itself: each table with an `id` and a
 * `customer_id` (or an `order_id`, owned through its order). Tables added later are included
 * without changing this.
 */
export async function ownedObjects(db: Kysely<any>): Promise<OwnedObject[]> {
  const tables = (await db.introspection.getTables()).filter((t) => !t.name.startsWith('kysely_'));
  const orderOwner = new Map(
    (await db.selectFrom('orders').select(['id', 'customer_id']).execute()).map((o) => [
      o.id as string,
      o.customer_id as string,
    ]),
  );
  const out: OwnedObject[] = [];
  for (const table of tables) {
    const columns = new Set(table.columns.map((c) => c.name));
    if (!columns.has('id') || table.name === 'customers') continue;
    if (!columns.has('customer_id') && !columns.has('order_id')) continue;
    const select = ['id', ...['number', 'customer_id', 'order_id'].filter((c) => columns.has(c))];
    const rows = await db.selectFrom(table.name).select(select).execute();
    for (const row of rows) {
      const customerId = (row.customer_id as string | undefined) ?? orderOwner.get(row.order_id as string);
      if (!customerId) continue;
      out.push({
        table: table.name,
        id: String(row.id),
        number: typeof row.number === 'string' ? row.number : null,
        customerId,
      });
    }
  }
  return out;
}

/**
 * A digest of every row of every table, to prove a request changed nothing. `last_used_at` (of
 * portal tokens and admin keys) and `link_uses` are left out: using a credential may record it.
 */
export async function fingerprint(db: Kysely<any>): Promise<string> {
  const tables = (await db.introspection.getTables())
    .filter((t) => !t.name.startsWith('kysely_') && t.name !== 'link_uses')
    .map((t) => t.name)
    .sort();
  const hash = createHash('sha256');
  for (const table of tables) {
    const rows = await db.selectFrom(table).selectAll().execute();
    const lines = rows
      .map((row) => {
        const { last_used_at: _ignored, ...rest } = row as Record<string, unknown>;
        return JSON.stringify(rest, Object.keys(rest).sort());
      })
      .sort();
    hash.update(`${table}\n${lines.join('\n')}\n`);
  }
  return hash.digest('hex');
}

// ------------------------------------------------------------------ PostgreSQL databases for child processes

/** A fresh empty PostgreSQL database (TEST_DATABASE_URL must allow CREATE DATABASE), dropped with drop(). */
export async function freshPostgres(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `portal_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const drop = async () => {
    // An autovacuum worker on the database (the server's, not ours to end) makes FORCE fail with
    // 42501 for a moment: try again once it has moved on (as the server tests' harness does).
    for (let attempt = 1; ; attempt++) {
      try {
        return await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } catch (error) {
        if ((error as { code?: string }).code !== '42501' || attempt === 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };
  return { url: url.toString(), drop };
}

// ------------------------------------------------------------------ demo-server/main.ts as a child process

export interface ChildServer {
  child: ChildProcess;
  url: string;
  /** Everything it printed so far. */
  output(): string;
  /** The portal tokens of the printed demo links, by business name. */
  demoTokens(): Map<string, string>;
  /** Resolves with the first match of `pattern` in what it prints (already printed or to come). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGKILL: no shutdown code runs. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit code; rejects when a token or admin key was printed after start-up (the request log included). */
  stop(): Promise<number | null>;
}

const children = new Set<ChildProcess>();
after(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** Secrets printed after the start-up banner: anything token- or admin-key-shaped that is not redacted. */
function leakedSecrets(output: string): string[] {
  const afterBanner = output.slice(output.indexOf('listening on'));
  return [...afterBanner.matchAll(/\b(?:cpt|cpa)_(?!\[redacted\])[\w-]+/gi)].map((m) => m[0]);
}

/**
 * `npm start` without the build: `node --import tsx demo-server/main.ts` on a free port, loopback
 * only, with its request log on (stop() checks that no secret reached it).
 */
export async function startMain(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo-server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_REQUESTS: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const chunks: string[] = [];
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      children.delete(child);
      resolve();
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" line within 60 s: ${chunks.join('')}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      chunks.push(chunk.toString());
      const match = /listening on http:\/\/localhost:(\d+)/.exec(chunks.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code ?? signal}: ${chunks.join('')}`));
    });
  });
  return {
    child,
    url,
    output: () => chunks.join(''),
    demoTokens() {
      const tokens = new Map<string, string>();
      for (const m of chunks.join('').matchAll(/^\s{4}(.+?)\s+http:\/\/\S+#portal_token=(cpt_[\w-]+)\s*$/gm))
        tokens.set(m[1].trim(), m[2]);
      return tokens;
    },
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const match = pattern.exec(chunks.join(''));
          if (!match) return false;
          clearTimeout(timer);
          child.stdout!.off('data', look);
          resolve(match);
          return true;
        };
        const timer = setTimeout(() => {
          child.stdout!.off('data', look);
          reject(new Error(`no ${pattern} in the output within ${timeoutMs} ms: ${chunks.join('').slice(-2000)}`));
        }, timeoutMs);
        // Registered after the collecting listener, so the chunk is already in `chunks`.
        if (!look()) child.stdout!.on('data', look);
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      let code = child.exitCode;
      if (code === null && child.signalCode === null) {
        const exit = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
        child.kill('SIGTERM');
        code = await exit;
      }
      const leaked = leakedSecrets(chunks.join(''));
      if (leaked.length) throw new Error(`secrets in the server's output: ${leaked.slice(0, 5).join(', ')}`);
      return code;
    },
  };
}

// ------------------------------------------------------------------ values from the contract's schemas

type JsonSchema = { [key: string]: any };

/** The JSON Schema of what a client sends (zod's own conversion, as the OpenAPI document uses). */
export function inputSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Values that make a generated request mean something: real ids of this database. */
export interface ValuePools {
  /** Ids that exist (products, customers, own documents...). */
  ids: string[];
}

const NIL_V4 = '00000000-0000-4000-8000-000000000000';
/** An opaque id (common.ts `Id`) in JSON Schema: recognised by its pattern, as a UUID was by its format. */
const ID_PATTERN = (z.toJSONSchema(Id) as JsonSchema).pattern as string;
const isId = (s: JsonSchema) => s.format === 'uuid' || (s.pattern === ID_PATTERN && s.type === 'string');

function minimalOf(s: JsonSchema, pools: ValuePools): unknown {
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  const options = s.anyOf ?? s.oneOf;
  if (Array.isArray(options)) return minimalOf(options.find((o: JsonSchema) => o.type !== 'null') ?? options[0], pools);
  if (Array.isArray(s.allOf) && s.allOf.length) return minimalOf(s.allOf[0], pools);
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of (s.required ?? []) as string[]) out[key] = minimalOf(s.properties?.[key] ?? {}, pools);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => minimalOf(s.items ?? {}, pools));
    case 'string':
      if (isId(s)) return pools.ids[0] ?? NIL_V4;
      if (s.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
      if (s.format === 'date') return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      if (s.format === 'uri') return 'https://example.com/';
      if (s.format === 'email') return 'someone@example.com';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return Math.min(Math.max(s.minimum ?? 1, 1), s.maximum ?? Infinity);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}

/**
 * The smallest value the zod schema accepts, found from its JSON Schema (required keys only, the
 * first enum value, the first pooled id); undefined when the schema accepts nothing so plain.
 */
export function exampleOf(schema: z.ZodType | undefined, pools: ValuePools): unknown {
  if (!schema) return undefined;
  const js = inputSchema(schema);
  const minimal = minimalOf(js, pools);
  // A refinement may ask for one of several optional keys: then try adding them one at a time.
  const optional =
    js.type === 'object' && minimal && typeof minimal === 'object'
      ? Object.keys(js.properties ?? {})
          .filter((k) => !(js.required ?? []).includes(k))
          .map((k) => ({ ...(minimal as object), [k]: minimalOf(js.properties[k], pools) }))
      : [];
  for (const candidate of [minimal, ...optional, {}, undefined]) {
    if (schema.safeParse(candidate).success) return candidate;
  }
  return undefined;
}

/** Unicode text as a hostile client sends it: any code unit, lone surrogates included. */
export const anyText = (maxLength = 40) => fc.string({ unit: 'binary', maxLength });

/** Arbitrary values shaped by a JSON Schema: mostly valid, not always (patterns are not followed). */
export function shapedBy(s: JsonSchema, pools: ValuePools, depth = 0): fc.Arbitrary<unknown> {
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const options = s.anyOf ?? s.oneOf;
  if (Array.isArray(options) && options.length)
    return fc.oneof(...options.map((o: JsonSchema) => shapedBy(o, pools, depth)));
  if (Array.isArray(s.allOf) && s.allOf.length) return shapedBy(s.allOf[0], pools, depth);
  switch (s.type) {
    case 'object': {
      const props = Object.entries((s.properties ?? {}) as Record<string, JsonSchema>);
      if (props.length === 0 || depth > 4) return fc.constant({});
      const model = Object.fromEntries(props.map(([k, v]) => [k, shapedBy(v, pools, depth + 1)]));
      return fc.record(model, { requiredKeys: (s.required ?? []) as string[] }) as fc.Arbitrary<unknown>;
    }
    case 'array': {
      const min = s.minItems ?? 0;
      return fc.array(shapedBy(s.items ?? {}, pools, depth + 1), {
        minLength: min,
        maxLength: Math.min(s.maxItems ?? min + 4, min + 4),
      });
    }
    case 'string': {
      if (isId(s)) {
        return fc.oneof(
          { weight: 3, arbitrary: pools.ids.length ? fc.constantFrom(...pools.ids) : fc.uuid({ version: 4 }) },
          { weight: 1, arbitrary: fc.uuid() },
          { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 130 }) },
        );
      }
      if (s.format === 'date-time') {
        return fc
          .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
          .map((d) => d.toISOString());
      }
      if (s.format === 'date')
        return fc
          .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      if (s.format === 'uri')
        return fc.oneof(
          fc.webUrl(),
          fc.constantFrom('javascript:alert(1)', 'data:text/html,<script>', 'http://', 'ftp://x'),
        );
      const min = s.minLength ?? 0;
      return fc.oneof(
        anyText(Math.min(s.maxLength ?? 40, min + 40)),
        fc.string({ minLength: min, maxLength: Math.min(s.maxLength ?? min + 20, min + 20) }),
      );
    }
    case 'integer':
      return fc.integer({
        min: Math.max(s.minimum ?? -1000, Number.MIN_SAFE_INTEGER),
        max: Math.min(s.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER),
      });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A new person of the customer with `role`, and a link of theirs (the endpoints about the link's own person need one). */
export async function personLink(
  server: { admin(path: string, init?: { method?: string; body?: unknown }): Promise<Response> },
  customerId: string,
  role = 'admin',
): Promise<string> {
  const made = await server.admin(`/api/v1/customers/${customerId}/people`, {
    body: { name: `Probe ${role}`, email: `probe-${role}@adversarial.test`, role },
  });
  if (made.status !== 201) throw new Error(`person: ${made.status} ${await made.text()}`);
  const { id } = (await made.json()) as { id: string };
  const link = await server.admin('/api/v1/customer-portal/tokens', { body: { client_id: customerId, person_id: id } });
  if (link.status !== 201) throw new Error(`link: ${link.status} ${await link.text()}`);
  return ((await link.json()) as { token: string }).token;
}
