/**
 * Rate limits hold exactly under 100 concurrent requests, with the counters in memory and in
 * Redis: against a budget of 50, exactly 50 get through and 50 get a JSON 429 (no overrun), and
 * 50 concurrent requests on a fresh budget of 50 all get through (no false 429s). Per token for
 * reads and writes, per client address for invalid tokens (each case connects from its own
 * 127.x.y.z, so no other test or run shares its counter).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'redis';
import type { RedisLike } from '../../demo-server/context.ts';
import { catalogFor } from '../server/fixtures.ts';
import { forEachDatabase, portal, startServer, type DbKind, type TestServer } from '../server/harness.ts';
import { PORTAL_ENDPOINTS, freshLoopbackAddress, personLink, rawRequest, type RawAnswer } from './support.ts';

const LIMIT = 50;
const BURST = 100;
const LIMITS = { readsPerMinute: LIMIT, writesPerMinute: LIMIT, invalidTokenPerMinute: LIMIT };
const REDIS_URL = process.env.TEST_REDIS_URL;

/** The GET endpoints without an id: one read budget covers them all. */
const READ_PATHS = PORTAL_ENDPOINTS.filter(
  ({ endpoint }) => endpoint.method === 'get' && !endpoint.path.includes('{id}'),
).map(({ endpoint }) => endpoint.path.slice(endpoint.path.indexOf('{token}') + '{token}'.length));

function tally(answers: RawAnswer[]) {
  const limited = answers.filter((r) => r.status === 429);
  const passed = answers.filter((r) => r.status !== 429);
  for (const r of limited) {
    assert.equal((r.json as { error: { code: string } }).error.code, 'rate_limited');
    assert.ok(Number(r.headers['retry-after']) >= 1, 'Retry-After on a 429');
  }
  return { limited: limited.length, passed, statuses: [...new Set(answers.map((r) => r.status))].sort() };
}

/** The `r=` (remaining) of each answer's RateLimit header. */
const remaining = (answers: RawAnswer[]) =>
  answers.map((r) => Number(/r=(\d+)/.exec(String(r.headers.ratelimit))?.[1])).sort((a, b) => a - b);
const countdown = (n: number) => Array.from({ length: n }, (_, i) => i);

function suite(kind: DbKind, store: 'memory' | 'Redis') {
  let server: TestServer;
  let redis: ReturnType<typeof createClient> | undefined;
  let body: { lines: { product_id: string; quantity: number }[] };

  before(async () => {
    let shared: RedisLike | undefined;
    if (store === 'Redis') {
      redis = createClient({ url: REDIS_URL });
      await redis.connect();
      shared = { sendCommand: (args) => redis!.sendCommand(args) };
    }
    server = await startServer(kind, { rateLimits: LIMITS, config: { redis: shared } });
    const customer = server.customers[0].id;
    body = { lines: [{ product_id: (await catalogFor(server, customer)).orderable[0].id, quantity: 1 }] };
  });
  after(async () => {
    await server?.close();
    await redis?.quit();
  });

  const read = (token: string, i: number) =>
    rawRequest(server.url, { method: 'GET', path: portal(token, READ_PATHS[i % READ_PATHS.length]) });
  const write = (token: string, i: number) =>
    rawRequest(server.url, {
      method: 'POST',
      path: portal(token, '/orders'),
      headers: { 'content-type': 'application/json', 'idempotency-key': `rl-${token.slice(-8)}-${i}` },
      body: JSON.stringify(body),
    });

  it(`reads: ${BURST} concurrent against a budget of ${LIMIT} -> exactly ${LIMIT} through, ${BURST - LIMIT} refused`, async () => {
    // A person's link (an Admin's): every read answers it, their own profile included.
    const token = await personLink(server, server.customers[0].id);
    const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => read(token, i)));
    const { limited, passed, statuses } = tally(answers);
    assert.equal(passed.length, LIMIT, `statuses ${statuses}`);
    assert.equal(limited, BURST - LIMIT);
    assert.ok(
      passed.every((r) => r.status === 200),
      `statuses ${statuses}`,
    );
    assert.deepEqual(remaining(passed), countdown(LIMIT), 'each request that got through was counted once');
  });

  it(`reads: ${LIMIT} concurrent on a fresh budget of ${LIMIT} -> all through, the next one refused`, async () => {
    const token = await personLink(server, server.customers[1].id);
    const answers = await Promise.all(Array.from({ length: LIMIT }, (_, i) => read(token, i)));
    assert.deepEqual(
      answers.map((r) => r.status),
      answers.map(() => 200),
    );
    assert.equal((await read(token, 0)).status, 429);
  });

  it(`writes: ${BURST} concurrent checkouts against a budget of ${LIMIT} -> exactly ${LIMIT} orders`, async () => {
    const customer = server.customers[0].id;
    const token = await server.tokenFor(customer);
    const count = async () =>
      Number(
        (
          await server.db.kysely
            .selectFrom('orders')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('customer_id', '=', customer)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => write(token, i)));
    const { limited, passed, statuses } = tally(answers);
    assert.equal(passed.length, LIMIT, `statuses ${statuses}`);
    assert.equal(limited, BURST - LIMIT);
    assert.ok(
      passed.every((r) => r.status === 201),
      `statuses ${statuses}: ${passed.find((r) => r.status !== 201)?.text}`,
    );
    assert.equal(await count(), before + LIMIT);
    // Reads have their own budget.
    assert.equal((await read(token, 0)).status, 200);
  });

  it(`writes: ${LIMIT} concurrent checkouts on a fresh budget of ${LIMIT} -> all placed`, async () => {
    const token = await server.tokenFor(server.customers[1].id);
    const answers = await Promise.all(Array.from({ length: LIMIT }, (_, i) => write(token, i)));
    assert.deepEqual(
      answers.map((r) => r.status),
      answers.map(() => 201),
    );
    assert.equal((await write(token, LIMIT)).status, 429);
  });

  it(`invalid tokens: ${BURST} concurrent from one address against ${LIMIT} -> exactly ${LIMIT} 401s; another address is not affected`, async () => {
    const address = freshLoopbackAddress();
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        rawRequest(server.url, {
          method: 'GET',
          path: portal(`cpt_not-a-token-${i}`, '/session'),
          localAddress: address,
        }),
      ),
    );
    const { limited, passed, statuses } = tally(answers);
    assert.equal(passed.length, LIMIT, `statuses ${statuses}`);
    assert.equal(limited, BURST - LIMIT);
    assert.ok(passed.every((r) => r.status === 401));
    assert.deepEqual(remaining(passed), countdown(LIMIT));
    const elsewhere = await rawRequest(server.url, {
      method: 'GET',
      path: portal('cpt_not-a-token', '/session'),
      localAddress: freshLoopbackAddress(),
    });
    assert.equal(elsewhere.status, 401);
    // A valid token from the limited address still works: only failures are counted per address.
    const token = await server.tokenFor(server.customers[2].id);
    assert.equal(
      (await rawRequest(server.url, { method: 'GET', path: portal(token, '/session'), localAddress: address })).status,
      200,
    );
  });
}

forEachDatabase('rate limits under concurrency, counters in memory', (kind) => suite(kind, 'memory'));

describe(
  'rate limits under concurrency, counters in Redis',
  { skip: REDIS_URL ? false : 'skipped: set TEST_REDIS_URL to run it' },
  () => {
    forEachDatabase('Redis store', (kind) => suite(kind, 'Redis'));
  },
);
