import { z } from 'zod';
import { AdminPageQuery } from './admin.ts';
import { Category, CategoryTabVisibility, Discount, Product, Promotion, StockState } from './catalog.ts';
import { Cursor, DateTime, Id, Money, Text, listOf } from './common.ts';

/** The back office's catalogue: what an ERP syncs (issue 15). */

/** Rows one bulk call takes (products or price-list entries); more is 413 `payload_too_large`. */
export const MAX_BULK_ROWS = 10_000;
/** The body of a bulk call may be this large (10,000 full product rows fit); other calls keep 100 KB. */
export const MAX_BULK_BODY_BYTES = 16 * 1024 * 1024;
/** Quantities, unit sizes and tier breaks are stored as 32-bit integers. */
const Count = z.int().min(1).max(1_000_000_000);
/** Money the back office writes: integer minor units, never negative, within what every database stores exactly. */
const Price = Money.max(Number.MAX_SAFE_INTEGER);

export const Sku = Text(64)
  .min(1)
  .regex(/\S/, 'must not be blank')
  .meta({ description: "The product's code in the supplier's ERP: the key of the bulk upsert." });
const Name = (max: number) => Text(max).min(1).regex(/\S/, 'must not be blank');
const ImageUrl = z.url({ protocol: /^https?$/ }).max(2000);
const BooleanQuery = z.enum(['true', 'false']);

export const UnitInput = z
  .object({
    code: Text(32).min(1).meta({ description: 'Stable code, e.g. "each" or "case12"; unique within the product.' }),
    name: Name(100),
    contains: Count.meta({ description: 'How many base units one of this unit holds.' }),
    base_price_minor: Price.nullable().meta({
      description: "The product's own price for this unit; null when only price lists price it.",
    }),
  })
  .strict();
export type UnitInput = z.infer<typeof UnitInput>;

// ---- products

export const ProductQuery = AdminPageQuery.extend({
  q: Text(100).optional().meta({ description: 'Part of the SKU or the name (case-insensitive).' }),
  category_id: Id.optional(),
  active: BooleanQuery.optional().meta({ description: 'true: only active products; false: only inactive ones.' }),
});
export const ProductPath = z.object({ id: Id });
export const AdminProductList = listOf(Product);

export const ProductRow = z
  .object({
    sku: Sku,
    name: Name(200).optional().meta({ description: 'Required for a new SKU.' }),
    description: Text(5000).optional(),
    category_id: Id.nullable()
      .optional()
      .meta({ description: 'An existing category (422 with the row otherwise); null: none.' }),
    image_url: ImageUrl.nullable().optional(),
    units: z
      .array(UnitInput)
      .min(1)
      .max(20)
      .optional()
      .meta({ description: 'The whole set of units, replacing the stored one. Required for a new SKU.' }),
    active: z.boolean().optional().meta({ description: 'Default true for a new SKU.' }),
    stock: StockState.optional().meta({ description: 'Default in_stock for a new SKU.' }),
    new_arrival: z.boolean().optional().meta({ description: 'Default false for a new SKU.' }),
  })
  .strict();
export type ProductRow = z.infer<typeof ProductRow>;

export const BulkProductsRequest = z
  .object({
    products: z
      .array(ProductRow)
      .min(1)
      .meta({ description: `At most ${MAX_BULK_ROWS.toLocaleString('en')} rows (413 beyond).` }),
  })
  .strict();
export const BulkProductsResult = z.object({
  created: z.int().min(0),
  updated: z.int().min(0).meta({ description: 'Known SKUs where something changed.' }),
  unchanged: z
    .int()
    .min(0)
    .meta({ description: "Known SKUs sent as they were: left alone, so customers' cached catalogues stay valid." }),
});

export const ProductPatch = z
  .object({
    name: Name(200),
    description: Text(5000),
    category_id: Id.nullable(),
    image_url: ImageUrl.nullable(),
    units: z.array(UnitInput).min(1).max(20).meta({ description: 'The whole set of units, replacing the stored one.' }),
    base_prices: z.record(Text(32).min(1), Price.nullable()).meta({
      description:
        'Unit code → its new base price (null: none); other units keep theirs. 422 for a code the product has not.',
    }),
    active: z.boolean(),
    stock: StockState,
    new_arrival: z.boolean(),
  })
  .partial()
  .strict();
export type ProductPatch = z.infer<typeof ProductPatch>;

// ---- categories

export const CategoryPath = z.object({ id: Id });
export const CategoryList = listOf(Category);
export const CreateCategory = z
  .object({
    id: Id.optional().meta({
      description: "The ERP's own id; a new one is made when left out (409 `conflict` if taken).",
    }),
    name: Name(100),
    position: z
      .int()
      .min(0)
      .max(1_000_000)
      .optional()
      .meta({ description: 'Display order; default: after the last one.' }),
    tab_visibility: CategoryTabVisibility.optional().meta({
      description: "Its catalogue tab; default `auto` (the workspace's setting).",
    }),
  })
  .strict();
export const CategoryPatch = CreateCategory.omit({ id: true }).partial().strict();

// ---- price groups and lists

export const PriceGroup = z.object({
  id: Id,
  name: z.string(),
  price_list_id: Id.nullable().meta({ description: "The group's price list (made with the group)." }),
});
export const PriceGroupList = listOf(PriceGroup);
export const CreatePriceGroup = z
  .object({
    id: Id.optional().meta({
      description: "The ERP's own id; a new one is made when left out (409 `conflict` if taken).",
    }),
    name: Name(100),
    price_list_name: Name(100)
      .optional()
      .meta({ description: "The name of the group's price list, made with it; default: the group's name." }),
  })
  .strict();

export const AdminPriceList = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(['default', 'group']),
  price_group: z.object({ id: Id, name: z.string() }).nullable(),
  entry_count: z.int().min(0).meta({ description: 'Tiers in the list (one per product, unit and quantity break).' }),
});
export const AdminPriceListList = listOf(AdminPriceList);
export const PriceListPath = z.object({ id: Id });

export const AdminPriceEntry = z.object({
  product_id: Id,
  sku: z.string(),
  uom: z.string(),
  min_quantity: z.int().min(1),
  unit_price_minor: Money,
});
export const PriceListEntriesQuery = z.object({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional().meta({ description: 'Entries a page; default 500.' }),
});
export const PriceListDetail = AdminPriceList.extend({
  entries: z
    .array(AdminPriceEntry)
    .meta({ description: 'One page of entries, by product id, unit and quantity break.' }),
  next_cursor: z.string().nullable().meta({ description: 'Pass back as `?cursor=` for the next page of entries.' }),
});

/** A product named by its id or its SKU (exactly one). */
const ProductRef = {
  product_id: Id.optional().meta({ description: 'The product, by id; or give `sku`.' }),
  sku: Sku.optional().meta({ description: 'The product, by SKU; or give `product_id`.' }),
};
export const PriceEntryRow = z
  .object({
    ...ProductRef,
    uom: Text(32).min(1).meta({ description: "One of the product's unit codes." }),
    min_quantity: Count.optional().meta({ description: 'Quantity break of this tier; default 1.' }),
    unit_price_minor: Price,
  })
  .strict();
export const PutPriceEntries = z
  .object({
    entries: z
      .array(PriceEntryRow)
      .meta({ description: `At most ${MAX_BULK_ROWS.toLocaleString('en')} rows (413 beyond).` }),
    replace: z
      .boolean()
      .optional()
      .meta({ description: 'true: entries of the list not in this call are deleted (a full sync). Default false.' }),
  })
  .strict();
export const PriceEntriesResult = z.object({
  created: z.int().min(0),
  updated: z.int().min(0),
  deleted: z.int().min(0),
});
export const DeletePriceEntries = z
  .object({
    entries: z
      .array(
        z
          .object({
            ...ProductRef,
            uom: Text(32).min(1).optional().meta({ description: 'Left out: every unit of the product.' }),
            min_quantity: Count.optional().meta({ description: 'Left out: every tier of the unit.' }),
          })
          .strict(),
      )
      .min(1)
      .meta({ description: `At most ${MAX_BULK_ROWS.toLocaleString('en')} rows (413 beyond).` }),
  })
  .strict();
export const DeletedEntries = z.object({ deleted: z.int().min(0) });

// ---- promotions

export const PromotionPath = z.object({ id: Id });
export const PromotionList = listOf(Promotion);
export const PromotionQuery = AdminPageQuery.extend({
  state: z
    .enum(['scheduled', 'running', 'ended'])
    .optional()
    .meta({ description: 'Only promotions not yet started, running now, or ended.' }),
});
export const CreatePromotion = z
  .object({
    name: Name(200),
    discount: Discount,
    starts_at: DateTime,
    ends_at: DateTime.meta({ description: 'Exclusive; after starts_at (422 otherwise).' }),
    product_ids: z
      .array(Id)
      .min(1)
      .max(MAX_BULK_ROWS)
      .meta({ description: 'Existing products (422 with their index otherwise).' }),
  })
  .strict();
export const PromotionPatch = CreatePromotion.partial().strict();
