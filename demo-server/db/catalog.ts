import type { Kysely } from 'kysely';
import {
  Discount, type Category, type PriceList, type PriceListEntry, type PricingInputs, type Product, type StockState,
} from '../../widget/contract/index.ts';
import type { Database } from './schema.ts';

/** The names of the units some lines are in, keyed `product_id|code` (a document prints "Case of 12", not "case12"). */
export async function unitNames(db: Kysely<Database>, lines: readonly { product_id: string }[]): Promise<Map<string, string>> {
  const ids = [...new Set(lines.map((l) => l.product_id))];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('product_units').select(['product_id', 'code', 'name']).where('product_id', 'in', ids).execute();
  return new Map(rows.map((r) => [`${r.product_id}|${r.code}`, r.name]));
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
  if (ids && ids.length === 0) return { categories: [], products: [], pricing: { group_list: null, default_list: null, promotions: [] } };

  let productQuery = db.selectFrom('products').selectAll();
  let unitQuery = db.selectFrom('product_units').selectAll();
  if (ids) {
    productQuery = productQuery.where('id', 'in', ids);
    unitQuery = unitQuery.where('product_id', 'in', ids);
  }
  const [categories, productRows, unitRows, lists] = await Promise.all([
    ids ? Promise.resolve([]) : db.selectFrom('categories').selectAll().orderBy('position').execute(),
    productQuery.orderBy('name').orderBy('id').execute(),
    unitQuery.orderBy('product_id').orderBy('position').execute(),
    db.selectFrom('price_lists').selectAll()
      .where((eb) => eb.or([eb('kind', '=', 'default'), ...(options.priceGroupId ? [eb('price_group_id', '=', options.priceGroupId)] : [])]))
      .execute(),
  ]);

  const unitsByProduct = new Map<string, Product['units']>();
  for (const u of unitRows) {
    const units = unitsByProduct.get(u.product_id) ?? [];
    units.push({ code: u.code, name: u.name, contains: u.contains, base_price_minor: u.base_price_minor === null ? null : Number(u.base_price_minor) });
    unitsByProduct.set(u.product_id, units);
  }
  const products: Product[] = productRows.map((p) => ({
    id: p.id, sku: p.sku, name: p.name, description: p.description, image_url: p.image_url, category_id: p.category_id,
    new_arrival: p.new_arrival === 1, active: p.active === 1, stock: p.stock as StockState, units: unitsByProduct.get(p.id) ?? [],
  }));

  const listIds = lists.map((l) => l.id);
  let entryQuery = db.selectFrom('price_list_entries').selectAll().where('price_list_id', 'in', listIds.length ? listIds : ['']);
  if (ids) entryQuery = entryQuery.where('product_id', 'in', ids);
  let promoQuery = db.selectFrom('promotions')
    .innerJoin('promotion_products', 'promotion_products.promotion_id', 'promotions.id')
    .select(['promotions.id', 'promotions.name', 'promotions.discount_json', 'promotions.starts_at', 'promotions.ends_at', 'promotion_products.product_id'])
    .where('promotions.ends_at', '>', options.now);
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
    row ? { id: row.id, name: row.name, kind: row.kind, entries: [...(entriesByList.get(row.id)?.values() ?? [])] } : null;

  const promotions = new Map<string, PricingInputs['promotions'][number]>();
  for (const p of promoRows) {
    const promotion = promotions.get(p.id) ?? {
      id: p.id, name: p.name, product_ids: [], discount: Discount.parse(JSON.parse(p.discount_json)), starts_at: p.starts_at, ends_at: p.ends_at,
    };
    promotion.product_ids.push(p.product_id);
    promotions.set(p.id, promotion);
  }

  return {
    categories,
    products,
    pricing: {
      group_list: toList(lists.find((l) => l.kind === 'group')),
      default_list: toList(lists.find((l) => l.kind === 'default')),
      promotions: [...promotions.values()],
    },
  };
}
