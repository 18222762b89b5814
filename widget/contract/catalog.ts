import { z } from 'zod';
import { Currency, DateTime, Id, Money } from './common.ts';
import { COMPACT_CATALOG_FORMAT } from './rules/compact-catalog.ts';

export const UnitOfMeasure = z.object({
  code: z.string().min(1).max(32).meta({ description: 'Stable code, e.g. "each" or "case12".' }),
  name: z.string(),
  contains: z.int().min(1).meta({ description: 'How many base units one of this unit holds.' }),
  base_price_minor: Money.nullable().meta({
    description: "The product's own price for this unit; null when it has none.",
  }),
});
export type UnitOfMeasure = z.infer<typeof UnitOfMeasure>;

export const StockState = z.enum(['in_stock', 'low_stock', 'out_of_stock']);
export type StockState = z.infer<typeof StockState>;

export const Product = z.object({
  id: Id,
  sku: z.string(),
  name: z.string(),
  description: z.string(),
  image_url: z.string().nullable(),
  category_id: Id.nullable(),
  new_arrival: z.boolean(),
  active: z.boolean(),
  stock: StockState,
  units: z.array(UnitOfMeasure),
});
export type Product = z.infer<typeof Product>;

/**
 * Whether a category is a catalogue tab (seed 003: "This default can be changed per tab"):
 * `auto` follows the workspace's `tabs.categories`; `show` and `hide` override it for this one.
 */
export const CategoryTabVisibility = z.enum(['auto', 'show', 'hide']).meta({
  description:
    "`auto` follows the workspace's `settings.tabs.categories`; `show` and `hide` override it for this category. " +
    "A hidden category is left out of the customer's catalogue (no tab); its products stay in it, found under All and by search.",
});
export type CategoryTabVisibility = z.infer<typeof CategoryTabVisibility>;

export const Category = z.object({
  id: Id,
  name: z.string(),
  position: z.int(),
  tab_visibility: CategoryTabVisibility,
});
export type Category = z.infer<typeof Category>;

export const PriceTier = z.object({
  min_quantity: z.int().min(1),
  unit_price_minor: Money,
});
export type PriceTier = z.infer<typeof PriceTier>;

export const PriceListEntry = z.object({
  product_id: Id,
  uom: z.string(),
  tiers: z
    .array(PriceTier)
    .min(1)
    .meta({ description: 'Quantity breaks; the highest min_quantity not above the quantity applies.' }),
});
export type PriceListEntry = z.infer<typeof PriceListEntry>;

export const PriceList = z.object({
  id: Id,
  name: z.string().nullable().meta({
    description:
      'The list\'s name, for "Why this price?"; null when the workspace does not explain prices to customers.',
  }),
  kind: z.enum(['default', 'group']),
  entries: z.array(PriceListEntry),
});
export type PriceList = z.infer<typeof PriceList>;

export const Discount = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('percent'),
    basis_points: z.int().min(1).max(10_000).meta({ description: '1250 = 12.5 % off.' }),
  }),
  z.object({ type: z.literal('amount_off'), amount_minor: Money }),
]);
export type Discount = z.infer<typeof Discount>;

export const Promotion = z.object({
  id: Id,
  name: z.string(),
  product_ids: z.array(Id),
  discount: Discount,
  starts_at: DateTime.meta({ description: 'Inclusive.' }),
  ends_at: DateTime.meta({ description: 'Exclusive.' }),
});
export type Promotion = z.infer<typeof Promotion>;

/** What the browser needs to resolve this customer's prices itself, with the shared pricing module. */
export const PricingInputs = z.object({
  group_list: PriceList.nullable().meta({ description: "This customer's price-group list, if they have a group." }),
  default_list: PriceList.nullable().meta({ description: "The workspace's default price list." }),
  promotions: z.array(Promotion).meta({ description: 'Promotions that have not ended yet.' }),
});
export type PricingInputs = z.infer<typeof PricingInputs>;

export const Catalog = z.object({
  currency: Currency,
  categories: z.array(Category),
  products: z.array(Product),
  pricing: PricingInputs,
  generated_at: DateTime,
});
export type Catalog = z.infer<typeof Catalog>;

/**
 * The compact catalogue (`GET …/catalog?format=compact`): the same catalogue as `Catalog`, in
 * under a third of the bytes before compression and about half the parsing, for long catalogues. Products are positional rows
 * instead of objects; what repeats (units of measure, category ids) is written once and referred
 * to by position; price-list entries and promotions name products by their position in
 * `products`. The product's description, which no screen of the portal shows, is left out. A
 * backend may ignore `format` and answer the full `Catalog`: the widget reads either, telling
 * them apart by `format`.
 */
export { COMPACT_CATALOG_FORMAT };

const Position = z.int().min(0);
const Bit = z.union([z.literal(0), z.literal(1)]);

export const CompactUnit = z
  .tuple([z.string().min(1).max(32), z.string(), z.int().min(1)])
  .meta({ description: 'A unit of measure: `[code, name, contains]`.' });

export const CompactProduct = z
  .tuple([
    Id,
    z.string(),
    z.string(),
    z.string().nullable(),
    Position.nullable(),
    Bit,
    Bit,
    z.int().min(0).max(2),
    z.array(z.tuple([Position, Money.nullable()])),
  ])
  .meta({
    description:
      'A product: `[id, sku, name, image_url, category, new_arrival, active, stock, units]`. `category` is a ' +
      'position in `category_ids` (or null); `new_arrival` and `active` are 0 or 1; `stock` is 0 in stock, ' +
      '1 low stock, 2 out of stock; each unit is `[position in units, base_price_minor]`.',
  });
export type CompactProduct = z.infer<typeof CompactProduct>;

export const CompactPriceListEntry = z
  .tuple([Position, z.string(), z.array(z.tuple([z.int().min(1), Money])).min(1)])
  .meta({ description: 'A price-list entry: `[product position, uom, [[min_quantity, unit_price_minor], …]]`.' });

export const CompactPriceList = PriceList.omit({ entries: true }).extend({ entries: z.array(CompactPriceListEntry) });

export const CompactPromotion = Promotion.omit({ product_ids: true }).extend({
  products: z.array(Position).meta({ description: "The promotion's products, by position in `products`." }),
});

export const CompactCatalog = z.object({
  format: z.literal(COMPACT_CATALOG_FORMAT).meta({ description: 'The compact format and its version.' }),
  currency: Currency,
  categories: z.array(Category),
  category_ids: z
    .array(Id)
    .meta({ description: "The category ids products refer to (a hidden category's too: it has no tab)." }),
  units: z.array(CompactUnit),
  products: z.array(CompactProduct),
  pricing: z.object({
    group_list: CompactPriceList.nullable(),
    default_list: CompactPriceList.nullable(),
    promotions: z.array(CompactPromotion),
  }),
  generated_at: DateTime,
});
export type CompactCatalog = z.infer<typeof CompactCatalog>;

export const CatalogQuery = z.object({
  format: z.enum(['full', 'compact']).optional().meta({
    description:
      '`compact`: the compact catalogue; absent or `full`: the full one. A backend may answer the full one to either.',
  }),
});

/** A product as the portal holds it: either form of the catalogue gives this much. */
export type ShopProduct = Omit<Product, 'description'>;
/** The catalogue as the portal holds it, from either form. */
export type ShopCatalog = Omit<Catalog, 'products'> & { products: ShopProduct[] };
