/**
 * Charges the supplier adds to an order after checkout (issue 17): added through the admin API,
 * pending ("To approve") until the customer approves or rejects one that needs approval; only
 * approved ones count in the total; a second decision is refused; two at once: one wins.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AdminOrderDetail, CreatedToken, CustomerDetail, OrderDetail, Person } from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { textOf } from './pdf-tools.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

forEachDatabase('Charges to approve', (kind) => {
  const s = useServer(kind);
  let customerId: string;
  let token: string;
  let order: AdminOrderDetail;

  const addCharge = (server: TestServer, key: string, body: unknown) =>
    server.admin(`/api/v1/orders/${key}/charges`, { body });
  const added = async (res: Response) => {
    assert.equal(res.status, 201, await res.clone().text());
    return AdminOrderDetail.parse(await res.json());
  };
  const decide = (server: TestServer, t: string, chargeId: string, how: 'approve' | 'reject', body?: unknown) =>
    server.request(portal(t, `/orders/${order.number}/charges/${chargeId}/${how}`), { method: 'POST', body });
  const portalOrder = async (server: TestServer) =>
    OrderDetail.parse(await (await server.request(portal(token, `/orders/${order.number}`))).json());
  const adminRead = async (server: TestServer, key = order.id) =>
    AdminOrderDetail.parse(await (await server.admin(`/api/v1/orders/${key}`)).json());

  let keys = 0;
  const place = async (server: TestServer) => {
    const fx = await catalogFor(server, customerId);
    const res = await server.request(portal(token, '/orders'), {
      body: { lines: [{ product_id: fx.orderable[0].id, quantity: 2 }] },
      headers: { 'idempotency-key': `supplier-charges-${++keys}` },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return adminRead(server, OrderDetail.parse(await res.json()).id);
  };

  it('setup: a customer with an order placed through the portal', async () => {
    const server = s.get();
    const res = await server.admin('/api/v1/customers', { body: { business_name: 'Approving Charges Ltd' } });
    assert.equal(res.status, 201, await res.clone().text());
    customerId = CustomerDetail.parse(await res.json()).id;
    token = await server.tokenFor(customerId);
    order = await place(server);
  });

  it('a charge needing approval is listed pending and does not count; one that does not counts at once', async () => {
    const server = s.get();
    const before = order.total_minor;
    const pending = await added(
      await addCharge(server, order.number, {
        label: '  Pallet wrapping ',
        amount_minor: 1_250,
        requires_approval: true,
      }),
    );
    assert.equal(pending.total_minor, before);
    assert.deepEqual(
      pending.supplier_charges?.map((c) => [c.label, c.amount_minor, c.state, c.requires_approval]),
      [['Pallet wrapping', 1_250, 'pending', true]],
    );
    const seen = await portalOrder(server);
    assert.equal(seen.total_minor, before, 'the customer sees the total without it');
    assert.equal(seen.supplier_charges?.[0].state, 'pending');

    const direct = await added(
      await addCharge(server, order.id, { label: 'Tail-lift delivery', amount_minor: 500, requires_approval: false }),
    );
    assert.equal(direct.total_minor, before + 500);
    assert.equal(direct.supplier_charges?.[1].state, 'approved');
    assert.equal((await portalOrder(server)).total_minor, before + 500);
    order = direct;
  });

  it('a charge is refused without a label, with no amount, and on a cancelled order (422 order_closed)', async () => {
    const server = s.get();
    for (const body of [
      { label: '   ', amount_minor: 100, requires_approval: true },
      { label: 'Nothing', amount_minor: 0, requires_approval: true },
      { label: 'Too much', amount_minor: 100_000_001, requires_approval: true },
      { label: 'Unsaid', amount_minor: 100 },
    ]) {
      const res = await addCharge(server, order.id, body);
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    assert.equal(
      (await addCharge(server, 'no-such-order', { label: 'x', amount_minor: 1, requires_approval: true })).status,
      404,
    );

    const other = await place(server);
    const cancel = await server.admin(`/api/v1/orders/${other.id}/status`, { body: { status: 'cancelled' } });
    assert.equal(cancel.status, 200, await cancel.clone().text());
    const res = await addCharge(server, other.id, { label: 'Late', amount_minor: 100, requires_approval: true });
    assert.equal(res.status, 422);
    assert.equal((await errorOf(res)).code, 'order_closed');
  });

  it('only those who may place orders decide: a Viewer and a link without place_orders get 403', async () => {
    const server = s.get();
    const charge = order.supplier_charges![0];
    const person = await server.admin(`/api/v1/customers/${customerId}/people`, {
      body: { name: 'A viewer', email: 'viewer@charges.test', role: 'viewer' },
    });
    assert.equal(person.status, 201, await person.clone().text());
    const link = await server.admin('/api/v1/customer-portal/tokens', {
      body: { client_id: customerId, person_id: Person.parse(await person.json()).id },
    });
    const viewer = CreatedToken.parse(await link.json()).token;
    const noOrders = await server.tokenFor(customerId, { place_orders: false });
    for (const t of [viewer, noOrders]) {
      for (const how of ['approve', 'reject'] as const) {
        const res = await decide(server, t, charge.id, how, how === 'reject' ? { reason: 'no' } : undefined);
        assert.equal(res.status, 403, how);
        assert.equal((await errorOf(res)).code, 'permission_denied');
      }
    }
    assert.equal((await portalOrder(server)).supplier_charges?.[0].state, 'pending');
  });

  it('approving counts it in the total; a second decision is 409 charge_not_pending', async () => {
    const server = s.get();
    const charge = order.supplier_charges![0];
    const before = (await portalOrder(server)).total_minor;
    const res = await decide(server, token, charge.id, 'approve');
    assert.equal(res.status, 200, await res.clone().text());
    const approved = OrderDetail.parse(await res.json());
    assert.equal(approved.total_minor, before + charge.amount_minor);
    assert.equal(approved.supplier_charges?.[0].state, 'approved');
    assert.ok(approved.supplier_charges?.[0].decided_at);
    for (const how of ['approve', 'reject'] as const) {
      const again = await decide(server, token, charge.id, how, how === 'reject' ? { reason: 'late' } : undefined);
      assert.equal(again.status, 409, how);
      assert.equal((await errorOf(again)).code, 'charge_not_pending');
    }
    const admin = await adminRead(server);
    assert.equal(admin.total_minor, before + charge.amount_minor, 'the supplier sees the total');
    assert.equal(admin.supplier_charges?.[0].state, 'approved');
    // Decided: no longer withdrawn.
    const withdraw = await server.admin(`/api/v1/orders/${order.id}/charges/${charge.id}`, { method: 'DELETE' });
    assert.equal(withdraw.status, 409);
    assert.equal((await errorOf(withdraw)).code, 'charge_not_pending');
  });

  it('rejecting needs a reason (trimmed); the charge never counts and the supplier reads why', async () => {
    const server = s.get();
    const withCharge = await added(
      await addCharge(server, order.id, { label: 'Weekend delivery', amount_minor: 2_000, requires_approval: true }),
    );
    const charge = withCharge.supplier_charges!.at(-1)!;
    for (const body of [undefined, {}, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
      const res = await decide(server, token, charge.id, 'reject', body);
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    const res = await decide(server, token, charge.id, 'reject', { reason: '  We collect on Mondays.  ' });
    assert.equal(res.status, 200, await res.clone().text());
    const rejected = OrderDetail.parse(await res.json());
    assert.equal(rejected.total_minor, withCharge.total_minor);
    const admin = await adminRead(server);
    const outcome = admin.supplier_charges!.find((c) => c.id === charge.id)!;
    assert.equal(outcome.state, 'rejected');
    assert.equal(outcome.reason, 'We collect on Mondays.');
    assert.equal(admin.total_minor, withCharge.total_minor);
    // The PDF's totals add up: the approved charge by its label, the rejected one not at all.
    const pdf = await server.request(portal(token, `/orders/${order.id}/pdf`));
    assert.equal(pdf.status, 200);
    const text = textOf(new Uint8Array(await pdf.arrayBuffer()));
    assert.ok(text.includes('Pallet wrapping'), text);
    assert.ok(!text.includes('Weekend delivery'), text);
  });

  it('a pending charge can be withdrawn; an unknown charge is 404', async () => {
    const server = s.get();
    const withCharge = await added(
      await addCharge(server, order.id, { label: 'Typo', amount_minor: 99, requires_approval: true }),
    );
    const charge = withCharge.supplier_charges!.at(-1)!;
    const res = await server.admin(`/api/v1/orders/${order.id}/charges/${charge.id}`, { method: 'DELETE' });
    assert.equal(res.status, 200, await res.clone().text());
    const after = AdminOrderDetail.parse(await res.json());
    assert.ok(!after.supplier_charges!.some((c) => c.id === charge.id));
    assert.equal(after.total_minor, withCharge.total_minor);
    assert.equal((await decide(server, token, charge.id, 'approve')).status, 404);
    assert.equal((await decide(server, token, 'no-such-charge', 'approve')).status, 404);
  });

  it("another customer's link cannot see or decide the charge (404)", async () => {
    const server = s.get();
    const withCharge = await added(
      await addCharge(server, order.id, { label: 'Cross', amount_minor: 10, requires_approval: true }),
    );
    const other = server.customers.find((c) => c.id !== customerId)!;
    const otherToken = await server.tokenFor(other.id);
    const res = await decide(server, otherToken, withCharge.supplier_charges!.at(-1)!.id, 'approve');
    assert.equal(res.status, 404);
  });

  it('two tabs deciding the same charge at once: exactly one wins, the total moves once', async () => {
    const server = s.get();
    const withCharge = await added(
      await addCharge(server, order.id, { label: 'Race', amount_minor: 700, requires_approval: true }),
    );
    const charge = withCharge.supplier_charges!.at(-1)!;
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        decide(server, token, charge.id, i % 2 ? 'approve' : 'reject', i % 2 ? undefined : { reason: `tab ${i}` }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    assert.equal(statuses.filter((st) => st === 200).length, 1, statuses.join());
    assert.equal(statuses.filter((st) => st === 409).length, 11, statuses.join());
    const admin = await adminRead(server);
    const outcome = admin.supplier_charges!.find((c) => c.id === charge.id)!;
    assert.equal(admin.total_minor, withCharge.total_minor + (outcome.state === 'approved' ? 700 : 0));
  });
});
