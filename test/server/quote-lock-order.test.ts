import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { AdminQuote, OrderDetail, Quote } from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { databaseKinds, portal, useServer, type TestServer } from './harness.ts';

/**
 * Lock order on PostgreSQL around quotes. A portal acceptance updates the quote row, then takes
 * the customer's lock (to enter its order); the supplier's convert takes the customer's lock, then
 * updates the quote row. These never meet on one quote (convert needs an acceptance already
 * committed, whose row the acceptance's `state = 'sent'` update then skips), so the opposite
 * orders cannot deadlock; checkout never touches a quote. This holds a checkout inside its
 * transaction (the customer's lock held) while an acceptance and a convert of the same customer
 * queue behind it: released, all three finish, none with a 500 (PostgreSQL's deadlock_detected).
 */
function signal(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
const held = signal();
const paused = signal();

describe(
  'quote acceptance, convert and checkout of one customer on PostgreSQL',
  { skip: !databaseKinds().includes('postgres') },
  () => {
    const s = useServer('postgres', {
      config: {
        async pauseInCheckout(key) {
          if (key !== 'held-checkout') return;
          paused.resolve();
          await held.promise;
        },
      },
    });

    async function sentQuote(server: TestServer, customerId: string, productId: string) {
      const draft = await server.admin('/api/v1/quotes', {
        body: { customer_id: customerId, lines: [{ product_id: productId, quantity: 2 }] },
      });
      assert.equal(draft.status, 201, await draft.clone().text());
      const { id } = AdminQuote.parse(await draft.json());
      assert.equal((await server.admin(`/api/v1/quotes/${id}/send`, { method: 'POST' })).status, 200);
      return id;
    }
    /** Sessions of this test server's own database waiting for a lock. */
    const waitingForLocks = async (server: TestServer) => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(server.db.kysely);
      return rows[0].n;
    };
    const settings = async (server: TestServer, create_order_on_quote_acceptance: boolean) =>
      assert.equal(
        (
          await server.admin('/api/v1/workspace/settings', {
            method: 'PATCH',
            body: { create_order_on_quote_acceptance },
          })
        ).status,
        200,
      );

    it('queue behind the customer lock and all finish: no deadlock', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const token = await server.tokenFor(customer.id);
      const [product] = (await catalogFor(server, customer.id)).orderable;
      // One quote accepted without an order (for the supplier to convert), one sent (for the customer to accept).
      await settings(server, false);
      const toConvert = await sentQuote(server, customer.id, product.id);
      assert.equal(
        (await server.request(portal(token, `/quotes/${toConvert}/accept`), { method: 'POST' })).status,
        200,
      );
      await settings(server, true);
      const toAccept = await sentQuote(server, customer.id, product.id);

      const checkout = server.request(portal(token, '/orders'), {
        body: { lines: [{ product_id: product.id, quantity: 1 }] },
        headers: { 'idempotency-key': 'held-checkout' },
      });
      await paused.promise;
      const accept = server.request(portal(token, `/quotes/${toAccept}/accept`), { method: 'POST' });
      const convert = server.admin(`/api/v1/quotes/${toConvert}/convert`, { method: 'POST' });
      // Released only once both wait for a lock in this server's own database (the customer's, held by the checkout).
      let waiting = 0;
      for (let polls = 0; polls < 1500 && (waiting = await waitingForLocks(server)) < 2; polls++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      held.resolve();
      assert.equal(waiting, 2, 'the acceptance and the convert both queued behind the held checkout');

      const [placed, accepted, converted] = await Promise.all([checkout, accept, convert]);
      assert.equal(placed.status, 201, await placed.clone().text());
      assert.equal(accepted.status, 200, await accepted.clone().text());
      assert.equal(converted.status, 200, await converted.clone().text());
      OrderDetail.parse(await placed.json());
      assert.equal(Quote.parse(await accepted.json()).state, 'accepted');
      assert.ok(AdminQuote.parse(await converted.json()).order, 'the converted quote has its order');
    });
  },
);
