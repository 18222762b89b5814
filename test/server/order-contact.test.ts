/**
 * The contact of an order (issue 17, "default values: … contact"): a customer's default contact
 * is set through the admin API and carried by the session for checkout to pre-fill; checkout's
 * `contact` is kept on the order, which the customer and the supplier read back.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AdminOrderDetail, CustomerDetail, OrderDetail, Session } from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const CONTACT = { name: 'Aoife Byrne', phone: '+353 1 555 0101', email: 'goods-in@bluedoor.example' };

forEachDatabase('order contact', (kind) => {
  const s = useServer(kind);
  let token: string;
  let customerId: string;
  let line: { product_id: string; quantity: number };
  let keys = 0;

  const checkout = (server: TestServer, body: Record<string, unknown>) =>
    server.request(portal(token, '/orders'), {
      body: { lines: [line], ...body },
      headers: { 'idempotency-key': `contact-${++keys}` },
    });

  it('setup', async () => {
    const server = s.get();
    customerId = server.customers.find((c) => c.business_name === 'Blue Door Café')?.id ?? server.customers[0].id;
    token = await server.tokenFor(customerId);
    line = { product_id: (await catalogFor(server, customerId)).orderable[0].id, quantity: 1 };
  });

  it('a default contact is kept and carried by the session; a malformed email is 400', async () => {
    const server = s.get();
    const defaults = { delivery_address_id: null, reference_prefix: null, delivery_instructions: null };
    const res = await server.admin(`/api/v1/customers/${customerId}`, {
      method: 'PATCH',
      body: { order_defaults: { ...defaults, contact: { ...CONTACT, name: ' Aoife Byrne ' } } },
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(CustomerDetail.parse(await res.json()).settings.order_defaults?.contact, CONTACT);
    const session = Session.parse(await (await server.request(portal(token, '/session'))).json());
    assert.deepEqual(session.settings.order_defaults?.contact, CONTACT);

    const bad = await server.admin(`/api/v1/customers/${customerId}`, {
      method: 'PATCH',
      body: { order_defaults: { ...defaults, contact: { ...CONTACT, email: 'not an email' } } },
    });
    assert.equal(bad.status, 400);
    assert.equal((await errorOf(bad)).code, 'validation_failed');
  });

  it("checkout's contact is on the order, for the customer and the supplier; none or all empty: null", async () => {
    const server = s.get();
    const res = await checkout(server, { contact: { ...CONTACT, phone: null } });
    assert.equal(res.status, 201, await res.clone().text());
    const order = OrderDetail.parse(await res.json());
    assert.deepEqual(order.contact, { ...CONTACT, phone: null });
    const read = OrderDetail.parse(await (await server.request(portal(token, `/orders/${order.id}`))).json());
    assert.deepEqual(read.contact, { ...CONTACT, phone: null });
    const admin = AdminOrderDetail.parse(await (await server.admin(`/api/v1/orders/${order.id}`)).json());
    assert.deepEqual(admin.contact, { ...CONTACT, phone: null });

    for (const body of [{}, { contact: { name: null, phone: null, email: null } }]) {
      const none = OrderDetail.parse(await (await checkout(server, body)).json());
      assert.equal(none.contact, null, JSON.stringify(body));
    }
    const refused = await checkout(server, { contact: { ...CONTACT, email: 'nope' } });
    assert.equal(refused.status, 400);
  });
});
