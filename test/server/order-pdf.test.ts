/**
 * GET .../orders/{id}/pdf: a real PDF of the customer's order (checked with poppler's pdfinfo and
 * pdftotext), the same access rules as the order detail, drafts not found, the OpenAPI entry, and
 * the widget client's download of it.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { OrderDetail, OrderList, Session, type DocumentLine, type OrderSummary } from '../../widget/contract/index.ts';
import { PortalClient } from '../../widget/api/client.ts';
import { ApiError } from '../../widget/api/errors.ts';
import { insertOrder } from '../../demo-server/db/orders.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';
import { unitNames } from '../../demo-server/db/catalog.ts';
import { pagesOf, poppler, squash, textOf } from './pdf-tools.ts';

const PDF_PATH = '/api/v1/customer-portal/view/{token}/orders/{id}/pdf';

forEachDatabase('order PDF', (kind) => {
  const s = useServer(kind);
  let session: Session;
  let token: string;
  let orders: OrderSummary[];

  const money = (minor: number) => {
    const format = new Intl.NumberFormat(session.locale, { style: 'currency', currency: session.currency });
    return squash(format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2)));
  };
  const pdf = (id: string, as = token) => s.get().request(portal(as, `/orders/${id}/pdf`));
  const detail = async (id: string) =>
    OrderDetail.parse(await (await s.get().request(portal(token, `/orders/${id}`))).json());

  /** Every order of the customer, following the pages. */
  async function allOrders(server: TestServer, as: string) {
    const items: OrderSummary[] = [];
    let cursor: string | null = null;
    do {
      const res = await server.request(
        portal(as, `/orders?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
      );
      const page = OrderList.parse(await res.json());
      items.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    return items;
  }

  /** GETs the PDF and checks what every PDF answer carries. */
  async function fetchPdf(order: { id: string; number: string }) {
    const res = await pdf(order.id);
    assert.equal(res.status, 200, order.number);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="${order.number}.pdf"`);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.equal(Buffer.from(bytes.subarray(0, 5)).toString('latin1'), '%PDF-');
    return bytes;
  }

  before(async () => {
    token = await s.get().tokenFor(s.get().customers[0].id);
    session = Session.parse(await (await s.get().request(portal(token, '/session'))).json());
    orders = await allOrders(s.get(), token);
    assert.ok(
      orders.some((o) => o.is_draft) && orders.some((o) => !o.is_draft),
      'the customer has drafts and other orders',
    );
  });

  describe('rendering', () => {
    it('is an A4 PDF with the supplier, the customer, the order and its source quote, every line and the totals', async () => {
      const fromQuote = orders.find((o) => !o.is_draft && o.source_quote);
      assert.ok(fromQuote, 'an order made from a quote');
      const order = await detail(fromQuote.id);
      const bytes = await fetchPdf(order);
      assert.match(poppler('pdfinfo', bytes), /^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)$/m);
      const text = textOf(bytes);
      for (const expected of [
        session.workspace.name,
        session.customer.business_name,
        order.number,
        money(order.subtotal_minor),
        money(order.freight_minor),
        `Total ${money(order.total_minor)}`,
        ...(order.customer_reference ? [order.customer_reference] : []),
        ...(order.source_quote ? [order.source_quote.number] : []),
      ]) {
        assert.ok(text.includes(squash(expected)), `${order.number}: "${expected}" missing`);
      }
      const names = await unitNames(s.get().db.kysely, order.lines);
      for (const line of order.lines) {
        const unit = names.get(`${line.product_id}|${line.uom}`);
        assert.ok(unit, `${line.sku}: its unit is in the catalogue`);
        const row = `${line.sku} ${line.name} ${line.quantity} ${unit} ${money(line.unit_price_minor)} ${money(line.line_total_minor)}`;
        assert.ok(text.includes(squash(row)), `${order.number}: line "${row}" missing`);
      }
    });

    it('prints units by name ("Case of 12"), not by code ("case12")', async () => {
      const summaries = orders.filter((o) => !o.is_draft);
      let checked = 0;
      for (const summary of summaries) {
        const order = await detail(summary.id);
        const names = await unitNames(s.get().db.kysely, order.lines);
        const coded = order.lines.filter(
          (l) => names.get(`${l.product_id}|${l.uom}`) !== undefined && names.get(`${l.product_id}|${l.uom}`) !== l.uom,
        );
        if (!coded.length) continue;
        const text = textOf(await fetchPdf(order));
        for (const line of coded) {
          assert.ok(
            text.includes(squash(`${line.quantity} ${names.get(`${line.product_id}|${line.uom}`)}`)),
            `${order.number}: ${line.sku} by name`,
          );
          assert.ok(
            !text.includes(` ${line.quantity} ${line.uom} `),
            `${order.number}: ${line.sku} printed its code "${line.uom}"`,
          );
        }
        checked += coded.length;
      }
      assert.ok(checked > 0, 'some lines are in a unit whose name is not its code');
    });

    it('every order of the customer but the drafts has its PDF with its number, lines and total', async () => {
      const open = orders.filter((o) => !o.is_draft);
      assert.ok(open.length >= 5);
      for (const summary of open) {
        const order = await detail(summary.id);
        const text = textOf(await fetchPdf(order));
        assert.ok(text.includes(order.number), order.number);
        for (const line of order.lines) {
          assert.ok(
            text.includes(line.sku) && text.includes(squash(line.name)),
            `${order.number}: ${line.sku} ${line.name}`,
          );
        }
        assert.ok(text.includes(`Total ${money(order.total_minor)}`), `${order.number}: total`);
      }
    });

    it('a 65-line order breaks over pages, with the table header on each and every line once', async () => {
      const server = s.get();
      const customerId = server.customers[0].id;
      const products = await server.db.kysely
        .selectFrom('products')
        .select(['id', 'sku', 'name'])
        .orderBy('sku')
        .limit(60)
        .execute();
      const lines: DocumentLine[] = Array.from({ length: 65 }, (_, i) => {
        const p = products[i % products.length];
        // Names in scripts the standard PDF fonts cannot write: the embedded font writes them as they are.
        // One in a script it has no glyphs for: "?" each, not an empty box.
        const special =
          (
            {
              60: 'Matcha 東京 100 g',
              61: 'Crème Fraîche 30 % 500 ml',
              62: 'Jalapeño “Hot” Sauce – 1 L',
              63: 'Łódzkie pierogi – Żurek 500 g',
              64: 'Ελαιόλαδο 1 L / Пельмени 1 кг',
            } as Record<number, string>
          )[i] ?? null;
        const unit = 150 + 37 * i;
        return {
          product_id: p.id,
          sku: special ? `SPEC-${i}` : p.sku,
          name: special ?? p.name,
          quantity: i + 1,
          uom: i % 2 ? 'case' : 'each',
          unit_price_minor: unit,
          line_total_minor: unit * (i + 1),
        };
      });
      const subtotal = lines.reduce((sum, l) => sum + l.line_total_minor, 0);
      const id = await server.db.kysely.transaction().execute((tx) =>
        insertOrder(tx, {
          customerId,
          status: 'confirmed',
          channel: 'portal',
          currency: session.currency,
          customerReference: 'PO-LONG-65',
          note: null,
          sourceQuoteId: null,
          lines,
          subtotal,
          freight: 995,
          now: server.clock.now,
        }),
      );
      const order = await detail(id);
      assert.equal(order.lines.length, 65);

      const bytes = await fetchPdf(order);
      const pages = pagesOf(bytes);
      assert.ok(pages >= 2, `${pages} page(s)`);
      const text = textOf(bytes);
      assert.equal(
        text.split('SKU Product Qty Unit Unit price Line total').length - 1,
        pages,
        'the table header on every page',
      );
      for (let page = 1; page <= pages; page++)
        assert.ok(text.includes(`Page ${page} of ${pages}`), `page ${page} numbered`);
      const names = await unitNames(server.db.kysely, lines);
      for (const line of lines) {
        const name = line.name.replace('東京', '??');
        const unit = names.get(`${line.product_id}|${line.uom}`) ?? line.uom;
        const row = squash(
          `${line.sku} ${name} ${line.quantity} ${unit} ${money(line.unit_price_minor)} ${money(line.line_total_minor)}`,
        );
        assert.equal(text.split(row).length - 1, 1, `"${row}" once`);
      }
      assert.ok(text.includes(`Total ${money(subtotal + 995)}`));
      assert.ok(text.includes('PO-LONG-65'));
    });
  });

  describe('errors', () => {
    for (const by of ['id', 'number'] as const)
      it(`another customer's order by ${by} is 404 and no PDF`, async () => {
        const other = s.get().customers[1];
        const theirs = (await allOrders(s.get(), await s.get().tokenFor(other.id))).find((o) => !o.is_draft)!;
        const res = await pdf(theirs[by]);
        assert.equal(res.status, 404);
        assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
        assert.equal(res.headers.get('content-disposition'), null);
        const text = await res.text();
        assert.equal(JSON.parse(text).error.code, 'not_found');
        assert.ok(!text.includes(theirs.number) && !text.includes(other.business_name));
      });

    it('a draft cannot be opened: its detail and its PDF are 404', async () => {
      const draft = orders.find((o) => o.is_draft)!;
      assert.equal((await s.get().request(portal(token, `/orders/${draft.id}`))).status, 404);
      const res = await pdf(draft.id);
      assert.equal(res.status, 404);
      assert.equal((await errorOf(res)).code, 'not_found');
    });

    it('the order number opens it too; an unknown key is 404, whatever its shape; an over-long or control-character key is 400', async () => {
      const order = orders.find((o) => !o.is_draft)!;
      const byNumber = await pdf(order.number);
      assert.equal(byNumber.status, 200);
      assert.ok(textOf(new Uint8Array(await byNumber.arrayBuffer())).includes(order.number));
      for (const unknown of [crypto.randomUUID(), 'SO-1999-0001', '123', order.number.toLowerCase()]) {
        const missing = await pdf(unknown);
        assert.equal(missing.status, 404, unknown);
        assert.equal((await errorOf(missing)).code, 'not_found');
      }
      for (const bad of ['x'.repeat(129), 'SO%01']) {
        const res = await pdf(bad);
        assert.equal(res.status, 400, bad);
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed');
        assert.deepEqual(
          (error.details as { path: string }[]).map((d) => d.path),
          ['path.id'],
        );
      }
    });

    it('a token without view_orders is 403 permission_denied', async () => {
      const limited = await s.get().tokenFor(s.get().customers[0].id, { view_orders: false });
      const res = await pdf(orders.find((o) => !o.is_draft)!.id, limited);
      assert.equal(res.status, 403);
      assert.equal((await errorOf(res)).code, 'permission_denied');
    });

    it('with the orders section switched off it is 403 section_disabled', async () => {
      const server = s.get();
      await server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { sections: { orders: false } } });
      try {
        const res = await pdf(orders.find((o) => !o.is_draft)!.id);
        assert.equal(res.status, 403);
        assert.equal((await errorOf(res)).code, 'section_disabled');
      } finally {
        await server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { sections: { orders: true } } });
      }
    });
  });

  describe('OpenAPI', () => {
    it('lists getOrderPdf answering application/pdf, with its 404 and access rule', async () => {
      const doc = (await (await s.get().request('/api/v1/openapi.json')).json()) as {
        paths: Record<
          string,
          Record<
            string,
            {
              operationId: string;
              'x-portal-access': unknown;
              responses: Record<
                string,
                { content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> }
              >;
            }
          >
        >;
      };
      const op = doc.paths[PDF_PATH]?.get;
      assert.ok(op, `GET ${PDF_PATH} documented`);
      assert.equal(op.operationId, 'getOrderPdf');
      assert.deepEqual(op.responses['200'].content, {
        'application/pdf': { schema: { type: 'string', format: 'binary' } },
      });
      assert.ok(op.responses['200'].headers?.['Content-Disposition']);
      assert.ok(op.responses['404'] && op.responses['403']);
      assert.deepEqual(op['x-portal-access'], { section: 'orders', permission: 'view_orders' });
    });
  });

  describe('client', () => {
    it('orderPdf downloads the PDF as a Blob; a draft is not_found, no view_orders is forbidden', async () => {
      const client = new PortalClient({ apiBase: s.get().url, token });
      const order = orders.find((o) => !o.is_draft)!;
      const blob = await client.orderPdf(order.id);
      assert.equal(blob.type, 'application/pdf');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      assert.ok(textOf(bytes).includes(order.number));

      await assert.rejects(
        client.orderPdf(orders.find((o) => o.is_draft)!.id),
        (e) => e instanceof ApiError && e.kind === 'not_found',
      );
      const limited = new PortalClient({
        apiBase: s.get().url,
        token: await s.get().tokenFor(s.get().customers[0].id, { view_orders: false }),
      });
      await assert.rejects(
        limited.orderPdf(order.id),
        (e) => e instanceof ApiError && e.kind === 'forbidden' && e.code === 'permission_denied',
      );
    });

    it('an answer that is not a PDF is a contract error', async () => {
      const client = new PortalClient({
        apiBase: 'https://api.supplier.test',
        token,
        fetch: async () => new Response('<html></html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
      });
      await assert.rejects(client.orderPdf(crypto.randomUUID()), (e) => e instanceof ApiError && e.kind === 'contract');
    });
  });
});
