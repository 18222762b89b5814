/**
 * The customer portal's read endpoints as the widget sees them, against the seeded demo data:
 * session, catalogue, dashboard, orders, order history, quotes, invoices, payments, deliveries,
 * and the per-token read permissions. Quote accept/decline get one happy path each here.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';

import {
  Catalog,
  CustomerList,
  Dashboard,
  DeliveryList,
  InvoiceList,
  OrderDetail,
  OrderHistory,
  OrderList,
  PaymentList,
  Product,
  Quote,
  QuoteList,
  SECTIONS,
  Session,
  UnitOfMeasure,
  WorkspaceSettings,
  LIMITS,
  type Customer,
  type Invoice,
  type OrderSummary,
} from '../../widget/contract/index.ts';
import { Pricer } from '../../widget/pricing/index.ts';
import { SEED_NOW, errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

/** Orders that count for nothing in the history and the lifetime figures (a rejected one since issue 16). */
const NOT_COUNTED: readonly string[] = ['draft', 'cancelled', 'rejected'];

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const DAY = 86_400_000;

type ListSchema<T> = { parse(v: unknown): { items: T[]; next_cursor: string | null } };

/** GETs a portal path, expects 200 and parses the body with `schema`. */
async function read<S extends z.ZodType>(
  server: TestServer,
  token: string,
  path: string,
  schema: S,
): Promise<z.output<S>> {
  const res = await server.request(portal(token, path));
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return schema.parse(await res.json());
}

/** Every item of a portal list, following next_cursor; asserts no id appears twice. */
async function walk<T extends { id: string }>(server: TestServer, token: string, path: string, schema: ListSchema<T>) {
  const items: T[] = [];
  const pages: number[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = (await read(
      server,
      token,
      cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path,
      schema as never,
    )) as {
      items: T[];
      next_cursor: string | null;
    };
    items.push(...page.items);
    pages.push(page.items.length);
    cursor = page.next_cursor;
    assert.ok(pages.length < 100, 'pagination does not end');
  } while (cursor);
  assert.equal(new Set(items.map((i) => i.id)).size, items.length, `${path}: duplicate items across pages`);
  return { items, pages };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const nonIncreasing = (values: string[]) => values.every((v, i) => i === 0 || values[i - 1] >= v);

forEachDatabase('portal reads', (kind) => {
  const s = useServer(kind);
  let customers: Customer[];
  let workspace: WorkspaceSettings;
  const tokens = new Map<string, string>();
  /** A full-permission token of the customer, made once. */
  const tokenOf = async (customerId: string) => {
    if (!tokens.has(customerId)) tokens.set(customerId, await s.get().tokenFor(customerId));
    return tokens.get(customerId)!;
  };
  const customerWhere = (pick: (c: Customer) => boolean) => {
    const found = customers.find(pick);
    assert.ok(found, 'no such seeded customer');
    return found;
  };

  before(async () => {
    customers = CustomerList.parse(await (await s.get().admin('/api/v1/customers')).json()).items;
    workspace = WorkspaceSettings.parse(await (await s.get().admin('/api/v1/workspace/settings')).json());
    assert.ok(customers.length >= 4);
  });

  describe('session', () => {
    it('describes the customer, workspace and currency', async () => {
      for (const customer of customers) {
        const session = await read(s.get(), await tokenOf(customer.id), '/session', Session);
        assert.deepEqual(session.customer, { id: customer.id, business_name: customer.business_name });
        assert.equal(session.currency, 'EUR');
        assert.ok(session.workspace.name.length > 0);
        assert.ok(session.locale.length > 0);
        assert.equal(session.has_orders, true);
        assert.equal(session.token_expires_at, null);
        assert.deepEqual(session.settings.sections, Object.fromEntries(SECTIONS.map((x) => [x, true])));
        assert.equal(session.settings.supplier_available, true);
        assert.deepEqual(session.settings.tabs, workspace.tabs);
        assert.equal(session.settings.payment_url, workspace.payment_url);
      }
    });

    it("resolves settings: the customer's own over the workspace's", async () => {
      const grid = customerWhere((c) => c.settings.order_template === 'quantity_grid');
      assert.equal(
        (await read(s.get(), await tokenOf(grid.id), '/session', Session)).settings.order_template,
        'quantity_grid',
      );

      const payNow = customerWhere((c) => c.settings.checkout_mode === 'pay_now');
      assert.notEqual(workspace.checkout_mode, 'pay_now');
      assert.equal(
        (await read(s.get(), await tokenOf(payNow.id), '/session', Session)).settings.checkout_mode,
        'pay_now',
      );

      const ownFreight = customerWhere((c) => c.settings.freight !== null);
      assert.deepEqual(
        (await read(s.get(), await tokenOf(ownFreight.id), '/session', Session)).settings.freight,
        ownFreight.settings.freight,
      );

      const plain = customerWhere(
        (c) => c.settings.order_template === null && c.settings.checkout_mode === null && c.settings.freight === null,
      );
      const settings = (await read(s.get(), await tokenOf(plain.id), '/session', Session)).settings;
      assert.equal(settings.order_template, workspace.order_template);
      assert.equal(settings.checkout_mode, workspace.checkout_mode);
      assert.deepEqual(settings.freight, workspace.freight);

      for (const c of customers) {
        const resolved = (await read(s.get(), await tokenOf(c.id), '/session', Session)).settings;
        assert.equal(resolved.order_template, c.settings.order_template ?? workspace.order_template, c.business_name);
        assert.equal(resolved.checkout_mode, c.settings.checkout_mode ?? workspace.checkout_mode, c.business_name);
        assert.deepEqual(resolved.freight, c.settings.freight ?? workspace.freight, c.business_name);
      }
    });

    it('narrows sections by the token: view_orders false turns orders off', async () => {
      const token = await s.get().tokenFor(customers[0].id, { view_orders: false });
      const session = await read(s.get(), token, '/session', Session);
      assert.equal(session.permissions.view_orders, false);
      assert.deepEqual(session.settings.sections, {
        orders: false,
        quotes: true,
        invoices: true,
        payments: true,
        deliveries: true,
      });
      const none = await s.get().tokenFor(customers[0].id, {
        view_orders: false,
        view_quotes: false,
        view_invoices: false,
        view_payments: false,
        view_deliveries: false,
      });
      assert.deepEqual((await read(s.get(), none, '/session', Session)).settings.sections, {
        orders: false,
        quotes: false,
        invoices: false,
        payments: false,
        deliveries: false,
      });
    });

    it("shows the token's expiry", async () => {
      const expires = new Date(SEED_NOW.getTime() + 7 * DAY).toISOString();
      const token = await s.get().tokenFor(customers[0].id, {}, expires);
      assert.equal((await read(s.get(), token, '/session', Session)).token_expires_at, expires);
    });
  });

  describe('catalog', () => {
    it('has the catalogue and pricing inputs, and no resolved prices on products', async () => {
      const withGroup = customerWhere((c) => c.price_group !== null);
      const res = await s.get().request(portal(await tokenOf(withGroup.id), '/catalog'));
      assert.equal(res.status, 200);
      const raw = (await res.json()) as { products: Record<string, unknown>[] };
      const catalog = Catalog.parse(raw);
      assert.equal(catalog.currency, 'EUR');
      assert.equal(catalog.generated_at, s.get().clock.now.toISOString());
      assert.ok(catalog.products.length >= 60, `${catalog.products.length} products`);
      assert.ok(catalog.categories.length >= 5, `${catalog.categories.length} categories`);
      const categoryIds = new Set(catalog.categories.map((c) => c.id));
      // The demo hides one category's tab (seed 003): not served, its products are.
      const all = (await (await s.get().admin('/api/v1/categories?limit=100')).json()) as {
        items: { id: string; name: string; tab_visibility: string }[];
      };
      const hidden = all.items.filter((c) => c.tab_visibility === 'hide');
      assert.deepEqual(
        hidden.map((c) => c.name),
        ['Cleaning & Paper'],
      );
      assert.ok(!categoryIds.has(hidden[0].id), "a hidden category is not in the portal's catalogue");
      assert.ok(
        catalog.products.some((p) => p.category_id === hidden[0].id),
        'its products are',
      );
      for (const p of catalog.products) {
        assert.ok(p.category_id === null || categoryIds.has(p.category_id) || p.category_id === hidden[0].id);
        assert.ok(p.units.length >= 1, p.sku);
      }
      assert.equal(new Set(catalog.products.map((p) => p.id)).size, catalog.products.length);
      assert.equal(new Set(catalog.products.map((p) => p.sku)).size, catalog.products.length);

      // Only the product's own per-unit base price; the client resolves the customer's price.
      const productKeys = Object.keys(Product.shape).sort();
      const unitKeys = Object.keys(UnitOfMeasure.shape).sort();
      for (const p of raw.products) {
        assert.deepEqual(Object.keys(p).sort(), productKeys, `product ${String(p.sku)} has extra fields`);
        for (const u of p.units as Record<string, unknown>[]) assert.deepEqual(Object.keys(u).sort(), unitKeys);
      }
      assert.ok(
        catalog.products.some((p) => p.units.some((u) => u.base_price_minor === null)),
        'a price-on-request product',
      );
    });

    it("pricing.group_list is the customer's group list; null without a group; default_list always", async () => {
      const listOfGroup = async (groupId: string) =>
        (
          await s
            .get()
            .db.kysely.selectFrom('price_lists')
            .select('id')
            .where('price_group_id', '=', groupId)
            .executeTakeFirstOrThrow()
        ).id;
      const defaultList = (
        await s
          .get()
          .db.kysely.selectFrom('price_lists')
          .select('id')
          .where('kind', '=', 'default')
          .executeTakeFirstOrThrow()
      ).id;
      const seen = new Map<string, string>();
      for (const c of customers) {
        const { pricing } = await read(s.get(), await tokenOf(c.id), '/catalog', Catalog);
        assert.ok(pricing.default_list, 'default list present');
        assert.equal(pricing.default_list.kind, 'default');
        assert.equal(pricing.default_list.id, defaultList);
        assert.ok(pricing.default_list.entries.length > 0);
        if (c.price_group === null) {
          assert.equal(pricing.group_list, null, c.business_name);
        } else {
          assert.ok(pricing.group_list, c.business_name);
          assert.equal(pricing.group_list.kind, 'group');
          assert.equal(pricing.group_list.id, await listOfGroup(c.price_group.id));
          assert.ok(pricing.group_list.entries.length > 0);
          seen.set(c.price_group.id, pricing.group_list.id);
        }
      }
      // Different groups, different lists.
      assert.ok(seen.size >= 2, 'at least two groups among the seeded customers');
      assert.equal(new Set(seen.values()).size, seen.size);
    });

    it('names no price list unless the workspace explains prices (show_price_explanation)', async () => {
      const c = customerWhere((x) => x.price_group !== null);
      const names = (await s.get().db.kysely.selectFrom('price_lists').select('name').execute()).map((r) => r.name);
      const text = async () => (await s.get().request(portal(await tokenOf(c.id), '/catalog'))).text();
      const off = await text();
      for (const name of names) assert.ok(!off.includes(name), `"${name}" is in the answer`);
      assert.equal(
        (await read(s.get(), await tokenOf(c.id), '/session', Session)).settings.show_price_explanation,
        false,
      );
      try {
        assert.equal(
          (
            await s
              .get()
              .admin('/api/v1/workspace/settings', { method: 'PATCH', body: { show_price_explanation: true } })
          ).status,
          200,
        );
        const on = Catalog.parse(JSON.parse(await text()));
        assert.ok(on.pricing.group_list?.name && names.includes(on.pricing.group_list.name));
        assert.ok(on.pricing.default_list?.name && names.includes(on.pricing.default_list.name));
        assert.equal(
          (await read(s.get(), await tokenOf(c.id), '/session', Session)).settings.show_price_explanation,
          true,
        );
      } finally {
        await s.get().admin('/api/v1/workspace/settings', { method: 'PATCH', body: { show_price_explanation: false } });
      }
    });

    it('two customers in different groups get different group lists; the same group the same list', async () => {
      const a = customerWhere((c) => c.price_group !== null);
      const b = customerWhere((c) => c.price_group !== null && c.price_group.id !== a.price_group!.id);
      const ca = await read(s.get(), await tokenOf(a.id), '/catalog', Catalog);
      const cb = await read(s.get(), await tokenOf(b.id), '/catalog', Catalog);
      assert.notEqual(ca.pricing.group_list!.id, cb.pricing.group_list!.id);
      assert.notDeepEqual(ca.pricing.group_list!.entries, cb.pricing.group_list!.entries);
      assert.deepEqual(ca.pricing.default_list, cb.pricing.default_list);
      assert.deepEqual(ca.products, cb.products);

      const same = customers.find((c) => c.id !== a.id && c.price_group?.id === a.price_group!.id);
      if (same) {
        const cs = await read(s.get(), await tokenOf(same.id), '/catalog', Catalog);
        assert.deepEqual(cs.pricing.group_list, ca.pricing.group_list);
      }
    });

    it('promotions: only those not ended at the server clock, including ones not yet started', async () => {
      const server = s.get();
      const token = await tokenOf(customers[0].id);
      try {
        const all = await server.db.kysely.selectFrom('promotions').select(['id', 'ends_at', 'starts_at']).execute();
        const check = async () => {
          const now = server.clock.now.getTime();
          const { pricing } = await read(server, token, '/catalog', Catalog);
          for (const p of pricing.promotions) {
            assert.ok(Date.parse(p.ends_at) > now, `${p.name} ended ${p.ends_at}`);
            assert.ok(p.product_ids.length > 0);
            assert.ok(Date.parse(p.starts_at) < Date.parse(p.ends_at));
          }
          const expected = all
            .filter((p) => Date.parse(p.ends_at) > now)
            .map((p) => p.id)
            .sort();
          assert.deepEqual(pricing.promotions.map((p) => p.id).sort(), expected);
          return pricing.promotions;
        };
        const atSeed = await check();
        assert.ok(atSeed.length > 0 && atSeed.length < all.length, 'some promotions have ended, some not');
        assert.ok(
          atSeed.some((p) => Date.parse(p.starts_at) > server.clock.now.getTime()),
          'an upcoming promotion is listed',
        );

        // Move to the exact end of the soonest-ending promotion: it is gone (ends_at is exclusive).
        const soonest = [...atSeed].sort((a, b) => Date.parse(a.ends_at) - Date.parse(b.ends_at))[0];
        server.clock.set(new Date(Date.parse(soonest.ends_at) - 1).toISOString());
        assert.ok((await check()).some((p) => p.id === soonest.id));
        server.clock.set(soonest.ends_at);
        assert.ok(!(await check()).some((p) => p.id === soonest.id));
        server.clock.advance(365 * DAY);
        assert.deepEqual(await check(), []);
      } finally {
        server.clock.set(SEED_NOW.toISOString());
      }
    });

    it('prices resolve client-side for every priced, active product', async () => {
      const c = customerWhere((x) => x.price_group !== null);
      const catalog = await read(s.get(), await tokenOf(c.id), '/catalog', Catalog);
      const pricer = new Pricer(catalog.pricing);
      const now = s.get().clock.now;
      let orderable = 0;
      for (const p of catalog.products) {
        const r = pricer.resolve(p, p.units[0].code, 1, now);
        if (r.orderable) {
          orderable++;
          assert.ok(r.price!.unit_price_minor > 0);
        }
      }
      assert.ok(orderable >= 50, `${orderable} orderable products`);
    });
  });

  describe('dashboard', () => {
    it('credit and outstanding balance agree with the invoices, for every customer', async () => {
      let owing = 0;
      for (const c of customers) {
        const token = await tokenOf(c.id);
        const dashboard = await read(s.get(), token, '/dashboard', Dashboard);
        const invoices = (await walk(s.get(), token, '/invoices', InvoiceList)).items;
        const outstanding = sum(invoices.map((i) => i.balance_minor));
        assert.equal(dashboard.currency, 'EUR');
        assert.equal(dashboard.credit_limit_minor, c.credit_limit_minor, c.business_name);
        assert.equal(dashboard.outstanding_balance_minor, outstanding, c.business_name);
        assert.equal(
          dashboard.available_credit_minor,
          dashboard.credit_limit_minor - dashboard.outstanding_balance_minor,
        );
        if (outstanding > 0) owing++;
      }
      assert.ok(owing >= 2, 'some customers owe something');
    });

    it('lifetime figures count orders that are neither drafts, cancelled nor rejected', async () => {
      for (const c of customers) {
        const token = await tokenOf(c.id);
        const dashboard = await read(s.get(), token, '/dashboard', Dashboard);
        const counted = (await walk(s.get(), token, '/orders', OrderList)).items.filter(
          (o) => !NOT_COUNTED.includes(o.status),
        );
        assert.equal(dashboard.lifetime_orders, counted.length, c.business_name);
        assert.equal(dashboard.lifetime_sales_minor, sum(counted.map((o) => o.total_minor)), c.business_name);
      }
    });

    it('recent: at most five of each, the newest, as the lists show them', async () => {
      const token = await tokenOf(customers[0].id);
      const { recent } = await read(s.get(), token, '/dashboard', Dashboard);
      const firstFive = async <T>(path: string, schema: ListSchema<T>) =>
        ((await read(s.get(), token, `${path}?limit=5`, schema as never)) as { items: T[] }).items;
      for (const list of Object.values(recent)) {
        assert.ok(list !== null);
        assert.ok(list.length <= 5);
      }
      assert.equal(recent.orders!.length, 5);
      assert.deepEqual(recent.orders, await firstFive('/orders', OrderList));
      assert.deepEqual(recent.invoices, await firstFive('/invoices', InvoiceList));
      assert.deepEqual(recent.quotes, await firstFive('/quotes', QuoteList));
      assert.deepEqual(recent.deliveries, await firstFive('/deliveries', DeliveryList));
    });

    it('a section the token cannot read is null in recent', async () => {
      const token = await s.get().tokenFor(customers[0].id, { view_invoices: false });
      const { recent, outstanding_balance_minor } = await read(s.get(), token, '/dashboard', Dashboard);
      assert.equal(recent.invoices, null);
      assert.ok(Array.isArray(recent.orders) && Array.isArray(recent.quotes) && Array.isArray(recent.deliveries));
      assert.equal(outstanding_balance_minor, null, 'balances are invoice data');

      const none = await s.get().tokenFor(customers[0].id, {
        view_orders: false,
        view_quotes: false,
        view_invoices: false,
        view_payments: false,
        view_deliveries: false,
      });
      const hidden = await read(s.get(), none, '/dashboard', Dashboard);
      assert.deepEqual(hidden.recent, { orders: null, invoices: null, quotes: null, deliveries: null });
      assert.deepEqual(
        [
          hidden.outstanding_balance_minor,
          hidden.available_credit_minor,
          hidden.lifetime_orders,
          hidden.lifetime_sales_minor,
        ],
        [null, null, null, null],
        'no money figures without the permissions that cover them',
      );
      assert.ok(hidden.credit_limit_minor > 0);
    });
  });

  describe('orders', () => {
    it('10 a page by default, newest first, cursor walks all to next_cursor null', async () => {
      for (const c of customers) {
        const token = await tokenOf(c.id);
        const { items, pages } = await walk(s.get(), token, '/orders', OrderList);
        assert.ok(items.length > 10, `${c.business_name} has ${items.length} orders`);
        assert.ok(
          pages.slice(0, -1).every((n) => n === 10),
          `pages ${pages.join(',')}`,
        );
        assert.ok(pages[pages.length - 1] >= 1 && pages[pages.length - 1] <= 10);
        assert.ok(nonIncreasing(items.map((o) => o.created_at)), 'newest first across pages');
        const count = await s
          .get()
          .db.kysely.selectFrom('orders')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('customer_id', '=', c.id)
          .executeTakeFirstOrThrow();
        assert.equal(items.length, Number(count.n), 'every order once');
        for (const o of items) {
          assert.equal(o.is_draft, o.status === 'draft');
          assert.equal(o.currency, 'EUR');
        }
        assert.ok(
          items.some((o) => o.is_draft),
          'drafts are listed',
        );
      }
    });

    it('?limit pages by that size; out-of-range limits are 400', async () => {
      const token = await tokenOf(customers[0].id);
      const all = (await walk(s.get(), token, '/orders', OrderList)).items;
      const { items, pages } = await walk(s.get(), token, '/orders?limit=3', OrderList);
      assert.ok(pages.slice(0, -1).every((n) => n === 3));
      assert.deepEqual(
        items.map((o) => o.id),
        all.map((o) => o.id),
      );
      for (const limit of ['0', '51', 'x']) {
        const res = await s.get().request(portal(token, `/orders?limit=${limit}`));
        assert.equal(res.status, 400, limit);
        assert.equal((await errorOf(res)).code, 'validation_failed');
      }
      const res = await s.get().request(portal(token, '/orders?cursor=nonsense'));
      assert.equal(res.status, 400);
    });

    it('order detail: lines sum to the subtotal, subtotal plus freight is the total', async () => {
      for (const c of customers) {
        const token = await tokenOf(c.id);
        const list = (await walk(s.get(), token, '/orders', OrderList)).items;
        // A draft is listed but does not open (404): its detail is not a document yet.
        for (const summary of list.filter((o) => !o.is_draft)) {
          const order = await read(s.get(), token, `/orders/${summary.id}`, OrderDetail);
          const {
            lines,
            deliveries,
            subtotal_minor,
            freight_minor,
            note,
            changes,
            requests,
            history,
            placed_by: _placedBy,
            delivery_address,
            charges,
            contact: _contact,
            supplier_charges: supplierCharges,
            ...rest
          } = order;
          assert.deepEqual(rest, summary, 'detail repeats the summary');
          assert.ok(lines.length >= 1);
          assert.equal(order.item_count, lines.length);
          for (const l of lines)
            assert.equal(l.line_total_minor, l.unit_price_minor * l.quantity, `${order.number} ${l.sku}`);
          assert.equal(sum(lines.map((l) => l.line_total_minor)), subtotal_minor, order.number);
          // Charges besides freight (issue 17): null where the supplier shows totals only.
          // And the charges the supplier added after checkout, once approved.
          const charged =
            sum((charges ?? []).map((c) => c.amount_minor)) +
            sum((supplierCharges ?? []).filter((c) => c.state === 'approved').map((c) => c.amount_minor));
          assert.ok(charges !== null || order.total_minor >= subtotal_minor + freight_minor, order.number);
          if (charges !== null) assert.equal(subtotal_minor + freight_minor + charged, order.total_minor, order.number);
          assert.equal(typeof note === 'string' || note === null, true);
          assert.ok(Array.isArray(deliveries));
          assert.ok(delivery_address === null || typeof delivery_address?.line1 === 'string', order.number);
          assert.equal(history[0].action, 'placed', `${order.number}: the record starts with placed`);
          assert.equal(history[0].at, order.created_at);
          assert.equal(rest.pending_request, requests.find((r) => r.state === 'pending')?.kind ?? null, order.number);
          assert.equal(changes.can_edit, changes.blocked_reason === null);
        }
      }
    });

    it('an order that has shipped shows its deliveries with tracking', async () => {
      const token = await tokenOf(customers[0].id);
      const list = (await walk(s.get(), token, '/orders', OrderList)).items;
      const deliveries = (await walk(s.get(), token, '/deliveries', DeliveryList)).items;
      const shipped = list.filter((o) => ['shipped', 'delivered', 'invoiced'].includes(o.status));
      assert.ok(shipped.length > 0);
      for (const o of shipped) {
        const order = await read(s.get(), token, `/orders/${o.id}`, OrderDetail);
        assert.ok(order.deliveries.length >= 1, order.number);
        const listed = deliveries.filter((d) => d.order.id === o.id);
        assert.deepEqual(order.deliveries.map((d) => d.id).sort(), listed.map((d) => d.id).sort());
        for (const d of order.deliveries) {
          assert.ok(d.carrier.length > 0);
          assert.ok(d.tracking_number);
          assert.ok(d.shipped_at);
          assert.equal(d.status, o.status === 'shipped' ? 'in_transit' : 'delivered');
        }
      }
      const open = list.find((o) => o.status === 'pending' || o.status === 'confirmed')!;
      assert.deepEqual((await read(s.get(), token, `/orders/${open.id}`, OrderDetail)).deliveries, []);
    });

    it("another customer's order is 404 and reveals nothing of it", async () => {
      const [a, b] = customers;
      const theirs = (await read(s.get(), await tokenOf(b.id), '/orders', OrderList)).items[0];
      const res = await s.get().request(portal(await tokenOf(a.id), `/orders/${theirs.id}`));
      assert.equal(res.status, 404);
      const text = await res.text();
      const error = JSON.parse(text).error;
      assert.equal(error.code, 'not_found');
      assert.ok(!text.includes(theirs.number));
      assert.ok(!text.includes(theirs.id));
      assert.ok(!text.includes(b.business_name));
      assert.ok(!text.includes(String(theirs.total_minor)));
    });

    it('an order reads by its number too; an unknown key is 404, whatever its shape; an over-long or control-character key is 400', async () => {
      const token = await tokenOf(customers[0].id);
      const mine = (await read(s.get(), token, '/orders', OrderList)).items.find((o) => !o.is_draft)!;
      assert.deepEqual(
        await read(s.get(), token, `/orders/${mine.number}`, OrderDetail),
        await read(s.get(), token, `/orders/${mine.id}`, OrderDetail),
      );
      // Ids are opaque (issue 20): a key that is neither a UUID nor a number is looked up, not refused.
      for (const unknown of [
        crypto.randomUUID(),
        'SO-1999-0001',
        '123',
        'so-2026-0001',
        'SO-2026-',
        `${UNKNOWN_ID}0`,
        'C-000123',
        'a b',
        'ü',
      ]) {
        const missing = await s.get().request(portal(token, `/orders/${encodeURIComponent(unknown)}`));
        assert.equal(missing.status, 404, unknown);
        assert.equal((await errorOf(missing)).code, 'not_found');
      }
      for (const bad of ['x'.repeat(129), 'SO%01', 'SO%7F', '%00']) {
        const res = await s.get().request(portal(token, `/orders/${bad}`));
        assert.equal(res.status, 400, bad);
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed');
        assert.deepEqual(
          (error.details as { path: string }[]).map((d) => d.path),
          ['path.id'],
        );
      }
    });
  });

  describe('order history', () => {
    it('matches the orders that count (not drafts, cancelled or rejected), most recent first, with availability', async () => {
      for (const c of customers) {
        const token = await tokenOf(c.id);
        const history = await read(s.get(), token, '/order-history', OrderHistory);
        assert.equal(history.next_cursor, null);
        assert.ok(history.items.length >= 1 && history.items.length <= 50);
        assert.ok(nonIncreasing(history.items.map((h) => h.last_ordered_at)), 'sorted by last_ordered_at desc');
        assert.equal(new Set(history.items.map((h) => h.product_id)).size, history.items.length);

        // Expected from the orders the customer can see (newest first), drafts and cancelled aside.
        const orders = (await walk(s.get(), token, '/orders', OrderList)).items;
        const counted = orders.filter((o) => !NOT_COUNTED.includes(o.status));
        assert.ok(counted.length < orders.length, 'there are drafts or cancelled orders to leave out');
        const expected = new Map<
          string,
          { last_ordered_at: string; times: number; quantity: number; uom: string; sku: string; name: string }
        >();
        for (const o of counted) {
          const detail = await read(s.get(), token, `/orders/${o.id}`, OrderDetail);
          const seenInOrder = new Set<string>();
          for (const l of detail.lines) {
            const e = expected.get(l.product_id);
            if (!e)
              expected.set(l.product_id, {
                last_ordered_at: o.created_at,
                times: 1,
                quantity: l.quantity,
                uom: l.uom,
                sku: l.sku,
                name: l.name,
              });
            else if (!seenInOrder.has(l.product_id)) e.times++;
            seenInOrder.add(l.product_id);
          }
        }
        for (const h of history.items) {
          const e = expected.get(h.product_id);
          assert.ok(e, `${h.sku} is only in drafts or cancelled orders`);
          assert.equal(h.times_ordered, e.times, h.sku);
          assert.ok(h.times_ordered >= 1);
          assert.equal(h.last_ordered_at, e.last_ordered_at, h.sku);
          assert.equal(h.last_quantity, e.quantity, h.sku);
          assert.equal(h.last_uom, e.uom, h.sku);
          assert.equal(h.sku, e.sku);
        }
        if (expected.size <= 50) assert.equal(history.items.length, expected.size, c.business_name);
        else {
          assert.equal(history.items.length, 50);
          const oldestListed = history.items[history.items.length - 1].last_ordered_at;
          const listed = new Set(history.items.map((h) => h.product_id));
          for (const [id, e] of expected) if (!listed.has(id)) assert.ok(e.last_ordered_at <= oldestListed);
        }

        // Availability agrees with what the client computes from the catalogue.
        const catalog = await read(s.get(), token, '/catalog', Catalog);
        const products = new Map(catalog.products.map((p) => [p.id, p]));
        const pricer = new Pricer(catalog.pricing);
        for (const h of history.items) {
          const product = products.get(h.product_id);
          if (!product) {
            assert.deepEqual(h.availability, { orderable: false, reason: 'not_found' });
            continue;
          }
          const r = pricer.resolve(
            product,
            h.last_uom,
            Math.min(h.last_quantity, LIMITS.maxLineQuantity),
            s.get().clock.now,
          );
          assert.equal(h.availability.orderable, r.orderable, h.sku);
          if (!h.availability.orderable)
            assert.equal(h.availability.reason, r.reason === 'invalid_quantity' ? 'unpriced' : r.reason, h.sku);
          if (product.stock === 'out_of_stock' || !product.active) assert.equal(h.availability.orderable, false, h.sku);
        }
      }
    });

    it('products only in drafts, cancelled or rejected orders are not counted (database cross-check)', async () => {
      const db = s.get().db.kysely;
      for (const c of customers) {
        const history = await read(s.get(), await tokenOf(c.id), '/order-history', OrderHistory);
        const rows = await db
          .selectFrom('order_lines')
          .innerJoin('orders', 'orders.id', 'order_lines.order_id')
          .select(['order_lines.product_id', 'orders.id', 'orders.status'])
          .where('orders.customer_id', '=', c.id)
          .execute();
        for (const h of history.items) {
          const real = new Set(
            rows.filter((r) => r.product_id === h.product_id && !NOT_COUNTED.includes(r.status)).map((r) => r.id),
          );
          assert.equal(h.times_ordered, real.size, h.sku);
        }
      }
    });
  });

  describe('quotes', () => {
    it('lists quotes with consistent states', async () => {
      for (const c of customers) {
        const quotes = (await walk(s.get(), await tokenOf(c.id), '/quotes', QuoteList)).items;
        assert.ok(nonIncreasing(quotes.map((q) => q.created_at)));
        const states = new Set(quotes.map((q) => q.state));
        for (const st of ['sent', 'accepted', 'declined', 'expired'])
          assert.ok(states.has(st as never), `${c.business_name} has a ${st} quote`);
        for (const q of quotes) {
          assert.equal(sum(q.lines.map((l) => l.line_total_minor)), q.subtotal_minor, q.number);
          assert.equal(q.subtotal_minor + q.freight_minor, q.total_minor, q.number);
          if (q.state === 'accepted') {
            assert.ok(q.order, `${q.number} accepted without order`);
            assert.ok(q.answered_at);
            const order = await read(s.get(), await tokenOf(c.id), `/orders/${q.order.id}`, OrderDetail);
            assert.equal(order.number, q.order.number);
            assert.deepEqual(order.source_quote, { id: q.id, number: q.number });
          }
          if (q.state === 'declined') {
            assert.ok(q.decline_reason && q.decline_reason.length > 0, `${q.number} declined without reason`);
            assert.ok(q.answered_at);
            assert.equal(q.order, null);
          }
          if (q.state === 'sent') {
            assert.equal(q.answered_at, null);
            assert.equal(q.order, null);
            assert.ok(q.valid_until >= s.get().clock.now.toISOString().slice(0, 10));
          }
          if (q.state === 'expired') assert.equal(q.order, null);
        }
      }
    });

    it('?state filters: every item has that state and together they are the whole list', async () => {
      const token = await tokenOf(customers[0].id);
      const all = (await walk(s.get(), token, '/quotes', QuoteList)).items;
      const union: string[] = [];
      for (const state of ['sent', 'accepted', 'declined', 'expired'] as const) {
        const items = (await walk(s.get(), token, `/quotes?state=${state}`, QuoteList)).items;
        assert.ok(items.length >= 1, state);
        assert.ok(
          items.every((q) => q.state === state),
          state,
        );
        assert.deepEqual(
          items.map((q) => q.id),
          all.filter((q) => q.state === state).map((q) => q.id),
        );
        union.push(...items.map((q) => q.id));
      }
      assert.deepEqual(union.sort(), all.map((q) => q.id).sort());
    });

    it('?state=bogus is 400', async () => {
      const token = await tokenOf(customers[0].id);
      for (const state of ['bogus', 'SENT', '']) {
        const res = await s.get().request(portal(token, `/quotes?state=${state}`));
        assert.equal(res.status, 400, state);
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed');
        assert.deepEqual(
          (error.details as { path: string }[]).map((d) => d.path),
          ['query.state'],
        );
      }
    });

    it('a sent quote past its validity reads as expired (by the server clock)', async () => {
      const server = s.get();
      const token = await tokenOf(customers[0].id);
      try {
        const sent = (await walk(server, token, '/quotes?state=sent', QuoteList)).items;
        assert.ok(sent.length >= 1);
        const latest = sent
          .map((q) => q.valid_until)
          .sort()
          .at(-1)!;
        server.clock.set(`${latest}T23:59:59.999Z`);
        assert.equal(
          (await walk(server, token, '/quotes?state=sent', QuoteList)).items.length,
          sent.length,
          'valid through valid_until',
        );
        server.clock.advance(1);
        assert.deepEqual((await walk(server, token, '/quotes?state=sent', QuoteList)).items, []);
        const expired = (await walk(server, token, '/quotes?state=expired', QuoteList)).items;
        for (const q of sent) assert.equal(expired.find((e) => e.id === q.id)?.state, 'expired', q.number);
      } finally {
        server.clock.set(SEED_NOW.toISOString());
      }
    });
  });

  describe('quote answers (fresh server)', () => {
    const fresh = useServer(kind);

    it('accepting a sent quote: 200 accepted with an order that /orders lists with source_quote', async () => {
      const server = fresh.get();
      const customer = server.customers[0];
      const token = await server.tokenFor(customer.id);
      const quote = (await walk(server, token, '/quotes?state=sent', QuoteList)).items[0];
      assert.ok(quote);
      server.clock.advance(60_000);
      const res = await server.request(portal(token, `/quotes/${quote.id}/accept`), { method: 'POST' });
      assert.equal(res.status, 200);
      const accepted = Quote.parse(await res.json());
      assert.equal(accepted.id, quote.id);
      assert.equal(accepted.state, 'accepted');
      assert.equal(accepted.answered_at, server.clock.now.toISOString());
      assert.equal(accepted.decline_reason, null);
      assert.ok(accepted.order);
      assert.deepEqual(accepted.lines, quote.lines);

      const orders = (await walk(server, token, '/orders', OrderList)).items;
      const order = orders.find((o) => o.id === accepted.order!.id) as OrderSummary;
      assert.ok(order, 'the new order is listed');
      assert.equal(orders[0].id, order.id, 'newest first');
      assert.equal(order.number, accepted.order.number);
      assert.deepEqual(order.source_quote, { id: quote.id, number: quote.number });
      assert.equal(order.total_minor, quote.total_minor);
      assert.equal(order.is_draft, false);
      assert.equal(order.created_at, server.clock.now.toISOString());
      const detail = await read(server, token, `/orders/${order.id}`, OrderDetail);
      assert.deepEqual(detail.lines, quote.lines);
      assert.equal(detail.subtotal_minor, quote.subtotal_minor);
      assert.equal(detail.freight_minor, quote.freight_minor);

      const listed = (await walk(server, token, '/quotes?state=accepted', QuoteList)).items.find(
        (q) => q.id === quote.id,
      );
      assert.deepEqual(listed, accepted);
    });

    it('declining a sent quote with a reason: 200 declined, reason stored', async () => {
      const server = fresh.get();
      const customer = server.customers.find((c) => c.id !== server.customers[0].id)!;
      const token = await server.tokenFor(customer.id);
      const quote = (await walk(server, token, '/quotes?state=sent', QuoteList)).items[0];
      assert.ok(quote);
      const ordersBefore = (await walk(server, token, '/orders', OrderList)).items.length;
      const res = await server.request(portal(token, `/quotes/${quote.id}/decline`), {
        body: { reason: '  Too pricey this month.  ' },
      });
      assert.equal(res.status, 200);
      const declined = Quote.parse(await res.json());
      assert.equal(declined.state, 'declined');
      assert.equal(declined.decline_reason, 'Too pricey this month.');
      assert.equal(declined.answered_at, server.clock.now.toISOString());
      assert.equal(declined.order, null);

      const listed = (await walk(server, token, '/quotes?state=declined', QuoteList)).items.find(
        (q) => q.id === quote.id,
      );
      assert.deepEqual(listed, declined);
      assert.equal((await walk(server, token, '/orders', OrderList)).items.length, ordersBefore, 'no order made');
    });
  });

  describe('invoices', () => {
    const expectedState = (i: Invoice) =>
      i.paid_minor === 0 ? 'not_paid' : i.paid_minor >= i.total_minor ? 'paid' : 'partial';

    it('lists invoices with balance = total - paid and a matching payment_state', async () => {
      for (const c of customers) {
        const token = await tokenOf(c.id);
        const invoices = (await walk(s.get(), token, '/invoices', InvoiceList)).items;
        assert.ok(invoices.length >= 1);
        assert.ok(nonIncreasing(invoices.map((i) => i.issued_at)));
        const orders = new Map((await walk(s.get(), token, '/orders', OrderList)).items.map((o) => [o.id, o]));
        for (const i of invoices) {
          assert.ok(i.paid_minor <= i.total_minor, i.number);
          assert.equal(i.balance_minor, i.total_minor - i.paid_minor, i.number);
          assert.equal(i.payment_state, expectedState(i), i.number);
          assert.ok(i.due_at >= i.issued_at);
          assert.equal(i.currency, 'EUR');
          if (i.order) {
            assert.equal(
              orders.get(i.order.id)?.number,
              i.order.number,
              `${i.number} points at another customer's order`,
            );
            assert.equal(orders.get(i.order.id)!.total_minor, i.total_minor);
          }
        }
      }
    });

    it('?payment_state=not_paid|partial|paid filters and partitions the list', async () => {
      const seen = new Set<string>();
      for (const c of customers) {
        const token = await tokenOf(c.id);
        const all = (await walk(s.get(), token, '/invoices', InvoiceList)).items;
        const union: string[] = [];
        for (const state of ['not_paid', 'partial', 'paid'] as const) {
          const items = (await walk(s.get(), token, `/invoices?payment_state=${state}`, InvoiceList)).items;
          for (const i of items) {
            assert.equal(i.payment_state, state, i.number);
            assert.equal(expectedState(i), state, i.number);
            assert.equal(i.balance_minor, i.total_minor - i.paid_minor);
          }
          if (items.length) seen.add(state);
          assert.deepEqual(
            items.map((i) => i.id),
            all.filter((i) => i.payment_state === state).map((i) => i.id),
            `${c.business_name} ${state}`,
          );
          union.push(...items.map((i) => i.id));
        }
        assert.deepEqual(union.sort(), all.map((i) => i.id).sort());
      }
      assert.deepEqual([...seen].sort(), ['not_paid', 'paid', 'partial'], 'every state occurs in the demo data');
    });

    it('?payment_state=bogus is 400; pages with ?limit', async () => {
      const token = await tokenOf(customers[0].id);
      const res = await s.get().request(portal(token, '/invoices?payment_state=overdue'));
      assert.equal(res.status, 400);
      assert.equal((await errorOf(res)).code, 'validation_failed');
      const all = (await walk(s.get(), token, '/invoices', InvoiceList)).items;
      const paged = await walk(s.get(), token, '/invoices?limit=4', InvoiceList);
      assert.ok(paged.pages.length > 1);
      assert.deepEqual(
        paged.items.map((i) => i.id),
        all.map((i) => i.id),
      );
    });
  });

  describe('invoices at the edges (fresh server, rows added directly)', () => {
    const fresh = useServer(kind);
    /** Adds a copy of one of the customer's invoices with other amounts; answers its number. */
    const addInvoice = async (server: TestServer, customerId: string, number: string, total: number, paid: number) => {
      const template = await server.db.kysely
        .selectFrom('invoices')
        .selectAll()
        .where('customer_id', '=', customerId)
        .executeTakeFirstOrThrow();
      await server.db.kysely
        .insertInto('invoices')
        .values({ ...template, id: crypto.randomUUID(), number, total_minor: total, paid_minor: paid })
        .execute();
      return number;
    };
    /** Under which ?payment_state filters the invoice is listed, and the state it carries in the full list. */
    const where = async (server: TestServer, token: string, number: string) => {
      const all = (await walk(server, token, '/invoices', InvoiceList)).items;
      const filters: string[] = [];
      for (const state of ['not_paid', 'partial', 'paid']) {
        if (
          (await walk(server, token, `/invoices?payment_state=${state}`, InvoiceList)).items.some(
            (i) => i.number === number,
          )
        )
          filters.push(state);
      }
      return { invoice: all.find((i) => i.number === number)!, filters };
    };

    it('an overpaid invoice reads as paid with no balance, and only ?payment_state=paid lists it', async () => {
      const server = fresh.get();
      const customer = server.customers[0];
      const token = await server.tokenFor(customer.id);
      await addInvoice(server, customer.id, 'INV-TEST-OVER', 1000, 1500);
      const { invoice, filters } = await where(server, token, 'INV-TEST-OVER');
      assert.equal(invoice.payment_state, 'paid');
      assert.equal(invoice.balance_minor, 0);
      assert.deepEqual(filters, ['paid']);
    });

    it('a zero-total invoice is listed under exactly the ?payment_state it carries', async () => {
      const server = fresh.get();
      const customer = server.customers[1];
      const token = await server.tokenFor(customer.id);
      await addInvoice(server, customer.id, 'INV-TEST-ZERO', 0, 0);
      const { invoice, filters } = await where(server, token, 'INV-TEST-ZERO');
      assert.equal(invoice.balance_minor, 0);
      assert.deepEqual(filters, [invoice.payment_state]);
    });
  });

  describe('payments', () => {
    it("allocations point at the customer's own invoices and add up to at most the amount", async () => {
      for (const c of customers) {
        const token = await tokenOf(c.id);
        const payments = (await walk(s.get(), token, '/payments', PaymentList)).items;
        const invoices = new Map((await walk(s.get(), token, '/invoices', InvoiceList)).items.map((i) => [i.id, i]));
        assert.ok(payments.length >= 1, c.business_name);
        assert.ok(nonIncreasing(payments.map((p) => p.received_at)));
        const allocated = new Map<string, number>();
        for (const p of payments) {
          assert.ok(p.allocations.length >= 1, p.number);
          assert.ok(sum(p.allocations.map((a) => a.amount_minor)) <= p.amount_minor, p.number);
          assert.ok(p.amount_minor > 0);
          for (const a of p.allocations) {
            const invoice = invoices.get(a.invoice_id);
            assert.ok(invoice, `${p.number} is allocated to an invoice that is not ${c.business_name}'s`);
            assert.equal(a.invoice_number, invoice.number);
            assert.ok(a.amount_minor > 0);
            allocated.set(a.invoice_id, (allocated.get(a.invoice_id) ?? 0) + a.amount_minor);
          }
        }
        // What the invoices say was paid is what the payments allocated.
        for (const i of invoices.values()) assert.equal(i.paid_minor, allocated.get(i.id) ?? 0, i.number);
      }
    });

    it('pages with ?limit and next_cursor', async () => {
      const token = await tokenOf(customers[0].id);
      const all = (await walk(s.get(), token, '/payments', PaymentList)).items;
      const paged = await walk(s.get(), token, '/payments?limit=2', PaymentList);
      assert.deepEqual(
        paged.items.map((p) => p.id),
        all.map((p) => p.id),
      );
    });
  });

  describe('deliveries', () => {
    it('carrier, tracking, dates consistent with status, lines, and the order they belong to', async () => {
      for (const c of customers) {
        const token = await tokenOf(c.id);
        const deliveries = (await walk(s.get(), token, '/deliveries', DeliveryList)).items;
        const orders = new Map((await walk(s.get(), token, '/orders', OrderList)).items.map((o) => [o.id, o]));
        assert.ok(deliveries.length >= 1);
        assert.ok(
          deliveries.some((d) => d.status === 'delivered') && deliveries.some((d) => d.status === 'in_transit'),
          c.business_name,
        );
        for (const d of deliveries) {
          assert.ok(d.carrier.trim().length > 0, d.number);
          assert.ok(d.tracking_number && d.tracking_number.length > 0, d.number);
          if (d.tracking_url !== null) assert.match(d.tracking_url, /^https:\/\//);
          if (d.status === 'delivered') {
            assert.ok(d.shipped_at && d.delivered_at, d.number);
            assert.ok(Date.parse(d.delivered_at) >= Date.parse(d.shipped_at), d.number);
          } else if (d.status === 'in_transit') {
            assert.ok(d.shipped_at, d.number);
            assert.equal(d.delivered_at, null, d.number);
          } else {
            assert.equal(d.delivered_at, null, d.number);
          }
          if (d.shipped_at)
            assert.ok(Date.parse(d.shipped_at) <= s.get().clock.now.getTime(), `${d.number} shipped in the future`);
          assert.ok(d.lines.length >= 1, d.number);
          const order = orders.get(d.order.id);
          assert.ok(order, `${d.number} belongs to an order that is not ${c.business_name}'s`);
          assert.equal(d.order.number, order.number);
          if (d.shipped_at) assert.ok(Date.parse(d.shipped_at) >= Date.parse(order.created_at), d.number);
          if (d.status === 'in_transit') assert.equal(order.status, 'shipped', d.number);
        }
        // Lines are the order's products.
        const d = deliveries[0];
        const detail = await read(s.get(), token, `/orders/${d.order.id}`, OrderDetail);
        const orderProducts = new Set(detail.lines.map((l) => l.product_id));
        for (const l of d.lines)
          assert.ok(orderProducts.has(l.product_id), `${d.number} ships ${l.sku}, not on ${detail.number}`);
      }
    });
  });

  describe('read permissions of the token', () => {
    const cases: [string, string[]][] = [
      ['view_quotes', ['/quotes']],
      ['view_payments', ['/payments']],
      ['view_deliveries', ['/deliveries']],
      ['view_invoices', ['/invoices']],
      ['view_orders', ['/orders', `/orders/${UNKNOWN_ID}`, '/order-history']],
    ];
    for (const [permission, paths] of cases) {
      it(`${permission} false: ${paths.join(', ')} answer 403 permission_denied; the rest still reads`, async () => {
        const token = await s.get().tokenFor(customers[0].id, { [permission]: false });
        for (const path of paths) {
          const res = await s.get().request(portal(token, path));
          assert.equal(res.status, 403, path);
          const error = await errorOf(res);
          assert.equal(error.code, 'permission_denied');
          assert.match(error.message, new RegExp(permission));
        }
        for (const path of [
          '/session',
          '/catalog',
          '/dashboard',
          '/quotes',
          '/payments',
          '/deliveries',
          '/invoices',
          '/orders',
          '/order-history',
        ]) {
          if (paths.includes(path)) continue;
          assert.equal((await s.get().request(portal(token, path))).status, 200, path);
        }
      });
    }
  });
});
