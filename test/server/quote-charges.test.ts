/**
 * A quote request carries the charges the cart showed (issue 17): the server computes them as
 * checkout does for an order, the quote's total holds them, and the order its acceptance makes
 * keeps them. Where the customer sees totals only, the quote names none but its total is the same.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { OrderDetail, QuoteRequested } from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const CHARGES = { small_order: null, percent_basis_points: 250, per_unit_minor: 10 };

forEachDatabase('quote requests carry charges', (kind) => {
  const s = useServer(kind);
  let token: string;
  let customerId: string;
  let lines: { product_id: string; quantity: number }[];
  let keys = 0;

  const checkout = (server: TestServer) =>
    server.request(portal(token, '/orders'), { body: { lines }, headers: { 'idempotency-key': `qc-${++keys}` } });
  const patchCustomer = async (server: TestServer, body: Record<string, unknown>) => {
    const res = await server.admin(`/api/v1/customers/${customerId}`, { method: 'PATCH', body });
    assert.equal(res.status, 200, await res.clone().text());
  };

  it('setup: a customer with charges and an orderable line', async () => {
    const server = s.get();
    customerId = server.customers.find((c) => c.business_name === 'Blue Door Café')?.id ?? server.customers[0].id;
    token = await server.tokenFor(customerId);
    lines = [{ product_id: (await catalogFor(server, customerId)).orderable[0].id, quantity: 4 }];
    await patchCustomer(server, { charges: CHARGES, show_charges: true, order_creation_status: null });
  });

  it("the quote request's total and charges are those of the same cart as an order; acceptance keeps them", async () => {
    const server = s.get();
    const asOrder = OrderDetail.parse(await (await checkout(server)).json());
    assert.ok(asOrder.charges?.length, 'the order carries charges');

    await patchCustomer(server, { order_creation_status: 'quote' });
    const res = await checkout(server);
    assert.equal(res.status, 201, await res.clone().text());
    const { quote } = QuoteRequested.parse(await res.json());
    assert.deepEqual(quote.charges, asOrder.charges);
    assert.equal(quote.total_minor, asOrder.total_minor);
    const charged = quote.charges!.reduce((sum, c) => sum + c.amount_minor, 0);
    assert.equal(quote.total_minor, quote.subtotal_minor + quote.freight_minor + charged);

    const sent = await server.admin(`/api/v1/quotes/${quote.id}/send`, { method: 'POST' });
    assert.equal(sent.status, 200);
    const accepted = await server.request(portal(token, `/quotes/${quote.id}/accept`), { method: 'POST' });
    assert.equal(accepted.status, 200, await accepted.clone().text());
    const orderId = ((await accepted.json()) as { order: { id: string } }).order.id;
    const order = OrderDetail.parse(await (await server.request(portal(token, `/orders/${orderId}`))).json());
    assert.equal(order.total_minor, quote.total_minor);
    assert.deepEqual(order.charges, quote.charges);
  });

  it('totals only: the quote request names no charges, its total still holds them', async () => {
    const server = s.get();
    await patchCustomer(server, { order_creation_status: null, show_charges: false });
    const asOrder = OrderDetail.parse(await (await checkout(server)).json());
    await patchCustomer(server, { order_creation_status: 'quote' });
    const { quote } = QuoteRequested.parse(await (await checkout(server)).json());
    assert.equal(quote.charges, null);
    assert.equal(quote.total_minor, asOrder.total_minor);
    assert.ok(quote.total_minor > quote.subtotal_minor + quote.freight_minor);
    // The supplier sees them.
    const admin = await server.admin(`/api/v1/quotes/${quote.id}`);
    assert.equal(admin.status, 200);
    assert.ok(((await admin.json()) as { charges: unknown[] }).charges.length > 0);
    await patchCustomer(server, { order_creation_status: null, show_charges: true, charges: null });
  });
});
