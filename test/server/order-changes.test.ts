/**
 * Order edit and cancel with the supplier's approval (seed 002): PATCH orders/{id}, POST
 * orders/{id}/cancel, the admin order-requests endpoints, the edit window, channels, re-pricing,
 * unique customer references, the order's record, and what concurrent requests may never do.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  AdminOrderRequest,
  AdminOrderRequestList,
  BadLinesDetails,
  OrderDetail,
  OrderList,
  PriceChangedDetails,
  Session,
  type OrderChangeSettings,
  type OrderContent,
  type OrderStatus,
} from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const REQUESTS = '/api/v1/order-requests';
const STATUSES: OrderStatus[] = ['pending', 'confirmed', 'in_progress', 'shipped', 'delivered', 'invoiced'];
const SUPPLIER = 'Harbour & Vine Wholesale';

type Fixture = Awaited<ReturnType<typeof catalogFor>>;

/** Sets every order-change setting (and the reference rule), so a test never inherits another's. */
async function configure(
  server: TestServer,
  changes: Partial<OrderChangeSettings> = {},
  requireUniqueReference = false,
) {
  const res = await server.admin('/api/v1/workspace/settings', {
    method: 'PATCH',
    body: {
      order_changes: {
        enabled: true,
        apply_updates_automatically: false,
        apply_cancellations_automatically: false,
        allowed_before: 'in_progress',
        ...changes,
      },
      require_unique_reference: requireUniqueReference,
    },
  });
  assert.equal(res.status, 200);
}

let keys = 0;
const checkout = (server: TestServer, token: string, body: unknown, key = `oc-${process.pid}-${++keys}`) =>
  server.request(portal(token, '/orders'), { body, headers: { 'idempotency-key': key } });

/** Takes away a customer's minimum order value (the demo gives one to a customer these tests order for). */
async function noMinimum(server: TestServer, customerId: string) {
  const res = await server.admin(`/api/v1/customers/${customerId}`, {
    method: 'PATCH',
    body: { minimum_order_minor: null },
  });
  assert.equal(res.status, 200);
}

/** Places a portal order (status pending) and answers it. */
async function place(
  server: TestServer,
  token: string,
  lines: { product_id: string; quantity: number; uom?: string }[],
  reference?: string,
) {
  const res = await checkout(server, token, { lines, ...(reference ? { customer_reference: reference } : {}) });
  assert.equal(res.status, 201, await res.clone().text());
  return OrderDetail.parse(await res.json());
}

const edit = (server: TestServer, token: string, key: string, body: unknown) =>
  server.request(portal(token, `/orders/${key}`), { method: 'PATCH', body });
const cancel = (server: TestServer, token: string, key: string, body?: unknown) =>
  server.request(portal(token, `/orders/${key}/cancel`), { method: 'POST', ...(body === undefined ? {} : { body }) });
const decide = (server: TestServer, id: string, decision: 'approve' | 'reject', body?: unknown) =>
  server.admin(`${REQUESTS}/${id}/${decision}`, { method: 'POST', ...(body === undefined ? {} : { body }) });

async function detail(server: TestServer, token: string, key: string) {
  const res = await server.request(portal(token, `/orders/${key}`));
  assert.equal(res.status, 200);
  return OrderDetail.parse(await res.json());
}

async function ok(res: Response) {
  assert.equal(res.status, 200, await res.clone().text());
  return OrderDetail.parse(await res.json());
}

/** Everything stored about one order, to prove a refused write changed nothing. */
async function stored(server: TestServer, orderId: string) {
  const db = server.db.kysely;
  return {
    order: await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow(),
    lines: await db.selectFrom('order_lines').selectAll().where('order_id', '=', orderId).orderBy('position').execute(),
    requests: await db
      .selectFrom('order_requests')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('position')
      .execute(),
    events: await db
      .selectFrom('order_events')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('position')
      .execute(),
  };
}

const setStatus = (server: TestServer, orderId: string, status: OrderStatus) =>
  server.db.kysely.updateTable('orders').set({ status }).where('id', '=', orderId).execute();

const contentOf = (o: OrderDetail): OrderContent => ({
  customer_reference: o.customer_reference,
  lines: o.lines,
  subtotal_minor: o.subtotal_minor,
  freight_minor: o.freight_minor,
  total_minor: o.total_minor,
});

/** Adds `delta` to every price the customer could get for the product (base, lists), so today's price differs. */
async function raisePrice(server: TestServer, productId: string, delta: number) {
  const db = server.db.kysely;
  const units = await db.selectFrom('product_units').selectAll().where('product_id', '=', productId).execute();
  for (const u of units) {
    if (u.base_price_minor !== null) {
      await db
        .updateTable('product_units')
        .set({ base_price_minor: Number(u.base_price_minor) + delta })
        .where('product_id', '=', productId)
        .where('code', '=', u.code)
        .execute();
    }
  }
  const entries = await db.selectFrom('price_list_entries').selectAll().where('product_id', '=', productId).execute();
  for (const e of entries) {
    await db
      .updateTable('price_list_entries')
      .set({ unit_price_minor: Number(e.unit_price_minor) + delta })
      .where('price_list_id', '=', e.price_list_id)
      .where('product_id', '=', productId)
      .where('uom', '=', e.uom)
      .where('min_quantity', '=', e.min_quantity)
      .execute();
  }
}

forEachDatabase('order changes', (kind) => {
  describe('when an order can be changed', () => {
    const s = useServer(kind);
    let token: string;
    let customer: { id: string; business_name: string };
    let fx: Fixture;

    before(async () => {
      customer = s.get().customers[0];
      token = await s.get().tokenFor(customer.id);
      fx = await catalogFor(s.get(), customer.id);
      assert.ok(fx.orderable.length >= 4);
    });

    it('a new portal order can be edited and cancelled; its record starts with placed, by the customer', async () => {
      const server = s.get();
      await configure(server);
      server.clock.advance(60_000);
      const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 2 }]);
      assert.equal(order.channel, 'portal');
      assert.equal(order.pending_request, null);
      assert.deepEqual(order.changes, { can_edit: true, can_cancel: true, blocked_reason: null });
      assert.deepEqual(order.requests, []);
      assert.deepEqual(order.history, [
        {
          at: server.clock.now.toISOString(),
          actor: 'customer',
          actor_name: customer.business_name,
          action: 'placed',
          changes: null,
          note: null,
        },
      ]);
      assert.deepEqual(await detail(server, token, order.number), order, 'read by number, the same');
      const session = Session.parse(await (await server.request(portal(token, '/session'))).json());
      assert.deepEqual(session.settings.order_changes, {
        enabled: true,
        apply_updates_automatically: false,
        apply_cancellations_automatically: false,
        allowed_before: 'in_progress',
        edits_allowed_before: null,
        cancellations_allowed_before: null,
      });
      assert.equal(session.settings.require_unique_reference, false);
    });

    for (const allowedBefore of ['confirmed', 'in_progress', 'shipped'] as const) {
      it(`allowed_before ${allowedBefore}: editable and cancellable only in the statuses before it`, async () => {
        const server = s.get();
        await configure(server, { allowed_before: allowedBefore, apply_updates_automatically: true });
        const order = await place(server, token, [{ product_id: fx.orderable[1].id, quantity: 1 }]);
        const limit = STATUSES.indexOf(allowedBefore);
        for (const [i, status] of STATUSES.entries()) {
          await setStatus(server, order.id, status);
          const open = i < limit;
          const read = await detail(server, token, order.id);
          assert.deepEqual(
            read.changes,
            open
              ? { can_edit: true, can_cancel: true, blocked_reason: null }
              : { can_edit: false, can_cancel: false, blocked_reason: 'past_allowed_status' },
            status,
          );
          const before = await stored(server, order.id);
          const res = await edit(server, token, order.id, { customer_reference: `WIN-${allowedBefore}-${status}` });
          if (open) {
            assert.equal((await ok(res)).customer_reference, `WIN-${allowedBefore}-${status}`, status);
          } else {
            assert.equal(res.status, 422, status);
            const error = await errorOf(res);
            assert.equal(error.code, 'order_not_editable');
            assert.deepEqual(error.details, { reason: 'past_allowed_status' });
            const refused = await cancel(server, token, order.id);
            assert.equal(refused.status, 422, status);
            assert.deepEqual((await errorOf(refused)).details, { reason: 'past_allowed_status' });
            assert.deepEqual(await stored(server, order.id), before, `${status}: nothing written`);
          }
        }
      });
    }

    it('a draft is not a document: its detail, change and cancellation answer 404, and nothing changes', async () => {
      const server = s.get();
      await configure(server);
      const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      await setStatus(server, order.id, 'draft');
      const before = await stored(server, order.id);
      for (const res of [
        await server.request(portal(token, `/orders/${order.id}`)),
        await edit(server, token, order.id, { customer_reference: 'X' }),
        await cancel(server, token, order.id),
      ]) {
        assert.equal(res.status, 404);
        assert.equal((await errorOf(res)).code, 'not_found');
      }
      assert.deepEqual(await stored(server, order.id), before);
    });

    it('cancelled orders are not editable, with that reason', async () => {
      const server = s.get();
      await configure(server);
      const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      for (const status of ['cancelled'] as const) {
        await setStatus(server, order.id, status);
        assert.deepEqual((await detail(server, token, order.id)).changes, {
          can_edit: false,
          can_cancel: false,
          blocked_reason: status,
        });
        const before = await stored(server, order.id);
        for (const res of [
          await edit(server, token, order.id, { customer_reference: 'X' }),
          await cancel(server, token, order.id),
        ]) {
          assert.equal(res.status, 422);
          const error = await errorOf(res);
          assert.equal(error.code, 'order_not_editable');
          assert.deepEqual(error.details, { reason: status });
        }
        assert.deepEqual(await stored(server, order.id), before);
      }
    });

    it('orders from other channels say other_channel, from a quote from_quote, and refuse changes', async () => {
      const server = s.get();
      await configure(server);
      const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      for (const [channel, reason] of [
        ['sales_rep', 'other_channel'],
        ['phone', 'other_channel'],
        ['email', 'other_channel'],
        ['integration', 'other_channel'],
        ['quote', 'from_quote'],
      ] as const) {
        await server.db.kysely.updateTable('orders').set({ channel }).where('id', '=', order.id).execute();
        const read = await detail(server, token, order.id);
        assert.equal(read.channel, channel);
        assert.deepEqual(read.changes, { can_edit: false, can_cancel: false, blocked_reason: reason }, channel);
        const listed = OrderList.parse(
          await (await server.request(portal(token, '/orders?limit=50'))).json(),
        ).items.find((o) => o.id === order.id);
        assert.equal(listed?.channel, channel);
        const before = await stored(server, order.id);
        for (const res of [
          await edit(server, token, order.id, { customer_reference: 'X' }),
          await cancel(server, token, order.number),
        ]) {
          assert.equal(res.status, 422, channel);
          assert.deepEqual((await errorOf(res)).details, { reason });
        }
        assert.deepEqual(await stored(server, order.id), before);
      }
    });

    it('the seeded orders of other channels are blocked with their reason', async () => {
      const server = s.get();
      await configure(server);
      const seeded = await server.db.kysely
        .selectFrom('orders')
        .select(['id', 'channel'])
        .where('customer_id', '=', customer.id)
        .where('channel', 'in', ['quote', 'sales_rep'])
        .execute();
      assert.ok(seeded.some((o) => o.channel === 'quote') && seeded.some((o) => o.channel === 'sales_rep'));
      for (const o of seeded) {
        const read = await detail(server, token, o.id);
        assert.equal(
          read.changes.blocked_reason,
          ['cancelled', 'draft'].includes(read.status)
            ? read.status
            : o.channel === 'quote'
              ? 'from_quote'
              : 'other_channel',
        );
        assert.equal(read.history[0].action, 'placed');
        assert.equal(read.history[0].actor, o.channel === 'sales_rep' ? 'supplier' : 'customer');
      }
    });

    it('with order changes disabled nothing can be changed: changes_disabled', async () => {
      const server = s.get();
      await configure(server, { enabled: false });
      try {
        const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
        assert.deepEqual(order.changes, { can_edit: false, can_cancel: false, blocked_reason: 'changes_disabled' });
        const before = await stored(server, order.id);
        for (const res of [
          await edit(server, token, order.id, { lines: [{ product_id: fx.orderable[0].id, quantity: 3 }] }),
          await cancel(server, token, order.id, { reason: 'x' }),
        ]) {
          assert.equal(res.status, 422);
          assert.deepEqual(await errorOf(res), {
            code: 'order_not_editable',
            message: 'Orders cannot be changed or cancelled in this portal.',
            details: { reason: 'changes_disabled' },
          });
        }
        assert.deepEqual(await stored(server, order.id), before);
        assert.equal(
          Session.parse(await (await server.request(portal(token, '/session'))).json()).settings.order_changes.enabled,
          false,
        );
      } finally {
        await configure(server);
      }
    });

    it('bad input is 400 with details, never a 500; an unknown product or unit is 422 naming the line', async () => {
      const server = s.get();
      await configure(server);
      const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      const before = await stored(server, order.id);
      const cases: [unknown, string][] = [
        [{}, 'body'],
        [{ lines: [] }, 'body.lines'],
        [{ lines: [{ product_id: fx.orderable[0].id, quantity: 0 }] }, 'body.lines.0.quantity'],
        [{ lines: [{ product_id: '', quantity: 1 }] }, 'body.lines.0.product_id'],
        [{ lines: [{ product_id: 'x'.repeat(129), quantity: 1 }] }, 'body.lines.0.product_id'],
        [{ customer_reference: '' }, 'body.customer_reference'],
        [{ customer_reference: 'a\u0000b' }, 'body.customer_reference'],
        [{ customer_reference: 'x'.repeat(65) }, 'body.customer_reference'],
        [{ customer_reference: 'ok', expected_total: -1 }, 'body.expected_total'],
        [[], 'body'],
      ];
      for (const [body, path] of cases) {
        const res = await edit(server, token, order.id, body);
        assert.equal(res.status, 400, JSON.stringify(body));
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed');
        assert.deepEqual(
          (error.details as { path: string }[]).map((d) => d.path),
          [path],
          JSON.stringify(body),
        );
      }
      const malformed = await server.request(portal(token, `/orders/${order.id}`), {
        method: 'PATCH',
        rawBody: '{"lines": [',
      });
      assert.equal(malformed.status, 400);
      assert.equal((await errorOf(malformed)).code, 'malformed_json');
      // Ids are opaque: an unknown one of any shape is 404; only an over-long or control-character one is 400.
      for (const [path, status] of [
        ['/orders/not-an-id', 404],
        [`/orders/${order.id.toUpperCase()}x`, 404],
        [`/orders/${'x'.repeat(129)}`, 400],
        ['/orders/a%01', 400],
      ] as const) {
        const res = await server.request(portal(token, path), { method: 'PATCH', body: { customer_reference: 'x' } });
        assert.equal(res.status, status, path);
      }
      const badCancel = await cancel(server, token, order.id, { reason: 5 });
      assert.equal(badCancel.status, 400);

      const res = await edit(server, token, order.id, {
        lines: [
          { product_id: fx.orderable[0].id, quantity: 1 },
          { product_id: crypto.randomUUID(), quantity: 1 },
          { product_id: fx.orderable[1].id, uom: 'pallet', quantity: 1 },
          { product_id: fx.byReason('inactive').id, quantity: 1 },
          { product_id: 'nope', quantity: 1 },
        ],
      });
      assert.equal(res.status, 422);
      const error = await errorOf(res);
      assert.equal(error.code, 'lines_not_orderable');
      assert.deepEqual(
        BadLinesDetails.parse(error.details).lines.map((l) => [l.index, l.reason]),
        [
          [1, 'not_found'],
          [2, 'uom_unavailable'],
          [3, 'inactive'],
          [4, 'not_found'],
        ],
      );
      assert.deepEqual(await stored(server, order.id), before, 'nothing written');
    });

    it('a shop on another origin may send the PATCH (CORS preflight)', async () => {
      const server = s.get();
      const res = await server.request(portal(token, `/orders/${crypto.randomUUID()}`), {
        method: 'OPTIONS',
        headers: {
          origin: 'https://shop.example.com',
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'content-type',
        },
      });
      assert.ok(res.status >= 200 && res.status < 300);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.match(res.headers.get('access-control-allow-methods') ?? '', /PATCH/);
    });

    it('changing nothing answers the order and records nothing', async () => {
      const server = s.get();
      await configure(server);
      const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 2 }], 'SAME-1');
      const before = await stored(server, order.id);
      const res = await edit(server, token, order.id, {
        customer_reference: 'SAME-1',
        lines: [{ product_id: fx.orderable[0].id, quantity: 2 }],
      });
      assert.deepEqual(await ok(res), order);
      assert.deepEqual(await stored(server, order.id), before);
    });
  });

  describe('changes waiting for the supplier', () => {
    const s = useServer(kind);
    let token: string;
    let customer: { id: string; business_name: string };
    let fx: Fixture;

    before(async () => {
      customer = s.get().customers[1];
      token = await s.get().tokenFor(customer.id);
      fx = await catalogFor(s.get(), customer.id);
      await configure(s.get());
    });

    it('an update becomes a pending request: the order is unchanged until approved, then is exactly the proposal', async () => {
      const server = s.get();
      const [a, b, c] = fx.orderable;
      const order = await place(
        server,
        token,
        [
          { product_id: a.id, quantity: 1 },
          { product_id: b.id, quantity: 2 },
        ],
        'PO-OLD',
      );
      server.clock.advance(5 * 60_000);
      const askedAt = server.clock.now.toISOString();
      const answered = await ok(
        await edit(server, token, order.number, {
          customer_reference: 'PO-NEW',
          lines: [
            { product_id: a.id, quantity: 3 },
            { product_id: c.id, quantity: 1 },
          ],
        }),
      );

      // The order itself is as it was; the request carries the re-priced proposal.
      assert.deepEqual(contentOf(answered), contentOf(order));
      assert.equal(answered.pending_request, 'update');
      assert.deepEqual(answered.changes, { can_edit: false, can_cancel: false, blocked_reason: 'request_pending' });
      assert.equal(answered.requests.length, 1);
      const request = answered.requests[0];
      assert.equal(request.kind, 'update');
      assert.equal(request.state, 'pending');
      assert.equal(request.created_at, askedAt);
      assert.equal(request.decided_at, null);
      assert.equal(request.reason, null);
      assert.equal(request.rejection_reason, null);
      const proposed = request.proposed!;
      assert.equal(proposed.customer_reference, 'PO-NEW');
      assert.deepEqual(
        proposed.lines.map((l) => [l.product_id, l.quantity]),
        [
          [a.id, 3],
          [c.id, 1],
        ],
      );
      assert.equal(proposed.lines[0].unit_price_minor, fx.unitPrice(a, a.units[0].code, 3));
      assert.equal(
        proposed.subtotal_minor,
        proposed.lines.reduce((sum, l) => sum + l.line_total_minor, 0),
      );
      assert.equal(proposed.total_minor, proposed.subtotal_minor + proposed.freight_minor);
      assert.deepEqual(
        answered.history.map((e) => e.action),
        ['placed', 'update_requested'],
      );
      assert.deepEqual(answered.history[1], {
        at: askedAt,
        actor: 'customer',
        actor_name: customer.business_name,
        action: 'update_requested',
        note: null,
        changes: {
          customer_reference: { from: 'PO-OLD', to: 'PO-NEW' },
          lines: [
            { product_id: a.id, sku: a.sku, name: a.name, uom: a.units[0].code, from_quantity: 1, to_quantity: 3 },
            { product_id: b.id, sku: b.sku, name: b.name, uom: b.units[0].code, from_quantity: 2, to_quantity: 0 },
            { product_id: c.id, sku: c.sku, name: c.name, uom: c.units[0].code, from_quantity: 0, to_quantity: 1 },
          ],
          total_minor: { from: order.total_minor, to: proposed.total_minor },
        },
      });
      const listed = OrderList.parse(await (await server.request(portal(token, '/orders'))).json()).items.find(
        (o) => o.id === order.id,
      );
      assert.equal(listed?.pending_request, 'update');
      assert.deepEqual(
        (await stored(server, order.id)).lines.map((l) => [l.product_id, l.quantity]),
        [
          [a.id, 1],
          [b.id, 2],
        ],
      );

      // A second change or a cancellation while one waits: 409, nothing written.
      const before = await stored(server, order.id);
      for (const res of [
        await edit(server, token, order.id, { customer_reference: 'PO-3' }),
        await cancel(server, token, order.id),
      ]) {
        assert.equal(res.status, 409);
        assert.equal((await errorOf(res)).code, 'request_pending');
      }
      assert.deepEqual(await stored(server, order.id), before);

      // The supplier sees it pending, with the order as it is and as proposed.
      const pending = AdminOrderRequestList.parse(
        await (await server.admin(`${REQUESTS}?state=pending&client_id=${customer.id}`)).json(),
      ).items;
      const forOrder = pending.find((r) => r.id === request.id)!;
      assert.ok(forOrder);
      assert.deepEqual(forOrder.order, { id: order.id, number: order.number, status: 'pending' });
      assert.deepEqual(forOrder.customer, { id: customer.id, business_name: customer.business_name });
      assert.deepEqual(forOrder.current, contentOf(order));
      assert.deepEqual(forOrder.proposed, proposed);

      // Prices move before the supplier decides: approval applies the proposal as it was priced.
      await raisePrice(server, a.id, 211);
      server.clock.advance(60 * 60_000);
      const res = await decide(server, request.id, 'approve');
      assert.equal(res.status, 200);
      const approved = AdminOrderRequest.parse(await res.json());
      assert.equal(approved.state, 'approved');
      assert.equal(approved.decided_at, server.clock.now.toISOString());
      assert.deepEqual(approved.current, contentOf(order), 'as it was before');
      assert.deepEqual(approved.proposed, proposed);

      const after = await detail(server, token, order.id);
      assert.deepEqual(contentOf(after), proposed, 'exactly the proposal');
      assert.equal(after.item_count, 2);
      assert.equal(after.pending_request, null);
      assert.deepEqual(after.changes, { can_edit: true, can_cancel: true, blocked_reason: null });
      assert.equal(after.requests[0].state, 'approved');
      assert.deepEqual(
        after.history.map((e) => [e.action, e.actor, e.actor_name]),
        [
          ['placed', 'customer', customer.business_name],
          ['update_requested', 'customer', customer.business_name],
          ['request_approved', 'supplier', SUPPLIER],
        ],
      );
      assert.deepEqual(after.history[2].changes, answered.history[1].changes);
      assert.equal(after.history[2].at, server.clock.now.toISOString());

      // Decided once: deciding again either way is 422, and changes nothing.
      const decided = await stored(server, order.id);
      for (const decision of ['approve', 'reject'] as const) {
        const again = await decide(server, request.id, decision);
        assert.equal(again.status, 422, decision);
        assert.deepEqual(await errorOf(again), {
          code: 'request_not_pending',
          message: 'This request was already approved; only a pending request can be decided.',
          details: { state: 'approved' },
        });
      }
      assert.deepEqual(await stored(server, order.id), decided);
    });

    it('a rejected update leaves the order unchanged; the customer sees the rejection and its reason', async () => {
      const server = s.get();
      const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 4 }]);
      const asked = await ok(
        await edit(server, token, order.id, { lines: [{ product_id: fx.orderable[0].id, quantity: 40 }] }),
      );
      const before = await stored(server, order.id);
      server.clock.advance(60_000);
      const res = await decide(server, asked.requests[0].id, 'reject', {
        reason: '  We cannot supply 40 this week.  ',
      });
      assert.equal(res.status, 200);
      const rejected = AdminOrderRequest.parse(await res.json());
      assert.equal(rejected.state, 'rejected');
      assert.equal(rejected.rejection_reason, 'We cannot supply 40 this week.');
      assert.deepEqual(rejected.current, contentOf(order));

      const after = await detail(server, token, order.id);
      assert.deepEqual(contentOf(after), contentOf(order));
      assert.deepEqual((await stored(server, order.id)).lines, before.lines);
      assert.equal(after.pending_request, null);
      assert.deepEqual(after.changes, { can_edit: true, can_cancel: true, blocked_reason: null });
      assert.deepEqual(
        after.requests.map((r) => [r.state, r.rejection_reason, r.decided_at]),
        [['rejected', 'We cannot supply 40 this week.', server.clock.now.toISOString()]],
      );
      assert.deepEqual(after.history.at(-1), {
        at: server.clock.now.toISOString(),
        actor: 'supplier',
        actor_name: SUPPLIER,
        action: 'request_rejected',
        changes: null,
        note: 'We cannot supply 40 this week.',
      });
      const again = await decide(server, asked.requests[0].id, 'approve');
      assert.equal(again.status, 422);
      assert.deepEqual((await errorOf(again)).details, { state: 'rejected' });
      // The customer may ask again; requests are newest first.
      const second = await ok(
        await edit(server, token, order.id, { lines: [{ product_id: fx.orderable[0].id, quantity: 5 }] }),
      );
      assert.deepEqual(
        second.requests.map((r) => r.state),
        ['pending', 'rejected'],
      );
    });

    it('a cancellation waits for approval ("Cancellation awaiting approval"), then cancels the order', async () => {
      const server = s.get();
      const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      await setStatus(server, order.id, 'confirmed');
      const asked = await ok(await cancel(server, token, order.id, { reason: ' Ordered twice. ' }));
      assert.equal(asked.status, 'confirmed');
      assert.equal(asked.pending_request, 'cancel');
      assert.deepEqual(
        asked.requests.map((r) => [r.kind, r.state, r.reason, r.proposed]),
        [['cancel', 'pending', 'Ordered twice.', null]],
      );
      assert.deepEqual(asked.history.at(-1), {
        at: server.clock.now.toISOString(),
        actor: 'customer',
        actor_name: customer.business_name,
        action: 'cancel_requested',
        changes: { status: { from: 'confirmed', to: 'cancelled' } },
        note: 'Ordered twice.',
      });
      const res = await decide(server, asked.requests[0].id, 'approve');
      assert.equal(res.status, 200);
      assert.deepEqual(AdminOrderRequest.parse(await res.json()).order, {
        id: order.id,
        number: order.number,
        status: 'cancelled',
      });
      const after = await detail(server, token, order.id);
      assert.equal(after.status, 'cancelled');
      assert.deepEqual(after.changes, { can_edit: false, can_cancel: false, blocked_reason: 'cancelled' });
      assert.deepEqual(after.history.at(-1)?.changes, { status: { from: 'confirmed', to: 'cancelled' } });
      assert.equal(after.history.at(-1)?.action, 'request_approved');
    });

    it('a rejected cancellation keeps the order; a cancellation needs no body', async () => {
      const server = s.get();
      const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      const asked = await ok(await cancel(server, token, order.id));
      assert.equal(asked.requests[0].reason, null);
      const res = await decide(server, asked.requests[0].id, 'reject');
      assert.equal(res.status, 200);
      assert.equal(AdminOrderRequest.parse(await res.json()).rejection_reason, null);
      const after = await detail(server, token, order.id);
      assert.equal(after.status, 'pending');
      assert.deepEqual(
        after.requests.map((r) => [r.kind, r.state]),
        [['cancel', 'rejected']],
      );
      assert.equal(after.history.at(-1)?.action, 'request_rejected');
    });

    it('the supplier may still approve a request after the order moved on: the decision applies', async () => {
      const server = s.get();
      const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      const asked = await ok(await cancel(server, token, order.id));
      await setStatus(server, order.id, 'in_progress');
      assert.equal((await decide(server, asked.requests[0].id, 'approve')).status, 200);
      const after = await detail(server, token, order.id);
      assert.equal(after.status, 'cancelled');
      assert.deepEqual(after.history.at(-1)?.changes, { status: { from: 'in_progress', to: 'cancelled' } });
    });

    it('admin list: newest first, filters by state and client, pages with the cursor; bad filters are 400', async () => {
      const server = s.get();
      const all = AdminOrderRequestList.parse(await (await server.admin(`${REQUESTS}?limit=100`)).json()).items;
      assert.ok(all.length >= 6);
      assert.ok(
        all.every((r, i) => i === 0 || all[i - 1].created_at >= r.created_at),
        'newest first',
      );
      for (const state of ['pending', 'approved', 'rejected'] as const) {
        const items = AdminOrderRequestList.parse(
          await (await server.admin(`${REQUESTS}?state=${state}&limit=100`)).json(),
        ).items;
        assert.deepEqual(
          items.map((r) => r.id),
          all.filter((r) => r.state === state).map((r) => r.id),
          state,
        );
      }
      const mine = AdminOrderRequestList.parse(
        await (await server.admin(`${REQUESTS}?client_id=${customer.id}&limit=100`)).json(),
      ).items;
      assert.deepEqual(
        mine.map((r) => r.id),
        all.filter((r) => r.customer.id === customer.id).map((r) => r.id),
      );
      // The seeded requests of the demo are there too, from another customer.
      assert.ok(all.some((r) => r.customer.id !== customer.id && r.state === 'pending' && r.kind === 'update'));
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page = AdminOrderRequestList.parse(
          await (
            await server.admin(`${REQUESTS}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
          ).json(),
        );
        assert.ok(page.items.length <= 2);
        paged.push(...page.items.map((r) => r.id));
        cursor = page.next_cursor;
      } while (cursor);
      assert.deepEqual(
        paged,
        all.map((r) => r.id),
      );
      for (const query of [
        'state=waiting',
        'client_id=',
        `client_id=${'x'.repeat(129)}`,
        'limit=0',
        'limit=101',
        'cursor=%%%',
      ]) {
        const res = await server.admin(`${REQUESTS}?${query}`);
        assert.equal(res.status, 400, query);
        assert.equal((await errorOf(res)).code, 'validation_failed');
      }
      const unknown = await decide(server, crypto.randomUUID(), 'approve');
      assert.equal(unknown.status, 404);
      assert.equal((await errorOf(unknown)).code, 'not_found');
      assert.equal((await decide(server, crypto.randomUUID(), 'reject', { reason: 'x' })).status, 404);
      assert.equal((await decide(server, 'not-a-uuid', 'approve')).status, 404);
      assert.equal((await decide(server, 'x'.repeat(129), 'approve')).status, 400);
      assert.equal((await decide(server, all[0].id, 'reject', { reason: 12 })).status, 400);
    });
  });

  describe('changes applied automatically', () => {
    const s = useServer(kind);
    let token: string;
    let customer: { id: string; business_name: string };
    let fx: Fixture;

    before(async () => {
      customer = s.get().customers[2];
      token = await s.get().tokenFor(customer.id);
      fx = await catalogFor(s.get(), customer.id);
    });

    it('an update applies at once, recorded as the customer\'s "updated" with what changed, and as an approved request', async () => {
      const server = s.get();
      await configure(server, { apply_updates_automatically: true });
      const [a, b] = fx.orderable;
      const order = await place(server, token, [{ product_id: a.id, quantity: 2 }]);
      server.clock.advance(60_000);
      const at = server.clock.now.toISOString();
      const updated = await ok(
        await edit(server, token, order.id, {
          customer_reference: 'AUTO-1',
          lines: [
            { product_id: a.id, quantity: 1 },
            { product_id: b.id, quantity: 2 },
          ],
        }),
      );
      assert.equal(updated.customer_reference, 'AUTO-1');
      assert.deepEqual(
        updated.lines.map((l) => [l.product_id, l.quantity, l.unit_price_minor]),
        [
          [a.id, 1, fx.unitPrice(a, a.units[0].code, 1)],
          [b.id, 2, fx.unitPrice(b, b.units[0].code, 2)],
        ],
      );
      assert.equal(updated.item_count, 2);
      assert.equal(
        updated.subtotal_minor,
        updated.lines.reduce((sum, l) => sum + l.line_total_minor, 0),
      );
      assert.equal(updated.total_minor, updated.subtotal_minor + updated.freight_minor);
      assert.equal(updated.pending_request, null);
      assert.deepEqual(updated.changes, { can_edit: true, can_cancel: true, blocked_reason: null });
      assert.deepEqual(
        updated.requests.map((r) => [r.kind, r.state, r.created_at, r.decided_at]),
        [['update', 'approved', at, at]],
      );
      assert.deepEqual(updated.requests[0].proposed, contentOf(updated));
      assert.deepEqual(updated.history[1], {
        at,
        actor: 'customer',
        actor_name: customer.business_name,
        action: 'updated',
        note: null,
        changes: {
          customer_reference: { from: null, to: 'AUTO-1' },
          lines: [
            { product_id: a.id, sku: a.sku, name: a.name, uom: a.units[0].code, from_quantity: 2, to_quantity: 1 },
            { product_id: b.id, sku: b.sku, name: b.name, uom: b.units[0].code, from_quantity: 0, to_quantity: 2 },
          ],
          total_minor: { from: order.total_minor, to: updated.total_minor },
        },
      });
      assert.deepEqual(await detail(server, token, order.id), updated);
      // The supplier sees it, already decided, with the order as it was before.
      const listed = AdminOrderRequestList.parse(
        await (await server.admin(`${REQUESTS}?client_id=${customer.id}`)).json(),
      ).items[0];
      assert.equal(listed.state, 'approved');
      assert.deepEqual(listed.current, contentOf(order));
      assert.equal((await decide(server, listed.id, 'reject')).status, 422);
    });

    it('a cancellation applies at once when cancellations are automatic; not when only updates are', async () => {
      const server = s.get();
      await configure(server, { apply_updates_automatically: true, apply_cancellations_automatically: false });
      const waiting = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      const asked = await ok(await cancel(server, token, waiting.id, { reason: 'Changed plans' }));
      assert.equal(asked.status, 'pending');
      assert.equal(asked.pending_request, 'cancel');

      await configure(server, { apply_cancellations_automatically: true });
      const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      await setStatus(server, order.id, 'confirmed');
      const cancelled = await ok(await cancel(server, token, order.number, { reason: 'Changed plans' }));
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(cancelled.pending_request, null);
      assert.deepEqual(cancelled.changes, { can_edit: false, can_cancel: false, blocked_reason: 'cancelled' });
      assert.deepEqual(
        cancelled.requests.map((r) => [r.kind, r.state, r.reason]),
        [['cancel', 'approved', 'Changed plans']],
      );
      assert.deepEqual(cancelled.history.at(-1), {
        at: server.clock.now.toISOString(),
        actor: 'customer',
        actor_name: customer.business_name,
        action: 'cancelled',
        changes: { status: { from: 'confirmed', to: 'cancelled' } },
        note: 'Changed plans',
      });
      // Cancelled orders leave the lifetime figures and cannot be cancelled twice.
      const again = await cancel(server, token, order.id);
      assert.equal(again.status, 422);
      assert.deepEqual((await errorOf(again)).details, { reason: 'cancelled' });
    });

    it("re-pricing: the new lines carry today's prices, unchanged lines included; expected_total must match (409 price_changed)", async () => {
      const server = s.get();
      await configure(server, { apply_updates_automatically: true });
      const [a, b] = fx.orderable.slice(2);
      const order = await place(server, token, [
        { product_id: a.id, quantity: 1 },
        { product_id: b.id, quantity: 1 },
      ]);
      const oldPrice = order.lines[0].unit_price_minor;
      await raisePrice(server, a.id, 137);
      const today = await catalogFor(server, customer.id);
      const newPrice = today.unitPrice(
        today.catalog.products.find((p) => p.id === a.id)!,
        a.units[0].code,
        1,
      );
      assert.notEqual(newPrice, oldPrice);

      const lines = [
        { product_id: a.id, quantity: 1 },
        { product_id: b.id, quantity: 2 },
      ];
      const before = await stored(server, order.id);
      const stale = await edit(server, token, order.id, { lines, expected_total: order.total_minor });
      assert.equal(stale.status, 409);
      const error = await errorOf(stale);
      assert.equal(error.code, 'price_changed');
      const details = PriceChangedDetails.parse(error.details);
      assert.equal(details.expected_total, order.total_minor);
      assert.equal(details.lines[0].unit_price_minor, newPrice);
      assert.deepEqual(await stored(server, order.id), before, 'a stale total writes nothing');

      const updated = await ok(await edit(server, token, order.id, { lines, expected_total: details.total_minor }));
      assert.equal(updated.lines[0].unit_price_minor, newPrice, 'the unchanged line is re-priced too');
      assert.equal(updated.lines[0].line_total_minor, newPrice);
      assert.equal(updated.total_minor, details.total_minor);
      assert.deepEqual(updated.history.at(-1)?.changes, {
        lines: [{ product_id: b.id, sku: b.sku, name: b.name, uom: b.units[0].code, from_quantity: 1, to_quantity: 2 }],
        total_minor: { from: order.total_minor, to: updated.total_minor },
      });

      // A reference-only change keeps the lines and their prices.
      await raisePrice(server, a.id, 50);
      const renamed = await ok(
        await edit(server, token, order.id, { customer_reference: 'REF-ONLY', expected_total: updated.total_minor }),
      );
      assert.deepEqual(renamed.lines, updated.lines);
      assert.deepEqual(renamed.history.at(-1)?.changes, { customer_reference: { from: null, to: 'REF-ONLY' } });
    });

    it('freight is recomputed for the new subtotal', async () => {
      const server = s.get();
      await configure(server, { apply_updates_automatically: true });
      const session = Session.parse(await (await server.request(portal(token, '/session'))).json());
      const { flat_minor: flat, free_over_minor: freeOver } = session.settings.freight;
      assert.ok(flat > 0 && freeOver !== null, 'the customer pays freight under a threshold');
      const product = fx.orderable[0];
      const unit = fx.unitPrice(product, product.units[0].code, 1);
      const order = await place(server, token, [{ product_id: product.id, quantity: 1 }]);
      assert.equal(order.freight_minor, unit >= freeOver ? 0 : flat);
      const big = Math.ceil(freeOver / fx.unitPrice(product, product.units[0].code, 100)) + 100;
      const updated = await ok(
        await edit(server, token, order.id, { lines: [{ product_id: product.id, quantity: big }] }),
      );
      assert.equal(updated.freight_minor, 0);
      assert.equal(updated.total_minor, updated.subtotal_minor);
    });
  });

  describe('who may place and change orders', () => {
    const s = useServer(kind);
    let full: string;
    let customer: { id: string; business_name: string };
    let fx: Fixture;
    const line = () => [{ product_id: fx.orderable[0].id, quantity: 1 }];
    const orderCount = async () =>
      Number(
        (
          await s
            .get()
            .db.kysely.selectFrom('orders')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('customer_id', '=', customer.id)
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('setup', async () => {
      customer = s.get().customers[2];
      full = await s.get().tokenFor(customer.id);
      fx = await catalogFor(s.get(), customer.id);
      await configure(s.get(), { apply_updates_automatically: true, apply_cancellations_automatically: true });
    });

    it('without place_orders: checkout, edit and cancel are 403 permission_denied and change nothing; reading still works', async () => {
      const server = s.get();
      const order = await place(server, full, line());
      const browseOnly = await server.tokenFor(customer.id, { place_orders: false });
      const before = await stored(server, order.id);
      const count = await orderCount();
      const refusals = [
        await checkout(server, browseOnly, { lines: line() }),
        await edit(server, browseOnly, order.id, { lines: [{ product_id: fx.orderable[0].id, quantity: 5 }] }),
        await cancel(server, browseOnly, order.id, { reason: 'no longer needed' }),
      ];
      for (const res of refusals) {
        assert.equal(res.status, 403);
        assert.deepEqual(await errorOf(res), {
          code: 'permission_denied',
          message: 'This portal link does not allow that (place_orders).',
        });
      }
      assert.deepEqual(await stored(server, order.id), before);
      assert.equal(await orderCount(), count, 'no order placed');
      assert.equal((await detail(server, browseOnly, order.id)).id, order.id);
      assert.equal((await server.request(portal(browseOnly, '/catalog'))).status, 200);
      const session = Session.parse(await (await server.request(portal(browseOnly, '/session'))).json());
      assert.equal(session.permissions.place_orders, false);
      assert.equal(session.settings.sections.orders, true, 'past orders stay readable');
    });

    it('a token stored before place_orders existed (no such key) may still place, change and cancel orders', async () => {
      const server = s.get();
      const { id, token } = await server.issueToken(customer.id);
      const old = {
        view_quotes: true,
        accept_quotes: true,
        view_orders: true,
        view_invoices: true,
        view_payments: true,
        view_deliveries: true,
        submit_feedback: true,
      };
      await server.db.kysely
        .updateTable('portal_tokens')
        .set({ permissions_json: JSON.stringify(old) })
        .where('id', '=', id)
        .execute();
      const listed = (await (await server.admin(`/api/v1/customer-portal/tokens?client_id=${customer.id}`)).json()) as {
        items: { id: string; permissions: Record<string, boolean> }[];
      };
      assert.equal(
        listed.items.find((t) => t.id === id)?.permissions.place_orders,
        true,
        'the admin list shows it as allowed',
      );
      const order = await place(server, token, line());
      assert.equal(
        (await ok(await edit(server, token, order.id, { lines: [{ product_id: fx.orderable[0].id, quantity: 3 }] })))
          .lines[0].quantity,
        3,
      );
      assert.equal((await ok(await cancel(server, token, order.id))).status, 'cancelled');
    });

    it('while the trial is expired: edits and cancellations are 403 supplier_unavailable and change nothing', async () => {
      const server = s.get();
      const order = await place(server, full, line());
      const before = await stored(server, order.id);
      assert.equal(
        (await server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { trial_expired: true } })).status,
        200,
      );
      try {
        for (const res of [
          await edit(server, full, order.id, { lines: [{ product_id: fx.orderable[0].id, quantity: 4 }] }),
          await cancel(server, full, order.id),
        ]) {
          assert.equal(res.status, 403);
          assert.deepEqual(await errorOf(res), {
            code: 'supplier_unavailable',
            message: 'The supplier cannot change or cancel orders at the moment. Please try again later.',
          });
        }
        assert.deepEqual(await stored(server, order.id), before);
        assert.equal((await detail(server, full, order.id)).id, order.id, 'the order still reads');
      } finally {
        await server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { trial_expired: false } });
      }
      assert.equal((await ok(await cancel(server, full, order.id))).status, 'cancelled');
    });
  });

  describe('unique customer references', () => {
    const s = useServer(kind);
    let token: string;
    let customer: { id: string; business_name: string };
    let fx: Fixture;
    const line = () => [{ product_id: fx.orderable[0].id, quantity: 1 }];

    before(async () => {
      customer = s.get().customers[3];
      // The demo makes this customer's checkouts quote requests (issue 17): here they place orders.
      const res = await s.get().admin(`/api/v1/customers/${customer.id}`, {
        method: 'PATCH',
        body: { order_creation_status: 'to_plan' },
      });
      assert.equal(res.status, 200);
      await noMinimum(s.get(), s.get().customers[4].id);
      token = await s.get().tokenFor(customer.id);
      fx = await catalogFor(s.get(), customer.id);
    });

    it('off: checkout and edits accept a missing or repeated reference', async () => {
      const server = s.get();
      await configure(server, { apply_updates_automatically: true }, false);
      const first = await place(server, token, line(), 'DUP-1');
      assert.equal((await place(server, token, line(), 'DUP-1')).customer_reference, 'DUP-1');
      assert.equal((await place(server, token, line())).customer_reference, null);
      const other = await place(server, token, line(), 'DUP-2');
      assert.equal(
        (await ok(await edit(server, token, other.id, { customer_reference: 'DUP-1' }))).customer_reference,
        'DUP-1',
      );
      assert.equal(
        (await ok(await edit(server, token, first.id, { customer_reference: null }))).customer_reference,
        null,
      );
    });

    it('on: checkout needs a reference (422 reference_required) not used on another live order (422 reference_taken)', async () => {
      const server = s.get();
      await configure(server, { apply_updates_automatically: true }, true);
      assert.equal(
        Session.parse(await (await server.request(portal(token, '/session'))).json()).settings.require_unique_reference,
        true,
      );
      const count = async () =>
        Number(
          (
            await server.db.kysely
              .selectFrom('orders')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('customer_id', '=', customer.id)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const missing = await checkout(server, token, { lines: line() });
      assert.equal(missing.status, 422);
      assert.deepEqual(await errorOf(missing), {
        code: 'reference_required',
        message: 'A customer reference (your purchase order number) is required.',
        details: { field: 'customer_reference' },
      });
      const taken = await checkout(server, token, { lines: line(), customer_reference: 'DUP-1' });
      assert.equal(taken.status, 422);
      const error = await errorOf(taken);
      assert.equal(error.code, 'reference_taken');
      assert.deepEqual(error.details, { field: 'customer_reference' });
      assert.equal(await count(), before, 'nothing placed');

      // A refused checkout frees its key: the corrected cart goes through with the same key.
      const key = `ref-key-${kind}`;
      assert.equal((await checkout(server, token, { lines: line(), customer_reference: 'DUP-1' }, key)).status, 422);
      const placed = await checkout(server, token, { lines: line(), customer_reference: 'UNIQUE-1' }, key);
      assert.equal(placed.status, 201);
      // The same key and body replays the answer, though the reference is now taken.
      const replay = await checkout(server, token, { lines: line(), customer_reference: 'UNIQUE-1' }, key);
      assert.equal(replay.status, 201);
      assert.equal(replay.headers.get('idempotency-replayed'), 'true');
      assert.equal((await checkout(server, token, { lines: line(), customer_reference: 'UNIQUE-1' })).status, 422);

      // A cancelled order's reference is free again; another customer's references are theirs.
      const cancelled = await place(server, token, line(), 'CANCELLED-REF');
      await setStatus(server, cancelled.id, 'cancelled');
      assert.equal((await place(server, token, line(), 'CANCELLED-REF')).customer_reference, 'CANCELLED-REF');
      const otherToken = await server.tokenFor(server.customers[4].id);
      assert.equal(
        (
          await place(
            server,
            otherToken,
            [{ product_id: (await catalogFor(server, server.customers[4].id)).orderable[0].id, quantity: 1 }],
            'UNIQUE-1',
          )
        ).customer_reference,
        'UNIQUE-1',
      );
    });

    it('on: an edit to a taken reference or to none is refused on the field; keeping its own is fine', async () => {
      const server = s.get();
      await configure(server, { apply_updates_automatically: true }, true);
      const order = await place(server, token, line(), 'EDIT-A');
      await place(server, token, line(), 'EDIT-B');
      const before = await stored(server, order.id);
      const taken = await edit(server, token, order.id, { customer_reference: 'EDIT-B' });
      assert.equal(taken.status, 422);
      assert.deepEqual(await errorOf(taken), {
        code: 'reference_taken',
        message: 'The customer reference "EDIT-B" is already used on another of your orders.',
        details: { field: 'customer_reference' },
      });
      const none = await edit(server, token, order.id, { customer_reference: null });
      assert.equal(none.status, 422);
      assert.deepEqual((await errorOf(none)).details, { field: 'customer_reference' });
      assert.deepEqual(await stored(server, order.id), before);
      assert.equal(
        (
          await ok(
            await edit(server, token, order.id, {
              customer_reference: 'EDIT-A',
              lines: [{ product_id: fx.orderable[0].id, quantity: 2 }],
            }),
          )
        ).lines[0].quantity,
        2,
      );
      assert.equal(
        (await ok(await edit(server, token, order.id, { customer_reference: 'EDIT-C' }))).customer_reference,
        'EDIT-C',
      );
    });

    it('on: a reference that only looks different is taken: zero-width space, RLO, Cyrillic О, other case', async () => {
      const server = s.get();
      await configure(server, { apply_updates_automatically: true }, true);
      const first = await place(server, token, line(), 'PO-4471');
      const other = await place(server, token, line(), 'PO-9000');
      const before = await stored(server, other.id);
      const lookalikes = ['PO-44\u200B71', '\u202EPO-4471', 'P\u041E-4471', 'po-4471'];
      for (const reference of lookalikes) {
        const placed = await checkout(server, token, { lines: line(), customer_reference: reference });
        assert.equal(placed.status, 422, JSON.stringify(reference));
        assert.deepEqual(await errorOf(placed), {
          code: 'reference_taken',
          message: `The customer reference "${reference}" is already used on another of your orders.`,
          details: { field: 'customer_reference' },
        });
        const edited = await edit(server, token, other.id, { customer_reference: reference });
        assert.equal(edited.status, 422, JSON.stringify(reference));
        assert.equal((await errorOf(edited)).code, 'reference_taken');
      }
      assert.deepEqual(await stored(server, other.id), before);
      // The order keeps the reference as typed; its own look-alike is no clash.
      assert.equal(
        (await ok(await edit(server, token, first.id, { customer_reference: 'po-4471' }))).customer_reference,
        'po-4471',
      );
    });

    it('on or off: control characters in a reference are refused (400), and so is one with nothing visible', async () => {
      const server = s.get();
      await configure(server, {}, false);
      const order = await place(server, token, line(), 'CTRL-OK');
      for (const reference of ['PO-1\n2', 'PO-1\t2', 'PO-1\u0007', 'PO-1\r\n', '\u200B\u202E']) {
        for (const res of [
          await checkout(server, token, { lines: line(), customer_reference: reference }),
          await edit(server, token, order.id, { customer_reference: reference }),
        ]) {
          assert.equal(res.status, 400, JSON.stringify(reference));
          const error = await errorOf(res);
          assert.equal(error.code, 'validation_failed');
          assert.match(JSON.stringify(error.details), /customer_reference/);
        }
      }
    });

    it('stores the reference as typed and its comparison key beside it', async () => {
      const server = s.get();
      await configure(server, {}, true);
      const typed = 'Ｐо\u200B-Straße 12';
      const order = await place(server, token, line(), typed);
      assert.equal(order.customer_reference, typed);
      assert.equal((await detail(server, token, order.id)).customer_reference, typed);
      const row = await server.db.kysely
        .selectFrom('orders')
        .select(['customer_reference', 'customer_reference_key'])
        .where('id', '=', order.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { customer_reference: typed, customer_reference_key: 'po-strasse 12' });
      await configure(server);
    });

    it('on: two checkouts with the same new reference at once place exactly one order', async () => {
      const server = s.get();
      await configure(server, {}, true);
      const results = await Promise.all(
        Array.from({ length: 4 }, () => checkout(server, token, { lines: line(), customer_reference: `RACE-${kind}` })),
      );
      assert.deepEqual(results.map((r) => r.status).sort(), [201, 422, 422, 422]);
      const rows = await server.db.kysely
        .selectFrom('orders')
        .select('id')
        .where('customer_id', '=', customer.id)
        .where('customer_reference', '=', `RACE-${kind}`)
        .execute();
      assert.equal(rows.length, 1);
      await configure(server);
    });
  });

  describe('concurrency', () => {
    const s = useServer(kind);
    let token: string;
    let fx: Fixture;

    before(async () => {
      const customer = s.get().customers[4];
      // The demo gives this customer a minimum order value (issue 17): these small orders go below it.
      await noMinimum(s.get(), customer.id);
      token = await s.get().tokenFor(customer.id);
      fx = await catalogFor(s.get(), customer.id);
    });

    it('concurrent edits waiting for approval: exactly one pending request, the others 409 request_pending', async () => {
      const server = s.get();
      await configure(server);
      const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      const results = await Promise.all(
        [2, 3, 4, 5, 6].map((quantity) =>
          edit(server, token, order.id, { lines: [{ product_id: fx.orderable[0].id, quantity }] }),
        ),
      );
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) assert.equal((await errorOf(r)).code, 'request_pending');
      const rows = await stored(server, order.id);
      assert.equal(rows.requests.filter((r) => r.state === 'pending').length, 1);
      assert.equal(rows.requests.length, 1);
      assert.deepEqual(
        rows.events.map((e) => e.action),
        ['placed', 'update_requested'],
      );
    });

    it('a cancellation and an edit at once: one request waits, the other is refused', async () => {
      const server = s.get();
      await configure(server);
      const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      const results = await Promise.all([
        cancel(server, token, order.id),
        edit(server, token, order.id, { customer_reference: 'R' }),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
      assert.equal((await stored(server, order.id)).requests.length, 1);
    });

    it('concurrent edits applied automatically all apply, one after the other: no update is lost', async () => {
      const server = s.get();
      await configure(server, { apply_updates_automatically: true });
      const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      const quantities = [2, 3, 4, 5, 6];
      const results = await Promise.all(
        quantities.map((quantity) =>
          edit(server, token, order.id, { lines: [{ product_id: fx.orderable[0].id, quantity }] }),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.status),
        [200, 200, 200, 200, 200],
      );
      const after = await detail(server, token, order.id);
      const updates = after.history.filter((e) => e.action === 'updated');
      assert.equal(updates.length, 5);
      // Each change starts from where the previous one left the order, and the last is what the order is.
      const chain = updates.map((e) => [e.changes!.lines![0].from_quantity, e.changes!.lines![0].to_quantity]);
      chain.forEach(([from], i) => assert.equal(from, i === 0 ? 1 : chain[i - 1][1]));
      assert.deepEqual(chain.map(([, to]) => to).sort(), quantities);
      assert.equal(after.lines[0].quantity, chain[4][1]);
      assert.equal(after.requests.length, 5);
      assert.ok(after.requests.every((r) => r.state === 'approved'));
    });

    it('an approve and a reject of the same request at once: exactly one wins', async () => {
      const server = s.get();
      await configure(server);
      for (let round = 0; round < 3; round++) {
        const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
        const asked = await ok(
          await edit(server, token, order.id, { lines: [{ product_id: fx.orderable[0].id, quantity: 9 }] }),
        );
        const id = asked.requests[0].id;
        const [approve, reject] = await Promise.all([
          decide(server, id, 'approve'),
          decide(server, id, 'reject', { reason: 'No' }),
        ]);
        assert.deepEqual([approve.status, reject.status].sort(), [200, 422]);
        const loser = approve.status === 422 ? approve : reject;
        assert.equal((await errorOf(loser)).code, 'request_not_pending');
        const after = await detail(server, token, order.id);
        const won = approve.status === 200 ? 'approved' : 'rejected';
        assert.equal(after.requests[0].state, won);
        assert.equal(after.lines[0].quantity, won === 'approved' ? 9 : 1);
        assert.deepEqual(
          after.history.map((e) => e.action),
          ['placed', 'update_requested', won === 'approved' ? 'request_approved' : 'request_rejected'],
        );
      }
    });

    it('the database itself refuses a second pending request for an order', async () => {
      const server = s.get();
      await configure(server);
      const order = await place(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      const asked = await ok(await cancel(server, token, order.id));
      const row = (await stored(server, order.id)).requests[0];
      assert.equal(row.id, asked.requests[0].id);
      await assert.rejects(
        server.db.kysely
          .insertInto('order_requests')
          .values({ ...row, id: crypto.randomUUID(), position: 2 })
          .execute(),
      );
      await server.db.kysely
        .insertInto('order_requests')
        .values({ ...row, id: crypto.randomUUID(), position: 2, state: 'rejected' })
        .execute();
    });
  });
});
