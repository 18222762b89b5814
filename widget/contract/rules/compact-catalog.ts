// No zod here: the widget decodes the compact catalogue at runtime.
import type {
  Catalog,
  CompactCatalog,
  CompactProduct,
  PriceList,
  PriceListEntry,
  Product,
  Promotion,
  ShopCatalog,
  ShopProduct,
  StockState,
} from '../catalog.ts';

/** The version of the compact form this code reads and writes (its answers' `format`). */
export const COMPACT_CATALOG_FORMAT = 1;

const STOCK: readonly StockState[] = ['in_stock', 'low_stock', 'out_of_stock'];

type CompactList = NonNullable<CompactCatalog['pricing']['group_list']>;
type CompactEntry = CompactList['entries'][number];
type CompactPromotion = CompactCatalog['pricing']['promotions'][number];

/**
 * Writes a catalogue in the compact form, a product at a time (the server streams pages of
 * products through it). Products must all be added before entries and promotions, which name
 * them by position; the tables of units and category ids grow as products use them.
 */
export class CompactEncoder {
  readonly units: CompactCatalog['units'] = [];
  readonly categoryIds: string[] = [];
  readonly #unitAt = new Map<string, number>();
  readonly #categoryAt = new Map<string, number>();
  readonly #productAt = new Map<string, number>();

  product(p: Product | ShopProduct): CompactProduct {
    this.#productAt.set(p.id, this.#productAt.size);
    let category: number | null = null;
    if (p.category_id !== null) {
      category = this.#categoryAt.get(p.category_id) ?? this.categoryIds.length;
      if (category === this.categoryIds.length) {
        this.categoryIds.push(p.category_id);
        this.#categoryAt.set(p.category_id, category);
      }
    }
    const units = p.units.map((u): [number, number | null] => {
      const key = `${u.code}\u0000${u.name}\u0000${u.contains}`;
      let at = this.#unitAt.get(key);
      if (at === undefined) {
        at = this.units.length;
        this.units.push([u.code, u.name, u.contains]);
        this.#unitAt.set(key, at);
      }
      return [at, u.base_price_minor];
    });
    return [
      p.id,
      p.sku,
      p.name,
      p.image_url,
      category,
      p.new_arrival ? 1 : 0,
      p.active ? 1 : 0,
      STOCK.indexOf(p.stock) as 0 | 1 | 2,
      units,
    ];
  }

  /** An entry of a product not in the catalogue (none, in a consistent catalogue) is left out. */
  entry(e: PriceListEntry): CompactEntry | null {
    const at = this.#productAt.get(e.product_id);
    return at === undefined
      ? null
      : [at, e.uom, e.tiers.map((t): [number, number] => [t.min_quantity, t.unit_price_minor])];
  }

  promotion({ product_ids, ...rest }: Promotion): CompactPromotion {
    const products = product_ids.map((id) => this.#productAt.get(id)).filter((at) => at !== undefined);
    return { ...rest, products };
  }
}

/** A whole catalogue in the compact form (the mock API; the server streams instead). */
export function toCompactCatalog(catalog: Catalog | ShopCatalog): CompactCatalog {
  const encoder = new CompactEncoder();
  const products = catalog.products.map((p) => encoder.product(p));
  const list = (l: PriceList | null): CompactList | null =>
    l && {
      id: l.id,
      name: l.name,
      kind: l.kind,
      entries: l.entries.map((e) => encoder.entry(e)).filter((e) => e !== null),
    };
  return {
    format: COMPACT_CATALOG_FORMAT,
    currency: catalog.currency,
    categories: catalog.categories,
    category_ids: encoder.categoryIds,
    units: encoder.units,
    products,
    pricing: {
      group_list: list(catalog.pricing.group_list),
      default_list: list(catalog.pricing.default_list),
      promotions: catalog.pricing.promotions.map((p) => encoder.promotion(p)),
    },
    generated_at: catalog.generated_at,
  };
}

/** A position that names nothing: where it is, for the contract error. */
export class CompactReferenceError extends Error {
  constructor(readonly path: (string | number)[]) {
    super(`${path.join('.')} names no item`);
  }
}

/**
 * The catalogue a compact answer describes, as the portal holds it (objects, as the full form
 * parses to). The answer's shape must have been checked; its positions are checked here: one that
 * names nothing throws CompactReferenceError.
 */
export function fromCompactCatalog(compact: CompactCatalog): ShopCatalog {
  const { units, category_ids: categoryIds } = compact;
  const rows = compact.products;
  const products = new Array<ShopProduct>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [id, sku, name, image_url, category, newArrival, active, stock, held] = rows[i];
    let category_id: string | null = null;
    if (category !== null) {
      if (category >= categoryIds.length) throw new CompactReferenceError(['products', i, 4]);
      category_id = categoryIds[category];
    }
    const productUnits = new Array<ShopProduct['units'][number]>(held.length);
    for (let j = 0; j < held.length; j++) {
      const unit = units[held[j][0]];
      if (!unit) throw new CompactReferenceError(['products', i, 8, j, 0]);
      productUnits[j] = { code: unit[0], name: unit[1], contains: unit[2], base_price_minor: held[j][1] };
    }
    products[i] = {
      id,
      sku,
      name,
      image_url,
      category_id,
      new_arrival: newArrival === 1,
      active: active === 1,
      stock: STOCK[stock],
      units: productUnits,
    };
  }
  const productId = (at: number, path: (string | number)[]) => {
    const product = products[at];
    if (!product) throw new CompactReferenceError(path);
    return product.id;
  };
  const list = (l: CompactList | null, name: string): PriceList | null =>
    l && {
      id: l.id,
      name: l.name,
      kind: l.kind,
      entries: l.entries.map(([at, uom, tiers], i) => ({
        product_id: productId(at, ['pricing', name, 'entries', i, 0]),
        uom,
        tiers: tiers.map(([min_quantity, unit_price_minor]) => ({ min_quantity, unit_price_minor })),
      })),
    };
  return {
    currency: compact.currency,
    categories: compact.categories,
    products,
    pricing: {
      group_list: list(compact.pricing.group_list, 'group_list'),
      default_list: list(compact.pricing.default_list, 'default_list'),
      promotions: compact.pricing.promotions.map(({ products: positions, ...rest }, p) => ({
        id: rest.id,
        name: rest.name,
        product_ids: positions.map((at, i) => productId(at, ['pricing', 'promotions', p, 'products', i])),
        discount: rest.discount,
        starts_at: rest.starts_at,
        ends_at: rest.ends_at,
      })),
    },
    generated_at: compact.generated_at,
  };
}
