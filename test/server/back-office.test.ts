/**
 * The supplier's documents in the back office (issue 15): orders across customers moved along
 * the status graph, orders entered by phone, quotes drafted, sent and converted, invoices from
 * orders and payments allocated to invoices; and what the customer sees of each in the portal.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  AdminInvoiceDetail,
  AdminInvoiceList,
  AdminOrderDetail,
  AdminOrderList,
  AdminPayment,
  AdminPaymentList,
  AdminQuote,
  AdminQuoteList,
  AllocationErrorDetails,
  DeliveryList,
  InvalidTransitionDetails,
  InvoiceDetail,
  InvoiceList,
  OrderDetail,
  OrderList,
  QuoteList,
  type OrderStatus,
} from '../../widget/contract/index.ts';
import { ORDER_TRANSITIONS } from '../../widget/contract/rules/order-status.ts';
import { catalogFor } from './fixtures.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const STATUSES: OrderStatus[] = [
  'draft',
  'pending',
  'confirmed',
  'in_progress',
  'shipped',
  'delivered',
  'invoiced',
  'cancelled',
];
const SUPPLIER = 'Harbour & Vine Wholesale';
const DELIVERY = {
  carrier: 'Parcelforce',
  tracking_number: 'PF123456',
  tracking_url: 'https://track.example/PF123456',
};

type Fixture = Awaited<ReturnType<typeof catalogFor>>;
type Line = { product_id: string; quantity: number; uom?: string };

let keys = 0;
const key = () => `bo-${process.pid}-${++keys}`;

async function json<T>(res: Response, status: number, schema: { parse(v: unknown): T }): Promise<T> {
  assert.equal(res.status, status, await res.clone().text());
  return schema.parse(await res.json());
}

const enter = (server: TestServer, customerId: string, lines: Line[], extra: Record<string, unknown> = {}) =>
  server.admin('/api/v1/orders', { body: { customer_id: customerId, channel: 'phone', lines, ...extra } });
const move = (server: TestServer, orderKey: string, body: unknown) =>
  server.admin(`/api/v1/orders/${orderKey}/status`, { body });
const getOrder = async (server: TestServer, orderKey: string) =>
  json(await server.admin(`/api/v1/orders/${orderKey}`), 200, AdminOrderDetail);
const portalOrder = async (server: TestServer, token: string, orderKey: string) =>
  json(await server.request(portal(token, `/orders/${orderKey}`)), 200, OrderDetail);
const setStatus = (server: TestServer, orderId: string, status: OrderStatus) =>
  server.db.kysely.updateTable('orders').set({ status }).where('id', '=', orderId).execute();

async function settings(server: TestServer, patch: Record<string, unknown>) {
  assert.equal((await server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: patch })).status, 200);
}

/** Places a portal order (pending) through checkout, as the customer would. */
async function checkout(server: TestServer, token: string, lines: Line[]) {
  return json(
    await server.request(portal(token, '/orders'), { body: { lines }, headers: { 'idempotency-key': key() } }),
    201,
    OrderDetail,
  );
}

forEachDatabase('back office: orders, quotes, invoices, payments', (kind) => {
  const s = useServer(kind);
  let customer: { id: string; business_name: string };
  let other: { id: string; business_name: string };
  let token: string;
  let fx: Fixture;

  before(async () => {
    [customer, other] = s.get().customers;
    token = await s.get().tokenFor(customer.id);
    fx = await catalogFor(s.get(), customer.id);
    assert.ok(fx.orderable.length >= 3);
  });

  describe('orders', () => {
    it('an order entered by phone is priced exactly as checkout prices the same lines, and confirmed', async () => {
      const server = s.get();
      const lines = [
        { product_id: fx.orderable[0].id, quantity: 3 },
        { product_id: fx.orderable[1].id, quantity: 12 },
      ];
      const portalOrder = await checkout(server, token, lines);
      const entered = await json(
        await enter(server, customer.id, lines, { customer_reference: 'PHONE-1', note: 'Called at 9' }),
        201,
        AdminOrderDetail,
      );
      assert.deepEqual(entered.lines, portalOrder.lines);
      assert.deepEqual(
        [entered.subtotal_minor, entered.freight_minor, entered.total_minor],
        [portalOrder.subtotal_minor, portalOrder.freight_minor, portalOrder.total_minor],
      );
      assert.equal(entered.status, 'confirmed');
      assert.equal(entered.channel, 'phone');
      assert.deepEqual(entered.customer, customer);
      assert.equal(entered.customer_reference, 'PHONE-1');
      assert.deepEqual(entered.allowed_transitions, ['in_progress', 'shipped', 'cancelled']);
      // The customer sees it in the portal at once, not editable there (it was not placed in the portal).
      const seen = await portalOrder_(server, entered.number);
      assert.equal(seen.channel, 'phone');
      assert.equal(seen.changes.blocked_reason, 'other_channel');
    });

    async function portalOrder_(server: TestServer, number: string) {
      const list = await json(await server.request(portal(token, '/orders')), 200, OrderList);
      const found = list.items.find((o) => o.number === number);
      assert.ok(found, `order ${number} in the portal's list`);
      return portalOrder(server, token, number);
    }

    it('an entered order refuses what checkout refuses, and an unknown customer', async () => {
      const server = s.get();
      const res = await enter(server, customer.id, [{ product_id: fx.byReason('inactive').id, quantity: 1 }]);
      assert.equal(res.status, 422);
      assert.equal((await errorOf(res)).code, 'lines_not_orderable');
      const missing = await enter(server, 'no-such-customer', [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      assert.equal(missing.status, 404);
      const badChannel = await server.admin('/api/v1/orders', {
        body: { customer_id: customer.id, channel: 'portal', lines: [{ product_id: fx.orderable[0].id, quantity: 1 }] },
      });
      assert.equal(badChannel.status, 400);
    });

    it('an Idempotency-Key replays the order it entered instead of entering it twice', async () => {
      const server = s.get();
      const body = {
        customer_id: customer.id,
        channel: 'email',
        lines: [{ product_id: fx.orderable[2].id, quantity: 2 }],
      };
      const headers = { authorization: `Bearer cpa_test-admin-key-0123456789`, 'idempotency-key': key() };
      const first = await json(await server.request('/api/v1/orders', { body, headers }), 201, AdminOrderDetail);
      const again = await server.request('/api/v1/orders', { body, headers });
      assert.equal(again.headers.get('idempotency-replayed'), 'true');
      assert.equal((await json(again, 201, AdminOrderDetail)).id, first.id);
      const reused = await server.request('/api/v1/orders', { body: { ...body, channel: 'phone' }, headers });
      assert.equal(reused.status, 422);
      assert.equal((await errorOf(reused)).code, 'idempotency_key_reused');
    });

    it('every transition of the graph is allowed, and every other one refused with 409 invalid_transition', async () => {
      const server = s.get();
      const order = await json(
        await enter(server, customer.id, [{ product_id: fx.orderable[0].id, quantity: 1 }]),
        201,
        AdminOrderDetail,
      );
      const refused: string[] = [];
      for (const from of STATUSES) {
        for (const to of STATUSES) {
          await setStatus(server, order.id, from);
          const res = await move(server, order.number, {
            status: to,
            ...(to === 'shipped' ? { delivery: DELIVERY } : {}),
          });
          const allowed = ORDER_TRANSITIONS[from].includes(to);
          if (allowed) {
            const moved = await json(res, 200, AdminOrderDetail);
            assert.equal(moved.status, to, `${from} → ${to}`);
            assert.deepEqual(moved.allowed_transitions, ORDER_TRANSITIONS[to]);
          } else {
            assert.equal(res.status, 409, `${from} → ${to}`);
            const error = await errorOf(res);
            assert.equal(error.code, 'invalid_transition');
            assert.deepEqual(InvalidTransitionDetails.parse(error.details), {
              from,
              to,
              allowed: ORDER_TRANSITIONS[from],
            });
            assert.equal((await getOrder(server, order.id)).status, from, 'a refused move changes nothing');
            refused.push(`${from}→${to}`);
          }
        }
      }
      assert.equal(refused.length, 64 - 11);
      assert.ok(
        refused.includes('pending→shipped') &&
          refused.includes('shipped→cancelled') &&
          refused.includes('invoiced→delivered'),
      );
    });

    it('shipping needs a delivery with an https tracking address; one is refused on other moves', async () => {
      const server = s.get();
      const order = await json(
        await enter(server, customer.id, [{ product_id: fx.orderable[0].id, quantity: 1 }]),
        201,
        AdminOrderDetail,
      );
      for (const body of [
        { status: 'shipped' },
        { status: 'shipped', delivery: { ...DELIVERY, tracking_url: 'http://track.example/1' } },
        { status: 'shipped', delivery: { carrier: '  ' } },
        { status: 'in_progress', delivery: DELIVERY },
      ]) {
        const res = await move(server, order.id, body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal((await errorOf(res)).code, 'validation_failed');
      }
      assert.equal((await getOrder(server, order.id)).status, 'confirmed');
      assert.equal((await move(server, 'SO-1999-0001', { status: 'cancelled' })).status, 404);
    });

    it('a portal order approved, shipped with tracking and delivered: the customer sees each step at once, with the carrier and tracking link', async () => {
      const server = s.get();
      const placed = await checkout(server, token, [{ product_id: fx.orderable[1].id, quantity: 2 }]);
      assert.equal(placed.status, 'pending');
      // The portal's answers are cached by the customer's revision: read them first, so a stale cache would show.
      const listed = async () =>
        (await json(await server.request(portal(token, '/orders')), 200, OrderList)).items.find(
          (o) => o.id === placed.id,
        )!;
      assert.equal((await listed()).status, 'pending');
      const portalOrders = await json(
        await server.admin(`/api/v1/orders?channel=portal&status=pending&customer_id=${customer.id}`),
        200,
        AdminOrderList,
      );
      assert.ok(
        portalOrders.items.some(
          (o) => o.id === placed.id && o.channel === 'portal' && o.customer.business_name === customer.business_name,
        ),
      );

      server.clock.advance(60_000);
      await json(
        await move(server, placed.id, { status: 'confirmed', reason: 'Stock checked' }),
        200,
        AdminOrderDetail,
      );
      assert.equal((await listed()).status, 'confirmed');

      server.clock.advance(60_000);
      const shipped = await json(
        await move(server, placed.number, { status: 'shipped', delivery: DELIVERY }),
        200,
        AdminOrderDetail,
      );
      assert.equal(shipped.deliveries.length, 1);
      assert.equal((await listed()).status, 'shipped');
      const seen = await portalOrder(server, token, placed.id);
      assert.equal(seen.status, 'shipped');
      assert.deepEqual(
        seen.deliveries.map((d) => [d.status, d.carrier, d.tracking_number, d.tracking_url, d.shipped_at]),
        [['in_transit', 'Parcelforce', 'PF123456', 'https://track.example/PF123456', server.clock.now.toISOString()]],
      );
      const deliveries = await json(await server.request(portal(token, '/deliveries')), 200, DeliveryList);
      const delivery = deliveries.items.find((d) => d.order.id === placed.id);
      assert.ok(delivery, 'in the deliveries section');
      assert.equal(delivery.tracking_url, DELIVERY.tracking_url);
      assert.deepEqual(
        delivery.lines.map((l) => [l.product_id, l.quantity]),
        placed.lines.map((l) => [l.product_id, l.quantity]),
      );

      server.clock.advance(86_400_000);
      await json(await move(server, placed.id, { status: 'delivered' }), 200, AdminOrderDetail);
      const delivered = await portalOrder(server, token, placed.id);
      assert.equal(delivered.status, 'delivered');
      assert.deepEqual(
        delivered.deliveries.map((d) => [d.status, d.delivered_at]),
        [['delivered', server.clock.now.toISOString()]],
      );
      // The record shows who moved it, when, and why.
      assert.deepEqual(
        delivered.history.slice(1).map((e) => [e.action, e.actor, e.actor_name, e.changes?.status?.to, e.note]),
        [
          ['status_changed', 'supplier', SUPPLIER, 'confirmed', 'Stock checked'],
          ['status_changed', 'supplier', SUPPLIER, 'shipped', null],
          ['status_changed', 'supplier', SUPPLIER, 'delivered', null],
        ],
      );
    });

    it('cancelling an order with a pending change rejects the change; with a pending cancellation, approves it', async () => {
      const server = s.get();
      await settings(server, {
        order_changes: {
          enabled: true,
          apply_updates_automatically: false,
          apply_cancellations_automatically: false,
          allowed_before: 'in_progress',
        },
      });
      const changed = await checkout(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      assert.equal(
        (
          await server.request(portal(token, `/orders/${changed.id}`), {
            method: 'PATCH',
            body: { lines: [{ product_id: fx.orderable[0].id, quantity: 5 }] },
          })
        ).status,
        200,
      );
      const cancelled = await json(
        await move(server, changed.id, { status: 'cancelled', reason: 'Out of stock' }),
        200,
        AdminOrderDetail,
      );
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(cancelled.pending_request, null);
      assert.deepEqual(
        cancelled.requests.map((r) => [r.kind, r.state, r.rejection_reason]),
        [['update', 'rejected', 'Out of stock']],
      );
      assert.deepEqual(
        cancelled.lines.map((l) => l.quantity),
        [1],
        'the change was not applied',
      );
      assert.deepEqual(
        cancelled.history.slice(-2).map((e) => [e.action, e.actor]),
        [
          ['request_rejected', 'supplier'],
          ['cancelled', 'supplier'],
        ],
      );

      const asked = await checkout(server, token, [{ product_id: fx.orderable[0].id, quantity: 1 }]);
      assert.equal(
        (
          await server.request(portal(token, `/orders/${asked.id}/cancel`), {
            method: 'POST',
            body: { reason: 'Ordered twice' },
          })
        ).status,
        200,
      );
      const approved = await json(await move(server, asked.id, { status: 'cancelled' }), 200, AdminOrderDetail);
      assert.deepEqual(
        approved.requests.map((r) => [r.kind, r.state]),
        [['cancel', 'approved']],
      );
      assert.equal((await portalOrder(server, token, asked.id)).status, 'cancelled');
    });

    it("lists every customer's orders newest first, filtered and paged", async () => {
      const server = s.get();
      const page1 = await json(await server.admin('/api/v1/orders?limit=3'), 200, AdminOrderList);
      assert.equal(page1.items.length, 3);
      const page2 = await json(
        await server.admin(`/api/v1/orders?limit=3&cursor=${page1.next_cursor}`),
        200,
        AdminOrderList,
      );
      const all = [...page1.items, ...page2.items];
      assert.equal(new Set(all.map((o) => o.id)).size, 6);
      assert.deepEqual(
        all.map((o) => o.created_at),
        [...all.map((o) => o.created_at)].sort().reverse(),
      );
      const mine = await json(
        await server.admin(`/api/v1/orders?customer_id=${other.id}&status=shipped&limit=100`),
        200,
        AdminOrderList,
      );
      assert.ok(mine.items.length > 0);
      assert.ok(mine.items.every((o) => o.customer.id === other.id && o.status === 'shipped'));
      const day = server.clock.now.toISOString().slice(0, 10);
      const today = await json(
        await server.admin(`/api/v1/orders?from=${day}&to=${day}&limit=100`),
        200,
        AdminOrderList,
      );
      assert.ok(today.items.length > 0);
      assert.ok(today.items.every((o) => o.created_at.startsWith(day)));
      const phone = await json(await server.admin('/api/v1/orders?channel=phone&limit=100'), 200, AdminOrderList);
      assert.ok(phone.items.length > 0 && phone.items.every((o) => o.channel === 'phone'));
      assert.equal((await server.admin('/api/v1/orders?status=lost')).status, 400);
    });
  });

  describe('quotes', () => {
    it('a draft is invisible in the portal until sent; accepted there, it is converted into an order by hand', async () => {
      const server = s.get();
      await settings(server, { create_order_on_quote_acceptance: false });
      const lines = [{ product_id: fx.orderable[0].id, quantity: 4 }];
      const draft = await json(
        await server.admin('/api/v1/quotes', { body: { customer_id: customer.id, lines } }),
        201,
        AdminQuote,
      );
      assert.equal(draft.state, 'draft');
      const priced = await checkout(server, token, lines);
      assert.deepEqual(draft.lines, priced.lines, 'priced as checkout prices the lines');
      assert.equal(draft.total_minor, priced.total_minor);

      const visible = async () =>
        (await json(await server.request(portal(token, '/quotes')), 200, QuoteList)).items.some(
          (q) => q.id === draft.id,
        );
      assert.equal(await visible(), false);
      assert.equal((await server.request(portal(token, `/quotes/${draft.number}`))).status, 404);
      assert.equal((await server.request(portal(token, `/quotes/${draft.id}/accept`), { method: 'POST' })).status, 404);
      const drafts = await json(
        await server.admin(`/api/v1/quotes?state=draft&customer_id=${customer.id}`),
        200,
        AdminQuoteList,
      );
      assert.ok(drafts.items.some((q) => q.id === draft.id));
      assert.ok(drafts.items.every((q) => q.state === 'draft' && q.customer.id === customer.id));
      const shown = (await json(await server.request(portal(token, '/quotes?limit=50')), 200, QuoteList)).items.map(
        (q) => q.id,
      );
      assert.deepEqual(
        drafts.items.filter((q) => shown.includes(q.id)),
        [],
        'no draft (the demo data has one) in the portal',
      );
      const early = await server.admin(`/api/v1/quotes/${draft.id}/convert`, { method: 'POST' });
      assert.equal(early.status, 409);
      assert.equal((await errorOf(early)).code, 'quote_not_convertible');

      const sent = await json(
        await server.admin(`/api/v1/quotes/${draft.number}/send`, { method: 'POST' }),
        200,
        AdminQuote,
      );
      assert.equal(sent.state, 'sent');
      assert.equal(await visible(), true);
      const twice = await server.admin(`/api/v1/quotes/${draft.id}/send`, { method: 'POST' });
      assert.equal(twice.status, 409);
      assert.equal((await errorOf(twice)).code, 'invalid_transition');

      const accepted = await server.request(portal(token, `/quotes/${draft.id}/accept`), { method: 'POST' });
      assert.equal(accepted.status, 200);
      assert.equal((await accepted.json()).order, null, 'no order: the workspace converts by hand');

      const converted = await json(
        await server.admin(`/api/v1/quotes/${draft.id}/convert`, { method: 'POST' }),
        200,
        AdminQuote,
      );
      assert.ok(converted.order);
      const order = await portalOrder(server, token, converted.order.id);
      assert.equal(order.channel, 'quote');
      assert.equal(order.status, 'confirmed');
      assert.deepEqual(order.source_quote, { id: draft.id, number: draft.number });
      assert.deepEqual(order.lines, draft.lines);
      const again = await server.admin(`/api/v1/quotes/${draft.id}/convert`, { method: 'POST' });
      assert.equal(again.status, 409);
      assert.equal((await errorOf(again)).code, 'quote_not_convertible');
      await settings(server, { create_order_on_quote_acceptance: true });
    });

    it('refuses a validity date in the past and lines that cannot be ordered', async () => {
      const server = s.get();
      const lines = [{ product_id: fx.orderable[0].id, quantity: 1 }];
      assert.equal(
        (await server.admin('/api/v1/quotes', { body: { customer_id: customer.id, lines, valid_until: '2020-01-01' } }))
          .status,
        400,
      );
      const bad = await server.admin('/api/v1/quotes', {
        body: { customer_id: customer.id, lines: [{ product_id: fx.byReason('inactive').id, quantity: 1 }] },
      });
      assert.equal(bad.status, 422);
      assert.equal((await server.admin('/api/v1/quotes/no-such-quote')).status, 404);
    });
  });

  describe('invoices and payments', () => {
    it('an invoice from a delivered order invoices it; the customer sees it; a second one is refused', async () => {
      const server = s.get();
      const order = await json(
        await enter(server, customer.id, [{ product_id: fx.orderable[1].id, quantity: 6 }]),
        201,
        AdminOrderDetail,
      );
      const notYet = await server.admin(`/api/v1/orders/${order.id}/invoice`, { body: {} });
      assert.equal(notYet.status, 201, 'a confirmed order can be invoiced');
      const other2 = await json(
        await enter(server, customer.id, [{ product_id: fx.orderable[1].id, quantity: 2 }]),
        201,
        AdminOrderDetail,
      );
      await setStatus(server, other2.id, 'delivered');
      const invoice = await json(
        await server.admin(`/api/v1/orders/${other2.number}/invoice`, { body: { due_days: 14 } }),
        201,
        AdminInvoiceDetail,
      );
      assert.equal(invoice.total_minor, other2.total_minor);
      assert.equal(invoice.payment_state, 'not_paid');
      assert.equal(invoice.due_at, new Date(server.clock.now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10));
      assert.deepEqual(invoice.lines, other2.lines);
      const after = await getOrder(server, other2.id);
      assert.equal(after.status, 'invoiced');
      assert.deepEqual(
        after.invoices.map((i) => i.id),
        [invoice.id],
      );
      const listed = await json(await server.request(portal(token, '/invoices')), 200, InvoiceList);
      assert.ok(listed.items.some((i) => i.id === invoice.id && i.order?.id === other2.id));

      const twice = await server.admin(`/api/v1/orders/${other2.id}/invoice`, { method: 'POST' });
      assert.equal(twice.status, 409);
      assert.equal((await errorOf(twice)).code, 'already_invoiced');
      const pending = await checkout(server, token, [{ product_id: fx.orderable[1].id, quantity: 1 }]);
      const early = await server.admin(`/api/v1/orders/${pending.id}/invoice`, { method: 'POST' });
      assert.equal(early.status, 409);
      assert.equal((await errorOf(early)).code, 'not_invoiceable');
      const byCustomer = await json(
        await server.admin(`/api/v1/invoices?customer_id=${customer.id}&payment_state=not_paid`),
        200,
        AdminInvoiceList,
      );
      assert.ok(byCustomer.items.some((i) => i.id === invoice.id));
      assert.ok(byCustomer.items.every((i) => i.customer.id === customer.id && i.payment_state === 'not_paid'));
    });

    it('a payment allocated to invoices: the customer sees them partly paid, then paid', async () => {
      const server = s.get();
      const order = await json(
        await enter(server, customer.id, [{ product_id: fx.orderable[2].id, quantity: 5 }]),
        201,
        AdminOrderDetail,
      );
      const invoice = await json(
        await server.admin(`/api/v1/orders/${order.id}/invoice`, { method: 'POST' }),
        201,
        AdminInvoiceDetail,
      );
      const seen = async () =>
        json(await server.request(portal(token, `/invoices/${invoice.number}`)), 200, InvoiceDetail);
      assert.equal((await seen()).payment_state, 'not_paid');

      const part = 100;
      const first = await json(
        await server.admin('/api/v1/payments', {
          body: {
            customer_id: customer.id,
            amount_minor: part,
            method: 'cash',
            allocations: [{ invoice_id: invoice.id, amount_minor: part }],
          },
        }),
        201,
        AdminPayment,
      );
      assert.deepEqual(first.allocations, [
        { invoice_id: invoice.id, invoice_number: invoice.number, amount_minor: part },
      ]);
      const partial = await seen();
      assert.deepEqual(
        [partial.payment_state, partial.paid_minor, partial.balance_minor],
        ['partial', part, invoice.total_minor - part],
      );
      assert.deepEqual(
        partial.payments.map((p) => [p.id, p.method, p.amount_minor]),
        [[first.id, 'cash', part]],
      );

      const rest = invoice.total_minor - part;
      await json(
        await server.admin('/api/v1/payments', {
          body: {
            customer_id: customer.id,
            amount_minor: rest + 500,
            method: 'bank_transfer',
            reference: 'BACS 991',
            allocations: [{ invoice_id: invoice.id, amount_minor: rest }],
          },
        }),
        201,
        AdminPayment,
      );
      const paid = await seen();
      assert.deepEqual([paid.payment_state, paid.balance_minor], ['paid', 0]);
      const payments = await json(
        await server.admin(`/api/v1/payments?customer_id=${customer.id}`),
        200,
        AdminPaymentList,
      );
      assert.ok(payments.items.some((p) => p.id === first.id && p.customer.id === customer.id));
      const portalPayments = await (await server.request(portal(token, '/payments'))).json();
      assert.ok(
        portalPayments.items.some((p: { id: string; method: string }) => p.id === first.id && p.method === 'cash'),
      );
    });

    it("refuses over-allocation, another customer's invoice, and allocations over the amount with 422 allocation_invalid", async () => {
      const server = s.get();
      const order = await json(
        await enter(server, customer.id, [{ product_id: fx.orderable[0].id, quantity: 2 }]),
        201,
        AdminOrderDetail,
      );
      const invoice = await json(
        await server.admin(`/api/v1/orders/${order.id}/invoice`, { method: 'POST' }),
        201,
        AdminInvoiceDetail,
      );
      const theirs = (await json(await server.admin(`/api/v1/invoices?customer_id=${other.id}`), 200, AdminInvoiceList))
        .items[0];
      assert.ok(theirs, 'the other customer has an invoice');
      const stored = async () =>
        Promise.all([
          server.db.kysely
            .selectFrom('payments')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow(),
          server.db.kysely
            .selectFrom('invoices')
            .select('paid_minor')
            .where('id', 'in', [invoice.id, theirs.id])
            .orderBy('id')
            .execute(),
        ]);
      const before = await stored();
      const refused = async (body: unknown) => {
        const res = await server.admin('/api/v1/payments', { body });
        assert.equal(res.status, 422, JSON.stringify(body));
        const error = await errorOf(res);
        assert.equal(error.code, 'allocation_invalid');
        return AllocationErrorDetails.parse(error.details);
      };
      const big = invoice.total_minor + 1;
      assert.deepEqual(
        (
          await refused({
            customer_id: customer.id,
            amount_minor: big,
            method: 'card',
            allocations: [{ invoice_id: invoice.id, amount_minor: big }],
          })
        ).allocations,
        [{ index: 0, invoice_id: invoice.id, reason: 'over_balance', balance_minor: invoice.total_minor }],
      );
      assert.deepEqual(
        (
          await refused({
            customer_id: customer.id,
            amount_minor: 50,
            method: 'card',
            allocations: [{ invoice_id: theirs.id, amount_minor: 50 }],
          })
        ).allocations,
        [{ index: 0, invoice_id: theirs.id, reason: 'other_customer' }],
      );
      const over = await refused({
        customer_id: customer.id,
        amount_minor: 10,
        method: 'cheque',
        allocations: [{ invoice_id: invoice.id, amount_minor: 11 }],
      });
      assert.deepEqual([over.allocations, over.allocated_minor, over.amount_minor], [[], 11, 10]);
      assert.equal(
        (
          await refused({
            customer_id: customer.id,
            amount_minor: 20,
            method: 'other',
            allocations: [
              { invoice_id: invoice.id, amount_minor: 5 },
              { invoice_id: invoice.id, amount_minor: 5 },
            ],
          })
        ).allocations[0].reason,
        'duplicate',
      );
      assert.deepEqual(await stored(), before, 'a refused payment records nothing');
    });

    it('refuses amounts whose allocations could not add up exactly (over 10^13 minor units) with 400', async () => {
      const server = s.get();
      const half = 2 ** 52;
      const res = await server.admin('/api/v1/payments', {
        body: {
          customer_id: customer.id,
          amount_minor: 1,
          method: 'card',
          allocations: [
            { invoice_id: 'INV-none-1', amount_minor: half },
            { invoice_id: 'INV-none-2', amount_minor: half },
          ],
        },
      });
      assert.equal(res.status, 400);
      assert.equal((await errorOf(res)).code, 'validation_failed');
    });
  });
});
