/**
 * GET order-history: the products a customer ordered, most recent first, read from per-customer
 * product figures kept up to date as orders are placed, changed and cancelled (migration 0005),
 * so a customer with 50,000 orders costs what one with 50 does. The answer must stay the one the
 * old whole-history read gave: `expectedHistory` below is that read.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Kysely, KyselyPlugin } from 'kysely';
import type { z } from 'zod';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../demo-server/app.ts';
import { hashSecret } from '../../demo-server/auth/secrets.ts';
import type { Database } from '../../demo-server/db/schema.ts';
import { seedScale } from '../../demo-server/db/seed.ts';
import { OrderDetail, OrderHistory } from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { ADMIN_KEY, forEachDatabase, portal, SEED_NOW, useServer, type TestServer } from './harness.ts';

type History = z.infer<typeof OrderHistory>;
type Entry = Omit<History['items'][number], 'availability'>;

/**
 * The old read: every line of the customer's orders (drafts, cancelled and rejected ones aside: a
 * rejected order counts for nothing, issue 16), newest order first.
 */
async function expectedHistory(db: Kysely<Database>, customerId: string, limit = 50): Promise<Entry[]> {
  const rows = await db
    .selectFrom('order_lines')
    .innerJoin('orders', 'orders.id', 'order_lines.order_id')
    .select([
      'order_lines.product_id',
      'order_lines.sku',
      'order_lines.name',
      'order_lines.quantity',
      'order_lines.uom',
      'orders.id as order_id',
      'orders.created_at',
    ])
    .where('orders.customer_id', '=', customerId)
    .where('orders.status', 'not in', ['draft', 'cancelled', 'rejected'])
    .orderBy('orders.created_at', 'desc')
    .orderBy('orders.id', 'desc')
    .orderBy('order_lines.position')
    .execute();
  const byProduct = new Map<string, Entry & { orders: Set<string> }>();
  for (const r of rows) {
    const entry = byProduct.get(r.product_id);
    if (entry) entry.orders.add(r.order_id);
    else {
      byProduct.set(r.product_id, {
        product_id: r.product_id,
        sku: r.sku,
        name: r.name,
        last_ordered_at: r.created_at,
        times_ordered: 0,
        last_quantity: r.quantity,
        last_uom: r.uom,
        orders: new Set([r.order_id]),
      });
    }
  }
  return [...byProduct.values()]
    .slice(0, limit)
    .map(({ orders, ...entry }) => ({ ...entry, times_ordered: orders.size }));
}

async function history(server: TestServer, token: string, base = server.url): Promise<History> {
  const res = await fetch(base + portal(token, '/order-history'));
  assert.equal(res.status, 200);
  return OrderHistory.parse(await res.json());
}

const withoutAvailability = (items: History['items']): Entry[] => items.map(({ availability: _, ...entry }) => entry);

async function assertMatches(server: TestServer, customerId: string, token: string, label: string) {
  assert.deepEqual(
    withoutAvailability((await history(server, token)).items),
    await expectedHistory(server.db.kysely, customerId),
    label,
  );
}

let keys = 0;
async function place(
  server: TestServer,
  token: string,
  lines: { product_id: string; quantity: number }[],
): Promise<OrderDetail> {
  const res = await server.request(portal(token, '/orders'), {
    body: { lines },
    headers: { 'idempotency-key': `history-${process.pid}-${++keys}` },
  });
  assert.equal(res.status, 201);
  return OrderDetail.parse(await res.json());
}

forEachDatabase('order history', (kind) => {
  const s = useServer(kind);

  it('is the old whole-history read for every demo customer', async () => {
    const server = s.get();
    for (const customer of server.customers) {
      const items = (await history(server, await server.tokenFor(customer.id))).items;
      assert.ok(items.length > 5, `${customer.business_name}: ${items.length} items`);
      assert.deepEqual(
        withoutAvailability(items),
        await expectedHistory(server.db.kysely, customer.id),
        customer.business_name,
      );
    }
  });

  it('follows a checkout, an edit and a cancellation (a cancelled order counts for nothing, as before)', async () => {
    const server = s.get();
    const customer = server.customers[1];
    const token = await server.tokenFor(customer.id);
    const { orderable } = await catalogFor(server, customer.id);
    const settings = (changes: object) =>
      server.admin('/api/v1/workspace/settings', {
        method: 'PATCH',
        body: {
          order_changes: {
            enabled: true,
            apply_updates_automatically: true,
            apply_cancellations_automatically: true,
            allowed_before: 'in_progress',
            ...changes,
          },
        },
      });
    assert.equal((await settings({})).status, 200);
    try {
      const before = withoutAvailability((await history(server, token)).items);
      const [known] = before;
      const fresh = orderable.find((p) => !before.some((e) => e.product_id === p.id))!;
      server.clock.advance(60_000);
      const placed = await place(server, token, [
        { product_id: fresh.id, quantity: 7 },
        { product_id: known.product_id, quantity: 3 },
      ]);
      await assertMatches(server, customer.id, token, 'after checkout');
      const top = withoutAvailability((await history(server, token)).items);
      assert.deepEqual(
        top.slice(0, 2).map((e) => [e.product_id, e.last_quantity, e.times_ordered]),
        [
          [fresh.id, 7, 1],
          [known.product_id, 3, known.times_ordered + 1],
        ],
      );

      // An edit drops one product and changes the other's quantity.
      const edited = await server.request(portal(token, `/orders/${placed.id}`), {
        method: 'PATCH',
        body: { lines: [{ product_id: known.product_id, quantity: 5 }] },
      });
      assert.equal(edited.status, 200, await edited.clone().text());
      await assertMatches(server, customer.id, token, 'after an edit');
      const afterEdit = withoutAvailability((await history(server, token)).items);
      assert.ok(!afterEdit.some((e) => e.product_id === fresh.id), 'the product taken out of its only order is gone');
      assert.deepEqual([afterEdit[0].product_id, afterEdit[0].last_quantity], [known.product_id, 5]);

      const cancelled = await server.request(portal(token, `/orders/${placed.id}/cancel`), {
        method: 'POST',
        body: {},
      });
      assert.equal(cancelled.status, 200);
      await assertMatches(server, customer.id, token, 'after a cancellation');
      assert.deepEqual(withoutAvailability((await history(server, token)).items), before, 'back to where it was');
    } finally {
      await settings({ apply_updates_automatically: false, apply_cancellations_automatically: false });
    }
  });

  it('follows a change the supplier approves, and an accepted quote', async () => {
    const server = s.get();
    const customer = server.customers[2];
    const token = await server.tokenFor(customer.id);
    const { orderable } = await catalogFor(server, customer.id);
    server.clock.advance(60_000);
    const placed = await place(server, token, [{ product_id: orderable[0].id, quantity: 2 }]);
    const requested = await server.request(portal(token, `/orders/${placed.id}`), {
      method: 'PATCH',
      body: { lines: [{ product_id: orderable[1].id, quantity: 4 }] },
    });
    assert.equal(requested.status, 200);
    await assertMatches(server, customer.id, token, 'while the change waits');
    const pending = (await (await server.admin('/api/v1/order-requests?state=pending')).json()) as {
      items: { id: string; order: { id: string } }[];
    };
    const request = pending.items.find((r) => r.order.id === placed.id);
    assert.ok(request, 'the request waits for the supplier');
    assert.equal((await server.admin(`/api/v1/order-requests/${request.id}/approve`, { method: 'POST' })).status, 200);
    await assertMatches(server, customer.id, token, 'after the supplier approved');

    assert.equal(
      (
        await server.admin('/api/v1/workspace/settings', {
          method: 'PATCH',
          body: { create_order_on_quote_acceptance: true },
        })
      ).status,
      200,
    );
    let accepted = 0;
    for (const c of server.customers) {
      const cToken = await server.tokenFor(c.id);
      const quotes = (await (await server.request(portal(cToken, '/quotes?state=sent'))).json()) as {
        items: { id: string }[];
      };
      for (const quote of quotes.items) {
        const res = await server.request(portal(cToken, `/quotes/${quote.id}/accept`), { method: 'POST' });
        assert.equal(res.status, 200, await res.clone().text());
        await assertMatches(server, c.id, cToken, `after quote ${quote.id} was accepted`);
        accepted++;
      }
    }
    assert.ok(accepted > 0, 'a sent quote to accept');
  });

  it('at 50,000 orders reads only the per-customer figures, never an order line, and gives the old answer', async () => {
    const server = s.get();
    const big = { customer_id: server.customers[3].id };
    // Before the seed: a keep-alive connection left idle through it may be closed under the next request.
    const token = await server.tokenFor(big.customer_id);
    await seedScale(server.db.kysely, {
      customers: 0,
      products: 0,
      orders: 50_000,
      customerId: big.customer_id,
      now: SEED_NOW,
    });
    const count = await server.db.kysely
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('customer_id', '=', big.customer_id)
      .executeTakeFirstOrThrow();
    assert.ok(Number(count.n) >= 50_000, `${count.n} orders`);
    const tables: string[] = [];
    const recording: KyselyPlugin = {
      transformQuery: (args) => {
        for (const [, table] of JSON.stringify(args.node).matchAll(
          /"kind":"SchemableIdentifierNode","identifier":\{"kind":"IdentifierNode","name":"(\w+)"/g,
        ))
          tables.push(table);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const app = createApp({
      db: { ...server.db, kysely: server.db.kysely.withPlugin(recording) },
      adminTokenHash: hashSecret(ADMIN_KEY),
      allowedOrigins: [],
      rateLimits: { readsPerMinute: 1000, writesPerMinute: 1000, invalidTokenPerMinute: 1000, windowMs: 60_000 },
      now: () => server.clock.now,
    });
    const listener = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => listener.once('listening', () => resolve()));
    try {
      const base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
      tables.length = 0;
      const started = performance.now();
      const items = (await history(server, token, base)).items;
      const took = performance.now() - started;
      assert.ok(tables.includes('customer_product_stats'), `tables read: ${[...new Set(tables)].join(', ')}`);
      assert.ok(
        !tables.includes('order_lines') && !tables.includes('orders'),
        `tables read: ${[...new Set(tables)].join(', ')}`,
      );
      assert.equal(items.length, 50);
      const oldStarted = performance.now();
      const expected = await expectedHistory(server.db.kysely, big.customer_id);
      console.log(
        `# [${kind}] history of 50,000 orders: ${took.toFixed(0)} ms a request; the old whole-history read alone ${(performance.now() - oldStarted).toFixed(0)} ms`,
      );
      assert.deepEqual(withoutAvailability(items), expected);
    } finally {
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    }
  });
});
