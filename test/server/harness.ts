import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, after, before } from 'node:test';
import pg from 'pg';
import { createApp } from '../../demo-server/app.ts';
import type { AppConfig } from '../../demo-server/context.ts';
import type { StaticDirs } from '../../demo-server/static.ts';
import { openDb, type Db } from '../../demo-server/db/connect.ts';
import { seedDemo } from '../../demo-server/db/seed.ts';
import { hashSecret } from '../../demo-server/auth/secrets.ts';
import type { RateLimits } from '../../demo-server/config.ts';

export const ADMIN_KEY = 'cpa_test-admin-key-0123456789';
/** The instant the demo data is seeded at and the test clock starts from. */
export const SEED_NOW = new Date('2026-06-15T10:00:00.000Z');

export type DbKind = 'sqlite' | 'postgres';

export interface TestServer {
  url: string;
  /** The listening server: its 'request' event fires once a request's head has been read. */
  http: Server;
  db: Db;
  /** DATA_DIR of the server: the SQLite file is `portal.sqlite` in it. */
  dataDir: string;
  clock: { now: Date; advance(ms: number): void; set(iso: string): void };
  /** fetch against the server; JSON bodies are encoded for you. */
  request(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string },
  ): Promise<Response>;
  admin(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  /** A fresh token with every permission, unless some are switched off. */
  tokenFor(clientId: string, permissions?: Record<string, boolean>, expiresAt?: string | null): Promise<string>;
  /** Like tokenFor, with the token's id (to revoke it). */
  issueToken(
    clientId: string,
    permissions?: Record<string, boolean>,
    expiresAt?: string | null,
  ): Promise<{ id: string; token: string }>;
  customers: { id: string; business_name: string }[];
  /** Every line the server logged (request log and errors). */
  logs: string[];
  /** Every secret the test run was given (tokens issued through the admin API); close() checks none was logged. */
  secrets: Set<string>;
  close(): Promise<void>;
}

const PG_URL = process.env.TEST_DATABASE_URL;
if (process.env.CI === 'true' && (!PG_URL || !process.env.TEST_REDIS_URL)) {
  // .ci/run provides both; CI must never pass by skipping the PostgreSQL and Redis suites.
  throw new Error('CI=true but TEST_DATABASE_URL or TEST_REDIS_URL is not set');
}

/** Each database kind the suite runs against here; PostgreSQL only when TEST_DATABASE_URL is set. */
export function databaseKinds(): DbKind[] {
  return PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

let warned = false;
/** Runs `suite` once per database kind, each against its own fresh, seeded database. */
export function forEachDatabase(name: string, suite: (kind: DbKind) => void): void {
  if (!PG_URL && !warned) {
    warned = true;
    console.log('# PostgreSQL suites skipped: set TEST_DATABASE_URL (a role that may CREATE DATABASE) to run them');
  }
  for (const kind of databaseKinds()) describe(`${name} [${kind}]`, () => suite(kind));
}

/** A fresh empty PostgreSQL database for one suite, dropped afterwards. */
export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `portal_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        // An autovacuum worker on the database (the server's, not ours to end) makes FORCE fail
        // with 42501 for a moment: try again once it has moved on.
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            break;
          } catch (error) {
            if ((error as { code?: string }).code !== '42501' || attempt === 20) throw error;
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

export interface StartOptions {
  rateLimits?: Partial<RateLimits>;
  config?: Partial<AppConfig>;
  seed?: boolean;
  /** Where the widget's files and the example pages are served from (default: the repository's). */
  staticDirs?: StaticDirs;
}

export async function startServer(kind: DbKind, options: StartOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-test-'));
  const pgDb = kind === 'postgres' ? await freshPostgres() : undefined;
  const db = await openDb({ dataDir, databaseUrl: pgDb?.url });
  const seeded = options.seed === false ? { customers: [] } : await seedDemo(db.kysely, { now: SEED_NOW });
  const clock = {
    now: new Date(SEED_NOW),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
    set(iso: string) {
      this.now = new Date(iso);
    },
  };
  const logs: string[] = [];
  const app = createApp(
    {
      db,
      dataDir,
      log: (line) => logs.push(line),
      adminTokenHash: hashSecret(ADMIN_KEY),
      rateLimits: {
        readsPerMinute: 1000,
        writesPerMinute: 1000,
        invalidTokenPerMinute: 1000,
        windowMs: 60_000,
        ...options.rateLimits,
      },
      now: () => clock.now,
      ...options.config,
    },
    { staticDirs: options.staticDirs },
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const secrets = new Set<string>([ADMIN_KEY]);
  const request: TestServer['request'] = async (path, init = {}) => {
    const res = await fetch(url + path, {
      method: init.method ?? (init.body !== undefined || init.rawBody !== undefined ? 'POST' : 'GET'),
      headers: {
        ...(init.body !== undefined || init.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.rawBody ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
    });
    // Tokens are only ever handed out by the admin API; remember each one it answers.
    if (
      path.startsWith('/api/v1/customer-portal/tokens') &&
      res.headers.get('content-type')?.startsWith('application/json')
    ) {
      collectTokens(await res.clone().json(), secrets);
    }
    return res;
  };
  const admin: TestServer['admin'] = (path, init = {}) =>
    request(path, { ...init, headers: { authorization: `Bearer ${ADMIN_KEY}` } });

  const issueToken: TestServer['issueToken'] = async (clientId, permissions = {}, expiresAt = null) => {
    const res = await admin('/api/v1/customer-portal/tokens', {
      body: { client_id: clientId, permissions, expires_at: expiresAt },
    });
    if (res.status !== 201) throw new Error(`token creation failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; token: string };
  };

  return {
    url,
    http: server,
    db,
    dataDir,
    clock,
    request,
    admin,
    logs,
    secrets,
    customers: seeded.customers,
    issueToken,
    tokenFor: async (clientId, permissions, expiresAt) => (await issueToken(clientId, permissions, expiresAt)).token,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
      await pgDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
      const leaked = logs.filter((line) => [...secrets].some((secret) => line.includes(secret)));
      assert.deepEqual(leaked, [], 'a token or the admin key reached the log');
    },
  };
}

/** Every string under a `token` key, at any depth. */
function collectTokens(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collectTokens(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'token' && typeof item === 'string') into.add(item);
      else collectTokens(item, into);
    }
  }
}

/** Starts one server for the enclosing describe and closes it afterwards. */
export function useServer(kind: DbKind, options: StartOptions = {}): { get(): TestServer } {
  let server: TestServer | undefined;
  before(async () => {
    server = await startServer(kind, options);
  });
  after(async () => {
    await server?.close();
  });
  return { get: () => server! };
}

export const portal = (token: string, path = '') => `/api/v1/customer-portal/view/${token}${path}`;

/** Reads a JSON error body and checks its shape. */
export async function errorOf(res: Response): Promise<{ code: string; message: string; details?: unknown }> {
  const body = (await res.json()) as { error: { code: string; message: string; details?: unknown } };
  if (!body?.error?.code || typeof body.error.message !== 'string')
    throw new Error(`not a JSON error: ${JSON.stringify(body)}`);
  return body.error;
}
