/**
 * The order list is served from the AnswerCache while the customer's revision stands still
 * (migration 0004's triggers bump it on every change to one of their documents). These tests
 * hold that the cache is used, and that every kind of change is seen by the very next read:
 * checkout, order changes and the supplier's decisions, and writes no route knows about.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { it } from 'node:test';
import type { Kysely, KyselyPlugin } from 'kysely';
import { createApp } from '../../demo-server/app.ts';
import { hashSecret } from '../../demo-server/auth/secrets.ts';
import { CUSTOMER_DOCUMENT_TABLES } from '../../demo-server/db/migrations.ts';
import { resetData, seedDemo } from '../../demo-server/db/seed.ts';
import { AnswerCache } from '../../demo-server/routes/answer-cache.ts';
import { OrderDetail, OrderList } from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { ADMIN_KEY, forEachDatabase, portal, SEED_NOW, useServer, type TestServer } from './harness.ts';

const list = async (server: TestServer, token: string, query = '') => {
  const res = await server.request(portal(token, `/orders${query}`));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
  return OrderList.parse(await res.json());
};

const revisionOf = async (server: TestServer, customerId: string) =>
  Number(
    (
      await server.db.kysely
        .selectFrom('customer_revisions')
        .select('revision')
        .where('customer_id', '=', customerId)
        .executeTakeFirst()
    )?.revision ?? 0,
  );

let keys = 0;
async function place(server: TestServer, customerId: string, token: string) {
  const { orderable } = await catalogFor(server, customerId);
  const res = await server.request(portal(token, '/orders'), {
    body: { lines: [{ product_id: orderable[0].id, quantity: 2 }] },
    headers: { 'idempotency-key': `cache-${process.pid}-${++keys}` },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return OrderDetail.parse(await res.json());
}

forEachDatabase('order list cached by customer revision', (kind) => {
  const s = useServer(kind);

  it('a repeated read with no change in between runs no query beyond the token lookup', async () => {
    const server = s.get();
    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        queries++;
        return args.result;
      },
    };
    // A second app on the same database whose every query is counted.
    const app = createApp({
      db: { ...server.db, kysely: server.db.kysely.withPlugin(counting) },
      adminTokenHash: hashSecret(ADMIN_KEY),
      allowedOrigins: [],
      rateLimits: { readsPerMinute: 1000, writesPerMinute: 1000, invalidTokenPerMinute: 1000, windowMs: 60_000 },
      now: () => server.clock.now,
    });
    const listener = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => listener.once('listening', () => resolve()));
    try {
      const url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
      const token = await server.tokenFor(server.customers[0].id);
      const read = async () => {
        const res = await fetch(url + portal(token, '/orders'));
        assert.equal(res.status, 200);
        return res.json();
      };
      const first = await read();
      queries = 0;
      const second = await read();
      assert.deepEqual(second, first);
      assert.equal(queries, 1, 'only the token (with the revision) is read');
      // Only the first page at the default size is kept (one entry per customer): others are read each time.
      for (const query of ['?limit=5', `?cursor=${(first as { next_cursor: string }).next_cursor}`]) {
        await fetch(url + portal(token, `/orders${query}`));
        queries = 0;
        assert.equal((await fetch(url + portal(token, `/orders${query}`))).status, 200);
        assert.ok(queries >= 2, `${query}: read from the database again`);
      }
      // Another customer's list is theirs, never the cached one.
      const other = await server.tokenFor(server.customers[1].id);
      const theirs = OrderList.parse(await (await fetch(url + portal(other, '/orders'))).json());
      assert.notDeepEqual(theirs, first);
      assert.deepEqual(theirs, await list(server, other));
    } finally {
      listener.closeAllConnections();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    }
  });

  it('an order placed is first in the very next read', async () => {
    const server = s.get();
    const token = await server.tokenFor(server.customers[0].id);
    const before = await list(server, token);
    const order = await place(server, server.customers[0].id, token);
    const after = await list(server, token);
    assert.equal(after.items[0].id, order.id);
    assert.deepEqual(after.items.slice(1), before.items.slice(0, after.items.length - 1));
  });

  it('a cancellation request, and the supplier approving it, each show in the next read', async () => {
    const server = s.get();
    const token = await server.tokenFor(server.customers[1].id);
    const order = await place(server, server.customers[1].id, token);
    assert.equal((await list(server, token)).items[0].pending_request, null);
    const asked = await server.request(portal(token, `/orders/${order.id}/cancel`), {
      method: 'POST',
      body: { reason: 'ordered twice' },
    });
    assert.ok([200, 202].includes(asked.status), await asked.clone().text());
    const pending = (await list(server, token)).items[0];
    assert.equal(pending.pending_request, 'cancel');
    assert.equal(pending.status, 'pending');
    const requests = (await (await server.admin(`/api/v1/order-requests?state=pending`)).json()) as {
      items: { id: string; order: { id: string } }[];
    };
    const request = requests.items.find((r) => r.order.id === order.id)!;
    assert.equal((await server.admin(`/api/v1/order-requests/${request.id}/approve`, { method: 'POST' })).status, 200);
    const decided = (await list(server, token)).items[0];
    assert.equal(decided.pending_request, null);
    assert.equal(decided.status, 'cancelled');
  });

  it('a write straight to the database, which no route knows about, shows in the next read (later pages too)', async () => {
    const server = s.get();
    const customerId = server.customers[0].id;
    const token = await server.tokenFor(customerId);
    const first = await list(server, token);
    assert.ok(first.next_cursor, 'the demo customer has a second page');
    const secondPage = await list(server, token, `?cursor=${first.next_cursor}`);
    const target = secondPage.items[0];
    await server.db.kysely
      .updateTable('orders')
      .set({ customer_reference: 'CHANGED-BEHIND-THE-API' })
      .where('id', '=', target.id)
      .execute();
    assert.equal(
      (await list(server, token, `?cursor=${first.next_cursor}`)).items[0].customer_reference,
      'CHANGED-BEHIND-THE-API',
    );
    await server.db.kysely.deleteFrom('order_lines').where('order_id', '=', first.items[0].id).execute();
    await server.db.kysely.deleteFrom('order_events').where('order_id', '=', first.items[0].id).execute();
    await server.db.kysely.deleteFrom('order_requests').where('order_id', '=', first.items[0].id).execute();
    await server.db.kysely
      .updateTable('quotes')
      .set({ order_id: null })
      .where('order_id', '=', first.items[0].id)
      .execute();
    await server.db.kysely
      .updateTable('invoices')
      .set({ order_id: null })
      .where('order_id', '=', first.items[0].id)
      .execute();
    await server.db.kysely
      .deleteFrom('delivery_lines')
      .where(
        'delivery_id',
        'in',
        server.db.kysely.selectFrom('deliveries').select('id').where('order_id', '=', first.items[0].id),
      )
      .execute();
    await server.db.kysely.deleteFrom('deliveries').where('order_id', '=', first.items[0].id).execute();
    await server.db.kysely.deleteFrom('orders').where('id', '=', first.items[0].id).execute();
    assert.notEqual((await list(server, token)).items[0].id, first.items[0].id);
  });

  it("the database bumps a customer's revision on insert, update and delete of each document table, and only theirs", async () => {
    const server = s.get();
    for (const table of CUSTOMER_DOCUMENT_TABLES) {
      const row = await (server.db.kysely as never as Kysely<Record<string, { customer_id: string; id: string }>>)
        .selectFrom(table)
        .selectAll()
        .limit(1)
        .executeTakeFirst();
      assert.ok(row, `${table}: the demo data has a row`);
      const mine = row.customer_id;
      const other = server.customers.find((c) => c.id !== mine)!.id;
      const [before, otherBefore] = [await revisionOf(server, mine), await revisionOf(server, other)];
      // A no-op update is still a write: it counts.
      await server.db.kysely
        .updateTable(table as 'orders')
        .set({ customer_id: mine })
        .where('id', '=', row.id)
        .execute();
      assert.equal(await revisionOf(server, mine), before + 1, `${table}: update`);
      assert.equal(await revisionOf(server, other), otherBefore, `${table}: another customer's revision stands still`);
      // Moved to another customer and back: both customers' documents changed, each time.
      await server.db.kysely
        .updateTable(table as 'orders')
        .set({ customer_id: other })
        .where('id', '=', row.id)
        .execute();
      await server.db.kysely
        .updateTable(table as 'orders')
        .set({ customer_id: mine })
        .where('id', '=', row.id)
        .execute();
      assert.equal(await revisionOf(server, mine), before + 3, `${table}: moved away and back`);
      assert.equal(await revisionOf(server, other), otherBefore + 2, `${table}: moved in and out`);
    }
    const mine = server.customers[2].id;
    const before = await revisionOf(server, mine);
    const order = await place(server, mine, await server.tokenFor(mine));
    assert.ok((await revisionOf(server, mine)) > before, 'insert');
    const afterInsert = await revisionOf(server, mine);
    await server.db.kysely.deleteFrom('order_lines').where('order_id', '=', order.id).execute();
    await server.db.kysely.deleteFrom('order_events').where('order_id', '=', order.id).execute();
    await server.db.kysely.deleteFrom('orders').where('id', '=', order.id).execute();
    assert.equal(await revisionOf(server, mine), afterInsert + 1, 'delete');
  });

  it('counting revisions adds no lock cycle: a quote accepted while the same customer checks out never deadlocks', async () => {
    // Accepting a quote writes the quote, then takes an order number; checkout takes an order
    // number, then writes the order. A revision row locked at the first write would make a cycle.
    const server = s.get();
    const customer = server.customers[3];
    const token = await server.tokenFor(customer.id);
    const quote = await server.db.kysely
      .selectFrom('quotes')
      .selectAll()
      .where('customer_id', '=', customer.id)
      .where('state', '=', 'sent')
      .where('valid_until', '>=', server.clock.now.toISOString().slice(0, 10))
      .executeTakeFirstOrThrow();
    const { orderable } = await catalogFor(server, customer.id);
    const statuses: number[] = [];
    for (let round = 0; round < 80; round++) {
      await server.db.kysely
        .updateTable('quotes')
        .set({ state: 'sent', answered_at: null, order_id: null })
        .where('id', '=', quote.id)
        .execute();
      const answers = await Promise.all([
        server.request(portal(token, `/quotes/${quote.id}/accept`), { method: 'POST' }),
        ...[0, 1, 2].map((i) =>
          server.request(portal(token, '/orders'), {
            body: { lines: [{ product_id: orderable[i].id, quantity: 1 }] },
            headers: { 'idempotency-key': `cycle-${process.pid}-${round}-${i}` },
          }),
        ),
      ]);
      statuses.push(...answers.map((a) => a.status));
    }
    assert.deepEqual([...new Set(statuses)].sort(), [200, 201], `statuses: ${statuses.join(' ')}`);
  });

  it('a revision never goes back, even across a reset and a new seed', async () => {
    const server = s.get();
    const customerId = server.customers[0].id;
    const before = await revisionOf(server, customerId);
    assert.ok(before > 0);
    await resetData(server.db.kysely);
    // Deleting the documents counted as changes; the counter itself was kept.
    assert.ok((await revisionOf(server, customerId)) > before);
    // Left seeded, as the suite found it (with new customer ids).
    await seedDemo(server.db.kysely, { now: SEED_NOW });
  });
});

it('AnswerCache: a stale revision misses, and the least recently written entry goes first when full', () => {
  const cache = new AnswerCache(2);
  cache.set('a', 1, '"a1"');
  assert.equal(cache.get('a', 1), '"a1"');
  assert.equal(cache.get('a', 2), undefined, 'another revision is a miss');
  cache.set('b', 1, '"b1"');
  cache.set('a', 2, '"a2"');
  cache.set('c', 1, '"c1"');
  assert.equal(cache.get('b', 1), undefined, 'b was the oldest write');
  assert.equal(cache.get('a', 2), '"a2"');
  assert.equal(cache.get('c', 1), '"c1"');
  assert.equal(cache.size, 2);
  cache.set('c', 0, '"c0"');
  assert.equal(cache.get('c', 1), '"c1"', 'an answer of an older revision does not replace a newer one');
  const off = new AnswerCache(0);
  off.set('a', 1, '"a1"');
  assert.equal(off.get('a', 1), undefined, 'size 0 keeps nothing');
});
