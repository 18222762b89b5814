/**
 * The Redis counter store's deadline: a Redis that does not answer fails the count in time, and a
 * reply that arrived in time is not lost because the event loop was busy past the deadline (a
 * burst of checkouts blocking the loop made counts Redis had answered fail with 503s).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'redis';
import { RedisCounters } from '../../demo-server/middleware/rate-limit.ts';

const REDIS_URL = process.env.TEST_REDIS_URL;
const DEADLINE_MS = 50;

/** Holds the thread for `ms`, as a run of synchronous work does. */
function busy(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('Redis counters: the deadline', { skip: REDIS_URL ? false : 'TEST_REDIS_URL is not set' }, () => {
  let redis: ReturnType<typeof createClient>;
  const prefix = `portal-rl-test:${process.pid}-${Date.now()}:`;
  before(async () => {
    redis = createClient({ url: REDIS_URL });
    await redis.connect();
  });
  after(async () => {
    await redis?.quit();
  });

  it('a reply that arrived while the event loop was busy past the deadline counts', async () => {
    const store = new RedisCounters({ sendCommand: (args) => redis.sendCommand(args) }, prefix, 60_000, DEADLINE_MS);
    const count = store.increment('busy');
    // node-redis writes its queued commands from a setImmediate: once ours has run, the command is
    // on the wire. The loop then stays busy long after Redis has answered and the deadline is due.
    await new Promise((resolve) => setImmediate(resolve));
    busy(DEADLINE_MS * 4);
    const { hits, resetAt } = await count;
    assert.equal(hits, 1);
    assert.ok(resetAt > Date.now(), 'the window ends in the future');
  });

  it('a Redis that never answers fails the count at its deadline', async () => {
    const store = new RedisCounters({ sendCommand: () => new Promise(() => {}) }, prefix, 60_000, DEADLINE_MS);
    const started = performance.now();
    await assert.rejects(store.increment('silent'), /did not answer within 50 ms/);
    const waited = performance.now() - started;
    assert.ok(waited >= DEADLINE_MS - 1 && waited < 1000, `failed after ${waited} ms`);
  });
});
