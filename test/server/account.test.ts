/**
 * The customer's account in the portal: quote, invoice (JSON and PDF) and delivery detail by id
 * or number, the "unpaid" invoice filter, quote acceptance racing itself, the demo's order
 * requests, and the access rules (permissions, sections, other customers) of every endpoint
 * added for it, reads and writes.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { unitNames } from '../../demo-server/db/catalog.ts';

import {
  Dashboard,
  Delivery,
  DeliveryList,
  DocumentKey,
  InvoiceDetail,
  InvoiceList,
  OrderDetail,
  OrderList,
  PaymentList,
  Quote,
  QuoteList,
  Session,
  SECTION_PERMISSION,
  endpoints,
  type DocumentLine,
  type Endpoint,
  type Permission,
  type Section,
} from '../../widget/contract/index.ts';
import { insertOrder } from '../../demo-server/db/orders.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';
import { poppler, squash } from './pdf-tools.ts';

/** Every item of a portal list, following next_cursor. */
async function all<T>(
  server: TestServer,
  token: string,
  path: string,
  schema: { parse(v: unknown): { items: T[]; next_cursor: string | null } },
) {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await server.request(
      portal(token, `${path}${sep}limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    );
    assert.equal(res.status, 200, path);
    const page = schema.parse(await res.json());
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

async function json<S extends { parse(v: unknown): unknown }>(
  res: Response,
  schema: S,
): Promise<ReturnType<S['parse']>> {
  assert.equal(res.status, 200, await res.clone().text());
  return schema.parse(await res.json()) as ReturnType<S['parse']>;
}

/** Everything a refused write could have touched, to prove it touched nothing. */
async function everything(server: TestServer) {
  const db = server.db.kysely;
  return {
    orders: await db.selectFrom('orders').selectAll().orderBy('id').execute(),
    lines: await db.selectFrom('order_lines').selectAll().orderBy('order_id').orderBy('position').execute(),
    requests: await db.selectFrom('order_requests').selectAll().orderBy('id').execute(),
    events: await db.selectFrom('order_events').selectAll().orderBy('order_id').orderBy('position').execute(),
  };
}

forEachDatabase('customer account', (kind) => {
  const s = useServer(kind);
  let token: string;
  let session: Session;
  const money = (minor: number) => {
    const format = new Intl.NumberFormat(session.locale, { style: 'currency', currency: session.currency });
    return squash(format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2)));
  };

  before(async () => {
    token = await s.get().tokenFor(s.get().customers[0].id);
    session = Session.parse(await (await s.get().request(portal(token, '/session'))).json());
  });

  describe('quotes', () => {
    it('a quote reads by id and by number, as the list shows it, in every state', async () => {
      const quotes = await all(s.get(), token, '/quotes', QuoteList);
      assert.deepEqual(new Set(quotes.map((q) => q.state)), new Set(['sent', 'accepted', 'declined', 'expired']));
      for (const quote of quotes) {
        assert.deepEqual(await json(await s.get().request(portal(token, `/quotes/${quote.id}`)), Quote), quote);
        assert.deepEqual(await json(await s.get().request(portal(token, `/quotes/${quote.number}`)), Quote), quote);
        if (quote.state === 'accepted') assert.ok(quote.order, `${quote.number} shows its order`);
      }
      for (const [key, status] of [
        [crypto.randomUUID(), 404],
        ['Q-1999-0001', 404],
        ['quote-1', 404],
        ['42', 404],
        ['quote%01', 400],
        ['q'.repeat(129), 400],
      ] as const) {
        const res = await s.get().request(portal(token, `/quotes/${key}`));
        assert.equal(res.status, status, key);
      }
    });
  });

  describe('quote acceptance (fresh server)', () => {
    const fresh = useServer(kind);

    it('two concurrent accepts of one quote create exactly one order, from the quote, that the customer cannot edit', async () => {
      const server = fresh.get();
      for (const customer of server.customers.slice(0, 3)) {
        const own = await server.tokenFor(customer.id);
        const quote = (await all(server, own, '/quotes?state=sent', QuoteList))[0];
        assert.ok(quote, customer.business_name);
        server.clock.advance(60_000);
        const answers = await Promise.all(
          [0, 1, 2].map(() => server.request(portal(own, `/quotes/${quote.id}/accept`), { method: 'POST' })),
        );
        assert.deepEqual(answers.map((r) => r.status).sort(), [200, 422, 422]);
        const accepted = Quote.parse(await answers.find((r) => r.status === 200)!.json());
        for (const refused of answers.filter((r) => r.status === 422)) {
          assert.deepEqual((await errorOf(refused)).details, { state: 'accepted' });
        }
        const made = await server.db.kysely
          .selectFrom('orders')
          .selectAll()
          .where('source_quote_id', '=', quote.id)
          .execute();
        assert.equal(made.length, 1, 'exactly one order');
        assert.equal(accepted.order?.id, made[0].id);

        const order = await json(await server.request(portal(own, `/orders/${accepted.order.number}`)), OrderDetail);
        assert.equal(order.channel, 'quote');
        assert.deepEqual(order.source_quote, { id: quote.id, number: quote.number });
        assert.deepEqual(order.lines, quote.lines);
        assert.deepEqual(order.changes, { can_edit: false, can_cancel: false, blocked_reason: 'from_quote' });
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
        const listed = (await all(server, own, '/orders', OrderList)).find((o) => o.id === order.id);
        assert.equal(listed?.channel, 'quote');
        assert.deepEqual(await json(await server.request(portal(own, `/quotes/${quote.number}`)), Quote), accepted);
      }
    });

    it('an expired quote cannot be accepted (422), and nothing is made', async () => {
      const server = fresh.get();
      const own = await server.tokenFor(server.customers[3].id);
      const expired = (await all(server, own, '/quotes?state=expired', QuoteList))[0];
      const res = await server.request(portal(own, `/quotes/${expired.id}/accept`), { method: 'POST' });
      assert.equal(res.status, 422);
      assert.deepEqual(await errorOf(res), {
        code: 'quote_not_open',
        message: `Quote ${expired.number} has expired and can no longer be answered.`,
        details: { state: 'expired' },
      });
      assert.equal(
        (await server.db.kysely.selectFrom('orders').select('id').where('source_quote_id', '=', expired.id).execute())
          .length,
        0,
      );
      assert.equal((await json(await server.request(portal(own, `/quotes/${expired.id}`)), Quote)).state, 'expired');
    });
  });

  describe('invoices', () => {
    it('?payment_state=unpaid lists exactly the not paid and partly paid invoices, with a balance', async () => {
      for (const customer of s.get().customers) {
        const own = await s.get().tokenFor(customer.id);
        const every = await all(s.get(), own, '/invoices', InvoiceList);
        const unpaid = await all(s.get(), own, '/invoices?payment_state=unpaid', InvoiceList);
        assert.deepEqual(
          unpaid.map((i) => i.id),
          every.filter((i) => i.payment_state !== 'paid').map((i) => i.id),
          customer.business_name,
        );
        assert.ok(unpaid.every((i) => i.balance_minor > 0));
      }
      const unpaid = await all(s.get(), token, '/invoices?payment_state=unpaid', InvoiceList);
      assert.ok(unpaid.length > 0);
    });

    it("an invoice's detail: its order's lines, totals, balance and the payments allocated to it, by id or number", async () => {
      const invoices = await all(s.get(), token, '/invoices', InvoiceList);
      const payments = await all(s.get(), token, '/payments', PaymentList);
      let withPayments = 0;
      for (const invoice of invoices) {
        const detail = await json(await s.get().request(portal(token, `/invoices/${invoice.id}`)), InvoiceDetail);
        assert.deepEqual(
          await json(await s.get().request(portal(token, `/invoices/${invoice.number}`)), InvoiceDetail),
          detail,
        );
        const { lines, subtotal_minor, freight_minor, payments: allocated, ...summary } = detail;
        assert.deepEqual(summary, invoice, 'the detail repeats the list entry');
        const order = await json(await s.get().request(portal(token, `/orders/${invoice.order!.id}`)), OrderDetail);
        assert.deepEqual(lines, order.lines);
        assert.equal(subtotal_minor, order.subtotal_minor);
        assert.equal(freight_minor, order.freight_minor);
        assert.equal(subtotal_minor + freight_minor, detail.total_minor);
        assert.equal(
          allocated.reduce((sum, p) => sum + p.amount_minor, 0),
          detail.paid_minor,
          invoice.number,
        );
        for (const p of allocated) {
          const payment = payments.find((x) => x.id === p.id);
          assert.ok(payment, `${p.number} is the customer's`);
          assert.deepEqual(p, {
            id: payment.id,
            number: payment.number,
            received_at: payment.received_at,
            method: payment.method,
            amount_minor: payment.allocations.find((a) => a.invoice_id === invoice.id)!.amount_minor,
          });
        }
        if (allocated.length) withPayments++;
      }
      assert.ok(withPayments > 0);
    });

    it('an invoice without an order has no lines: its subtotal is its total', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const template = await server.db.kysely
        .selectFrom('invoices')
        .selectAll()
        .where('customer_id', '=', customer.id)
        .executeTakeFirstOrThrow();
      const id = crypto.randomUUID();
      await server.db.kysely
        .insertInto('invoices')
        .values({ ...template, id, number: 'INV-2026-9001', order_id: null, total_minor: 4200, paid_minor: 0 })
        .execute();
      const detail = await json(await server.request(portal(token, '/invoices/INV-2026-9001')), InvoiceDetail);
      assert.deepEqual(
        [
          detail.id,
          detail.order,
          detail.lines,
          detail.subtotal_minor,
          detail.freight_minor,
          detail.balance_minor,
          detail.payment_state,
          detail.payments,
        ],
        [id, null, [], 4200, 0, 4200, 'not_paid', []],
      );
      const text = squash(
        poppler(
          'pdftotext',
          new Uint8Array(await (await server.request(portal(token, `/invoices/${id}/pdf`))).arrayBuffer()),
        ),
      );
      assert.ok(text.includes(`Balance due ${money(4200)}`), text);
    });

    it('the invoice PDF: A4, named after it, with supplier, customer, dates, order, lines, totals, paid and balance due', async () => {
      const invoices = await all(s.get(), token, '/invoices', InvoiceList);
      const partial = invoices.find((i) => i.payment_state === 'partial') ?? invoices.find((i) => i.paid_minor > 0)!;
      for (const invoice of [partial, invoices[0]]) {
        const detail = await json(await s.get().request(portal(token, `/invoices/${invoice.id}`)), InvoiceDetail);
        const res = await s.get().request(portal(token, `/invoices/${invoice.number}/pdf`));
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'application/pdf');
        assert.equal(res.headers.get('content-disposition'), `attachment; filename="${invoice.number}.pdf"`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        assert.match(poppler('pdfinfo', bytes), /^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)$/m);
        const text = squash(poppler('pdftotext', bytes));
        const date = (d: string) =>
          squash(
            new Intl.DateTimeFormat(session.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
              new Date(`${d}T00:00:00Z`),
            ),
          );
        for (const expected of [
          'Invoice',
          session.workspace.name,
          session.customer.business_name,
          invoice.number,
          invoice.order!.number,
          `Issued ${date(invoice.issued_at)}`,
          `Due ${date(invoice.due_at)}`,
          `Subtotal ${money(detail.subtotal_minor)}`,
          `Freight ${money(detail.freight_minor)}`,
          `Total ${money(detail.total_minor)}`,
          `Paid ${money(detail.paid_minor)}`,
          `Balance due ${money(detail.balance_minor)}`,
        ]) {
          assert.ok(text.includes(squash(expected)), `${invoice.number}: "${expected}" missing`);
        }
        const names = await unitNames(s.get().db.kysely, detail.lines);
        for (const l of detail.lines) {
          const unit = names.get(`${l.product_id}|${l.uom}`) ?? l.uom;
          const row = squash(
            `${l.sku} ${l.name} ${l.quantity} ${unit} ${money(l.unit_price_minor)} ${money(l.line_total_minor)}`,
          );
          assert.ok(text.includes(row), `${invoice.number}: line "${row}" missing`);
        }
      }
    });

    it('a long invoice breaks over pages with the table header on each, every line once', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const products = await server.db.kysely
        .selectFrom('products')
        .select(['id', 'sku', 'name'])
        .orderBy('sku')
        .limit(60)
        .execute();
      const lines: DocumentLine[] = Array.from({ length: 70 }, (_, i) => ({
        product_id: products[i % products.length].id,
        sku: `LONG-${i}`,
        name: products[i % products.length].name,
        quantity: i + 1,
        uom: 'each',
        unit_price_minor: 100 + i,
        line_total_minor: (100 + i) * (i + 1),
      }));
      const subtotal = lines.reduce((sum, l) => sum + l.line_total_minor, 0);
      const orderId = await server.db.kysely.transaction().execute((tx) =>
        insertOrder(tx, {
          customerId: customer.id,
          status: 'invoiced',
          channel: 'portal',
          currency: 'EUR',
          customerReference: null,
          note: null,
          sourceQuoteId: null,
          lines,
          subtotal,
          freight: 0,
          now: server.clock.now,
        }),
      );
      const template = await server.db.kysely
        .selectFrom('invoices')
        .selectAll()
        .where('customer_id', '=', customer.id)
        .executeTakeFirstOrThrow();
      await server.db.kysely
        .insertInto('invoices')
        .values({
          ...template,
          id: crypto.randomUUID(),
          number: 'INV-2026-9002',
          order_id: orderId,
          total_minor: subtotal,
          paid_minor: 1000,
        })
        .execute();
      const bytes = new Uint8Array(
        await (await server.request(portal(token, '/invoices/INV-2026-9002/pdf'))).arrayBuffer(),
      );
      const pages = Number(/^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', bytes))?.[1]);
      assert.ok(pages >= 2, `${pages} page(s)`);
      const text = squash(poppler('pdftotext', bytes));
      assert.equal(
        text.split('SKU Product Qty Unit Unit price Line total').length - 1,
        pages,
        'the header on every page',
      );
      for (let page = 1; page <= pages; page++) assert.ok(text.includes(`INV-2026-9002 · Page ${page} of ${pages}`));
      for (const l of lines) assert.equal(text.split(` ${l.sku} `).length - 1, 1, `${l.sku} once`);
      assert.ok(text.includes(`Balance due ${money(subtotal - 1000)}`));
    });
  });

  describe('deliveries', () => {
    it('a delivery reads by id and by number, as the list shows it: carrier, tracking link, dates, lines', async () => {
      const deliveries = await all(s.get(), token, '/deliveries', DeliveryList);
      assert.ok(
        deliveries.some((d) => d.tracking_url !== null) && deliveries.some((d) => d.tracking_url === null),
        'with and without a tracking link',
      );
      for (const delivery of deliveries) {
        assert.deepEqual(
          await json(await s.get().request(portal(token, `/deliveries/${delivery.id}`)), Delivery),
          delivery,
        );
        assert.deepEqual(
          await json(await s.get().request(portal(token, `/deliveries/${delivery.number}`)), Delivery),
          delivery,
        );
      }
    });
  });

  describe('the demo account (seed 002)', () => {
    it('shows an update awaiting approval and a rejected cancellation, on the dashboard and the order', async () => {
      const dashboard = await json(await s.get().request(portal(token, '/dashboard')), Dashboard);
      const waiting = dashboard.recent.orders!.find((o) => o.pending_request === 'update');
      assert.ok(waiting, 'a recent order has an update awaiting approval');
      assert.equal(waiting.channel, 'portal');
      const order = await json(await s.get().request(portal(token, `/orders/${waiting.number}`)), OrderDetail);
      assert.deepEqual(order.changes, { can_edit: false, can_cancel: false, blocked_reason: 'request_pending' });
      assert.deepEqual(
        order.history.map((e) => e.action),
        ['placed', 'update_requested'],
      );
      assert.notDeepEqual(order.requests[0].proposed!.lines, order.lines);

      const orders = await all(s.get(), token, '/orders', OrderList);
      // Drafts are listed but do not open (404).
      const details = await Promise.all(
        orders
          .filter((o) => !o.is_draft)
          .map(async (o) => json(await s.get().request(portal(token, `/orders/${o.id}`)), OrderDetail)),
      );
      const refused = details.find((o) => o.requests.some((r) => r.kind === 'cancel' && r.state === 'rejected'));
      assert.ok(refused, 'an order whose cancellation was rejected');
      assert.ok(refused.requests[0].rejection_reason && refused.requests[0].reason);
      assert.deepEqual(
        refused.history.map((e) => [e.action, e.actor]),
        [
          ['placed', 'customer'],
          ['cancel_requested', 'customer'],
          ['request_rejected', 'supplier'],
        ],
      );
      assert.ok(
        details.some((o) => o.changes.can_edit),
        'some order can still be changed',
      );
    });
  });

  describe('access to the new endpoints', () => {
    type Case = { name: keyof typeof endpoints; method: string; path: (key: string) => string; body?: unknown };
    const CASES: Case[] = [
      { name: 'getOrder', method: 'GET', path: (k) => `/orders/${k}` },
      { name: 'getOrderPdf', method: 'GET', path: (k) => `/orders/${k}/pdf` },
      { name: 'updateOrder', method: 'PATCH', path: (k) => `/orders/${k}`, body: { customer_reference: 'HACK' } },
      { name: 'cancelOrder', method: 'POST', path: (k) => `/orders/${k}/cancel`, body: { reason: 'x' } },
      { name: 'getQuote', method: 'GET', path: (k) => `/quotes/${k}` },
      { name: 'acceptQuote', method: 'POST', path: (k) => `/quotes/${k}/accept` },
      { name: 'declineQuote', method: 'POST', path: (k) => `/quotes/${k}/decline`, body: { reason: 'x' } },
      { name: 'getInvoice', method: 'GET', path: (k) => `/invoices/${k}` },
      { name: 'getInvoicePdf', method: 'GET', path: (k) => `/invoices/${k}/pdf` },
      { name: 'getDelivery', method: 'GET', path: (k) => `/deliveries/${k}` },
      { name: 'approveOrder', method: 'POST', path: (k) => `/orders/${k}/approve` },
      { name: 'rejectOrder', method: 'POST', path: (k) => `/orders/${k}/reject`, body: { reason: 'x' } },
    ];
    /** A document of `owner` for each case; for the order endpoints one the owner could edit. */
    async function keysOf(server: TestServer, ownerId: string) {
      const db = server.db.kysely;
      const first = (table: 'quotes' | 'invoices' | 'deliveries') =>
        db
          .selectFrom(table)
          .select(['id', 'number'])
          .where('customer_id', '=', ownerId)
          .orderBy('number')
          .executeTakeFirstOrThrow();
      const openQuote = () =>
        db
          .selectFrom('quotes')
          .select(['id', 'number'])
          .where('customer_id', '=', ownerId)
          .where('state', '=', 'sent')
          .where('valid_until', '>=', server.clock.now.toISOString().slice(0, 10))
          .orderBy('number')
          .executeTakeFirstOrThrow();
      const docs: Record<Section, { id: string; number: string }> = {
        orders: await db
          .selectFrom('orders')
          .select(['id', 'number'])
          .where('customer_id', '=', ownerId)
          .where('status', '=', 'pending')
          .where('channel', '=', 'portal')
          .executeTakeFirstOrThrow(),
        quotes: await first('quotes'),
        invoices: await first('invoices'),
        deliveries: await first('deliveries'),
        payments: { id: '', number: '' },
      };
      // Approving and rejecting are tried on an order awaiting approval: one delivered order is held so.
      const held = await db
        .selectFrom('orders')
        .select(['id', 'number'])
        .where('customer_id', '=', ownerId)
        .where('status', 'in', ['delivered', 'awaiting_approval'])
        .orderBy('number')
        .executeTakeFirstOrThrow();
      await db.updateTable('orders').set({ status: 'awaiting_approval' }).where('id', '=', held.id).execute();
      // Accepting and declining are tried on a quote its owner could still answer.
      return async (name: Case['name']) =>
        name === 'acceptQuote' || name === 'declineQuote'
          ? openQuote()
          : name === 'approveOrder' || name === 'rejectOrder'
            ? held
            : docs[(endpoints[name] as Endpoint).section!];
    }

    // Endpoints keyed by a document and something inside it (an order's charge: `{charge_id}`) are
    // probed across customers by test/adversarial/object-access.test.ts, which makes the inner keys.
    it('covers every portal endpoint that takes a document key alone', () => {
      const keyed = Object.entries(endpoints).filter(
        ([, e]) =>
          (e as Endpoint).auth === 'portal' &&
          (e as Endpoint).path.includes('{id}') &&
          (e as Endpoint).path.match(/\{/g)?.length === 2 &&
          (e as Endpoint).params?.shape.id === DocumentKey,
      );
      assert.deepEqual(keyed.map(([name]) => name).sort(), CASES.map((c) => c.name).sort());
    });

    it("another customer's documents, by id and by number, are 404 on every endpoint, reads and writes, and nothing changes", async () => {
      const server = s.get();
      const [owner, stranger] = server.customers;
      const keyOf = await keysOf(server, owner.id);
      const strangerToken = await server.tokenFor(stranger.id);
      const before = await everything(server);
      for (const c of CASES) {
        const doc = await keyOf(c.name);
        for (const key of [doc.id, doc.number]) {
          const res = await server.request(portal(strangerToken, c.path(key)), {
            method: c.method,
            ...(c.body ? { body: c.body } : {}),
          });
          assert.equal(res.status, 404, `${c.name} ${key}`);
          const text = await res.text();
          assert.equal(JSON.parse(text).error.code, 'not_found');
          assert.ok(
            !text.includes(doc.number) && !text.includes(doc.id) && !text.includes(owner.business_name),
            `${c.name} leaks`,
          );
        }
      }
      assert.deepEqual(await everything(server), before);
      // The owner reaches each of them.
      const ownerToken = await server.tokenFor(owner.id);
      for (const c of CASES.filter((x) => x.method === 'GET')) {
        assert.equal(
          (await server.request(portal(ownerToken, c.path((await keyOf(c.name)).number)))).status,
          200,
          c.name,
        );
      }
    });

    it('without the permission: 403 permission_denied on each, and the session hides the section', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const keyOf = await keysOf(server, customer.id);
      const before = await everything(server);
      for (const c of CASES) {
        const e = endpoints[c.name] as Endpoint;
        const permission = e.permission as Permission;
        const limited = await server.tokenFor(customer.id, { [permission]: false });
        const res = await server.request(portal(limited, c.path((await keyOf(c.name)).id)), {
          method: c.method,
          ...(c.body ? { body: c.body } : {}),
        });
        assert.equal(res.status, 403, c.name);
        const error = await errorOf(res);
        assert.equal(error.code, 'permission_denied', c.name);
        assert.match(error.message, new RegExp(permission));
        const hidden = Session.parse(await (await server.request(portal(limited, '/session'))).json());
        // Without the section's read permission the section goes; without another (accept_quotes) it
        // stays. The approval endpoints belong to no section.
        if (e.section)
          assert.equal(
            hidden.settings.sections[e.section],
            SECTION_PERMISSION[e.section] !== permission,
            `${c.name}: ${e.section} hidden or not`,
          );
      }
      assert.deepEqual(await everything(server), before);
    });

    it('with the section switched off: 403 section_disabled on each, even with the permission', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const keyOf = await keysOf(server, customer.id);
      const full = await server.tokenFor(customer.id);
      const before = await everything(server);
      for (const c of CASES.filter((x) => (endpoints[x.name] as Endpoint).section)) {
        const section = (endpoints[c.name] as Endpoint).section!;
        const key = (await keyOf(c.name)).id;
        assert.equal(
          (
            await server.admin('/api/v1/workspace/settings', {
              method: 'PATCH',
              body: { sections: { [section]: false } },
            })
          ).status,
          200,
        );
        try {
          const res = await server.request(portal(full, c.path(key)), {
            method: c.method,
            ...(c.body ? { body: c.body } : {}),
          });
          assert.equal(res.status, 403, c.name);
          assert.equal((await errorOf(res)).code, 'section_disabled', c.name);
          assert.equal(
            Session.parse(await (await server.request(portal(full, '/session'))).json()).settings.sections[section],
            false,
          );
        } finally {
          await server.admin('/api/v1/workspace/settings', {
            method: 'PATCH',
            body: { sections: { [section]: true } },
          });
        }
      }
      assert.deepEqual(await everything(server), before);
    });

    it('an order held for approval is still decided with the Orders section switched off', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const held = await (await keysOf(server, customer.id))('approveOrder');
      const full = await server.tokenFor(customer.id);
      const sections = (on: boolean) =>
        server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { sections: { orders: on } } });
      assert.equal((await sections(false)).status, 200);
      try {
        assert.equal((await server.request(portal(full, '/approvals'))).status, 200);
        const res = await server.request(portal(full, `/orders/${held.number}/approve`), { method: 'POST' });
        assert.equal(res.status, 200);
        assert.equal(OrderDetail.parse(await res.json()).status, 'pending');
      } finally {
        await sections(true);
      }
    });

    it('admin order-requests endpoints need the admin key; a portal token is not one', async () => {
      const server = s.get();
      const id = (
        await server.db.kysely
          .selectFrom('order_requests')
          .select('id')
          .where('state', '=', 'pending')
          .executeTakeFirstOrThrow()
      ).id;
      for (const [method, path] of [
        ['GET', '/api/v1/order-requests'],
        ['POST', `/api/v1/order-requests/${id}/approve`],
        ['POST', `/api/v1/order-requests/${id}/reject`],
      ]) {
        for (const headers of [{}, { authorization: `Bearer ${token}` }] as Record<string, string>[]) {
          const res = await server.request(path, { method, headers });
          assert.equal(res.status, 401, `${method} ${path}`);
          assert.equal((await errorOf(res)).code, 'unauthorized');
        }
      }
      assert.equal(
        (
          await server.db.kysely
            .selectFrom('order_requests')
            .select('state')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).state,
        'pending',
      );
    });
  });
});
