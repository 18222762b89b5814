/**
 * "Automatically create orders" off (issue 17, seed 002): a portal order waits for the supplier
 * (`awaiting_supplier`), keeping its number, until the supplier creates it through the admin API;
 * the customer may cancel it meanwhile, whatever the change limits. Set for the workspace, and
 * per customer (the customer's wins).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AdminOrderDetail,
  AdminOrderSummary,
  CreatedToken,
  OrderDetail,
  OrderList,
  Person,
} from '../../widget/contract/index.ts';
import { seedWaitingOrders, WAITING_ORDERS_CUSTOMER } from '../../demo-server/db/seed.ts';
import { catalogFor } from './fixtures.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const SETTINGS = '/api/v1/workspace/settings';

forEachDatabase('orders waiting for the supplier', (kind) => {
  const s = useServer(kind);
  let token: string;
  let customerId: string;
  let lines: { product_id: string; quantity: number }[];
  let keys = 0;

  async function place(server: TestServer, as = token): Promise<OrderDetail> {
    const res = await server.request(portal(as, '/orders'), {
      body: { lines },
      headers: { 'idempotency-key': `waiting-${++keys}` },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return OrderDetail.parse(await res.json());
  }

  async function setWorkspace(server: TestServer, body: Record<string, unknown>) {
    const res = await server.admin(SETTINGS, { method: 'PATCH', body });
    assert.equal(res.status, 200, await res.clone().text());
  }

  async function setCustomer(server: TestServer, automatic: boolean | null) {
    const res = await server.admin(`/api/v1/customers/${customerId}`, {
      method: 'PATCH',
      body: { create_orders_automatically: automatic },
    });
    assert.equal(res.status, 200, await res.clone().text());
    return res.json() as Promise<{ settings: { create_orders_automatically: boolean | null } }>;
  }

  const create = (server: TestServer, key: string) => server.admin(`/api/v1/orders/${key}/create`, { method: 'POST' });

  const listed = async (server: TestServer, group?: 'waiting' | 'cancelled') =>
    OrderList.parse(
      await (await server.request(portal(token, `/orders${group ? `?status_group=${group}` : ''}`))).json(),
    ).items.map((o) => o.number);

  it('setup: a customer without minimum or approvals, an orderable line', async () => {
    const server = s.get();
    customerId = server.customers.find((c) => c.business_name === 'Blue Door Café')?.id ?? server.customers[0].id;
    const res = await server.admin(`/api/v1/customers/${customerId}`, {
      method: 'PATCH',
      body: { order_creation_status: 'to_plan', minimum_order_minor: null, credit_limit_minor: 0 },
    });
    assert.equal(res.status, 200, await res.clone().text());
    token = await server.tokenFor(customerId);
    const fx = await catalogFor(server, customerId);
    lines = [{ product_id: fx.orderable[0].id, quantity: 2 }];
  });

  describe('the setting and its levels', () => {
    it('on by default: an order is created at once (pending), as before', async () => {
      const server = s.get();
      const settings = (await (await server.admin(SETTINGS)).json()) as { create_orders_automatically: boolean };
      assert.equal(settings.create_orders_automatically, true);
      assert.equal((await place(server)).status, 'pending');
    });

    it('the workspace off: the order waits for the supplier, numbered, listed under waiting only', async () => {
      const server = s.get();
      await setWorkspace(server, { create_orders_automatically: false });
      const order = await place(server);
      assert.equal(order.status, 'awaiting_supplier');
      assert.match(order.number, /^SO-/);
      assert.deepEqual(order.changes, { can_edit: false, can_cancel: true, blocked_reason: 'awaiting_supplier' });
      assert.ok((await listed(server, 'waiting')).includes(order.number));
      assert.ok(!(await listed(server, 'cancelled')).includes(order.number));
      assert.ok((await listed(server)).includes(order.number), 'and among all orders');
      const waiting = OrderList.parse(
        await (await server.request(portal(token, '/orders?status_group=waiting'))).json(),
      ).items;
      assert.ok(waiting.every((o) => o.status === 'awaiting_supplier' || o.status === 'awaiting_approval'));
      // Not acted on: the supplier cannot confirm or ship it, only create or cancel it.
      const detail = AdminOrderDetail.parse(await (await server.admin(`/api/v1/orders/${order.id}`)).json());
      assert.deepEqual(detail.allowed_transitions, ['cancelled']);
      const shipped = await server.admin(`/api/v1/orders/${order.id}/status`, {
        method: 'POST',
        body: { status: 'confirmed' },
      });
      assert.equal(shipped.status, 409);
      assert.equal((await errorOf(shipped)).code, 'invalid_transition');
      // Nor edited by the customer until it is created.
      const edit = await server.request(portal(token, `/orders/${order.id}`), {
        method: 'PATCH',
        body: { customer_reference: 'PO-EDIT' },
      });
      assert.equal(edit.status, 422);
      assert.deepEqual(await errorOf(edit).then((e) => [e.code, e.details]), [
        'order_not_editable',
        { reason: 'awaiting_supplier' },
      ]);
    });

    it("the customer's own setting wins both ways; null falls back to the workspace's", async () => {
      const server = s.get();
      await setWorkspace(server, { create_orders_automatically: false });
      assert.equal((await setCustomer(server, true)).settings.create_orders_automatically, true);
      assert.equal((await place(server)).status, 'pending');
      await setWorkspace(server, { create_orders_automatically: true });
      assert.equal((await setCustomer(server, false)).settings.create_orders_automatically, false);
      assert.equal((await place(server)).status, 'awaiting_supplier');
      assert.equal((await setCustomer(server, null)).settings.create_orders_automatically, null);
      assert.equal((await place(server)).status, 'pending');
    });
  });

  describe('the supplier creates it', () => {
    it('POST /orders/{id}/create: pending, same number, recorded; 409 once created; 404 for none', async () => {
      const server = s.get();
      await setWorkspace(server, { create_orders_automatically: false });
      const order = await place(server);
      const res = await create(server, order.number);
      assert.equal(res.status, 200, await res.clone().text());
      const created = AdminOrderSummary.parse(await res.json());
      assert.deepEqual([created.id, created.number, created.status], [order.id, order.number, 'pending']);
      assert.equal(created.customer.id, customerId);

      const seen = OrderDetail.parse(await (await server.request(portal(token, `/orders/${order.id}`))).json());
      assert.equal(seen.status, 'pending');
      assert.equal(seen.number, order.number);
      const last = seen.history.at(-1)!;
      assert.deepEqual(
        [last.actor, last.action, last.changes],
        ['supplier', 'status_changed', { status: { from: 'awaiting_supplier', to: 'pending' } }],
      );
      assert.ok(!(await listed(server, 'waiting')).includes(order.number), 'no longer waiting');

      const again = await create(server, order.id);
      assert.equal(again.status, 409);
      assert.deepEqual(await errorOf(again).then((e) => [e.code, e.details]), [
        'not_awaiting_supplier',
        { status: 'pending' },
      ]);
      assert.equal((await create(server, '00000000-0000-4000-8000-000000000000')).status, 404);
      assert.equal((await create(server, 'SO-1999-000001')).status, 404);
    });

    it('only with an admin key: a portal token or no key is 401', async () => {
      const server = s.get();
      await setWorkspace(server, { create_orders_automatically: false });
      const order = await place(server);
      const anonymous = await server.request(`/api/v1/orders/${order.id}/create`, { method: 'POST' });
      assert.equal(anonymous.status, 401);
      const withToken = await server.request(`/api/v1/orders/${order.id}/create`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(withToken.status, 401);
      const still = OrderDetail.parse(await (await server.request(portal(token, `/orders/${order.id}`))).json());
      assert.equal(still.status, 'awaiting_supplier');
    });

    it('the supplier may cancel a waiting order instead', async () => {
      const server = s.get();
      await setWorkspace(server, { create_orders_automatically: false });
      const order = await place(server);
      const res = await server.admin(`/api/v1/orders/${order.id}/status`, {
        method: 'POST',
        body: { status: 'cancelled', reason: 'Discontinued line' },
      });
      assert.equal(res.status, 200, await res.clone().text());
      assert.equal((await create(server, order.id)).status, 409);
    });
  });

  describe('the customer cancels while it waits', () => {
    it('at once, whatever the limits and with approval of cancellations on; listed under cancelled', async () => {
      const server = s.get();
      await setWorkspace(server, {
        create_orders_automatically: false,
        order_changes: {
          enabled: false,
          apply_cancellations_automatically: false,
          allowed_before: 'confirmed',
          cancellations_allowed_before: 'confirmed',
        },
      });
      const order = await place(server);
      const res = await server.request(portal(token, `/orders/${order.id}/cancel`), {
        body: { reason: 'Ordered twice' },
      });
      assert.equal(res.status, 200, await res.clone().text());
      const cancelled = OrderDetail.parse(await res.json());
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(cancelled.pending_request, null, 'nothing for the supplier to approve');
      assert.equal(cancelled.history.at(-1)!.action, 'cancelled');
      assert.ok((await listed(server, 'cancelled')).includes(order.number));
      assert.ok(!(await listed(server, 'waiting')).includes(order.number));
      const create409 = await create(server, order.id);
      assert.equal(create409.status, 409);
      assert.deepEqual((await errorOf(create409)).details, { status: 'cancelled' });
    });

    it('once created, the cancellation limits apply again: refused past them', async () => {
      const server = s.get();
      await setWorkspace(server, {
        create_orders_automatically: false,
        order_changes: {
          enabled: true,
          apply_cancellations_automatically: true,
          allowed_before: 'confirmed',
          cancellations_allowed_before: 'confirmed',
        },
      });
      const order = await place(server);
      assert.equal((await create(server, order.id)).status, 200);
      const confirmed = await server.admin(`/api/v1/orders/${order.id}/status`, {
        method: 'POST',
        body: { status: 'confirmed' },
      });
      assert.equal(confirmed.status, 200, await confirmed.clone().text());
      const res = await server.request(portal(token, `/orders/${order.id}/cancel`), { body: {} });
      assert.equal(res.status, 422);
      assert.deepEqual(await errorOf(res).then((e) => [e.code, e.details]), [
        'order_not_editable',
        { reason: 'past_allowed_status' },
      ]);
    });

    it('a link without place_orders may not cancel it (403); another customer cannot see it (404)', async () => {
      const server = s.get();
      await setWorkspace(server, { create_orders_automatically: false, order_changes: { enabled: true } });
      const order = await place(server);
      const viewer = await server.tokenFor(customerId, { place_orders: false });
      const refused = await server.request(portal(viewer, `/orders/${order.id}/cancel`), { body: {} });
      assert.equal(refused.status, 403);
      const other = server.customers.find((c) => c.id !== customerId)!;
      const stranger = await server.tokenFor(other.id);
      const hidden = await server.request(portal(stranger, `/orders/${order.id}/cancel`), { body: {} });
      assert.equal(hidden.status, 404);
      const still = OrderDetail.parse(await (await server.request(portal(token, `/orders/${order.id}`))).json());
      assert.equal(still.status, 'awaiting_supplier');
    });
  });

  describe("with the account's approvals (issue 16)", () => {
    it("an Admin's approval hands a Buyer's order to the supplier, waiting, when orders are not created automatically", async () => {
      const server = s.get();
      await setWorkspace(server, { create_orders_automatically: false });
      const rule = await server.admin(`/api/v1/customers/${customerId}`, {
        method: 'PATCH',
        body: { approval: { required_for: 'buyers', amount_minor: null } },
      });
      assert.equal(rule.status, 200);
      const person = async (role: 'buyer' | 'admin') => {
        const res = await server.admin(`/api/v1/customers/${customerId}/people`, {
          body: { name: `A ${role}`, email: `${role}@waiting.test`, role },
        });
        assert.equal(res.status, 201, await res.clone().text());
        const { id } = Person.parse(await res.json());
        const link = await server.admin('/api/v1/customer-portal/tokens', {
          body: { client_id: customerId, person_id: id },
        });
        return CreatedToken.parse(await link.json()).token;
      };
      const buyer = await person('buyer');
      const admin = await person('admin');
      const order = await place(server, buyer);
      assert.equal(order.status, 'awaiting_approval');
      assert.ok((await listed(server, 'waiting')).includes(order.number), 'the waiting tab holds it too');
      const approved = await server.request(portal(admin, `/orders/${order.id}/approve`), { method: 'POST' });
      assert.equal(approved.status, 200, await approved.clone().text());
      assert.equal(OrderDetail.parse(await approved.json()).status, 'awaiting_supplier');
      assert.equal((await create(server, order.id)).status, 200);
      await server.admin(`/api/v1/customers/${customerId}`, {
        method: 'PATCH',
        body: { approval: { required_for: 'none', amount_minor: null } },
      });
    });
  });

  describe("the demo (npm start): Mason's Kitchen's orders wait", () => {
    const demo = useServer(kind);

    it('its setting is off, its newest portal order waits, and its next checkout waits too', async () => {
      const server = demo.get();
      await seedWaitingOrders(server.db.kysely);
      const mason = server.customers.find((c) => c.business_name === WAITING_ORDERS_CUSTOMER)!;
      const customer = (await (await server.admin(`/api/v1/customers/${mason.id}`)).json()) as {
        settings: { create_orders_automatically: boolean | null };
      };
      assert.equal(customer.settings.create_orders_automatically, false);
      const masonToken = await server.tokenFor(mason.id);
      const waiting = OrderList.parse(
        await (await server.request(portal(masonToken, '/orders?status_group=waiting'))).json(),
      ).items;
      assert.deepEqual(
        waiting.map((o) => [o.status, o.channel]),
        [['awaiting_supplier', 'portal']],
      );
      const fx = await catalogFor(server, mason.id);
      const res = await server.request(portal(masonToken, '/orders'), {
        body: { lines: [{ product_id: fx.orderable[0].id, quantity: 1 }] },
        headers: { 'idempotency-key': 'demo-waiting' },
      });
      assert.equal(res.status, 201, await res.clone().text());
      assert.equal(OrderDetail.parse(await res.json()).status, 'awaiting_supplier');
    });
  });
});
