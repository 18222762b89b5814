/**
 * Charges besides freight, "show charges on portal" and the minimum order value, per customer
 * (issue 17): the server charges what the shared pricing module computes, refuses a subtotal below
 * the minimum with the shortfall, and shows charge lines only to customers whose supplier shows them.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  AdminOrderDetail,
  BelowMinimumDetails,
  CustomerDetail,
  OrderDetail,
  PriceChangedDetails,
  Session,
  type ChargeRules,
  type Product,
} from '../../widget/contract/index.ts';
import { Pricer } from '../../widget/pricing/index.ts';
import { withCharges } from '../../widget/pricing/charges.ts';
import { catalogFor } from './fixtures.ts';
import { textOf } from './pdf-tools.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const RULES: ChargeRules = {
  small_order: { below_minor: 1_000_000, fee_minor: 750 },
  percent_basis_points: 250,
  per_unit_minor: 15,
};
const MINIMUM = 5_000;

forEachDatabase('Charges and minimum order value', (kind) => {
  const s = useServer(kind);
  let customerId: string;
  let token: string;
  let fx: Awaited<ReturnType<typeof catalogFor>>;
  let product: Product;
  let keys = 0;

  const place = (server: TestServer, body: unknown) =>
    server.request(portal(token, '/orders'), { body, headers: { 'idempotency-key': `charges-${++keys}` } });
  /** The quantity whose subtotal first reaches `amount`. */
  const quantityFor = (amount: number) => Math.ceil(amount / fx.unitPrice(product, product.units[0].code, 1)) + 1;
  /** What the widget computes: the shared pricer with the session's rules. */
  const browserTotal = (session: Session, quantity: number) =>
    withCharges(
      new Pricer(fx.catalog.pricing).priceOrder(
        new Map(fx.catalog.products.map((p) => [p.id, p])),
        [{ product_id: product.id, quantity }],
        session.settings.freight,
        s.get().clock.now,
      ),
      session.settings.charges,
    );
  const session = async (server: TestServer) =>
    Session.parse(await (await server.request(portal(token, '/session'))).json());

  it('setup: a customer with charges and a minimum, set through the admin API', async () => {
    const server = s.get();
    const res = await server.admin('/api/v1/customers', {
      body: { business_name: 'Small Orders Ltd', charges: RULES, show_charges: true, minimum_order_minor: MINIMUM },
    });
    assert.equal(res.status, 201, await res.clone().text());
    const created = CustomerDetail.parse(await res.json());
    assert.deepEqual(created.settings.charges, RULES);
    assert.equal(created.settings.show_charges, true);
    assert.equal(created.settings.minimum_order_minor, MINIMUM);
    customerId = created.id;
    token = await server.tokenFor(customerId);
    fx = await catalogFor(server, customerId);
    product = fx.orderable.find((p) => fx.unitPrice(p) < 1000) ?? fx.orderable[0];
  });

  it('the session carries the rules, so the widget totals what the server charges', async () => {
    const settings = (await session(s.get())).settings;
    assert.deepEqual(settings.charges, RULES);
    assert.equal(settings.show_charges, true);
    assert.equal(settings.minimum_order_minor, MINIMUM);
  });

  it('below the minimum: 422 below_minimum with the shortfall, no order', async () => {
    const server = s.get();
    const res = await place(server, { lines: [{ product_id: product.id, quantity: 1 }] });
    assert.equal(res.status, 422);
    const error = await errorOf(res);
    assert.equal(error.code, 'below_minimum');
    const details = BelowMinimumDetails.parse(error.details);
    const subtotal = fx.unitPrice(product);
    assert.deepEqual(details, {
      minimum_minor: MINIMUM,
      subtotal_minor: subtotal,
      shortfall_minor: MINIMUM - subtotal,
      source: 'customer',
    });
    const count = await server.db.kysely
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  it('at the minimum: placed with its charges, at the total the browser computed', async () => {
    const server = s.get();
    const quantity = quantityFor(MINIMUM);
    const expected = browserTotal(await session(server), quantity);
    assert.ok(expected.charges_minor > 0);
    const res = await place(server, {
      lines: [{ product_id: product.id, quantity }],
      expected_total: expected.total_minor,
    });
    assert.equal(res.status, 201, await res.clone().text());
    const order = OrderDetail.parse(await res.json());
    const subtotal = order.subtotal_minor;
    assert.deepEqual(order.charges, [
      { kind: 'small_order', amount_minor: 750 },
      { kind: 'percentage', amount_minor: Math.floor((subtotal * 250 + 5000) / 10_000) },
      { kind: 'per_unit', amount_minor: 15 * quantity },
    ]);
    assert.equal(order.total_minor, expected.total_minor);
    assert.equal(order.total_minor, subtotal + order.freight_minor + expected.charges_minor);
    const pdf = await server.request(portal(token, `/orders/${order.id}/pdf`));
    assert.equal(pdf.status, 200);
    const text = textOf(new Uint8Array(await pdf.arrayBuffer()));
    for (const label of ['Small-order surcharge', 'Surcharge', 'Handling fee per unit'])
      assert.ok(text.includes(label), `the PDF names ${label}: ${text}`);
  });

  it('a total seen without the charges is 409 price_changed, the charges in its details', async () => {
    const server = s.get();
    const quantity = quantityFor(MINIMUM);
    const expected = browserTotal(await session(server), quantity);
    const res = await place(server, {
      lines: [{ product_id: product.id, quantity }],
      expected_total: expected.total_minor - expected.charges_minor,
    });
    assert.equal(res.status, 409);
    const details = PriceChangedDetails.parse((await errorOf(res)).details);
    assert.equal(details.total_minor, expected.total_minor);
    assert.equal(details.charges_minor, expected.charges_minor);
  });

  it('"show charges" off: the customer reads totals only, the supplier every charge', async () => {
    const server = s.get();
    const res = await place(server, { lines: [{ product_id: product.id, quantity: quantityFor(MINIMUM) }] });
    const placed = OrderDetail.parse(await res.json());
    assert.equal(placed.charges?.length, 3);
    const patched = await server.admin(`/api/v1/customers/${customerId}`, {
      method: 'PATCH',
      body: { show_charges: false },
    });
    assert.equal(patched.status, 200);
    assert.equal((await session(server)).settings.show_charges, false);
    const read = OrderDetail.parse(await (await server.request(portal(token, `/orders/${placed.id}`))).json());
    assert.equal(read.charges, null);
    assert.equal(read.total_minor, placed.total_minor, 'the total still holds them');
    const pdf = await server.request(portal(token, `/orders/${placed.id}/pdf`));
    assert.ok(!textOf(new Uint8Array(await pdf.arrayBuffer())).includes('surcharge'), 'the PDF: totals only');
    const admin = AdminOrderDetail.parse(await (await server.admin(`/api/v1/orders/${placed.id}`)).json());
    assert.deepEqual(admin.charges, placed.charges);
  });

  it('demo data: Seaside Hotel Group pays charges it sees, Greenleaf Deli has a minimum', async () => {
    const server = s.get();
    const settingsOf = async (name: string) => {
      const id = server.customers.find((c) => c.business_name === name)!.id;
      const link = await server.tokenFor(id);
      return Session.parse(await (await server.request(portal(link, '/session'))).json()).settings;
    };
    const seaside = await settingsOf('Seaside Hotel Group');
    assert.ok(seaside.charges && seaside.show_charges === true && seaside.minimum_order_minor === null);
    const greenleaf = await settingsOf('Greenleaf Deli');
    assert.deepEqual([greenleaf.charges, greenleaf.minimum_order_minor], [null, 15_000]);
  });

  it('clearing the rules and the minimum: no charges, no minimum', async () => {
    const server = s.get();
    const patched = await server.admin(`/api/v1/customers/${customerId}`, {
      method: 'PATCH',
      body: { charges: null, minimum_order_minor: null, show_charges: true },
    });
    assert.equal(patched.status, 200);
    const res = await place(server, { lines: [{ product_id: product.id, quantity: 1 }] });
    assert.equal(res.status, 201, await res.clone().text());
    const order = OrderDetail.parse(await res.json());
    assert.deepEqual(order.charges, []);
    assert.equal(order.total_minor, order.subtotal_minor + order.freight_minor);
  });
});
