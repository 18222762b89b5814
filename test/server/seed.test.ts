import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { openDb, type Db } from '../../demo-server/db/connect.ts';
import type { Database } from '../../demo-server/db/schema.ts';
import { migrationProvider } from '../../demo-server/db/migrations.ts';
import { referenceTaken } from '../../demo-server/db/order-changes.ts';
import { APPROVAL_DEMO, isSeeded, resetData, seedDemo, seedScale, tableCounts } from '../../demo-server/db/seed.ts';
import { getWorkspace } from '../../demo-server/db/workspace.ts';
import {
  Discount,
  Freight,
  OrderChannel,
  OrderContent,
  WorkspaceSettings,
  type PriceList,
  type PriceListEntry,
  type Product,
  type Promotion,
  type StockState,
} from '../../widget/contract/index.ts';
import { Pricer, freightFor } from '../../widget/pricing/index.ts';

const NOW = new Date('2026-03-15T10:30:00.000Z');

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seed-test-'));
  tempDirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function count(db: Kysely<Database>, query: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`${sql.raw(query)}`.execute(db);
  return Number(rows[0].n);
}

/** Everything the pricing module needs, rebuilt from the database independently of the seeder. */
async function pricerFor(
  db: Kysely<Database>,
  priceGroupId: string | null,
): Promise<{ pricer: Pricer; products: Map<string, Product> }> {
  const [productRows, unitRows, lists, entries, promotionRows, promotionProducts] = await Promise.all([
    db.selectFrom('products').selectAll().execute(),
    db.selectFrom('product_units').selectAll().orderBy('position').execute(),
    db.selectFrom('price_lists').selectAll().execute(),
    db.selectFrom('price_list_entries').selectAll().execute(),
    db.selectFrom('promotions').selectAll().execute(),
    db.selectFrom('promotion_products').selectAll().execute(),
  ]);
  const products = new Map<string, Product>();
  for (const p of productRows) {
    products.set(p.id, {
      id: p.id,
      sku: p.sku,
      name: p.name,
      description: p.description,
      image_url: p.image_url,
      category_id: p.category_id,
      new_arrival: p.new_arrival === 1,
      active: p.active === 1,
      stock: p.stock as StockState,
      units: unitRows
        .filter((u) => u.product_id === p.id)
        .map((u) => ({
          code: u.code,
          name: u.name,
          contains: u.contains,
          base_price_minor: u.base_price_minor === null ? null : Number(u.base_price_minor),
        })),
    });
  }
  const toList = (row: (typeof lists)[number] | undefined): PriceList | null => {
    if (!row) return null;
    const byKey = new Map<string, PriceListEntry>();
    for (const e of entries.filter((x) => x.price_list_id === row.id)) {
      const key = `${e.product_id}/${e.uom}`;
      const entry = byKey.get(key) ?? { product_id: e.product_id, uom: e.uom, tiers: [] };
      entry.tiers.push({ min_quantity: e.min_quantity, unit_price_minor: Number(e.unit_price_minor) });
      byKey.set(key, entry);
    }
    return { id: row.id, name: row.name, kind: row.kind, entries: [...byKey.values()] };
  };
  const promotions: Promotion[] = promotionRows.map((p) => ({
    id: p.id,
    name: p.name,
    discount: Discount.parse(JSON.parse(p.discount_json)),
    starts_at: p.starts_at,
    ends_at: p.ends_at,
    product_ids: promotionProducts.filter((pp) => pp.promotion_id === p.id).map((pp) => pp.product_id),
  }));
  const pricer = new Pricer({
    group_list: priceGroupId ? toList(lists.find((l) => l.price_group_id === priceGroupId)) : null,
    default_list: toList(lists.find((l) => l.kind === 'default' && l.price_group_id === null)),
    promotions,
  });
  return { pricer, products };
}

/** The assertions on a freshly seeded demo database, shared by SQLite and PostgreSQL. */
async function checkDemoSeed(t: TestContext, db: Kysely<Database>, now: Date): Promise<void> {
  const nowIso = now.toISOString();
  const today = nowIso.slice(0, 10);

  await t.test('workspace with full settings', async () => {
    const rows = await db.selectFrom('workspace').selectAll().execute();
    assert.equal(rows.length, 1);
    const w = rows[0];
    assert.equal(w.currency, 'EUR');
    assert.equal(w.locale, 'en-IE');
    assert.equal(w.accent_color, '#0f766e');
    assert.equal(w.logo_url, null);
    assert.equal(w.admin_token_hash, null);
    const settings = WorkspaceSettings.parse(JSON.parse(w.settings_json));
    assert.ok(Object.values(settings.sections).every(Boolean));
    assert.ok(Object.values(settings.tabs).every((v) => v === 'auto'));
    assert.equal(settings.create_order_on_quote_acceptance, true);
    assert.equal(settings.checkout_mode, 'pay_later');
    assert.equal(settings.order_template, 'standard');
    assert.deepEqual(settings.freight, { flat_minor: 1500, free_over_minor: 25000 });
    assert.equal(settings.payment_url, 'https://pay.example.com/checkout');
    assert.equal(settings.trial_expired, false);
    assert.deepEqual(settings.order_changes, {
      enabled: true,
      apply_updates_automatically: false,
      apply_cancellations_automatically: false,
      allowed_before: 'in_progress',
      edits_allowed_before: null,
      cancellations_allowed_before: null,
    });
    assert.equal(settings.require_unique_reference, false);
    assert.equal(await isSeeded(db), true);
  });

  await t.test('catalogue: size, categories, flags', async () => {
    assert.ok((await count(db, 'select count(*) as n from categories')) >= 5);
    assert.ok((await count(db, 'select count(*) as n from products')) >= 60);
    assert.ok((await count(db, 'select count(distinct category_id) as n from products')) >= 5);
    assert.ok((await count(db, 'select count(*) as n from products where new_arrival = 1')) >= 3);
    assert.ok((await count(db, 'select count(*) as n from products where active = 0')) >= 2);
    assert.ok((await count(db, "select count(*) as n from products where stock = 'out_of_stock'")) >= 2);
    assert.equal(
      await count(
        db,
        "select count(*) as n from products where stock not in ('in_stock', 'low_stock', 'out_of_stock')",
      ),
      0,
    );
    assert.equal(await count(db, 'select count(*) as n from products where image_url is not null'), 0);
    const skus = await db.selectFrom('products').select('sku').execute();
    assert.ok(
      skus.every((s) => /^[A-Z]{3}-\d{4}$/.test(s.sku)),
      'SKUs like COF-1001',
    );
    assert.ok(skus.some((s) => s.sku === 'COF-1001'));
  });

  await t.test('two-unit products: each and a cheaper case of 12', async () => {
    const rows = await db
      .selectFrom('product_units as e')
      .innerJoin('product_units as c', 'c.product_id', 'e.product_id')
      .select([
        'e.base_price_minor as each_price',
        'c.base_price_minor as case_price',
        'e.name as each_name',
        'c.name as case_name',
        'e.contains as each_contains',
        'c.contains as case_contains',
      ])
      .where('e.code', '=', 'each')
      .where('c.code', '=', 'case12')
      .execute();
    assert.ok(rows.length >= 3, `two-unit products: ${rows.length}`);
    for (const r of rows) {
      assert.equal(r.each_name, 'Each');
      assert.equal(r.case_name, 'Case of 12');
      assert.equal(r.each_contains, 1);
      assert.equal(r.case_contains, 12);
      assert.ok(Number(r.case_price) < Number(r.each_price) * 12, 'the case is cheaper per item');
    }
  });

  await t.test('unpriced products have no base price and no list entries', async () => {
    const n = await count(
      db,
      `
      select count(*) as n from products p
      where not exists (select 1 from product_units u where u.product_id = p.id and u.base_price_minor is not null)
        and not exists (select 1 from price_list_entries e where e.product_id = p.id)`,
    );
    assert.ok(n >= 2, `unpriced: ${n}`);
  });

  await t.test('price groups, lists and tiers', async () => {
    assert.ok((await count(db, 'select count(*) as n from price_groups')) >= 3);
    const lists = await db.selectFrom('price_lists').selectAll().execute();
    const groups = await db.selectFrom('price_groups').selectAll().execute();
    for (const g of groups) {
      const list = lists.find((l) => l.price_group_id === g.id);
      assert.ok(list && list.kind === 'group', `group list for ${g.name}`);
      assert.ok(
        (await count(
          db,
          `select count(*) as n from price_list_entries where price_list_id = '${list.id}' and min_quantity > 1`,
        )) > 0,
        `tiers in ${g.name}`,
      );
    }
    const defaults = lists.filter((l) => l.kind === 'default');
    assert.equal(defaults.length, 1);
    assert.equal(defaults[0].price_group_id, null);
    assert.ok(
      (await count(
        db,
        `select count(*) as n from price_list_entries where price_list_id = '${defaults[0].id}' and min_quantity > 1`,
      )) > 0,
    );
    const tierSet = await db.selectFrom('price_list_entries').select('min_quantity').distinct().execute();
    assert.deepEqual(
      tierSet.map((r) => r.min_quantity).sort((a, b) => a - b),
      [1, 12, 48],
    );
    // Every entry has a single-quantity tier, and larger quantities never cost more per unit.
    assert.equal(
      await count(
        db,
        `
      select count(*) as n from price_list_entries e
      where not exists (select 1 from price_list_entries f where f.price_list_id = e.price_list_id and f.product_id = e.product_id and f.uom = e.uom and f.min_quantity = 1)`,
      ),
      0,
    );
    assert.equal(
      await count(
        db,
        `
      select count(*) as n from price_list_entries e join price_list_entries f
        on f.price_list_id = e.price_list_id and f.product_id = e.product_id and f.uom = e.uom and f.min_quantity > e.min_quantity
      where f.unit_price_minor > e.unit_price_minor`,
      ),
      0,
    );
  });

  await t.test('promotions: active now, expired, upcoming', async () => {
    const promos = await db.selectFrom('promotions').selectAll().execute();
    for (const p of promos) Discount.parse(JSON.parse(p.discount_json));
    const active = promos.filter((p) => p.starts_at <= nowIso && nowIso < p.ends_at);
    assert.ok(active.length >= 4, `active promotions: ${active.length}`);
    assert.ok(
      promos.some((p) => p.ends_at <= nowIso),
      'an expired promotion',
    );
    assert.ok(
      promos.some((p) => p.starts_at > nowIso),
      'a future promotion',
    );
    const kinds = new Set(promos.map((p) => (JSON.parse(p.discount_json) as Discount).type));
    assert.deepEqual([...kinds].sort(), ['amount_off', 'percent']);
    const activeProducts = await db
      .selectFrom('promotion_products')
      .select('product_id')
      .distinct()
      .where(
        'promotion_id',
        'in',
        active.map((p) => p.id),
      )
      .execute();
    assert.ok(activeProducts.length >= 6, 'several products on sale now');
  });

  const everyCustomer = await db.selectFrom('customers').selectAll().orderBy('business_name').execute();
  // The archived customer has no documents; the rest of these checks are about the others.
  const customers = everyCustomer.filter((c) => c.archived_at === null);

  await t.test('one customer is archived and one writes in Spanish', async () => {
    const archived = everyCustomer.filter((c) => c.archived_at !== null);
    assert.deepEqual(
      archived.map((c) => c.business_name),
      ['Old Quay Bakery'],
    );
    assert.ok(archived[0].archived_at! > archived[0].created_at, 'archived after it was created');
    assert.equal(
      await db.selectFrom('orders').select('id').where('customer_id', '=', archived[0].id).executeTakeFirst(),
      undefined,
    );
    assert.deepEqual(
      customers.filter((c) => c.language === 'es').map((c) => c.business_name),
      ['Greenleaf Deli'],
    );
  });

  await t.test('one customer has a charge to approve on an open order, outside its total (issue 17)', async () => {
    const charges = await db
      .selectFrom('order_supplier_charges')
      .innerJoin('orders', 'orders.id', 'order_supplier_charges.order_id')
      .innerJoin('customers', 'customers.id', 'orders.customer_id')
      .select([
        'customers.business_name',
        'orders.status',
        'order_supplier_charges.state',
        'order_supplier_charges.amount_minor',
      ])
      .execute();
    assert.deepEqual(
      charges.map((c) => [c.business_name, c.status, c.state, Number(c.amount_minor)]),
      [["Mason's Kitchen", 'confirmed', 'pending', 1_850]],
    );
  });

  await t.test('customers differ where it matters', async () => {
    assert.ok(customers.length >= 4);
    assert.ok(
      customers.some((c) => c.price_group_id === null),
      'one without a price group',
    );
    assert.ok(
      customers.some((c) => c.order_template === 'quantity_grid'),
      'one on the quantity grid',
    );
    assert.ok(
      customers.some((c) => c.checkout_mode === 'pay_now'),
      'one paying now',
    );
    assert.ok(
      customers.some((c) => c.checkout_mode === 'pay_later' || c.checkout_mode === null),
      'one paying later',
    );
    assert.ok(
      customers.some(
        (c) =>
          c.order_template === null && c.checkout_mode === null && c.freight_json === null && c.price_group_id === null,
      ),
      'one inheriting everything',
    );
    for (const c of customers) if (c.freight_json) Freight.parse(JSON.parse(c.freight_json));
    const names = customers.map((c) => c.business_name);
    for (const name of ['Blue Door Café', 'Corner Grocer Ltd', "Mason's Kitchen", 'Seaside Hotel Group'])
      assert.ok(names.includes(name), name);
    // Issue 17: one customer's portal orders become quotes; the workspace keeps orders.
    assert.deepEqual(
      customers.filter((c) => c.order_creation_status === 'quote').map((c) => c.business_name),
      ['Seaside Hotel Group'],
    );
    assert.ok(customers.every((c) => c.order_creation_status !== 'to_plan'));
  });

  await t.test('every customer has a history in many statuses', async () => {
    for (const c of customers) {
      const rows = await db
        .selectFrom('orders')
        .select(['status', 'channel'])
        .where('customer_id', '=', c.id)
        .execute();
      // 12 to 25 orders of its own history, and one order of the approvals demo (APPROVAL_DEMO) on two customers.
      const approvalDemo = rows.filter((r) => r.status === 'awaiting_approval' || r.status === 'rejected').length;
      assert.equal(approvalDemo, c.business_name in APPROVAL_DEMO ? 1 : 0, c.business_name);
      const history = rows.length - approvalDemo;
      assert.ok(history >= 12 && history <= 25, `${c.business_name}: ${history} orders`);
      const statuses = new Set(rows.map((r) => r.status));
      assert.ok(statuses.has('draft'), `${c.business_name} has a draft`);
      assert.ok(statuses.has('pending'), `${c.business_name} has a pending order`);
      assert.ok(statuses.size >= 5, `${c.business_name}: ${[...statuses].join(', ')}`);
    }
    const all = await db.selectFrom('orders').select(['status', 'channel', 'created_at']).execute();
    assert.deepEqual(
      new Set(all.map((o) => o.status)),
      new Set([
        'draft',
        'pending',
        'confirmed',
        'in_progress',
        'shipped',
        'delivered',
        'invoiced',
        'cancelled',
        'awaiting_approval',
        'rejected',
      ]),
    );
    assert.ok(all.filter((o) => o.channel === 'portal').length > all.length / 2, 'mostly portal');
    assert.ok(all.some((o) => o.channel === 'sales_rep'));
    assert.ok(
      all.every(
        (o) => o.created_at <= nowIso && o.created_at > new Date(now.getTime() - 330 * 86_400_000).toISOString(),
      ),
    );
  });

  await t.test(
    'orders come through every channel; each customer has a pending portal order they may change',
    async () => {
      const all = await db
        .selectFrom('orders')
        .select(['customer_id', 'status', 'channel', 'source_quote_id'])
        .execute();
      for (const o of all) assert.ok(OrderChannel.options.includes(o.channel as never), o.channel);
      for (const channel of ['portal', 'quote', 'sales_rep', 'phone', 'email'])
        assert.ok(
          all.some((o) => o.channel === channel),
          channel,
        );
      assert.ok(
        all.every((o) => (o.channel === 'quote') === (o.source_quote_id !== null)),
        'quote orders, and only they, have a source quote',
      );
      for (const c of customers) {
        const pending = all.filter((o) => o.customer_id === c.id && o.status === 'pending');
        assert.ok(pending.length >= 1 && pending.every((o) => o.channel === 'portal'), c.business_name);
      }
      const phone = all.find((o) => o.channel === 'phone')!;
      assert.ok(['pending', 'confirmed'].includes(phone.status), 'a phone order still inside the change window');
    },
  );

  await t.test(
    'order requests: an update awaiting approval and a rejected cancellation, each on the record',
    async () => {
      const requests = await db
        .selectFrom('order_requests')
        .innerJoin('orders', 'orders.id', 'order_requests.order_id')
        .selectAll('order_requests')
        .select([
          'orders.customer_id as order_customer',
          'orders.channel',
          'orders.status',
          'orders.created_at as order_created',
          'orders.total_minor',
        ])
        .orderBy('order_requests.kind')
        .execute();
      assert.deepEqual(
        requests.map((r) => [r.kind, r.state]),
        [
          ['cancel', 'rejected'],
          ['update', 'pending'],
        ],
      );
      for (const r of requests) {
        assert.equal(r.customer_id, r.order_customer);
        assert.equal(r.channel, 'portal');
        assert.ok(r.created_at > r.order_created && r.created_at <= nowIso);
        const previous = OrderContent.parse(JSON.parse(r.previous_json));
        assert.equal(previous.total_minor, Number(r.total_minor));
        const events = await db
          .selectFrom('order_events')
          .selectAll()
          .where('order_id', '=', r.order_id)
          .orderBy('position')
          .execute();
        assert.deepEqual(
          events.map((e) => e.position),
          events.map((_, i) => i + 1),
        );
        assert.equal(events[0].at, r.created_at);
        if (r.kind === 'update') {
          assert.equal(r.status, 'confirmed', 'still changeable but for the pending request');
          const proposed = OrderContent.parse(JSON.parse(r.proposed_json!));
          assert.equal(
            proposed.subtotal_minor,
            proposed.lines.reduce((sum, l) => sum + l.line_total_minor, 0),
          );
          assert.equal(proposed.total_minor, proposed.subtotal_minor + proposed.freight_minor);
          assert.notDeepEqual(proposed.lines, previous.lines);
          assert.deepEqual(
            events.map((e) => [e.action, e.actor]),
            [['update_requested', 'customer']],
          );
          assert.equal(r.decided_at, null);
        } else {
          assert.equal(r.status, 'in_progress');
          assert.equal(r.proposed_json, null);
          assert.ok(
            r.reason && r.rejection_reason && r.decided_at && r.decided_at > r.created_at && r.decided_at <= nowIso,
          );
          assert.deepEqual(
            events.map((e) => [e.action, e.actor, e.note]),
            [
              ['cancel_requested', 'customer', r.reason],
              ['request_rejected', 'supplier', r.rejection_reason],
            ],
          );
        }
      }
    },
  );

  await t.test('order totals and lines are consistent and priced with the pricing module', async () => {
    const orders = await db.selectFrom('orders').selectAll().execute();
    const lines = await db.selectFrom('order_lines').selectAll().orderBy('position').execute();
    const quotes = await db.selectFrom('quotes').select(['id', 'created_at']).execute();
    const ws = WorkspaceSettings.parse(
      JSON.parse((await db.selectFrom('workspace').select('settings_json').executeTakeFirstOrThrow()).settings_json),
    );
    const pricers = new Map<string, Awaited<ReturnType<typeof pricerFor>>>();
    for (const c of customers) pricers.set(c.id, await pricerFor(db, c.price_group_id));
    for (const o of orders) {
      const own = lines.filter((l) => l.order_id === o.id);
      assert.ok(own.length >= 1 && own.length <= 6, `${o.number}: ${own.length} lines`);
      assert.equal(o.item_count, own.length);
      assert.deepEqual(
        own.map((l) => l.position),
        own.map((_, i) => i),
      );
      const subtotal = own.reduce((s, l) => s + Number(l.line_total_minor), 0);
      assert.equal(Number(o.subtotal_minor), subtotal, o.number);
      assert.equal(Number(o.total_minor), subtotal + Number(o.freight_minor), o.number);
      const customer = customers.find((c) => c.id === o.customer_id)!;
      const freight: Freight = customer.freight_json ? JSON.parse(customer.freight_json) : ws.freight;
      assert.equal(Number(o.freight_minor), freightFor(subtotal, freight), `${o.number} freight`);
      // Orders from a quote keep the quote's prices; the rest are priced at the order's instant.
      const at = o.source_quote_id ? quotes.find((q) => q.id === o.source_quote_id)!.created_at : o.created_at;
      const { pricer, products } = pricers.get(o.customer_id)!;
      const priced = pricer.priceOrder(
        products,
        own.map((l) => ({ product_id: l.product_id, uom: l.uom, quantity: l.quantity })),
        freight,
        at,
      );
      assert.deepEqual(priced.problems, [], `${o.number} lines are orderable`);
      for (const [i, l] of own.entries()) {
        assert.equal(
          Number(l.unit_price_minor),
          priced.lines[i].resolution.price!.unit_price_minor,
          `${o.number} line ${i} price`,
        );
        assert.equal(Number(l.line_total_minor), Number(l.unit_price_minor) * l.quantity);
        assert.equal(l.sku, products.get(l.product_id)!.sku);
      }
    }
  });

  await t.test('quotes: sent, accepted (linked both ways), declined, expired', async () => {
    const quotes = await db.selectFrom('quotes').selectAll().execute();
    for (const c of customers) {
      const own = quotes.filter((q) => q.customer_id === c.id);
      const states = new Set(own.map((q) => q.state));
      for (const s of ['sent', 'accepted', 'declined', 'expired'])
        assert.ok(states.has(s), `${c.business_name} has a ${s} quote`);
      assert.ok(
        own.some((q) => q.state === 'sent' && q.valid_until > today),
        `${c.business_name} has an open quote`,
      );
    }
    for (const q of quotes) {
      const lines = await db.selectFrom('quote_lines').selectAll().where('quote_id', '=', q.id).execute();
      assert.ok(lines.length >= 1);
      assert.equal(
        Number(q.subtotal_minor),
        lines.reduce((s, l) => s + Number(l.line_total_minor), 0),
      );
      assert.equal(Number(q.total_minor), Number(q.subtotal_minor) + Number(q.freight_minor));
      assert.match(q.valid_until, /^\d{4}-\d{2}-\d{2}$/);
      if (q.state === 'sent') assert.ok(q.valid_until >= today && q.answered_at === null);
      if (q.state === 'expired') assert.ok(q.valid_until < today && q.answered_at === null);
      if (q.state === 'declined') assert.ok(q.decline_reason && q.answered_at);
      if (q.state === 'accepted') {
        assert.ok(q.order_id && q.answered_at);
        const order = await db.selectFrom('orders').selectAll().where('id', '=', q.order_id).executeTakeFirstOrThrow();
        assert.equal(order.source_quote_id, q.id);
        assert.equal(Number(order.total_minor), Number(q.total_minor));
      } else {
        assert.equal(q.order_id, null);
      }
    }
  });

  await t.test('invoices: paid, unpaid, partial, overdue; allocations match', async () => {
    const invoices = await db.selectFrom('invoices').selectAll().execute();
    const paid = invoices.filter((i) => Number(i.paid_minor) === Number(i.total_minor));
    const unpaid = invoices.filter((i) => Number(i.paid_minor) === 0);
    const partial = invoices.filter((i) => Number(i.paid_minor) > 0 && Number(i.paid_minor) < Number(i.total_minor));
    assert.ok(
      paid.length > 0 && unpaid.length > 0 && partial.length > 0,
      `paid ${paid.length}, unpaid ${unpaid.length}, partial ${partial.length}`,
    );
    assert.ok(
      unpaid.some((i) => i.due_at < today),
      'an overdue unpaid invoice',
    );
    for (const inv of invoices) {
      const ms = Date.parse(`${inv.issued_at}T00:00:00Z`);
      assert.equal(inv.due_at, new Date(ms + 30 * 86_400_000).toISOString().slice(0, 10));
      assert.ok(inv.issued_at <= today);
      const order = await db
        .selectFrom('orders')
        .select(['status', 'total_minor'])
        .where('id', '=', inv.order_id!)
        .executeTakeFirstOrThrow();
      assert.ok(['shipped', 'delivered', 'invoiced'].includes(order.status));
      assert.equal(Number(inv.total_minor), Number(order.total_minor));
    }
    const mismatched = await count(
      db,
      `
      select count(*) as n from invoices i
      where i.paid_minor <> coalesce((select sum(a.amount_minor) from payment_allocations a where a.invoice_id = i.id), 0)`,
    );
    assert.equal(mismatched, 0, 'allocations sum to paid_minor');
    const badPayments = await count(
      db,
      `
      select count(*) as n from payments p
      where p.amount_minor <> (select sum(a.amount_minor) from payment_allocations a where a.payment_id = p.id)`,
    );
    assert.equal(badPayments, 0, 'payments equal their allocations');
    assert.ok(
      (await count(
        db,
        'select count(*) as n from (select payment_id from payment_allocations group by payment_id having count(*) >= 2) x',
      )) >= 1,
      'one payment covers two invoices',
    );
    const methods = await db.selectFrom('payments').select('method').distinct().execute();
    assert.ok(methods.every((m) => ['bank_transfer', 'card', 'cheque'].includes(m.method)));
    assert.ok((await count(db, `select count(*) as n from payments where received_at > '${today}'`)) === 0);
  });

  await t.test('every shipped order has a delivery with tracking', async () => {
    const orders = await db
      .selectFrom('orders')
      .select(['id', 'status'])
      .where('status', 'in', ['shipped', 'delivered', 'invoiced'])
      .execute();
    const deliveries = await db.selectFrom('deliveries').selectAll().execute();
    assert.equal(deliveries.length, orders.length);
    for (const o of orders) {
      const d = deliveries.find((x) => x.order_id === o.id);
      assert.ok(d, 'delivery for a shipped order');
      assert.ok(d.tracking_number);
      assert.ok(d.shipped_at && d.shipped_at <= nowIso);
      if (o.status === 'shipped') assert.ok(d.status === 'in_transit' && d.delivered_at === null);
      else
        assert.ok(
          d.status === 'delivered' && d.delivered_at && d.delivered_at > d.shipped_at && d.delivered_at <= nowIso,
        );
      if (d.carrier === 'DHL Express')
        assert.equal(d.tracking_url, `https://www.dhl.com/track?tracking-id=${d.tracking_number}`);
      if (d.carrier === 'An Post') assert.equal(d.tracking_url, null);
      const dl = await db
        .selectFrom('delivery_lines')
        .selectAll()
        .where('delivery_id', '=', d.id)
        .orderBy('position')
        .execute();
      const ol = await db
        .selectFrom('order_lines')
        .selectAll()
        .where('order_id', '=', o.id)
        .orderBy('position')
        .execute();
      assert.deepEqual(
        dl.map((l) => [l.position, l.product_id, l.sku, l.name, l.quantity, l.uom]),
        ol.map((l) => [l.position, l.product_id, l.sku, l.name, l.quantity, l.uom]),
      );
    }
    const carriers = new Set(deliveries.map((d) => d.carrier));
    assert.ok(
      ['DHL Express', 'An Post', 'DPD'].every((c) => carriers.has(c)),
      [...carriers].join(', '),
    );
  });

  await t.test('Seaside Hotel Group sits close to its credit limit', async () => {
    const seaside = customers.find((c) => c.business_name === 'Seaside Hotel Group')!;
    const outstanding = await count(
      db,
      `select coalesce(sum(total_minor - paid_minor), 0) as n from invoices where customer_id = '${seaside.id}'`,
    );
    const available = Number(seaside.credit_limit_minor) - outstanding;
    assert.ok(outstanding > 0);
    assert.ok(
      available >= 0 && available <= Number(seaside.credit_limit_minor) * 0.15,
      `limit ${seaside.credit_limit_minor}, outstanding ${outstanding}`,
    );
  });

  await t.test(
    "approvals: two accounts' rules, a Buyer's limit, an order awaiting approval and one rejected with a reason",
    async () => {
      const byName = (name: string) => customers.find((c) => c.business_name === name)!;
      const blueDoor = byName('Blue Door Café');
      const seaside = byName('Seaside Hotel Group');
      assert.equal(blueDoor.approval_required_for, 'over_amount');
      assert.equal(Number(blueDoor.approval_amount_minor), 40_000);
      assert.equal(seaside.approval_required_for, 'buyers');
      assert.ok(
        customers.filter((c) => c !== blueDoor && c !== seaside).every((c) => c.approval_required_for === 'none'),
        'the other accounts need no approval',
      );
      const ben = await db.selectFrom('people').selectAll().where('name', '=', 'Ben Walsh').executeTakeFirstOrThrow();
      assert.equal(Number(ben.spending_limit_minor), 150_000);
      assert.equal(ben.spending_period, 'month');

      const demoOrders = await db
        .selectFrom('orders')
        .leftJoin('people', 'people.id', 'orders.placed_by_person_id')
        .select(['orders.id', 'orders.customer_id', 'status', 'total_minor', 'approval_reasons_json', 'people.name'])
        .where('status', 'in', ['awaiting_approval', 'rejected'])
        .execute();
      const awaiting = demoOrders.filter((o) => o.status === 'awaiting_approval');
      assert.equal(awaiting.length, 1);
      assert.equal(awaiting[0].customer_id, blueDoor.id);
      assert.equal(awaiting[0].name, 'Ben Walsh');
      assert.ok(Number(awaiting[0].total_minor) > 40_000, 'over the amount that needs approval');
      assert.deepEqual(JSON.parse(awaiting[0].approval_reasons_json!), ['over_amount']);
      const rejected = demoOrders.filter((o) => o.status === 'rejected');
      assert.equal(rejected.length, 1);
      assert.equal(rejected[0].customer_id, seaside.id);
      assert.equal(rejected[0].name, 'Tom Keane');
      const events = await db.selectFrom('order_events').selectAll().where('order_id', '=', rejected[0].id).execute();
      assert.equal(events.length, 1);
      assert.equal(events[0].actor_name, 'Maeve Collins');
      assert.match(events[0].note ?? '', /enough stock/);
    },
  );

  await t.test('numbers are unique, per year, and the counters continue them', async () => {
    const counters = new Map(
      (await db.selectFrom('counters').selectAll().execute()).map((c) => [c.name, Number(c.value)]),
    );
    const series = new Map<string, number>();
    for (const [table, prefix] of [
      ['orders', 'SO'],
      ['quotes', 'Q'],
      ['invoices', 'INV'],
      ['payments', 'PAY'],
      ['deliveries', 'DEL'],
    ] as const) {
      const rows = (await (db as unknown as Kysely<any>).selectFrom(table).select('number').execute()) as {
        number: string;
      }[];
      assert.equal(new Set(rows.map((r) => r.number)).size, rows.length, `${table} numbers unique`);
      for (const { number } of rows) {
        const m = new RegExp(`^(${prefix}-\\d{4})-(\\d{4,})$`).exec(number);
        assert.ok(m, number);
        series.set(m[1], Math.max(series.get(m[1]) ?? 0, Number(m[2])));
      }
    }
    assert.deepEqual(new Map([...series].sort()), new Map([...counters].sort()));
    // Per series, the sequence has no gaps.
    const orders = await db.selectFrom('orders').select('number').execute();
    for (const [name, last] of series) {
      if (!name.startsWith('SO-')) continue;
      assert.equal(orders.filter((o) => o.number.startsWith(`${name}-`)).length, last);
    }
  });
}

describe('seed (SQLite)', () => {
  let db: Db;
  let result: Awaited<ReturnType<typeof seedDemo>>;

  before(async () => {
    db = await openDb({ dataDir: tempDir() });
    assert.equal(await isSeeded(db.kysely), false);
    result = await seedDemo(db.kysely, { now: NOW });
  });
  after(async () => {
    await db?.close();
  });

  it('returns the workspace and customers', async () => {
    const ws = await db.kysely.selectFrom('workspace').select(['id', 'name']).executeTakeFirstOrThrow();
    assert.equal(result.workspaceId, ws.id);
    assert.equal(ws.name, 'Harbour & Vine Wholesale');
    assert.equal(
      result.customers.length,
      await count(db.kysely, 'select count(*) as n from customers where archived_at is null'),
    );
  });

  it('spans two calendar years of numbering for this now', async () => {
    const names = (await db.kysely.selectFrom('counters').select('name').execute()).map((c) => c.name);
    assert.ok(names.includes('SO-2025') && names.includes('SO-2026'), names.join(', '));
  });

  it('meets the demo requirements', async (t) => {
    await checkDemoSeed(t, db.kysely, NOW);
  });

  it('refuses to seed twice', async () => {
    await assert.rejects(seedDemo(db.kysely, { now: NOW }), /already seeded/);
  });

  it('is deterministic in content for the same now', async () => {
    const other = await openDb({ dataDir: tempDir() });
    try {
      await seedDemo(other.kysely, { now: NOW });
      const snapshot = async (k: Kysely<Database>) => ({
        skus: await k.selectFrom('products').select(['sku', 'name', 'stock', 'active']).orderBy('sku').execute(),
        orders: await k
          .selectFrom('orders')
          .select(['number', 'status', 'created_at', 'total_minor', 'item_count'])
          .orderBy('number')
          .execute(),
        invoices: await k
          .selectFrom('invoices')
          .select(['number', 'total_minor', 'paid_minor'])
          .orderBy('number')
          .execute(),
        counters: await k.selectFrom('counters').selectAll().orderBy('name').execute(),
      });
      assert.deepEqual(await snapshot(other.kysely), await snapshot(db.kysely));
    } finally {
      await other.close();
    }
  });

  it('seedScale adds exactly the requested counts and continues numbering', async () => {
    const before = await tableCounts(db.kysely);
    const soBefore = await db.kysely.selectFrom('counters').selectAll().where('name', 'like', 'SO-%').execute();
    const r = await seedScale(db.kysely, { customers: 5, products: 50, orders: 200, now: NOW });
    const afterCounts = await tableCounts(db.kysely);
    assert.equal(afterCounts.customers - before.customers, 5);
    assert.equal(afterCounts.products - before.products, 50);
    assert.equal(afterCounts.orders - before.orders, 200);
    assert.equal(afterCounts.order_lines - before.order_lines, r.orderLines);
    assert.ok(r.orderLines >= 200 && r.orderLines <= 1000);
    assert.equal(afterCounts.workspace, 1);
    assert.equal(afterCounts.product_units - before.product_units, 50, 'one unit per generated product');
    const soAfter = await db.kysely.selectFrom('counters').selectAll().where('name', 'like', 'SO-%').execute();
    const total = (rows: { value: number }[]) => rows.reduce((s, c) => s + Number(c.value), 0);
    assert.equal(total(soAfter) - total(soBefore), 200);
    assert.equal(
      await count(
        db.kysely,
        'select count(*) as n from (select number from orders group by number having count(*) > 1) x',
      ),
      0,
    );
    assert.equal(
      await count(
        db.kysely,
        `
      select count(*) as n from orders o
      where o.total_minor <> o.subtotal_minor + o.freight_minor
         or o.subtotal_minor <> (select sum(l.line_total_minor) from order_lines l where l.order_id = o.id)
         or o.item_count <> (select count(*) from order_lines l where l.order_id = o.id)`,
      ),
      0,
    );
  });

  it('seedScale seeds the demo first on an empty database', async () => {
    const fresh = await openDb({ dataDir: tempDir() });
    try {
      await seedScale(fresh.kysely, { customers: 2, products: 3, orders: 10, now: NOW });
      const counts = await tableCounts(fresh.kysely);
      assert.equal(counts.workspace, 1);
      assert.equal(counts.customers, 5 + 1 + 2, 'the demo (one archived) and two more');
    } finally {
      await fresh.close();
    }
  });

  it('resetData empties every table but keeps the schema and migrations', async () => {
    await resetData(db.kysely);
    const counts = await tableCounts(db.kysely);
    for (const [table, n] of Object.entries(counts)) assert.equal(n, 0, table);
    assert.equal(await isSeeded(db.kysely), false);
    assert.ok((await count(db.kysely, 'select count(*) as n from kysely_migration')) >= 1);
    // And it can be seeded again.
    await seedDemo(db.kysely, { now: NOW });
    assert.equal(await isSeeded(db.kysely), true);
  });
});

describe('migrations (SQLite)', () => {
  it('0003 gives a workspace written before it the order-change settings, with their defaults', async () => {
    const dir = tempDir();
    const raw = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(join(dir, 'portal.sqlite')) }) });
    const old = {
      sections: { orders: true, quotes: true, invoices: true, payments: true, deliveries: false },
      create_order_on_quote_acceptance: false,
      tabs: { all: 'auto', new_arrivals: 'auto', on_sale: 'auto', past_orders: 'auto', categories: 'hide' },
      checkout_mode: 'pay_now',
      order_template: 'standard',
      freight: { flat_minor: 500, free_over_minor: null },
      payment_url: null,
      trial_expired: false,
    };
    try {
      const { error } = await new Migrator({ db: raw, provider: migrationProvider() }).migrateTo(
        '0002_idempotency_claim_owner',
      );
      assert.equal(error, undefined);
      await raw
        .insertInto('workspace')
        .values({
          id: 'w1',
          name: 'Old Ltd',
          currency: 'EUR',
          locale: 'en-IE',
          logo_url: null,
          accent_color: null,
          settings_json: JSON.stringify(old),
          admin_token_hash: null,
          created_at: NOW.toISOString(),
        })
        .execute();
    } finally {
      await raw.destroy();
    }
    const db = await openDb({ dataDir: dir });
    try {
      const stored = JSON.parse(
        (await db.kysely.selectFrom('workspace').select('settings_json').executeTakeFirstOrThrow()).settings_json,
      );
      assert.deepEqual(stored, {
        ...old,
        require_unique_reference: false,
        order_changes: {
          enabled: true,
          apply_updates_automatically: false,
          apply_cancellations_automatically: false,
          allowed_before: 'in_progress',
        },
      });
      // Settings added later (show_price_explanation, allow_orders_over_credit_limit, order_creation_status) read as their defaults.
      assert.deepEqual(
        (await getWorkspace(db.kysely)).settings,
        WorkspaceSettings.parse({
          ...stored,
          order_changes: { ...stored.order_changes, edits_allowed_before: null, cancellations_allowed_before: null },
          show_price_explanation: false,
          allow_orders_over_credit_limit: false,
          order_creation_status: 'to_plan',
        }),
      );
    } finally {
      await db.close();
    }
  });
});

describe('migration 0006 (SQLite)', () => {
  it('backfills the comparison key of the references stored before it, so they count as taken', async () => {
    const dir = tempDir();
    const raw = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(join(dir, 'portal.sqlite')) }) });
    const order = (id: string, reference: string | null, status = 'pending') => ({
      id,
      number: `SO-2026-00${id}`,
      customer_id: 'c1',
      status,
      channel: 'portal',
      customer_reference: reference,
      note: null,
      currency: 'EUR',
      subtotal_minor: 100,
      freight_minor: 0,
      total_minor: 100,
      item_count: 1,
      source_quote_id: null,
      created_at: NOW.toISOString(),
    });
    try {
      const { error } = await new Migrator({ db: raw, provider: migrationProvider() }).migrateTo(
        '0004_customer_revisions',
      );
      assert.equal(error, undefined);
      await raw
        .insertInto('customers')
        .values({
          id: 'c1',
          business_name: 'Old Ltd',
          email: null,
          price_group_id: null,
          credit_limit_minor: 0,
          created_at: NOW.toISOString(),
        })
        .execute();
      await raw
        .insertInto('orders')
        .values([order('01', 'PO-\u200B77'), order('02', 'Ref-A'), order('03', null)])
        .execute();
    } finally {
      await raw.destroy();
    }
    const db = await openDb({ dataDir: dir });
    try {
      const rows = await db.kysely
        .selectFrom('orders')
        .select(['id', 'customer_reference', 'customer_reference_key'])
        .orderBy('id')
        .execute();
      assert.deepEqual(rows, [
        { id: '01', customer_reference: 'PO-\u200B77', customer_reference_key: 'po-77' },
        { id: '02', customer_reference: 'Ref-A', customer_reference_key: 'ref-a' },
        { id: '03', customer_reference: null, customer_reference_key: null },
      ]);
      assert.equal(await referenceTaken(db.kysely, 'c1', 'p\u041E-77'), true);
      assert.equal(await referenceTaken(db.kysely, 'c1', 'REF-A'), true);
      assert.equal(await referenceTaken(db.kysely, 'c1', 'REF-B'), false);
    } finally {
      await db.close();
    }
  });
});

const pgUrl = process.env.TEST_DATABASE_URL;
describe(
  'seed (PostgreSQL)',
  { skip: pgUrl ? false : 'skipped: set TEST_DATABASE_URL to run against PostgreSQL' },
  () => {
    let db: Db;

    before(async () => {
      db = await openDb({ dataDir: tempDir(), databaseUrl: pgUrl });
      await resetData(db.kysely);
      await seedDemo(db.kysely, { now: NOW });
    });
    after(async () => {
      await db?.close();
    });

    it('meets the demo requirements', async (t) => {
      await checkDemoSeed(t, db.kysely, NOW);
    });

    it('seedScale adds exactly the requested counts', async () => {
      const before = await tableCounts(db.kysely);
      await seedScale(db.kysely, { customers: 5, products: 50, orders: 200, now: NOW });
      const afterCounts = await tableCounts(db.kysely);
      assert.equal(afterCounts.customers - before.customers, 5);
      assert.equal(afterCounts.products - before.products, 50);
      assert.equal(afterCounts.orders - before.orders, 200);
    });

    it('resetData empties every table', async () => {
      await resetData(db.kysely);
      for (const [table, n] of Object.entries(await tableCounts(db.kysely))) assert.equal(n, 0, table);
    });
  },
);
