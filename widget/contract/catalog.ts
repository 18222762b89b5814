import { z } from 'zod';
import { Currency, DateTime, Id, Money } from './common.ts';

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
