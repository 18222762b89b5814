/**
 * The back office's catalogue as an ERP sync sees it (issue 15): products in bulk, categories,
 * price groups, price lists and their entries, promotions; and what a customer sees after each
 * change. Success bodies are parsed with the contract's schemas; errors are checked by status,
 * code and the rows and fields `details` names.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  AdminPriceList,
  AdminPriceListList,
  AdminProductList,
  BulkProductsResult,
  Catalog,
  Category,
  CategoryList,
  DeletedEntries,
  MAX_BULK_ROWS,
  PriceEntriesResult,
  PriceGroup,
  PriceGroupList,
  PriceListDetail,
  Product,
  Promotion,
  PromotionList,
  type ProductRow,
} from '../../widget/contract/index.ts';
import { resolvePrice } from '../../widget/pricing/index.ts';
import { catalogRevision } from '../../demo-server/db/catalog.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const PRODUCTS = '/api/v1/products';
const BULK = '/api/v1/products/bulk';
const CATEGORIES = '/api/v1/categories';
const GROUPS = '/api/v1/price-groups';
const LISTS = '/api/v1/price-lists';
const PROMOTIONS = '/api/v1/promotions';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Detail = { row?: number; field: string; path: string; message: string };
const details = (error: { details?: unknown }) => (error.details as Detail[]).map((d) => `${d.row ?? '-'} ${d.field}`);

const row = (sku: string, extra: Partial<ProductRow> = {}): ProductRow => ({
  sku,
  name: `Product ${sku}`,
  units: [{ code: 'each', name: 'Each', contains: 1, base_price_minor: 250 }],
  ...extra,
});

async function json<T>(res: Response, status: number, schema: { parse(v: unknown): T }): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return schema.parse(JSON.parse(text));
}

async function bulk(server: TestServer, products: unknown[]) {
  return json(await server.admin(BULK, { body: { products } }), 200, BulkProductsResult);
}

async function productBySku(server: TestServer, sku: string): Promise<Product> {
  const list = await json(await server.admin(`${PRODUCTS}?q=${encodeURIComponent(sku)}`), 200, AdminProductList);
  const product = list.items.find((p) => p.sku === sku);
  assert.ok(product, `no product ${sku}`);
  return product;
}

async function catalogFor(server: TestServer, token: string) {
  const res = await server.request(portal(token, '/catalog'));
  return json(res, 200, Catalog);
}

/** A seeded customer with a price group, the group's list and a portal token. */
async function groupCustomer(server: TestServer) {
  const customers = (await (await server.admin('/api/v1/customers?limit=100')).json()).items as {
    id: string;
    price_group: { id: string } | null;
  }[];
  const customer = customers.find((c) => c.price_group);
  assert.ok(customer, 'the demo has a customer with a price group');
  const lists = await json(await server.admin(`${LISTS}?limit=100`), 200, AdminPriceListList);
  const list = lists.items.find((l) => l.price_group?.id === customer.price_group!.id);
  assert.ok(list, 'the group has a price list');
  return { customer, list, token: await server.tokenFor(customer.id) };
}

forEachDatabase('back-office catalogue', (kind) => {
  describe('products', () => {
    const s = useServer(kind);

    it('bulk upsert creates new SKUs and updates known ones by SKU, keeping fields left out', async () => {
      const server = s.get();
      const categories = await json(await server.admin(CATEGORIES), 200, CategoryList);
      const category = categories.items[0].id;
      assert.deepEqual(
        await bulk(server, [
          row('ERP-1', { category_id: category, description: 'First', stock: 'low_stock', new_arrival: true }),
          row('ERP-2', {
            units: [
              { code: 'each', name: 'Each', contains: 1, base_price_minor: 100 },
              { code: 'box6', name: 'Box of 6', contains: 6, base_price_minor: 550 },
            ],
          }),
        ]),
        { created: 2, updated: 0, unchanged: 0 },
      );

      const first = await productBySku(server, 'ERP-1');
      assert.deepEqual(
        { ...first, id: 'x' },
        {
          id: 'x',
          sku: 'ERP-1',
          name: 'Product ERP-1',
          description: 'First',
          image_url: null,
          category_id: category,
          new_arrival: true,
          active: true,
          stock: 'low_stock',
          units: [{ code: 'each', name: 'Each', contains: 1, base_price_minor: 250 }],
        },
      );
      assert.deepEqual(await json(await server.admin(`${PRODUCTS}/${first.id}`), 200, Product), first);

      // ERP-1 changes its stock only; ERP-2 is sent as it is; ERP-3 is new.
      const second = await productBySku(server, 'ERP-2');
      assert.deepEqual(
        await bulk(server, [
          { sku: 'ERP-1', stock: 'out_of_stock' },
          { sku: 'ERP-2', name: second.name, units: second.units },
          row('ERP-3'),
        ]),
        { created: 1, updated: 1, unchanged: 1 },
      );
      assert.deepEqual(await productBySku(server, 'ERP-1'), { ...first, stock: 'out_of_stock' });
      assert.deepEqual(await productBySku(server, 'ERP-2'), second);

      // Units are replaced as a whole.
      await bulk(server, [
        { sku: 'ERP-2', units: [{ code: 'case', name: 'Case', contains: 24, base_price_minor: 2000 }] },
      ]);
      assert.deepEqual((await productBySku(server, 'ERP-2')).units, [
        { code: 'case', name: 'Case', contains: 24, base_price_minor: 2000 },
      ]);
    });

    it('lists by SKU with search, filters and cursor paging', async () => {
      const server = s.get();
      await bulk(server, [
        row('LIST-a_1'),
        row('LIST-b%2', { active: false }),
        row('LIST-c3', { name: 'Special Blend' }),
      ]);

      const search = await json(await server.admin(`${PRODUCTS}?q=list-`), 200, AdminProductList);
      assert.deepEqual(
        search.items.map((p) => p.sku),
        ['LIST-a_1', 'LIST-b%2', 'LIST-c3'],
      );
      // LIKE's wildcards in `q` match only themselves.
      assert.deepEqual(
        (await json(await server.admin(`${PRODUCTS}?q=${encodeURIComponent('%')}`), 200, AdminProductList)).items.map(
          (p) => p.sku,
        ),
        ['LIST-b%2'],
      );
      assert.deepEqual(
        (await json(await server.admin(`${PRODUCTS}?q=a_`), 200, AdminProductList)).items.map((p) => p.sku),
        ['LIST-a_1'],
      );
      assert.deepEqual(
        (await json(await server.admin(`${PRODUCTS}?q=special%20BLEND`), 200, AdminProductList)).items.map(
          (p) => p.sku,
        ),
        ['LIST-c3'],
      );
      assert.deepEqual(
        (await json(await server.admin(`${PRODUCTS}?q=LIST&active=false`), 200, AdminProductList)).items.map(
          (p) => p.sku,
        ),
        ['LIST-b%2'],
      );

      const category = (await json(await server.admin(CATEGORIES), 200, CategoryList)).items[1].id;
      const inCategory = await json(
        await server.admin(`${PRODUCTS}?category_id=${category}&limit=100`),
        200,
        AdminProductList,
      );
      assert.ok(inCategory.items.length > 0 && inCategory.items.every((p) => p.category_id === category));

      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Product[]; next_cursor: string | null } = await json(
          await server.admin(`${PRODUCTS}?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
          200,
          AdminProductList,
        );
        all.push(...page.items.map((p) => p.sku));
        cursor = page.next_cursor;
      } while (cursor);
      const count = await server.db.kysely
        .selectFrom('products')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(all.length, Number(count.n));
      assert.deepEqual(all, [...all].sort());
    });

    it('refuses the whole call, naming each refused row and field, and writes nothing', async () => {
      const server = s.get();
      const before = await catalogRevision(server.db.kysely);
      const res = await server.admin(BULK, {
        body: {
          products: [
            row('BAD-1'),
            row('BAD-2', { category_id: UNKNOWN_ID }),
            row('BAD-1'),
            { sku: 'BAD-3' },
            row('BAD-4', {
              units: [
                { code: 'each', name: 'Each', contains: 1, base_price_minor: 1 },
                { code: 'each', name: 'Each', contains: 1, base_price_minor: 1 },
              ],
            }),
          ],
        },
      });
      assert.equal(res.status, 422);
      const error = await errorOf(res);
      assert.equal(error.code, 'rows_refused');
      assert.deepEqual(details(error), ['2 sku', '4 units']);

      const second = await server.admin(BULK, {
        body: { products: [row('BAD-1'), row('BAD-2', { category_id: UNKNOWN_ID }), { sku: 'BAD-3' }] },
      });
      assert.equal(second.status, 422);
      const secondError = await errorOf(second);
      assert.deepEqual(details(secondError), ['1 category_id', '2 name', '2 units']);
      assert.equal((secondError.details as Detail[])[0].path, 'body.products.1.category_id');

      const written = await server.db.kysely
        .selectFrom('products')
        .select('sku')
        .where('sku', 'like', 'BAD-%')
        .execute();
      assert.deepEqual(written, []);
      assert.equal(await catalogRevision(server.db.kysely), before, 'a refused call moves nothing');
    });

    it('answers 400 for a negative price and 413 for more than 10,000 rows', async () => {
      const server = s.get();
      const negative = await server.admin(BULK, {
        body: {
          products: [row('NEG-1', { units: [{ code: 'each', name: 'Each', contains: 1, base_price_minor: -1 }] })],
        },
      });
      assert.equal(negative.status, 400);
      assert.deepEqual((await errorOf(negative)).details, [
        { path: 'body.products.0.units.0.base_price_minor', message: 'Too small: expected number to be >=0' },
      ]);

      const tooMany = await server.admin(BULK, {
        body: { products: Array.from({ length: MAX_BULK_ROWS + 1 }, (_, i) => ({ sku: `M${i}` })) },
      });
      assert.equal(tooMany.status, 413);
      assert.equal((await errorOf(tooMany)).code, 'payload_too_large');

      const tooLarge = await server.admin(BULK, {
        body: { products: [row('BIG', { description: 'x'.repeat(5000) })], padding: 'x'.repeat(17 * 1024 * 1024) },
      });
      assert.equal(tooLarge.status, 413);
      assert.match((await errorOf(tooLarge)).message, /16 MB/);
    });

    it('PATCH changes stock, active, name and base prices; the customer sees it and the pricing module prices it', async () => {
      const server = s.get();
      const { customer: _, token } = await groupCustomer(server);
      await bulk(server, [
        row('PATCH-1', {
          units: [
            { code: 'each', name: 'Each', contains: 1, base_price_minor: 300 },
            { code: 'box', name: 'Box', contains: 10, base_price_minor: 2900 },
          ],
        }),
      ]);
      const product = await productBySku(server, 'PATCH-1');
      const seen = await catalogFor(server, token);
      assert.equal(
        resolvePrice(
          seen.pricing,
          seen.products.find((p) => p.id === product.id)!,
          'box',
          1,
          server.clock.now,
        ).price?.unit_price_minor,
        2900,
      );

      const patched = await json(
        await server.admin(`${PRODUCTS}/${product.id}`, {
          method: 'PATCH',
          body: { stock: 'low_stock', name: 'Patched', base_prices: { box: 2500 } },
        }),
        200,
        Product,
      );
      assert.deepEqual(patched, {
        ...product,
        stock: 'low_stock',
        name: 'Patched',
        units: [product.units[0], { ...product.units[1], base_price_minor: 2500 }],
      });

      const after = await catalogFor(server, token);
      const shown = after.products.find((p) => p.id === product.id)!;
      assert.equal(shown.stock, 'low_stock');
      assert.equal(shown.name, 'Patched');
      assert.equal(resolvePrice(after.pricing, shown, 'box', 1, server.clock.now).price?.unit_price_minor, 2500);

      await json(
        await server.admin(`${PRODUCTS}/${product.id}`, { method: 'PATCH', body: { active: false } }),
        200,
        Product,
      );
      const inactive = await catalogFor(server, token);
      assert.equal(
        resolvePrice(
          inactive.pricing,
          inactive.products.find((p) => p.id === product.id)!,
          'box',
          1,
          server.clock.now,
        ).reason,
        'inactive',
      );
    });

    it('PATCH refuses an unknown unit code or category (422) and an unknown product (404)', async () => {
      const server = s.get();
      await bulk(server, [row('PATCH-2')]);
      const product = await productBySku(server, 'PATCH-2');
      const res = await server.admin(`${PRODUCTS}/${product.id}`, {
        method: 'PATCH',
        body: { base_prices: { pallet: 1 }, category_id: UNKNOWN_ID },
      });
      assert.equal(res.status, 422);
      assert.deepEqual((await errorOf(res)).details, [
        { field: 'category_id', path: 'body.category_id', message: `No category ${UNKNOWN_ID}.` },
        { field: 'base_prices', path: 'body.base_prices.pallet', message: 'The product has no unit pallet.' },
      ]);
      assert.equal(
        (await server.admin(`${PRODUCTS}/${UNKNOWN_ID}`, { method: 'PATCH', body: { stock: 'in_stock' } })).status,
        404,
      );
      assert.equal((await server.admin(`${PRODUCTS}/${UNKNOWN_ID}`)).status, 404);
    });
  });

  describe('categories and price groups', () => {
    const s = useServer(kind);

    it('creates, lists and changes categories; a taken id is 409, an unknown one 404', async () => {
      const server = s.get();
      const created = await json(await server.admin(CATEGORIES, { body: { name: 'Frozen' } }), 201, Category);
      const own = await json(
        await server.admin(CATEGORIES, { body: { id: 'ERP-CAT-9', name: 'Spices', position: 0 } }),
        201,
        Category,
      );
      assert.equal(own.id, 'ERP-CAT-9');
      const list = await json(await server.admin(`${CATEGORIES}?limit=100`), 200, CategoryList);
      assert.equal(list.items.at(-1)?.id, created.id, 'a new category goes after the others');
      assert.equal(
        created.position,
        Math.max(...list.items.filter((c) => c.id !== created.id).map((c) => c.position)) + 1,
      );

      const moved = await json(
        await server.admin(`${CATEGORIES}/${created.id}`, {
          method: 'PATCH',
          body: { name: 'Frozen food', position: 0 },
        }),
        200,
        Category,
      );
      assert.deepEqual(moved, { id: created.id, name: 'Frozen food', position: 0, tab_visibility: 'auto' });
      assert.equal((await server.admin(CATEGORIES, { body: { id: 'ERP-CAT-9', name: 'Again' } })).status, 409);
      assert.equal(
        (await server.admin(`${CATEGORIES}/${UNKNOWN_ID}`, { method: 'PATCH', body: { name: 'x' } })).status,
        404,
      );
      // A cursor of another list (a promotion's start) is refused, not read as a position.
      const foreign = Buffer.from(JSON.stringify(['1970-01-01T00:00:00.000Z', created.id])).toString('base64url');
      const refusedCursor = await server.admin(`${CATEGORIES}?cursor=${foreign}`);
      assert.equal(refusedCursor.status, 400, await refusedCursor.clone().text());
      assert.equal((await errorOf(refusedCursor)).code, 'validation_failed');

      const token = await server.tokenFor(server.customers[0].id);
      assert.ok(
        (await catalogFor(server, token)).categories.some((c) => c.id === created.id && c.name === 'Frozen food'),
      );
    });

    it("a category's tab_visibility round-trips; a hidden category is not in the customer's catalogue, its products are", async () => {
      const server = s.get();
      const token = await server.tokenFor(server.customers[0].id);
      const shown = await json(
        await server.admin(CATEGORIES, { body: { name: 'Seasonal', tab_visibility: 'show' } }),
        201,
        Category,
      );
      assert.equal(shown.tab_visibility, 'show');
      const withProducts = (await catalogFor(server, token)).products.find((p) => p.category_id)!.category_id;
      const first = (await json(await server.admin(`${CATEGORIES}?limit=100`), 200, CategoryList)).items.find(
        (c) => c.id === withProducts,
      )!;
      assert.equal(first.tab_visibility, 'auto', "unset: the workspace's default");
      const hidden = await json(
        await server.admin(`${CATEGORIES}/${first.id}`, { method: 'PATCH', body: { tab_visibility: 'hide' } }),
        200,
        Category,
      );
      assert.deepEqual(hidden, { ...first, tab_visibility: 'hide' });
      const listed = (await json(await server.admin(`${CATEGORIES}?limit=100`), 200, CategoryList)).items;
      assert.equal(listed.find((c) => c.id === first.id)?.tab_visibility, 'hide', 'the back office still lists it');

      const catalog = await catalogFor(server, token);
      assert.ok(!catalog.categories.some((c) => c.id === first.id), 'a hidden category is not served as a tab');
      assert.equal(catalog.categories.find((c) => c.id === shown.id)?.tab_visibility, 'show');
      assert.ok(
        catalog.products.some((p) => p.category_id === first.id),
        'its products stay, for All and search',
      );

      assert.equal(
        (await server.admin(`${CATEGORIES}/${first.id}`, { method: 'PATCH', body: { tab_visibility: 'never' } }))
          .status,
        400,
      );
      const back = await json(
        await server.admin(`${CATEGORIES}/${first.id}`, { method: 'PATCH', body: { tab_visibility: 'auto' } }),
        200,
        Category,
      );
      assert.equal(back.tab_visibility, 'auto');
      assert.ok(
        (await catalogFor(server, token)).categories.some((c) => c.id === first.id && c.tab_visibility === 'auto'),
        'shown again',
      );
    });

    it('creating a price group makes its own price list', async () => {
      const server = s.get();
      const group = await json(
        await server.admin(GROUPS, { body: { name: 'Wholesale', price_list_name: 'Wholesale 2027' } }),
        201,
        PriceGroup,
      );
      assert.ok(group.price_list_id);
      const groups = await json(await server.admin(GROUPS), 200, PriceGroupList);
      assert.deepEqual(
        groups.items.find((g) => g.id === group.id),
        group,
      );
      const list = await json(await server.admin(`${LISTS}/${group.price_list_id}`), 200, PriceListDetail);
      assert.deepEqual(list, {
        id: group.price_list_id,
        name: 'Wholesale 2027',
        kind: 'group',
        price_group: { id: group.id, name: 'Wholesale' },
        entry_count: 0,
        entries: [],
        next_cursor: null,
      });
      assert.equal((await server.admin(GROUPS, { body: { id: group.id, name: 'Twice' } })).status, 409);
    });
  });

  describe('price lists', () => {
    const s = useServer(kind);

    it("a price changed through the API reaches the group's customers: catalogue answer, cache and pricing module", async () => {
      const server = s.get();
      const { list, token } = await groupCustomer(server);
      const before = await catalogFor(server, token);
      // A product the group's list prices, that no promotion touches.
      const promoted = new Set(before.pricing.promotions.flatMap((p) => p.product_ids));
      const entry = before.pricing.group_list!.entries.find((e) => !promoted.has(e.product_id))!;
      const product = before.products.find((p) => p.id === entry.product_id)!;
      const old = resolvePrice(before.pricing, product, entry.uom, 1, server.clock.now).price!.unit_price_minor;
      const revision = await catalogRevision(server.db.kysely);

      const result = await json(
        await server.admin(`${LISTS}/${list.id}/entries`, {
          method: 'PUT',
          body: { entries: [{ sku: product.sku, uom: entry.uom, unit_price_minor: old + 111 }] },
        }),
        200,
        PriceEntriesResult,
      );
      assert.deepEqual(result, {
        created: entry.tiers[0].min_quantity === 1 ? 0 : 1,
        updated: entry.tiers[0].min_quantity === 1 ? 1 : 0,
        deleted: 0,
      });
      assert.ok((await catalogRevision(server.db.kysely)) > revision);

      const after = await catalogFor(server, token);
      assert.equal(
        resolvePrice(after.pricing, product, entry.uom, 1, server.clock.now).price!.unit_price_minor,
        old + 111,
      );
      // Customers of other groups keep their price.
      const other = (await (await server.admin('/api/v1/customers?limit=100')).json()).items.find(
        (c: { price_group: { id: string } | null }) => c.price_group && c.price_group.id !== list.price_group!.id,
      );
      const theirs = await catalogFor(server, await server.tokenFor(other.id));
      assert.notEqual(
        resolvePrice(theirs.pricing, product, entry.uom, 1, server.clock.now).price!.unit_price_minor,
        old + 111,
      );
    });

    it('sets tiers by id or SKU, reads them a page at a time, replaces and deletes them', async () => {
      const server = s.get();
      const group = await json(await server.admin(GROUPS, { body: { name: 'Tiers' } }), 201, PriceGroup);
      const path = `${LISTS}/${group.price_list_id}`;
      await bulk(server, [
        row('TIER-1'),
        row('TIER-2', {
          units: [
            { code: 'each', name: 'Each', contains: 1, base_price_minor: 9 },
            { code: 'box', name: 'Box', contains: 5, base_price_minor: 40 },
          ],
        }),
      ]);
      const [one, two] = [await productBySku(server, 'TIER-1'), await productBySku(server, 'TIER-2')];

      const entries = [
        { product_id: one.id, uom: 'each', unit_price_minor: 200 },
        { sku: 'TIER-1', uom: 'each', min_quantity: 10, unit_price_minor: 180 },
        { sku: 'TIER-2', uom: 'each', unit_price_minor: 8 },
        { sku: 'TIER-2', uom: 'box', unit_price_minor: 35 },
      ];
      assert.deepEqual(
        await json(
          await server.admin(`${path}/entries`, { method: 'PUT', body: { entries } }),
          200,
          PriceEntriesResult,
        ),
        { created: 4, updated: 0, deleted: 0 },
      );
      assert.deepEqual(
        await json(
          await server.admin(`${path}/entries`, {
            method: 'PUT',
            body: { entries: [{ sku: 'TIER-1', uom: 'each', min_quantity: 10, unit_price_minor: 170 }] },
          }),
          200,
          PriceEntriesResult,
        ),
        { created: 0, updated: 1, deleted: 0 },
      );

      const read: unknown[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { entries: unknown[]; next_cursor: string | null; entry_count: number } = await json(
          await server.admin(`${path}?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
          200,
          PriceListDetail,
        );
        assert.equal(page.entry_count, 4);
        read.push(...page.entries);
        cursor = page.next_cursor;
        pages++;
      } while (cursor);
      assert.equal(pages, 2);
      const expected = [
        { product_id: one.id, sku: 'TIER-1', uom: 'each', min_quantity: 1, unit_price_minor: 200 },
        { product_id: one.id, sku: 'TIER-1', uom: 'each', min_quantity: 10, unit_price_minor: 170 },
        { product_id: two.id, sku: 'TIER-2', uom: 'box', min_quantity: 1, unit_price_minor: 35 },
        { product_id: two.id, sku: 'TIER-2', uom: 'each', min_quantity: 1, unit_price_minor: 8 },
      ].sort((a, b) => (a.product_id === b.product_id ? 0 : a.product_id < b.product_id ? -1 : 1));
      assert.deepEqual(read, expected);
      assert.equal((await server.admin(`${path}?cursor=nonsense`)).status, 400);

      const deleted = await json(
        await server.admin(`${path}/entries/delete`, {
          body: {
            entries: [
              { sku: 'TIER-1', uom: 'each', min_quantity: 10 },
              { product_id: two.id, uom: 'box' },
            ],
          },
        }),
        200,
        DeletedEntries,
      );
      assert.deepEqual(deleted, { deleted: 2 });
      const replaced = await json(
        await server.admin(`${path}/entries`, {
          method: 'PUT',
          body: { replace: true, entries: [{ sku: 'TIER-2', uom: 'each', unit_price_minor: 7 }] },
        }),
        200,
        PriceEntriesResult,
      );
      assert.deepEqual(replaced, { created: 0, updated: 1, deleted: 1 });
      assert.deepEqual((await json(await server.admin(path), 200, PriceListDetail)).entries, [
        { product_id: two.id, sku: 'TIER-2', uom: 'each', min_quantity: 1, unit_price_minor: 7 },
      ]);
    });

    it('refuses unknown products and units, a tier twice and a row naming no product (422), a negative price (400), an unknown list (404)', async () => {
      const server = s.get();
      const { list } = await groupCustomer(server);
      const path = `${LISTS}/${list.id}/entries`;
      const before = await json(await server.admin(`${LISTS}/${list.id}?limit=1000`), 200, PriceListDetail);
      await bulk(server, [row('ENTRY-1')]);
      const res = await server.admin(path, {
        method: 'PUT',
        body: {
          entries: [
            { sku: 'ENTRY-1', uom: 'each', unit_price_minor: 100 },
            { sku: 'NO-SUCH-SKU', uom: 'each', unit_price_minor: 100 },
            { product_id: UNKNOWN_ID, uom: 'each', unit_price_minor: 100 },
            { sku: 'ENTRY-1', uom: 'pallet', unit_price_minor: 100 },
            { sku: 'ENTRY-1', uom: 'each', min_quantity: 1, unit_price_minor: 90 },
            { uom: 'each', unit_price_minor: 100 },
          ],
        },
      });
      assert.equal(res.status, 422);
      assert.deepEqual(details(await errorOf(res)), [
        '1 sku',
        '2 product_id',
        '5 product_id',
        '3 uom',
        '4 min_quantity',
      ]);
      assert.deepEqual(
        await json(await server.admin(`${LISTS}/${list.id}?limit=1000`), 200, PriceListDetail),
        before,
        'nothing was written',
      );

      const negative = await server.admin(path, {
        method: 'PUT',
        body: { entries: [{ sku: 'ENTRY-1', uom: 'each', unit_price_minor: -5 }] },
      });
      assert.equal(negative.status, 400);
      assert.equal(
        (await server.admin(`${LISTS}/${UNKNOWN_ID}/entries`, { method: 'PUT', body: { entries: [] } })).status,
        404,
      );
      assert.equal((await server.admin(`${LISTS}/${UNKNOWN_ID}`)).status, 404);
      const tooMany = await server.admin(path, {
        method: 'PUT',
        body: {
          entries: Array.from({ length: MAX_BULK_ROWS + 1 }, () => ({
            sku: 'ENTRY-1',
            uom: 'each',
            unit_price_minor: 1,
          })),
        },
      });
      assert.equal(tooMany.status, 413);
      const unknownDelete = await server.admin(`${path}/delete`, { body: { entries: [{ sku: 'NO-SUCH-SKU' }] } });
      assert.equal(unknownDelete.status, 422);
      assert.deepEqual(details(await errorOf(unknownDelete)), ['0 sku']);
    });
  });

  describe('promotions', () => {
    const s = useServer(kind);

    it('create, change and end: the customer sees the discount, then no longer', async () => {
      const server = s.get();
      const { token } = await groupCustomer(server);
      await bulk(server, [
        row('PROMO-1', { units: [{ code: 'each', name: 'Each', contains: 1, base_price_minor: 1000 }] }),
      ]);
      const product = await productBySku(server, 'PROMO-1');
      const now = server.clock.now.getTime();
      const iso = (ms: number) => new Date(now + ms).toISOString();
      const promotion = await json(
        await server.admin(PROMOTIONS, {
          body: {
            name: 'Launch',
            discount: { type: 'percent', basis_points: 2000 },
            starts_at: iso(-60_000),
            ends_at: iso(86_400_000),
            product_ids: [product.id, product.id],
          },
        }),
        201,
        Promotion,
      );
      assert.deepEqual(promotion.product_ids, [product.id]);
      const price = async () => {
        const catalog = await catalogFor(server, token);
        return resolvePrice(
          catalog.pricing,
          catalog.products.find((p) => p.id === product.id)!,
          'each',
          1,
          server.clock.now,
        ).price!.unit_price_minor;
      };
      assert.equal(await price(), 800);
      const running = await json(await server.admin(`${PROMOTIONS}?state=running&limit=100`), 200, PromotionList);
      assert.ok(running.items.some((p) => p.id === promotion.id));

      const changed = await json(
        await server.admin(`${PROMOTIONS}/${promotion.id}`, {
          method: 'PATCH',
          body: { discount: { type: 'amount_off', amount_minor: 150 } },
        }),
        200,
        Promotion,
      );
      assert.deepEqual(changed, { ...promotion, discount: { type: 'amount_off', amount_minor: 150 } });
      assert.equal(await price(), 850);

      const ended = await json(
        await server.admin(`${PROMOTIONS}/${promotion.id}/end`, { method: 'POST' }),
        200,
        Promotion,
      );
      assert.equal(ended.ends_at, server.clock.now.toISOString());
      assert.equal(await price(), 1000);
      const endedList = await json(await server.admin(`${PROMOTIONS}?state=ended&limit=100`), 200, PromotionList);
      assert.ok(endedList.items.some((p) => p.id === promotion.id));
      // Ending twice changes nothing.
      assert.deepEqual(
        await json(await server.admin(`${PROMOTIONS}/${promotion.id}/end`, { method: 'POST' }), 200, Promotion),
        ended,
      );
    });

    it('refuses an end before the start and unknown products (422), an unknown promotion (404)', async () => {
      const server = s.get();
      const [product] = (await json(await server.admin(`${PRODUCTS}?limit=1`), 200, AdminProductList)).items;
      const res = await server.admin(PROMOTIONS, {
        body: {
          name: 'Backwards',
          discount: { type: 'percent', basis_points: 100 },
          starts_at: '2026-07-01T00:00:00+02:00',
          ends_at: '2026-06-30T22:00:00Z',
          product_ids: [product.id, UNKNOWN_ID],
        },
      });
      assert.equal(res.status, 422);
      assert.deepEqual((await errorOf(res)).details, [
        { field: 'ends_at', path: 'body.ends_at', message: 'A promotion ends after it starts.' },
        { row: 1, field: 'product_ids', path: 'body.product_ids.1', message: `No product ${UNKNOWN_ID}.` },
      ]);
      const farAway = await server.admin(PROMOTIONS, {
        body: {
          name: 'Far away',
          discount: { type: 'percent', basis_points: 100 },
          starts_at: '9999-12-31T22:00:00-12:00',
          ends_at: '9999-12-31T23:00:00-12:00',
          product_ids: [product.id],
        },
      });
      assert.equal(farAway.status, 422, await farAway.clone().text());
      assert.deepEqual(details(await errorOf(farAway)), ['- starts_at', '- ends_at']);
      assert.equal((await server.admin(`${PROMOTIONS}/${UNKNOWN_ID}/end`, { method: 'POST' })).status, 404);
      assert.equal(
        (await server.admin(`${PROMOTIONS}/${UNKNOWN_ID}`, { method: 'PATCH', body: { name: 'x' } })).status,
        404,
      );
    });
  });

  describe('catalogue revision', () => {
    const s = useServer(kind);

    it('every write moves the revision the customers’ catalogue cache is keyed on', async () => {
      const server = s.get();
      const db = server.db.kysely;
      await bulk(server, [row('REV-1')]);
      const product = await productBySku(server, 'REV-1');
      const group = await json(await server.admin(GROUPS, { body: { name: 'Revisions' } }), 201, PriceGroup);
      const category = (await json(await server.admin(CATEGORIES), 200, CategoryList)).items[0];
      const starts = server.clock.now.toISOString();
      const ends = new Date(server.clock.now.getTime() + 3_600_000).toISOString();
      let promotionId = '';
      const writes: [string, () => Promise<Response>][] = [
        ['bulk upsert', () => server.admin(BULK, { body: { products: [{ sku: 'REV-1', stock: 'low_stock' }] } })],
        [
          'bulk upsert of units alone',
          () =>
            server.admin(BULK, {
              body: {
                products: [{ sku: 'REV-1', units: [{ code: 'each', name: 'Each', contains: 1, base_price_minor: 1 }] }],
              },
            }),
        ],
        [
          'product patch',
          () => server.admin(`${PRODUCTS}/${product.id}`, { method: 'PATCH', body: { base_prices: { each: 2 } } }),
        ],
        ['category create', () => server.admin(CATEGORIES, { body: { name: 'Rev' } })],
        [
          'category patch',
          () => server.admin(`${CATEGORIES}/${category.id}`, { method: 'PATCH', body: { name: 'Renamed' } }),
        ],
        ['price group create', () => server.admin(GROUPS, { body: { name: 'Rev group' } })],
        [
          'entries put',
          () =>
            server.admin(`${LISTS}/${group.price_list_id}/entries`, {
              method: 'PUT',
              body: { entries: [{ sku: 'REV-1', uom: 'each', unit_price_minor: 5 }] },
            }),
        ],
        [
          'entries delete',
          () =>
            server.admin(`${LISTS}/${group.price_list_id}/entries/delete`, { body: { entries: [{ sku: 'REV-1' }] } }),
        ],
        [
          'promotion create',
          async () => {
            const res = await server.admin(PROMOTIONS, {
              body: {
                name: 'Rev',
                discount: { type: 'percent', basis_points: 100 },
                starts_at: starts,
                ends_at: ends,
                product_ids: [product.id],
              },
            });
            promotionId = (await res.clone().json()).id;
            return res;
          },
        ],
        [
          'promotion patch',
          () => server.admin(`${PROMOTIONS}/${promotionId}`, { method: 'PATCH', body: { name: 'Rev 2' } }),
        ],
        ['promotion end', () => server.admin(`${PROMOTIONS}/${promotionId}/end`, { method: 'POST' })],
      ];
      for (const [name, write] of writes) {
        const before = await catalogRevision(db);
        const res = await write();
        assert.ok(res.status < 300, `${name}: ${res.status} ${await res.text()}`);
        assert.ok((await catalogRevision(db)) > before, `${name} moved the revision`);
      }
      // A sync that sends what is stored changes nothing, and keeps every cached catalogue.
      const stored = await productBySku(server, 'REV-1');
      const before = await catalogRevision(db);
      assert.deepEqual(
        await bulk(server, [{ sku: 'REV-1', name: stored.name, units: stored.units, stock: stored.stock }]),
        { created: 0, updated: 0, unchanged: 1 },
      );
      assert.equal(await catalogRevision(db), before);
    });
  });
});

describe('back-office catalogue: 10,000 rows a call', () => {
  // Once, on the first database kind: the time is reported, not asserted.
  const s = useServer(kind10k());

  it('creates and then updates 10,000 products with their units in one call each, and 10,000 list entries', async () => {
    const server = s.get();
    const categories = (await json(await server.admin(CATEGORIES), 200, CategoryList)).items;
    const rows = Array.from({ length: MAX_BULK_ROWS }, (_, i) =>
      row(`BULK-${String(i).padStart(5, '0')}`, {
        category_id: categories[i % categories.length].id,
        description: 'Synced from the ERP.',
        units: [
          { code: 'each', name: 'Each', contains: 1, base_price_minor: 100 + i },
          { code: 'case12', name: 'Case of 12', contains: 12, base_price_minor: 1100 + i },
        ],
      }),
    );
    const timed = async <T>(what: string, run: () => Promise<T>) => {
      const start = performance.now();
      const result = await run();
      console.log(`catalogue bulk [${kind10k()}] ${what}: ${Math.round(performance.now() - start)} ms`);
      return result;
    };
    assert.deepEqual(await timed('10,000 new products', () => bulk(server, rows)), {
      created: MAX_BULK_ROWS,
      updated: 0,
      unchanged: 0,
    });
    const changed = rows.map((r, i) => ({ ...r, units: [{ ...r.units![0], base_price_minor: 200 + i }, r.units![1]] }));
    assert.deepEqual(await timed('10,000 changed products', () => bulk(server, changed)), {
      created: 0,
      updated: MAX_BULK_ROWS,
      unchanged: 0,
    });
    assert.deepEqual(await timed('10,000 unchanged products', () => bulk(server, changed)), {
      created: 0,
      updated: 0,
      unchanged: MAX_BULK_ROWS,
    });
    assert.equal((await productBySku(server, 'BULK-09999')).units[0].base_price_minor, 200 + 9999);

    const list = (await json(await server.admin(LISTS), 200, AdminPriceListList)).items.find(
      (l) => l.kind === 'default',
    )!;
    const entries = rows.map((r, i) => ({ sku: r.sku, uom: 'each', unit_price_minor: 90 + i }));
    const put = await timed('10,000 list entries', async () =>
      json(
        await server.admin(`${LISTS}/${list.id}/entries`, { method: 'PUT', body: { entries } }),
        200,
        PriceEntriesResult,
      ),
    );
    assert.deepEqual(put, { created: MAX_BULK_ROWS, updated: 0, deleted: 0 });
    assert.equal(
      (await json(await server.admin(`${LISTS}/${list.id}`), 200, AdminPriceList.extend({}))).entry_count,
      list.entry_count + MAX_BULK_ROWS,
    );
  });
});

function kind10k() {
  return (process.env.CATALOG_BULK_DB as 'sqlite' | 'postgres' | undefined) ?? 'sqlite';
}
