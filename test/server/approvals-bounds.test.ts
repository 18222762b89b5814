/**
 * What the roles and the approval rules bound beyond checkout (issue 16, from a review of the
 * first build): a Buyer cannot raise an order or accept a quote past what they may order alone,
 * a narrowed link manages nothing of the account, only the Admins change its addresses, and a
 * rejected order counts for nothing (its reference, the history, the lifetime figures).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreatedToken, Dashboard, OrderDetail, Person, Quote, type Role } from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

async function personLink(server: TestServer, customerId: string, role: Role, permissions?: Record<string, boolean>) {
  const res = await server.admin(`/api/v1/customers/${customerId}/people`, {
    body: { name: `Bound ${role}`, email: `${role}-${crypto.randomUUID().slice(0, 6)}@bounds.test`, role },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const person = Person.parse(await res.json());
  const link = await server.admin('/api/v1/customer-portal/tokens', {
    body: { client_id: customerId, person_id: person.id, ...(permissions ? { permissions } : {}) },
  });
  assert.equal(link.status, 201, await link.clone().text());
  return { person, token: CreatedToken.parse(await link.json()).token };
}

async function setRule(server: TestServer, customerId: string, approval: Record<string, unknown>) {
  const res = await server.admin(`/api/v1/customers/${customerId}`, {
    method: 'PATCH',
    body: { approval, credit_limit_minor: 0 },
  });
  assert.equal(res.status, 200, await res.clone().text());
}

let keys = 0;
async function place(server: TestServer, token: string, customerId: string, quantity: number, reference?: string) {
  const fx = await catalogFor(server, customerId);
  return server.request(portal(token, '/orders'), {
    body: {
      lines: [{ product_id: fx.orderable[0].id, quantity }],
      ...(reference ? { customer_reference: reference } : {}),
    },
    headers: { 'idempotency-key': `bounds-${++keys}` },
  });
}

forEachDatabase('approvals and roles: their bounds beyond checkout', (kind) => {
  const s = useServer(kind);

  describe('a Buyer alone', () => {
    it('cannot raise an order past the account amount: 422 approval_required, the order unchanged; lowering it is fine', async () => {
      const server = s.get();
      const customer = server.customers[0];
      await setRule(server, customer.id, { required_for: 'none', amount_minor: null });
      const buyer = await personLink(server, customer.id, 'buyer');
      const placed = await place(server, buyer.token, customer.id, 2);
      assert.equal(placed.status, 201);
      const order = OrderDetail.parse(await placed.json());
      await setRule(server, customer.id, { required_for: 'over_amount', amount_minor: order.total_minor });
      const fx = await catalogFor(server, customer.id);
      const change = (quantity: number, token = buyer.token) =>
        server.request(portal(token, `/orders/${order.number}`), {
          method: 'PATCH',
          body: { lines: [{ product_id: fx.orderable[0].id, quantity }] },
        });

      // Changes apply at once here, so what each one did shows on the order.
      const workspace = (automatic: boolean) =>
        server.admin('/api/v1/workspace/settings', {
          method: 'PATCH',
          body: { order_changes: { apply_updates_automatically: automatic } },
        });
      assert.equal((await workspace(true)).status, 200);
      try {
        const raised = await change(5);
        assert.equal(raised.status, 422);
        const error = await errorOf(raised);
        assert.equal(error.code, 'approval_required');
        assert.deepEqual(error.details, { reasons: ['over_amount'] });
        const read = async () =>
          OrderDetail.parse(await (await server.request(portal(buyer.token, `/orders/${order.id}`))).json());
        assert.deepEqual((await read()).lines, order.lines, 'the order is as it was');

        const lowered = await change(1);
        assert.equal(lowered.status, 200, 'lowering it needs no approval');
        assert.equal((await read()).lines[0].quantity, 1);
        // An Admin raises it past the amount.
        const admin = await personLink(server, customer.id, 'admin');
        const byAdmin = await change(9, admin.token);
        assert.equal(byAdmin.status, 200, await byAdmin.clone().text());
        assert.ok((await read()).total_minor > order.total_minor);
      } finally {
        await workspace(false);
      }
      await setRule(server, customer.id, { required_for: 'none', amount_minor: null });
    });

    it("cannot raise an order past their spending limit (the order's own old total given back)", async () => {
      const server = s.get();
      const customer = server.customers[0];
      await setRule(server, customer.id, { required_for: 'none', amount_minor: null });
      const buyer = await personLink(server, customer.id, 'buyer');
      const order = OrderDetail.parse(await (await place(server, buyer.token, customer.id, 2)).json());
      const unit = order.total_minor / 2;
      const limit = await server.admin(`/api/v1/customers/${customer.id}/people/${buyer.person.id}`, {
        method: 'PATCH',
        body: { spending_limit_minor: Math.ceil(unit * 3), spending_period: 'month' },
      });
      assert.equal(limit.status, 200);
      const fx = await catalogFor(server, customer.id);
      const change = (quantity: number) =>
        server.request(portal(buyer.token, `/orders/${order.id}`), {
          method: 'PATCH',
          body: { lines: [{ product_id: fx.orderable[0].id, quantity }] },
        });
      // 3 units: within the limit once the order's own 2 are given back (counted twice, it would not be).
      assert.equal((await change(3)).status, 200);
    });

    it('cannot accept a quote the account would have an Admin approve; an Admin accepts it', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const quote = await server.db.kysely
        .selectFrom('quotes')
        .select(['id', 'number', 'total_minor'])
        .where('customer_id', '=', customer.id)
        .where('state', '=', 'sent')
        .where('valid_until', '>=', server.clock.now.toISOString().slice(0, 10))
        .orderBy('number')
        .executeTakeFirstOrThrow();
      await setRule(server, customer.id, { required_for: 'buyers', amount_minor: null });
      const buyer = await personLink(server, customer.id, 'buyer');
      const refused = await server.request(portal(buyer.token, `/quotes/${quote.number}/accept`), { method: 'POST' });
      assert.equal(refused.status, 422);
      const error = await errorOf(refused);
      assert.equal(error.code, 'approval_required');
      assert.deepEqual(error.details, { reasons: ['buyer'] });
      const still = Quote.parse(await (await server.request(portal(buyer.token, `/quotes/${quote.id}`))).json());
      assert.equal(still.state, 'sent');

      const admin = await personLink(server, customer.id, 'admin');
      const accepted = await server.request(portal(admin.token, `/quotes/${quote.number}/accept`), { method: 'POST' });
      assert.equal(accepted.status, 200, await accepted.clone().text());
      assert.equal(Quote.parse(await accepted.json()).state, 'accepted');
      await setRule(server, customer.id, { required_for: 'none', amount_minor: null });
    });
  });

  describe('managing the account: its Admins, with every permission; addresses too', () => {
    it('a narrowed account link or Admin link cannot invite, change roles, set the rules nor decide; a full one can', async () => {
      const server = s.get();
      const customer = server.customers[1];
      const narrowedAccount = await server.tokenFor(customer.id, { place_orders: false });
      const narrowedAdmin = (await personLink(server, customer.id, 'admin', { view_invoices: false })).token;
      const invite = { name: 'Eve Intruder', email: 'eve@bounds.test', role: 'admin' };
      for (const token of [narrowedAccount, narrowedAdmin]) {
        for (const [method, path, body] of [
          ['POST', '/people', invite],
          ['GET', '/people', undefined],
          ['GET', '/approvals', undefined],
          ['PATCH', '/account/settings', { approval: { required_for: 'none', amount_minor: null } }],
        ] as const) {
          const res = await server.request(portal(token, path), { method, ...(body ? { body } : {}) });
          assert.equal(res.status, 403, `${method} ${path}`);
          assert.equal((await errorOf(res)).code, 'permission_denied');
        }
      }
      const people = await server.db.kysely
        .selectFrom('people')
        .select('id')
        .where('email', '=', 'eve@bounds.test')
        .execute();
      assert.deepEqual(people, [], 'nobody was invited');
      const full = await server.tokenFor(customer.id);
      assert.equal((await server.request(portal(full, '/people'))).status, 200);
    });

    it('a Buyer reads the addresses but cannot add, change or archive one; an Admin can', async () => {
      const server = s.get();
      const customer = server.customers[1];
      const buyer = await personLink(server, customer.id, 'buyer');
      const admin = await personLink(server, customer.id, 'admin');
      const address = {
        kind: 'delivery',
        label: 'Back door',
        name: 'Receiving',
        line1: '1 Quay Street',
        city: 'Galway',
        postal_code: 'H91 X2Y3',
        country: 'IE',
      };
      assert.equal((await server.request(portal(buyer.token, '/addresses'))).status, 200);
      const refused = await server.request(portal(buyer.token, '/addresses'), { body: address });
      assert.equal(refused.status, 403);
      assert.equal((await errorOf(refused)).code, 'permission_denied');
      const made = await server.request(portal(admin.token, '/addresses'), { body: address });
      assert.equal(made.status, 201, await made.clone().text());
      const { id } = (await made.json()) as { id: string };
      for (const [method, body] of [
        ['PATCH', { label: 'Front door' }],
        ['DELETE', undefined],
      ] as const) {
        const res = await server.request(portal(buyer.token, `/addresses/${id}`), {
          method,
          ...(body ? { body } : {}),
        });
        assert.equal(res.status, 403, method);
      }
      assert.equal((await server.request(portal(admin.token, `/addresses/${id}`), { method: 'DELETE' })).status, 204);
    });
  });

  describe('a rejected order counts for nothing', () => {
    it('its reference may be used again, and it leaves the lifetime figures', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const settings = (body: Record<string, unknown>) =>
        server.admin('/api/v1/workspace/settings', { method: 'PATCH', body });
      assert.equal((await settings({ require_unique_reference: true })).status, 200);
      try {
        await setRule(server, customer.id, { required_for: 'buyers', amount_minor: null });
        const buyer = await personLink(server, customer.id, 'buyer');
        const full = await server.tokenFor(customer.id);
        const lifetime = async () => {
          const d = Dashboard.parse(await (await server.request(portal(full, '/dashboard'))).json());
          return [d.lifetime_orders, d.lifetime_sales_minor];
        };
        const before = await lifetime();
        const held = await place(server, buyer.token, customer.id, 1, 'PO-BOUNDS-77');
        assert.equal(held.status, 201);
        const order = OrderDetail.parse(await held.json());
        assert.equal(order.status, 'awaiting_approval');
        const taken = await place(server, buyer.token, customer.id, 1, 'PO-BOUNDS-77');
        assert.equal(taken.status, 422, 'a waiting order holds its reference');
        assert.equal((await errorOf(taken)).code, 'reference_taken');
        const rejected = await server.request(portal(full, `/orders/${order.number}/reject`), {
          body: { reason: 'Over budget this week' },
        });
        assert.equal(rejected.status, 200);
        assert.deepEqual(await lifetime(), before, 'the rejected order left the lifetime figures');
        await setRule(server, customer.id, { required_for: 'none', amount_minor: null });
        const again = await place(server, buyer.token, customer.id, 1, 'PO-BOUNDS-77');
        assert.equal(again.status, 201, await again.clone().text());
      } finally {
        await settings({ require_unique_reference: false });
        await setRule(server, customer.id, { required_for: 'none', amount_minor: null });
      }
    });
  });
});
