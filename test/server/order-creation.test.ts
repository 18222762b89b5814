/**
 * What a portal checkout makes (issue 17, seed 002): under the `quote` creation status a quote
 * request the supplier sends and the customer accepts into an order with a new number; under
 * `to_plan` an order, as before. The customer's setting wins over the workspace's.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CheckoutAnswer, OrderDetail, Quote, QuoteList, QuoteRequested } from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const SETTINGS = '/api/v1/workspace/settings';
const CUSTOMERS = '/api/v1/customers';

forEachDatabase('order creation status at checkout', (kind) => {
  const s = useServer(kind);
  let token: string;
  let customerId: string;
  let lines: { product_id: string; quantity: number }[];
  let keys = 0;

  const checkout = (server: TestServer, body: Record<string, unknown> = {}, key = `creation-${++keys}`) =>
    server.request(portal(token, '/orders'), { body: { lines, ...body }, headers: { 'idempotency-key': key } });

  async function setCustomer(server: TestServer, status: 'quote' | 'to_plan' | null) {
    const res = await server.admin(`${CUSTOMERS}/${customerId}`, {
      method: 'PATCH',
      body: { order_creation_status: status },
    });
    assert.equal(res.status, 200, await res.clone().text());
  }

  async function setWorkspace(server: TestServer, status: 'quote' | 'to_plan') {
    const res = await server.admin(SETTINGS, { method: 'PATCH', body: { order_creation_status: status } });
    assert.equal(res.status, 200, await res.clone().text());
  }

  it('setup: a token for a customer and an orderable line', async () => {
    const server = s.get();
    customerId = server.customers.find((c) => c.business_name === 'Blue Door Café')?.id ?? server.customers[0].id;
    token = await server.tokenFor(customerId);
    const fx = await catalogFor(server, customerId);
    lines = [{ product_id: fx.orderable[0].id, quantity: 3 }];
  });

  it('by default (workspace to_plan, customer unset) checkout places an order', async () => {
    const res = await checkout(s.get());
    assert.equal(res.status, 201);
    const order = OrderDetail.parse(await res.json());
    assert.equal(order.status, 'pending');
    assert.match(order.number, /^SO-/);
  });

  it('the customer set to quote: checkout makes a quote request the customer sees, not an order', async () => {
    const server = s.get();
    await setCustomer(server, 'quote');
    const ordersBefore = (await server.request(portal(token, '/orders'))).json();
    const res = await checkout(server, { customer_reference: 'PO-Q-1' }, 'quote-key-1');
    assert.equal(res.status, 201, await res.clone().text());
    const answer = QuoteRequested.parse(await res.json());
    assert.equal(answer.kind, 'quote_requested');
    assert.equal(answer.quote.state, 'requested');
    assert.match(answer.quote.number, /^Q-/);
    assert.equal(answer.quote.lines[0].quantity, 3);
    assert.equal(answer.quote.order, null);
    const listed = QuoteList.parse(await (await server.request(portal(token, '/quotes'))).json());
    assert.equal(listed.items[0].number, answer.quote.number);
    assert.equal(listed.items[0].state, 'requested');
    const ordersAfter = (await server.request(portal(token, '/orders'))).json();
    assert.deepEqual(await ordersAfter, await ordersBefore, 'no order was made');

    // The same key replays the quote request.
    const again = await checkout(server, { customer_reference: 'PO-Q-1' }, 'quote-key-1');
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.equal(QuoteRequested.parse(await again.json()).quote.id, answer.quote.id);

    // Not yet sent: the customer cannot accept it.
    const early = await server.request(portal(token, `/quotes/${answer.quote.id}/accept`), { method: 'POST' });
    assert.equal(early.status, 422);
    const error = await errorOf(early);
    assert.equal(error.code, 'quote_not_open');
    assert.deepEqual(error.details, { state: 'requested' });

    // The supplier sends it; the customer accepts it into an order with a new number and the reference.
    const sent = await server.admin(`/api/v1/quotes/${answer.quote.id}/send`, { method: 'POST' });
    assert.equal(sent.status, 200, await sent.clone().text());
    assert.equal(((await sent.json()) as { state: string }).state, 'sent');
    const accepted = await server.request(portal(token, `/quotes/${answer.quote.id}/accept`), { method: 'POST' });
    assert.equal(accepted.status, 200, await accepted.clone().text());
    const quote = Quote.parse(await accepted.json());
    assert.equal(quote.state, 'accepted');
    assert.ok(quote.order);
    assert.notEqual(quote.order.number, quote.number);
    const order = OrderDetail.parse(await (await server.request(portal(token, `/orders/${quote.order.id}`))).json());
    assert.equal(order.customer_reference, 'PO-Q-1');
    assert.equal(order.total_minor, answer.quote.total_minor);

    // Sent once, it cannot be sent again.
    const twice = await server.admin(`/api/v1/quotes/${answer.quote.id}/send`, { method: 'POST' });
    assert.equal(twice.status, 409);
  });

  it("the customer's to_plan wins over the workspace's quote; unset, the workspace's quote applies", async () => {
    const server = s.get();
    await setWorkspace(server, 'quote');
    await setCustomer(server, 'to_plan');
    const order = CheckoutAnswer.parse(await (await checkout(server)).json());
    assert.ok(!('kind' in order), 'an order');
    await setCustomer(server, null);
    const quote = CheckoutAnswer.parse(await (await checkout(server)).json());
    assert.ok('kind' in quote && quote.kind === 'quote_requested');
    await setWorkspace(server, 'to_plan');
  });

  it('a quote request is refused like an order: a taken reference when references are unique', async () => {
    const server = s.get();
    await setCustomer(server, 'quote');
    await server.admin(SETTINGS, { method: 'PATCH', body: { require_unique_reference: true } });
    const placed = await server.request(portal(token, '/orders'));
    assert.equal(placed.status, 200);
    const res = await checkout(server, { customer_reference: 'PO-TAKEN' });
    assert.equal(res.status, 201);
    await setCustomer(server, null);
    const order = await checkout(server, { customer_reference: 'PO-TAKEN-2' });
    assert.equal(order.status, 201);
    await setCustomer(server, 'quote');
    const refused = await checkout(server, { customer_reference: 'PO-TAKEN-2' });
    assert.equal(refused.status, 422);
    assert.equal((await errorOf(refused)).code, 'reference_taken');
    await server.admin(SETTINGS, { method: 'PATCH', body: { require_unique_reference: false } });
    await setCustomer(server, null);
  });
});
