/**
 * Seed 003: a draft order is listed (marked) but is not a document: its detail, PDF, change and
 * cancellation answer 404 to its owner, as for an order that does not exist. Quotes are answered by
 * their number as well as their id, as orders are read (GET, accept and decline alike).
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { Quote } from '../../widget/contract/index.ts';
import { forEachDatabase, portal, useServer } from './harness.ts';

forEachDatabase('drafts and quote keys', (kind) => {
  const s = useServer(kind);
  let draft: { id: string; number: string; customer_id: string };

  before(async () => {
    draft = await s
      .get()
      .db.kysely.selectFrom('orders')
      .select(['id', 'number', 'customer_id'])
      .where('status', '=', 'draft')
      .executeTakeFirstOrThrow();
  });

  it("a draft is in its owner's list, marked, but its detail, PDF, change and cancellation answer 404 like a missing order", async () => {
    const server = s.get();
    const token = await server.tokenFor(draft.customer_id);
    await server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { order_changes: { enabled: true } } });
    let listed: { id: string; is_draft: boolean } | undefined;
    for (let cursor: string | null = null, pages = 0; !listed && pages < 20; pages++) {
      const page = (await (
        await server.request(portal(token, `/orders?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`))
      ).json()) as { items: { id: string; is_draft: boolean }[]; next_cursor: string | null };
      listed = page.items.find((o) => o.id === draft.id);
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    assert.equal(listed?.is_draft, true, 'listed and marked');
    const missing = await (await server.request(portal(token, '/orders/SO-2099-999999'))).json();
    for (const key of [draft.id, draft.number]) {
      for (const [method, path, body] of [
        ['GET', `/orders/${key}`, undefined],
        ['GET', `/orders/${key}/pdf`, undefined],
        ['PATCH', `/orders/${key}`, { customer_reference: 'PO-DRAFT' }],
        ['POST', `/orders/${key}/cancel`, {}],
      ] as const) {
        const res = await server.request(portal(token, path), { method, body });
        assert.equal(res.status, 404, `${method} ${path}`);
        assert.deepEqual(await res.json(), missing, `${method} ${path}: the same answer as a missing order`);
      }
    }
    const status = await server.db.kysely
      .selectFrom('orders')
      .select('status')
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    assert.equal(status.status, 'draft', 'nothing changed');
  });

  it('a quote is accepted and declined by its number', async () => {
    const server = s.get();
    const db = server.db.kysely;
    const today = server.clock.now.toISOString().slice(0, 10);
    const open = await db
      .selectFrom('quotes')
      .select(['id', 'number', 'customer_id'])
      .where('state', '=', 'sent')
      .where('valid_until', '>=', today)
      .orderBy('number')
      .execute();
    const [first, second] = [
      open[0],
      open.find((q) => q.customer_id === open[0].customer_id && q.id !== open[0].id) ?? open[1],
    ];
    assert.ok(first && second, 'two open quotes in the demo data');
    const tokenOf = async (customerId: string) => server.tokenFor(customerId);
    const accepted = await server.request(portal(await tokenOf(first.customer_id), `/quotes/${first.number}/accept`), {
      method: 'POST',
    });
    assert.equal(accepted.status, 200, await accepted.clone().text());
    const quote = Quote.parse(await accepted.json());
    assert.equal(quote.id, first.id);
    assert.equal(quote.state, 'accepted');
    const declined = await server.request(
      portal(await tokenOf(second.customer_id), `/quotes/${second.number}/decline`),
      { method: 'POST', body: { reason: 'Too dear' } },
    );
    assert.equal(declined.status, 200, await declined.clone().text());
    assert.equal(Quote.parse(await declined.json()).state, 'declined');
    const again = await server.request(portal(await tokenOf(first.customer_id), `/quotes/${first.number}/accept`), {
      method: 'POST',
    });
    assert.equal(again.status, 422, 'answered once');
    const unknown = await server.request(portal(await tokenOf(first.customer_id), '/quotes/QT-2099-999999/accept'), {
      method: 'POST',
    });
    assert.equal(unknown.status, 404);
  });
});
