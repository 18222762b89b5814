import type { Kysely } from 'kysely';
import {
  Discount,
  type Category,
  type PriceList,
  type PriceListEntry,
  type PricingInputs,
  type Product,
  type StockState,
} from '../../widget/contract/index.ts';
import type { Database } from './schema.ts';

/** The names of the units some lines are in, keyed `product_id|code` (a document prints "Case of 12", not "case12"). */
export async function unitNames(
  db: Kysely<Database>,
  lines: readonly { product_id: string }[],
): Promise<Map<string, string>> {
  const ids = [...new Set(lines.map((l) => l.product_id))];
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('product_units')
    .select(['product_id', 'code', 'name'])
    .where('product_id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [`${r.product_id}|${r.code}`, r.name]));
}

/**
 * The categories the customer's catalogue names, in order: a hidden one (`tab_visibility: hide`)
 * is not served, so no portal makes a tab of it; its products stay, under All and in search.
 */
function tabCategories(db: Kysely<Database>): Promise<Category[]> {
  return db.selectFrom('categories').selectAll().where('tab_visibility', '!=', 'hide').orderBy('position').execute();
}

export interface CatalogData {
  categories: Category[];
  products: Product[];
  pricing: PricingInputs;
}

/**
 * Products with their units and one customer's pricing inputs (their group's list, the default
 * list, promotions not yet ended). With `productIds`, only those products: what checkout needs.
 */
export async function loadCatalog(
  db: Kysely<Database>,
  options: { priceGroupId: string | null; now: string; productIds?: string[] },
): Promise<CatalogData> {
  const ids = options.productIds;
  if (ids && ids.length === 0)
    return { categories: [], products: [], pricing: { group_list: null, default_list: null, promotions: [] } };

  let productQuery = db.selectFrom('products').selectAll();
  let unitQuery = db.selectFrom('product_units').selectAll();
  if (ids) {
    productQuery = productQuery.where('id', 'in', ids);
    unitQuery = unitQuery.where('product_id', 'in', ids);
  }
  const [categories, productRows, unitRows, lists] = await Promise.all([
    ids ? Promise.resolve([]) : tabCategories(db),
    productQuery.orderBy('name').orderBy('id').execute(),
    unitQuery.orderBy('product_id').orderBy('position').execute(),
    db
      .selectFrom('price_lists')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('kind', '=', 'default'),
          ...(options.priceGroupId ? [eb('price_group_id', '=', options.priceGroupId)] : []),
        ]),
      )
      .execute(),
  ]);

  const products = toProducts(productRows, unitRows);

  const listIds = lists.map((l) => l.id);
  let entryQuery = db
    .selectFrom('price_list_entries')
    .selectAll()
    .where('price_list_id', 'in', listIds.length ? listIds : ['']);
  if (ids) entryQuery = entryQuery.where('product_id', 'in', ids);
  let promoQuery = promotionRows(db, options.now);
  if (ids) promoQuery = promoQuery.where('promotion_products.product_id', 'in', ids);
  const [entryRows, promoRows] = await Promise.all([
    entryQuery.orderBy('product_id').orderBy('uom').orderBy('min_quantity').execute(),
    promoQuery.orderBy('promotions.id').execute(),
  ]);

  const entriesByList = new Map<string, Map<string, PriceListEntry>>();
  for (const e of entryRows) {
    const entries = entriesByList.get(e.price_list_id) ?? new Map<string, PriceListEntry>();
    const key = `${e.product_id}\u0000${e.uom}`;
    const entry = entries.get(key) ?? { product_id: e.product_id, uom: e.uom, tiers: [] };
    entry.tiers.push({ min_quantity: e.min_quantity, unit_price_minor: Number(e.unit_price_minor) });
    entries.set(key, entry);
    entriesByList.set(e.price_list_id, entries);
  }
  const toList = (row: (typeof lists)[number] | undefined): PriceList | null =>
    row
      ? { id: row.id, name: row.name, kind: row.kind, entries: [...(entriesByList.get(row.id)?.values() ?? [])] }
      : null;

  const promotions = toPromotions(promoRows);

  return {
    categories,
    products,
    pricing: {
      group_list: toList(lists.find((l) => l.kind === 'group')),
      default_list: toList(lists.find((l) => l.kind === 'default')),
      promotions,
    },
  };
}

export function toProducts(
  productRows: readonly Database['products'][],
  unitRows: readonly Database['product_units'][],
): Product[] {
  const unitsByProduct = new Map<string, Product['units']>();
  for (const u of unitRows) {
    const units = unitsByProduct.get(u.product_id) ?? [];
    units.push({
      code: u.code,
      name: u.name,
      contains: u.contains,
      base_price_minor: u.base_price_minor === null ? null : Number(u.base_price_minor),
    });
    unitsByProduct.set(u.product_id, units);
  }
  return productRows.map((p) => ({
    id: p.id,
    sku: p.sku,
    name: p.name,
    description: p.description,
    image_url: p.image_url,
    category_id: p.category_id,
    new_arrival: p.new_arrival === 1,
    active: p.active === 1,
    stock: p.stock as StockState,
    units: unitsByProduct.get(p.id) ?? [],
  }));
}

/** Promotions not yet ended at `now`, one row per product they cover. */
const promotionRows = (db: Kysely<Database>, now: string) =>
  db
    .selectFrom('promotions')
    .innerJoin('promotion_products', 'promotion_products.promotion_id', 'promotions.id')
    .select([
      'promotions.id',
      'promotions.name',
      'promotions.discount_json',
      'promotions.starts_at',
      'promotions.ends_at',
      'promotion_products.product_id',
    ])
    .where('promotions.ends_at', '>', now);

function toPromotions(
  rows: readonly (Pick<Database['promotions'], 'id' | 'name' | 'discount_json' | 'starts_at' | 'ends_at'> & {
    product_id: string;
  })[],
): PricingInputs['promotions'] {
  const promotions = new Map<string, PricingInputs['promotions'][number]>();
  for (const p of rows) {
    const promotion = promotions.get(p.id) ?? {
      id: p.id,
      name: p.name,
      product_ids: [],
      discount: Discount.parse(JSON.parse(p.discount_json)),
      starts_at: p.starts_at,
      ends_at: p.ends_at,
    };
    promotion.product_ids.push(p.product_id);
    promotions.set(p.id, promotion);
  }
  return [...promotions.values()];
}

// ---------------------------------------------------------------------------------------------
// The whole catalogue, a page at a time
// ---------------------------------------------------------------------------------------------

/**
 * Rows per query of a paged read: on SQLite each query holds the event loop until it is done
 * (250 products and their units: about 10 ms on a busy 2-core machine).
 */
export const CATALOG_PAGE_SIZE = 250;

/** The catalogue's revision (migration 0005): it changes with any write to the catalogue or its prices. */
export async function catalogRevision(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('catalog_revision').select('revision').where('id', '=', 1).executeTakeFirst();
  return Number(row?.revision ?? 0);
}

/** What the catalogue answer holds besides products and list entries: small, read at once. */
export interface CatalogHead {
  categories: Category[];
  groupList: Omit<PriceList, 'entries'> | null;
  defaultList: Omit<PriceList, 'entries'> | null;
  promotions: PricingInputs['promotions'];
}

export async function catalogHead(
  db: Kysely<Database>,
  options: { priceGroupId: string | null; now: string },
): Promise<CatalogHead> {
  const [categories, lists, promoRows] = await Promise.all([
    tabCategories(db),
    db
      .selectFrom('price_lists')
      .select(['id', 'name', 'kind'])
      .where((eb) =>
        eb.or([
          eb('kind', '=', 'default'),
          ...(options.priceGroupId ? [eb('price_group_id', '=', options.priceGroupId)] : []),
        ]),
      )
      .execute(),
    promotionRows(db, options.now).orderBy('promotions.id').execute(),
  ]);
  return {
    categories,
    groupList: lists.find((l) => l.kind === 'group') ?? null,
    defaultList: lists.find((l) => l.kind === 'default') ?? null,
    promotions: toPromotions(promoRows),
  };
}

/** Every product with its units, in catalogue order (name, id), `pageSize` products at a time. */
export async function* productPages(db: Kysely<Database>, pageSize = CATALOG_PAGE_SIZE): AsyncGenerator<Product[]> {
  let after: { name: string; id: string } | undefined;
  for (;;) {
    let query = db.selectFrom('products').selectAll();
    if (after) {
      const { name, id } = after;
      query = query.where((eb) => eb(eb.refTuple('name', 'id'), '>', eb.tuple(name, id)));
    }
    const rows = await query.orderBy('name').orderBy('id').limit(pageSize).execute();
    if (rows.length === 0) return;
    const units = await db
      .selectFrom('product_units')
      .selectAll()
      .where(
        'product_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('product_id')
      .orderBy('position')
      .execute();
    yield toProducts(rows, units);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1];
  }
}

/**
 * One price list's entries in the order of `loadCatalog` (product, unit, then tiers by quantity),
 * about `pageSize` tiers at a time; an entry whose tiers straddle two pages comes whole in the second.
 */
export async function* priceListEntryPages(
  db: Kysely<Database>,
  listId: string,
  pageSize = CATALOG_PAGE_SIZE,
): AsyncGenerator<PriceListEntry[]> {
  let open: PriceListEntry | undefined;
  let after: { product_id: string; uom: string; min_quantity: number } | undefined;
  for (;;) {
    let query = db
      .selectFrom('price_list_entries')
      .select(['product_id', 'uom', 'min_quantity', 'unit_price_minor'])
      .where('price_list_id', '=', listId);
    if (after) {
      const { product_id, uom, min_quantity } = after;
      query = query.where((eb) =>
        eb(eb.refTuple('product_id', 'uom', 'min_quantity'), '>', eb.tuple(product_id, uom, min_quantity)),
      );
    }
    const rows = await query.orderBy('product_id').orderBy('uom').orderBy('min_quantity').limit(pageSize).execute();
    const done: PriceListEntry[] = [];
    for (const e of rows) {
      if (!open || open.product_id !== e.product_id || open.uom !== e.uom) {
        if (open) done.push(open);
        open = { product_id: e.product_id, uom: e.uom, tiers: [] };
      }
      open.tiers.push({ min_quantity: e.min_quantity, unit_price_minor: Number(e.unit_price_minor) });
    }
    if (rows.length < pageSize) {
      if (open) done.push(open);
      if (done.length) yield done;
      return;
    }
    if (done.length) yield done;
    after = rows[rows.length - 1];
  }
}
