/**
 * Fuzzing every endpoint of the registry with fast-check: methods, paths (tokens, ids, encodings,
 * mutations), queries, headers and bodies, mostly malformed, shaped by each endpoint's own zod
 * schemas so that many get past the first check. For every request: no 5xx, every 4xx a JSON
 * error of the contract's shape, no stack trace, every exact success matching the endpoint's
 * response schema; and the server keeps answering and logs no internal error.
 *
 * FUZZ_RUNS requests per database (10,000 by default), split over the endpoints. The seed is
 * printed; replay one endpoint with FUZZ_SEED=<seed> FUZZ_ONLY=<endpoint> [FUZZ_PATH=<path>]
 * npx tsx --test test/adversarial/fuzz.test.ts (a failure prints the whole command).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import fc from 'fast-check';
import { CheckedErrorBody, ERROR_STATUS, type Endpoint } from '../../widget/contract/index.ts';
import { openApiDocument } from '../../widget/contract/openapi.ts';
import { ADMIN_KEY, forEachDatabase, portal, useServer, type DbKind, type TestServer } from '../server/harness.ts';
import {
  ENDPOINTS,
  anyText,
  exampleOf,
  fillPath,
  inputSchema,
  ownedObjects,
  pathParams,
  rawRequest,
  shapedBy,
  type NamedEndpoint,
  type RawAnswer,
  type ValuePools,
} from './support.ts';

const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const BASE_SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ONLY = process.env.FUZZ_ONLY;
const REPLAY_PATH = process.env.FUZZ_PATH;
const UNLIMITED = { readsPerMinute: 1e9, writesPerMinute: 1e9, invalidTokenPerMinute: 1e9 };

const targets = ENDPOINTS.filter((e) => !ONLY || e.name === ONLY);
const RUNS_PER_ENDPOINT = Math.ceil(TOTAL_RUNS / Math.max(1, targets.length));

/** A stable per-endpoint seed, so adding endpoints to the registry does not change the others' runs. */
function seedFor(name: string): number {
  let h = 2166136261;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (BASE_SEED ^ h) | 0;
}

// ------------------------------------------------------------------ generated requests

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** `latin1` carries arbitrary bytes (invalid UTF-8 included). */
  body?: { text: string; encoding: 'utf8' | 'latin1' };
  /** The endpoint's own method and an unmutated path: a success must match its response schema. */
  exact: boolean;
}

interface Pools extends ValuePools {
  token: string;
  otherTokens: string[];
  ownKeys: string[];
  otherKeys: string[];
  productIds: string[];
}

/** Percent-encodes a string's UTF-8 bytes outside unreserved characters (lone surrogates become U+FFFD, as on the wire). */
const encode = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[\w.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

/** Characters a header value may carry on the wire (node refuses control characters). */
const headerText = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((c) => c !== 0x7f)
    .map((c) => String.fromCharCode(c)),
  maxLength: 80,
});

const NASTY_SEGMENTS = [
  '',
  '.',
  '..',
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '%2e%2e',
  '%2F',
  '%2f..%2f',
  '%C0%AF',
  '%FF%FE',
  '%25',
  '%u0041',
  'cpt_',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '0',
  '-1',
  '1e400',
  'x'.repeat(4000),
  '%20',
  "'%20OR%201=1--",
  '%3Cscript%3E',
  'SO-2026-0001',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '{id}',
  '{token}',
  ':id',
];
const garbageSegment = fc.oneof(
  w(2, anyText(60).map(encode)),
  w(2, fc.constantFrom(...NASTY_SEGMENTS)),
  w(1, fc.string({ unit: 'binary-ascii', maxLength: 30 }).map(encode)),
);

const NASTY_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  -0,
  1.5,
  2 ** 53,
  -(2 ** 63),
  1e308,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\uffff',
  'null',
  '[]',
  '{}',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  'x'.repeat(5000),
  '__proto__',
  [],
  {},
  [[[]]],
  { __proto__: { polluted: 1 } },
  '1e400',
  'NaN',
  'Infinity',
  '2026-02-30T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '00000000-0000-0000-0000-000000000000',
];
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  w(3, fc.constantFrom(...NASTY_VALUES)),
  w(2, fc.jsonValue({ maxDepth: 2 })),
  w(1, anyText(50)),
  w(1, fc.integer()),
  w(1, fc.double()),
);

type Step = string | number;
function nodePaths(value: unknown, at: Step[] = [], out: Step[][] = []): Step[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => nodePaths(v, [...at, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) nodePaths(v, [...at, k], out);
  return out;
}

interface Mutation {
  at: number;
  kind: 'replace' | 'delete' | 'add' | 'wrap';
  value: unknown;
  key: string;
}
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'add', 'wrap'),
  value: nastyValue,
  key: fc.oneof(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'id',
      'customer_id',
      'lines',
      'price',
      'unit_price_minor',
      'admin',
    ),
    anyText(12),
  ),
});

/** Applies mutations to a copy of a valid value: a field replaced, dropped, added or wrapped in an array. */
function mutate(value: unknown, mutations: Mutation[]): unknown {
  let root: unknown = structuredClone(value);
  for (const m of mutations) {
    const paths = nodePaths(root);
    const path = paths[m.at % paths.length];
    if (path.length === 0) {
      root = m.kind === 'wrap' ? [root] : m.kind === 'replace' || m.kind === 'delete' ? m.value : root;
      continue;
    }
    const parent = path.slice(0, -1).reduce<any>((node, step) => node[step], root);
    const last = path[path.length - 1];
    if (m.kind === 'replace') parent[last] = m.value;
    else if (m.kind === 'delete') Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last];
    else if (m.kind === 'wrap') parent[last] = [parent[last]];
    else if (typeof parent[last] === 'object' && parent[last] !== null && !Array.isArray(parent[last]))
      Object.defineProperty(parent[last], m.key, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else parent[last] = m.value;
  }
  return root;
}

const SPECIAL_BODIES = [
  '',
  ' ',
  'null',
  '[]',
  '{}',
  '"x"',
  '1',
  'true',
  '\ufeff{}',
  '{"a":1',
  '{"a":1}}',
  "{'a':1}",
  '{"a":NaN}',
  '{"a":undefined}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '['.repeat(10_000) + ']'.repeat(10_000),
  `{"lines":${'['.repeat(3000)}${']'.repeat(3000)}}`,
  '{"lines":[{"product_id":"x","quantity":1e400}]}',
  '{"lines":[{"quantity":-1e-400}]}',
  `{"note":"${'x'.repeat(100 * 1024)}"}`,
  `{"note":"${'x'.repeat(100 * 1024 - 20)}"}`,
  '{"lines":[],"lines":[{"quantity":1}]}',
  '{"reason":"\\ud800"}',
  '{"reason":"\\u0000"}',
  '\u0000',
  'lines=1&quantity=2',
  '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
];

function bodyArb(endpoint: Endpoint, pools: Pools): fc.Arbitrary<FuzzRequest['body']> {
  const text = (arb: fc.Arbitrary<string>) => arb.map((t) => ({ text: t, encoding: 'utf8' as const }));
  const random = fc.oneof(
    w(2, text(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)))),
    w(2, text(fc.constantFrom(...SPECIAL_BODIES))),
    w(1, text(anyText(200))),
    w(
      1,
      fc
        .uint8Array({ maxLength: 200 })
        .map((bytes) => ({ text: Buffer.from(bytes).toString('latin1'), encoding: 'latin1' as const })),
    ),
  );
  if (!endpoint.body) return fc.oneof(w(8, fc.constant(undefined)), w(2, random));
  const valid = shapedBy(inputSchema(endpoint.body), pools);
  const example = exampleOf(endpoint.body, pools);
  return fc.oneof(
    w(3, text(valid.map((v) => JSON.stringify(v) ?? ''))),
    w(1, text(fc.constant(JSON.stringify(example) ?? ''))),
    w(
      5,
      text(
        fc
          .tuple(valid, fc.array(mutationArb, { minLength: 1, maxLength: 3 }))
          .map(([v, m]) => JSON.stringify(mutate(v, m)) ?? ''),
      ),
    ),
    w(1, text(valid.map((v) => (JSON.stringify(v) ?? '').replace(/(":)(\d+)/, '$11e400')))),
    w(3, random),
  );
}

function queryArb(endpoint: Endpoint, pools: Pools): fc.Arbitrary<string> {
  const known = Object.keys(endpoint.query?.shape ?? {});
  const cursor = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }).map((v) => b64url(JSON.stringify(v))),
    fc.tuple(anyText(30), anyText(30)).map((pair) => b64url(JSON.stringify(pair))),
    fc
      .tuple(fc.date({ noInvalidDate: true }), fc.constantFrom(...pools.ownKeys, ...pools.otherKeys))
      .map(([d, id]) => b64url(JSON.stringify([d.toISOString(), id]))),
    anyText(40).map(encode),
  );
  const value = fc.oneof(
    fc.constantFrom(
      '0',
      '1',
      '-1',
      '1.5',
      '50',
      '51',
      '100',
      '101',
      '1e3',
      '0x10',
      '9007199254740993',
      '',
      '%',
      '%zz',
      'true',
      'null',
      '[]',
    ),
    garbageSegment,
    cursor,
    fc.constantFrom(...pools.ids.slice(0, 20)),
  );
  const key = fc.oneof(
    w(4, known.length ? fc.constantFrom(...known) : fc.constant('limit')),
    w(1, fc.constantFrom('__proto__', 'constructor', 'a[b]', 'limit[]', 'cursor[0]', '', '%', 'client_id')),
    w(1, anyText(10).map(encode)),
  );
  const valid = endpoint.query
    ? (shapedBy(inputSchema(endpoint.query), pools) as fc.Arbitrary<Record<string, unknown>>).map((q) =>
        new URLSearchParams(Object.entries(q ?? {}).map(([k, v]) => [k, String(v)])).toString(),
      )
    : fc.constant('');
  return fc
    .oneof(
      w(4, fc.constant('')),
      w(3, valid),
      w(
        4,
        fc
          .array(fc.tuple(key, value), { minLength: 1, maxLength: 4 })
          .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
      ),
    )
    .map((q) => (q ? `?${q}` : ''));
}

function headersArb(named: NamedEndpoint, pools: Pools, hasBody: boolean): fc.Arbitrary<Record<string, string>> {
  const { endpoint } = named;
  const admin = endpoint.auth === 'admin';
  /** Present once in `freq` requests. */
  const opt = <T>(arb: fc.Arbitrary<T>, freq: number) => fc.oneof(w(freq - 1, fc.constant(undefined)), w(1, arb));
  return fc
    .record({
      'content-type': hasBody
        ? fc.oneof(
            w(10, fc.constant('application/json')),
            w(
              3,
              fc.constantFrom(
                'application/json; charset=utf-8',
                'application/json; charset=utf-16',
                'application/json; charset=latin1',
                'application/json; charset=',
                'text/plain',
                'application/x-www-form-urlencoded',
                'multipart/form-data; boundary=x',
                'application/merge-patch+json',
                '*/*',
                'application/json;;;',
                'json',
              ),
            ),
            w(1, headerText),
            w(1, fc.constant(undefined)),
          )
        : opt(fc.constantFrom('application/json', 'text/plain'), 4),
      'idempotency-key': endpoint.idempotent
        ? fc.oneof(
            w(8, fc.uuid()),
            w(2, headerText),
            w(1, fc.constantFrom('', ' ', 'k'.repeat(255), 'k'.repeat(256), 'a b')),
            w(1, fc.constant(undefined)),
          )
        : opt(fc.uuid(), 6),
      authorization: admin
        ? fc.oneof(
            w(10, fc.constant(`Bearer ${ADMIN_KEY}`)),
            w(
              3,
              fc.constantFrom(
                `bearer ${ADMIN_KEY}`,
                `Bearer ${ADMIN_KEY} x`,
                `Bearer  ${ADMIN_KEY}  `,
                'Bearer',
                'Bearer ',
                `Basic ${Buffer.from('admin:admin').toString('base64')}`,
                `Bearer ${pools.token}`,
                `Bearer ${ADMIN_KEY.toUpperCase()}`,
              ),
            ),
            w(1, headerText),
            w(2, fc.constant(undefined)),
          )
        : opt(fc.oneof(fc.constant(`Bearer ${ADMIN_KEY}`), headerText), 6),
      'content-encoding': opt(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-garbage', 'gzip, gzip'), 10),
      origin: opt(fc.oneof(fc.constantFrom('https://shop.example.com', 'null', 'https://evil.example'), headerText), 6),
      'x-forwarded-for': opt(fc.oneof(fc.ipV4(), fc.ipV6(), headerText), 8),
      accept: opt(fc.oneof(fc.constantFrom('application/json', 'text/html', '*/*', 'application/pdf'), headerText), 6),
      'access-control-request-method': opt(fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT'), 8),
      range: opt(fc.constantFrom('bytes=0-10', 'bytes=garbage', 'bytes=-1'), 12),
      'if-none-match': opt(fc.constantFrom('*', 'W/"x"'), 12),
    })
    .map((h) => Object.fromEntries(Object.entries(h).filter((e): e is [string, string] => e[1] !== undefined)));
}

const PATH_MUTATIONS: ((path: string) => string)[] = [
  (p) => `${p}/`,
  (p) => p.replace(/\/([^/]*)$/, '//$1'),
  (p) => `${p}/extra`,
  (p) => p.toUpperCase(),
  (p) => p.replace(/\/([^/]*)$/, '/../$1'),
  (p) => `${p};x=1`,
  (p) => `${p}%00`,
  (p) => p.replace('/api/v1/', '/api/v2/'),
  (p) => `${p}#fragment`,
  (p) => `/${p.slice(1).replace(/\//g, '%2F')}`,
  (p) => `${p}.json`,
];

function requestArb(named: NamedEndpoint, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const { endpoint } = named;
  const params = pathParams(endpoint);
  // Each value says whether it is well-formed (then a success must match the response schema).
  const clean = (arb: fc.Arbitrary<string>) => arb.map((v) => [v, true] as const);
  const dirty = garbageSegment.map((v) => [v, false] as const);
  const token = fc.oneof(
    w(14, clean(fc.constant(pools.token))),
    w(1, clean(fc.constantFrom(...pools.otherTokens))),
    w(2, dirty),
  );
  const id = fc.oneof(
    w(5, clean(fc.constantFrom(...pools.ownKeys))),
    w(2, clean(fc.constantFrom(...pools.otherKeys))),
    w(1, clean(fc.uuid())),
    w(2, dirty),
  );
  const paramArb = fc.tuple(...params.map((p) => (p === 'token' ? token : id)));
  const method = fc.oneof(
    w(12, fc.constant(endpoint.method.toUpperCase())),
    w(1, fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND')),
  );
  const pathMutation = fc.oneof(w(14, fc.constant(-1)), w(2, fc.nat({ max: PATH_MUTATIONS.length - 1 })));
  return fc
    .tuple(method, paramArb, pathMutation, queryArb(endpoint, pools), bodyArb(endpoint, pools))
    .chain(([m, values, mutation, query, body]) =>
      headersArb(named, pools, body !== undefined).map((headers): FuzzRequest => {
        const path = fillPath(endpoint, Object.fromEntries(params.map((p, i) => [p, values[i][0]])));
        return {
          method: m,
          path: (mutation < 0 ? path : PATH_MUTATIONS[mutation](path)) + query,
          headers,
          body,
          exact: mutation < 0 && m === endpoint.method.toUpperCase() && values.every(([, ok]) => ok),
        };
      }),
    );
}

// ------------------------------------------------------------------ the oracle

const STACK_TRACE = /\n\s+at .+:\d+:\d+|node_modules|\.ts:\d+/;

/** The statuses the OpenAPI document declares for each operation, and for any of them. */
const DOCUMENT = openApiDocument();
const declared = (endpoint: Endpoint) =>
  new Set(
    Object.keys(
      (DOCUMENT.paths[endpoint.path] as Record<string, { responses: object }>)[endpoint.method].responses,
    ).map(Number),
  );
const DECLARED_ANYWHERE = new Set(
  Object.values(DOCUMENT.paths).flatMap((operations) =>
    Object.values(operations as Record<string, { responses: object }>).flatMap((o) =>
      Object.keys(o.responses).map(Number),
    ),
  ),
);

function judge({ endpoint }: NamedEndpoint, req: FuzzRequest, res: RawAnswer): void {
  assert.ok(res.status >= 200 && res.status < 500, `answered ${res.status}: ${res.text.slice(0, 500)}`);
  if (req.exact) {
    // The endpoint's own method and path: only what its operation in the OpenAPI document declares.
    assert.ok(
      declared(endpoint).has(res.status),
      `answered ${res.status}, which ${endpoint.method.toUpperCase()} ${endpoint.path} does not declare (${[...declared(endpoint)].join(', ')}): ${res.text.slice(0, 300)}`,
    );
  } else {
    // A mutated path or another method: some operation's status, no route (404), or a CORS preflight (204).
    assert.ok(
      DECLARED_ANYWHERE.has(res.status) || res.status === 404 || (req.method === 'OPTIONS' && res.status === 204),
      `answered ${res.status}, which no operation declares: ${res.text.slice(0, 300)}`,
    );
  }
  assert.ok(!STACK_TRACE.test(res.text), `a stack trace or source path leaked: ${res.text.slice(0, 500)}`);
  if (req.method === 'HEAD' || res.status === 204) return;
  if (res.status >= 400) {
    assert.match(
      String(res.headers['content-type']),
      /^application\/json/,
      `a ${res.status} that is not JSON: ${res.text.slice(0, 200)}`,
    );
    const parsed = CheckedErrorBody.safeParse(res.json);
    assert.ok(
      parsed.success,
      `a ${res.status} that is not the contract's error shape (details typed by code): ${res.text.slice(0, 500)}`,
    );
    assert.equal(
      res.status,
      ERROR_STATUS[parsed.data.error.code],
      `${parsed.data.error.code} answered with ${res.status}`,
    );
    return;
  }
  if (req.exact && res.status === endpoint.status && endpoint.response && !endpoint.binary) {
    const parsed = endpoint.response.safeParse(res.json);
    assert.ok(
      parsed.success,
      `a ${res.status} that breaks the response schema: ${parsed.error?.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
}

const show = (req: FuzzRequest) =>
  JSON.stringify({
    ...req,
    body: req.body && {
      ...req.body,
      text:
        req.body.text.length > 300 ? `${req.body.text.slice(0, 300)}… (${req.body.text.length} chars)` : req.body.text,
    },
  });

// ------------------------------------------------------------------ the suite

async function preparePools(server: TestServer): Promise<Pools> {
  const db = server.db.kysely;
  const [me, other] = server.customers;
  const token = await server.tokenFor(me.id);
  const otherToken = await server.tokenFor(other.id);
  const revoked = await server.issueToken(me.id);
  assert.equal((await server.admin(`/api/v1/customer-portal/tokens/${revoked.id}`, { method: 'DELETE' })).status, 204);
  const objects = await ownedObjects(db);
  const keysOf = (list: typeof objects) => list.flatMap((o) => [o.id, o.number].filter((k): k is string => k !== null));
  const productIds = (await db.selectFrom('products').select('id').execute()).map((p) => p.id);
  const customerIds = server.customers.map((c) => c.id);
  const tokenIds = (await db.selectFrom('portal_tokens').select('id').where('customer_id', '!=', me.id).execute()).map(
    (t) => t.id,
  );
  return {
    token,
    otherTokens: [otherToken, revoked.token],
    ownKeys: keysOf(objects.filter((o) => o.customerId === me.id && o.table !== 'portal_tokens')),
    otherKeys: keysOf(objects.filter((o) => o.customerId !== me.id)),
    productIds,
    // Ids that exist, for every uuid the schemas ask for (the fuzz token's own id is left out: revoking it would end the run).
    ids: [
      ...productIds.slice(0, 30),
      ...customerIds,
      ...tokenIds,
      ...objects.filter((o) => o.customerId === me.id && o.table !== 'portal_tokens').map((o) => o.id),
    ],
  };
}

forEachDatabase('fuzzing every endpoint', (kind: DbKind) => {
  const s = useServer(kind, { rateLimits: UNLIMITED });
  let pools: Pools;
  let settings: unknown;
  let requests = 0;

  before(async () => {
    const server = s.get();
    pools = await preparePools(server);
    settings = await (await server.admin('/api/v1/workspace/settings')).json();
    console.log(
      `fuzz [${kind}]: seed ${BASE_SEED}, ${RUNS_PER_ENDPOINT} requests for each of ${targets.length} endpoints. ` +
        `Replay one endpoint with FUZZ_SEED=${BASE_SEED} FUZZ_ONLY=<endpoint> npx tsx --test test/adversarial/fuzz.test.ts (add FUZZ_PATH=<path> from a failure)`,
    );
  });

  after(() => console.log(`fuzz [${kind}]: ${requests} requests sent`));

  for (const named of targets) {
    it(`${named.name} (${named.endpoint.method.toUpperCase()} ${named.endpoint.path}): ${RUNS_PER_ENDPOINT} generated requests, no 5xx, every error JSON`, async () => {
      const server = s.get();
      const seed = seedFor(named.name);
      const statuses = new Map<number, number>();
      const property = fc.asyncProperty(requestArb(named, pools), async (req) => {
        requests++;
        const res = await rawRequest(server.url, {
          method: req.method,
          path: req.path,
          headers: req.headers,
          body: req.body && Buffer.from(req.body.text, req.body.encoding),
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        judge(named, req, res);
      });
      const details = await fc.check(property, {
        numRuns: RUNS_PER_ENDPOINT,
        seed,
        ...(REPLAY_PATH ? { path: REPLAY_PATH } : {}),
      });
      try {
        if (details.failed) {
          const example = details.counterexample ? show(details.counterexample[0]) : '(none)';
          assert.fail(
            `${named.name} [${kind}]: ${String((details.errorInstance as Error)?.message ?? details.errorInstance)}\n` +
              `request: ${example}\nreplay: FUZZ_SEED=${BASE_SEED} FUZZ_ONLY=${named.name} FUZZ_PATH=${details.counterexamplePath} npx tsx --test test/adversarial/fuzz.test.ts ` +
              `(fast-check seed ${details.seed}, path ${details.counterexamplePath})`,
          );
        }
        console.log(
          `fuzz [${kind}] ${named.name}: answers ${[...statuses]
            .sort(([a], [b]) => a - b)
            .map(([st, n]) => `${st}x${n}`)
            .join(' ')}`,
        );
        // Still answering, and nothing unexpected in the log.
        assert.equal(
          (await server.request(portal(pools.token, '/session'))).status,
          200,
          'the server stopped answering a valid request',
        );
        const internal = server.logs.filter((line) => line.startsWith('internal error'));
        assert.deepEqual(internal.slice(0, 3), [], 'the server logged internal errors');
      } finally {
        // Admin fuzzing may switch sections or checkout off; the next endpoint starts from the seeded settings.
        const restore = await server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: settings });
        assert.equal(restore.status, 200, await restore.text());
      }
    });
  }
});
