import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'redis';
import { createApp } from '../../demo-server/app.ts';
import { hashSecret } from '../../demo-server/auth/secrets.ts';
import { MemoryCounters } from '../../demo-server/middleware/rate-limit.ts';
import { endpoints } from '../../widget/contract/index.ts';
import { ADMIN_KEY, errorOf, forEachDatabase, portal, startServer, useServer, type TestServer } from './harness.ts';

const NIL = '00000000-0000-4000-8000-000000000000';
const DEFAULTS = { readsPerMinute: 30, writesPerMinute: 10, invalidTokenPerMinute: 5 };

forEachDatabase('rate limits', (kind) => {
  const s = useServer(kind, { rateLimits: DEFAULTS });

  it('allows 30 reads a minute per token, then answers a JSON 429 with Retry-After', async () => {
    const server = s.get();
    const token = await server.tokenFor(server.customers[0].id);
    const remaining: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await server.request(portal(token, '/session'));
      assert.equal(res.status, 200, `read ${i + 1}`);
      remaining.push(Number(/r=(\d+)/.exec(res.headers.get('ratelimit') ?? '')?.[1]));
      if (i === 0) assert.match(res.headers.get('ratelimit-policy') ?? '', /q=30; w=60/);
    }
    assert.deepEqual(
      remaining,
      Array.from({ length: 30 }, (_, i) => 29 - i),
    );
    const limited = await server.request(portal(token, '/orders'));
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    const error = await errorOf(limited);
    assert.equal(error.code, 'rate_limited');
    assert.deepEqual(error.details, { retry_after_seconds: retryAfter });

    // Writes have their own budget, and another token is not affected.
    const write = await server.request(portal(token, '/orders'), {
      body: { lines: [] },
      headers: { 'idempotency-key': 'rl' },
    });
    assert.equal(write.status, 400);
    const other = await server.tokenFor(server.customers[1].id);
    assert.equal((await server.request(portal(other, '/session'))).status, 200);
  });

  it('allows 10 writes a minute per token', async () => {
    const server = s.get();
    const token = await server.tokenFor(server.customers[2].id);
    for (let i = 0; i < 10; i++) {
      const res = await server.request(portal(token, '/orders'), {
        body: { lines: [] },
        headers: { 'idempotency-key': `w${i}` },
      });
      assert.equal(res.status, 400, `write ${i + 1} is counted and then validated`);
    }
    const limited = await server.request(portal(token, '/orders'), {
      body: { lines: [] },
      headers: { 'idempotency-key': 'w10' },
    });
    assert.equal(limited.status, 429);
    assert.match(limited.headers.get('ratelimit-policy') ?? '', /"writes"; q=10; w=60/);
    assert.equal((await server.request(portal(token, '/session'))).status, 200, 'reads still work');
  });

  it("every portal write of the contract's registry counts against the write budget", async () => {
    const server = s.get();
    const writes = Object.entries(endpoints).filter(([, e]) => e.auth === 'portal' && e.method !== 'get');
    assert.ok(
      writes.some(([name]) => name === 'approveOrderCharge') && writes.some(([name]) => name === 'rejectOrderCharge'),
    );
    for (const [name, endpoint] of writes) {
      const token = await server.tokenFor(server.customers[4].id);
      // Every id names nothing: the answers are refusals, counted all the same.
      const path = endpoint.path.replace(/\{(\w+)\}/g, (_, param: string) => (param === 'token' ? token : NIL));
      const send = (i: number) =>
        server.request(path, {
          method: endpoint.method.toUpperCase(),
          body: {},
          headers: { 'idempotency-key': `${name}-${i}` },
        });
      for (let i = 0; i < DEFAULTS.writesPerMinute; i++)
        assert.notEqual((await send(i)).status, 429, `${name} ${i + 1}`);
      const limited = await send(DEFAULTS.writesPerMinute);
      assert.equal(limited.status, 429, name);
      assert.equal((await errorOf(limited)).code, 'rate_limited', name);
    }
  });

  it('limits requests with invalid tokens per IP, separately from valid ones', async () => {
    const server = s.get();
    for (let i = 0; i < 5; i++) assert.equal((await server.request(portal(`cpt_guess${i}`, '/session'))).status, 401);
    const limited = await server.request(portal('cpt_guess5', '/session'));
    assert.equal(limited.status, 429);
    assert.equal((await errorOf(limited)).code, 'rate_limited');
    // A valid token from the same address still gets through.
    const token = await server.tokenFor(server.customers[3].id);
    assert.equal((await server.request(portal(token, '/session'))).status, 200);
  });

  it('counts failed admin keys against the same per-IP limit', async () => {
    const server = await startServer(kind, { rateLimits: DEFAULTS });
    try {
      const wrong = { headers: { authorization: 'Bearer wrong-key-wrong-key' } };
      for (let i = 0; i < 5; i++) assert.equal((await server.request('/api/v1/customers', wrong)).status, 401);
      assert.equal((await server.request('/api/v1/customers', wrong)).status, 429);
      assert.equal((await server.admin('/api/v1/customers')).status, 200, 'the right key is not locked out');
    } finally {
      await server.close();
    }
  });
});

const REDIS_URL = process.env.TEST_REDIS_URL;

describe(
  'rate limits shared through Redis by two server processes',
  { skip: REDIS_URL ? false : 'skipped: set TEST_REDIS_URL to run it' },
  () => {
    let server: TestServer;
    let second: { url: string; close(): Promise<void> };
    let redis: ReturnType<typeof createClient>;

    before(async () => {
      redis = createClient({ url: REDIS_URL });
      await redis.connect();
      const sendCommand = (args: string[]) => redis.sendCommand(args);
      server = await startServer('sqlite', { rateLimits: DEFAULTS, config: { redis: { sendCommand } } });
      // A second app on the same database and the same Redis, as a second process would be.
      const app = createApp({
        db: server.db,
        adminTokenHash: hashSecret(ADMIN_KEY),
        allowedOrigins: [],
        redis: { sendCommand },
        rateLimits: { ...DEFAULTS, windowMs: 60_000 },
        now: () => server.clock.now,
      });
      const listener = app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => listener.once('listening', () => resolve()));
      second = {
        url: `http://127.0.0.1:${(listener.address() as AddressInfo).port}`,
        close: () =>
          new Promise<void>((resolve) => {
            listener.closeAllConnections();
            listener.close(() => resolve());
          }),
      };
    });
    after(async () => {
      await second?.close();
      await server?.close();
      await redis?.quit();
    });

    it('30 reads a minute per token in total, across both servers', async () => {
      const token = await server.tokenFor(server.customers[0].id);
      const urls = [server.url, second.url];
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await fetch(urls[i % 2] + portal(token, '/session'))).status);
      assert.ok(statuses.every((st) => st === 200));
      assert.equal((await fetch(server.url + portal(token, '/session'))).status, 429);
      assert.equal((await fetch(second.url + portal(token, '/session'))).status, 429);
    });
  },
);

it("MemoryCounters: a window opens at a key's first hit and a new one opens once it ends; ended windows are swept", () => {
  let now = 1_000;
  const counters = new MemoryCounters(60_000, () => now);
  assert.deepEqual(counters.increment('a'), { hits: 1, resetAt: 61_000 });
  now = 30_000;
  assert.deepEqual(counters.increment('a'), { hits: 2, resetAt: 61_000 });
  assert.deepEqual(counters.increment('b'), { hits: 1, resetAt: 90_000 }, 'b has its own window');
  now = 61_000;
  assert.deepEqual(counters.increment('a'), { hits: 1, resetAt: 121_000 }, 'the window ended at its reset instant');
  assert.deepEqual(counters.increment('b'), { hits: 2, resetAt: 90_000 });
  // Many one-off keys (guessed tokens from many addresses) do not outlive their window.
  for (let i = 0; i < 1000; i++) counters.increment(`guess-${i}`);
  now = 200_000;
  counters.increment('c');
  assert.equal(counters.size, 1);
});
