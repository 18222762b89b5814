/**
 * Idempotency records keep the order a key placed, not the answer, and expire: after the TTL
 * (IDEMPOTENCY_TTL_HOURS, 24 by default) the key is new again, and checkouts sweep old records
 * away in the background.
 */
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { it } from 'node:test';
import { parseEnv } from '../../demo-server/config.ts';
import { claimKey, DEFAULT_IDEMPOTENCY_TTL_MS, sweepExpiredKeys } from '../../demo-server/db/idempotency.ts';
import { OrderDetail } from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { errorOf, forEachDatabase, portal, SEED_NOW, useServer, type TestServer } from './harness.ts';

const DAY = 24 * 3_600_000;

const order = (server: TestServer, token: string, body: unknown, key: string) =>
  server.request(portal(token, '/orders'), { body, headers: { 'idempotency-key': key } });

const record = (server: TestServer, key: string) =>
  server.db.kysely.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();

/** Waits for the server's background work (it runs in this process) until `done` holds; a bounded number of turns. */
async function eventually(done: () => Promise<boolean>, what: string) {
  const started = Date.now();
  while (!(await done())) {
    assert.ok(Date.now() - started < 5_000, `${what} did not happen`);
    await nextTurn();
  }
}

it('IDEMPOTENCY_TTL_HOURS is 24 by default, takes a positive number of hours, and refuses anything else', () => {
  assert.equal(DEFAULT_IDEMPOTENCY_TTL_MS, DAY);
  assert.equal(parseEnv({}).IDEMPOTENCY_TTL_HOURS, 24);
  assert.equal(parseEnv({ IDEMPOTENCY_TTL_HOURS: '1.5' }).IDEMPOTENCY_TTL_HOURS, 1.5);
  for (const bad of ['0', '-1', 'soon', '9000'])
    assert.throws(() => parseEnv({ IDEMPOTENCY_TTL_HOURS: bad }), /IDEMPOTENCY_TTL_HOURS/);
});

forEachDatabase('idempotency records', (kind) => {
  const s = useServer(kind);
  let token: string;
  let customerId: string;
  let fx: Awaited<ReturnType<typeof catalogFor>>;

  it('setup: a token and what the customer can order', async () => {
    const server = s.get();
    customerId = server.customers[0].id;
    token = await server.tokenFor(customerId);
    fx = await catalogFor(server, customerId);
    assert.ok(fx.orderable.length >= 40, `${fx.orderable.length} orderable products`);
    await server.admin('/api/v1/workspace/settings', {
      method: 'PATCH',
      body: { allow_orders_over_credit_limit: true },
    });
  });

  it('keep the order placed, not the answer: a record holds no line data, however long the order', async () => {
    const server = s.get();
    const sizes: number[] = [];
    for (const [key, count] of [
      ['size-01', 1],
      ['size-40', 40],
    ] as const) {
      const lines = fx.orderable.slice(0, count).map((p) => ({ product_id: p.id, quantity: 1 }));
      const res = await order(server, token, { lines }, key);
      assert.equal(res.status, 201);
      const placed = OrderDetail.parse(await res.json());
      const row = await record(server, key);
      assert.ok(row);
      assert.equal(row.order_id, placed.id);
      assert.equal(row.response_body, null);
      const stored = JSON.stringify(row);
      for (const line of placed.lines)
        assert.ok(
          !stored.includes(line.product_id) && !stored.includes(line.sku),
          `${key}: ${line.sku} is in the record`,
        );
      sizes.push(stored.length);
    }
    assert.equal(sizes[0], sizes[1], 'a 40-line order takes as many bytes as a 1-line one');
  });

  it('replay the order with Idempotency-Replayed: equal to the first answer, and the order as it stands once it changed', async () => {
    const server = s.get();
    const body = {
      lines: fx.orderable.slice(0, 12).map((p, i) => ({ product_id: p.id, quantity: i + 1 })),
      note: 'Side door',
      customer_reference: 'PO-replay',
    };
    const first = await order(server, token, body, 'replay-long');
    assert.equal(first.status, 201);
    const firstText = await first.text();
    const again = await order(server, token, body, 'replay-long');
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.equal(await again.text(), firstText);

    const { id } = OrderDetail.parse(JSON.parse(firstText));
    assert.equal(
      (await server.request(portal(token, `/orders/${id}/cancel`), { body: { reason: 'Ordered twice' } })).status,
      200,
    );
    const now = await server.request(portal(token, `/orders/${id}`));
    const replayed = await order(server, token, body, 'replay-long');
    assert.equal(replayed.status, 201);
    assert.equal(replayed.headers.get('idempotency-replayed'), 'true');
    const current = await now.json();
    assert.deepEqual(await replayed.json(), current);
    assert.equal((current as OrderDetail).pending_request, 'cancel');
  });

  it('expire after the TTL: the key places a new order, even with another body', async () => {
    const server = s.get();
    server.clock.set(SEED_NOW.toISOString());
    try {
      const body = { lines: [{ product_id: fx.orderable[0].id, quantity: 1 }] };
      const first = OrderDetail.parse(await (await order(server, token, body, 'ttl-1')).json());
      server.clock.advance(DAY - 1);
      const other = { lines: [{ product_id: fx.orderable[1].id, quantity: 2 }] };
      assert.equal(
        (await errorOf(await order(server, token, other, 'ttl-1'))).code,
        'idempotency_key_reused',
        'still within the TTL',
      );
      server.clock.advance(1);
      const res = await order(server, token, other, 'ttl-1');
      assert.equal(res.status, 201);
      assert.equal(res.headers.get('idempotency-replayed'), null);
      const second = OrderDetail.parse(await res.json());
      assert.notEqual(second.id, first.id);
      assert.equal((await record(server, 'ttl-1'))?.order_id, second.id);
    } finally {
      server.clock.set(SEED_NOW.toISOString());
    }
  });

  it('are swept in the background by a later checkout once older than the TTL; younger ones stay', async () => {
    const server = s.get();
    server.clock.set(new Date(SEED_NOW.getTime() + 10 * DAY).toISOString());
    try {
      const body = { lines: [{ product_id: fx.orderable[2].id, quantity: 1 }] };
      assert.equal((await order(server, token, body, 'sweep-old')).status, 201);
      server.clock.advance(DAY / 2);
      assert.equal((await order(server, token, body, 'sweep-young')).status, 201);
      server.clock.advance(DAY / 2 + 1);
      assert.ok(await record(server, 'sweep-old'), 'not swept before a checkout comes');
      assert.equal((await order(server, token, body, 'sweep-trigger')).status, 201);
      await eventually(async () => (await record(server, 'sweep-old')) === undefined, 'the sweep');
      assert.ok(await record(server, 'sweep-young'));
      assert.ok(await record(server, 'sweep-trigger'));
    } finally {
      server.clock.set(SEED_NOW.toISOString());
    }
  });

  it('sweep abandoned claims older than the TTL, never a live one, a batch at a time', async () => {
    const server = s.get();
    const db = server.db.kysely;
    const start = new Date(SEED_NOW.getTime() + 20 * DAY);
    await claimKey(db, { scope: customerId, key: 'abandoned', requestHash: 'h', now: start, lockMs: 30_000 });
    await claimKey(db, { scope: customerId, key: 'long-lock', requestHash: 'h', now: start, lockMs: 2 * DAY });
    for (let i = 0; i < 1_100; i++) {
      await db
        .insertInto('idempotency_keys')
        .values({
          scope: customerId,
          key: `bulk-${i}`,
          request_hash: 'h',
          state: 'done',
          response_status: 201,
          response_body: null,
          order_id: crypto.randomUUID(),
          locked_until: start.toISOString(),
          created_at: start.toISOString(),
          claim_id: null,
        })
        .execute();
    }
    const later = new Date(start.getTime() + DAY + 1);
    const swept = await sweepExpiredKeys(db, { now: later });
    assert.ok(swept >= 1_101, `${swept} swept`);
    assert.equal(await record(server, 'abandoned'), undefined);
    assert.equal(await record(server, 'bulk-1099'), undefined);
    assert.ok(await record(server, 'long-lock'), 'a claim whose holder may still be working stays');
  });
});
