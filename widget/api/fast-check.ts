/**
 * Fast structural checks for the catalogue's bulk arrays (products, price-list entries), the one
 * large payload the widget validates (10,000 products take zod ~80 ms on a cold page without eval). It accepts exactly
 * what `Product` accepts (a test holds the two together); anything it refuses is handed to zod,
 * which stays the source of truth and explains what is wrong.
 */
import { isId } from '../contract/rules/id.ts';

const STOCK = new Set(['in_stock', 'low_stock', 'out_of_stock']);
const PRODUCT_KEYS = [
  'id',
  'sku',
  'name',
  'description',
  'image_url',
  'category_id',
  'new_arrival',
  'active',
  'stock',
  'units',
];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

function isUnit(u: unknown): boolean {
  return (
    isObject(u) &&
    typeof u.code === 'string' &&
    u.code.length >= 1 &&
    u.code.length <= 32 &&
    typeof u.name === 'string' &&
    isInt(u.contains, 1) &&
    (u.base_price_minor === null || isInt(u.base_price_minor, 0))
  );
}

function isProduct(p: unknown): boolean {
  if (!isObject(p)) return false;
  for (const key of PRODUCT_KEYS) if (!(key in p)) return false;
  return (
    isId(p.id) &&
    typeof p.sku === 'string' &&
    typeof p.name === 'string' &&
    typeof p.description === 'string' &&
    (p.image_url === null || typeof p.image_url === 'string') &&
    (p.category_id === null || isId(p.category_id)) &&
    typeof p.new_arrival === 'boolean' &&
    typeof p.active === 'boolean' &&
    typeof p.stock === 'string' &&
    STOCK.has(p.stock) &&
    Array.isArray(p.units) &&
    p.units.every(isUnit)
  );
}

export function areProducts(value: unknown): boolean {
  return Array.isArray(value) && value.every(isProduct);
}

function isEntry(e: unknown): boolean {
  return (
    isObject(e) &&
    isId(e.product_id) &&
    typeof e.uom === 'string' &&
    Array.isArray(e.tiers) &&
    e.tiers.length >= 1 &&
    e.tiers.every((t) => isObject(t) && isInt(t.min_quantity, 1) && isInt(t.unit_price_minor, 0))
  );
}

/** Price-list entries, the catalogue's second bulk array; accepts exactly what `PriceListEntry` accepts. */
export function areEntries(value: unknown): boolean {
  return Array.isArray(value) && value.every(isEntry);
}

// The compact catalogue's rows (widget/contract/catalog.ts, CompactProduct and CompactPriceListEntry).
const isPosition = (v: unknown) => isInt(v, 0);
const isBit = (v: unknown) => v === 0 || v === 1;

function isCompactUnit(u: unknown): boolean {
  return Array.isArray(u) && u.length === 2 && isPosition(u[0]) && (u[1] === null || isInt(u[1], 0));
}

function isCompactProduct(p: unknown): boolean {
  return (
    Array.isArray(p) &&
    p.length === 9 &&
    isId(p[0]) &&
    typeof p[1] === 'string' &&
    typeof p[2] === 'string' &&
    (p[3] === null || typeof p[3] === 'string') &&
    (p[4] === null || isPosition(p[4])) &&
    isBit(p[5]) &&
    isBit(p[6]) &&
    (p[7] === 0 || p[7] === 1 || p[7] === 2) &&
    Array.isArray(p[8]) &&
    p[8].every(isCompactUnit)
  );
}

/** The compact catalogue's products; accepts exactly what `CompactProduct` accepts. */
export function areCompactProducts(value: unknown): boolean {
  return Array.isArray(value) && value.every(isCompactProduct);
}

function isCompactEntry(e: unknown): boolean {
  return (
    Array.isArray(e) &&
    e.length === 3 &&
    isPosition(e[0]) &&
    typeof e[1] === 'string' &&
    Array.isArray(e[2]) &&
    e[2].length >= 1 &&
    e[2].every((t) => Array.isArray(t) && t.length === 2 && isInt(t[0], 1) && isInt(t[1], 0))
  );
}

/** The compact catalogue's price-list entries; accepts exactly what `CompactPriceListEntry` accepts. */
export function areCompactEntries(value: unknown): boolean {
  return Array.isArray(value) && value.every(isCompactEntry);
}
