/**
 * The answer checks loaded beside the first request (a chunk of their own, with the answer
 * schemas): the schemas and their checker, the catalogue's fast checks and the compact catalogue's reader, none of
 * which the first paint needs before an answer is in.
 */
import type { ShopCatalog } from '../contract/index.ts';
import type { CompactCatalog } from '../contract/catalog.ts';
import { CompactReferenceError, fromCompactCatalog } from '../contract/rules/compact-catalog.ts';
import { areCompactEntries, areCompactProducts, areEntries, areProducts } from './fast-check.ts';
import { check, type JsonSchema, type SchemaIssue } from './schema.ts';

export { errorBodySchema, priceChangedSchema, responses } from './schemas.gen.ts';
/** The JSON Schema checker itself: no code before an answer needs it. */
export { check };

/** The catalogue a compact answer describes, or the issue that says where a position names nothing. */
export function readCompactCatalog(compact: CompactCatalog): ShopCatalog | SchemaIssue {
  try {
    return fromCompactCatalog(compact);
  } catch (error) {
    if (error instanceof CompactReferenceError) return { path: error.path, message: 'names no item' };
    throw error;
  }
}

/**
 * The catalogue, in either form (the schema's two branches: full, then compact, told apart by
 * `format`). The bulk arrays (products, price-list entries) go through the fast structural checks
 * and the schema checks the rest; when a fast check refuses, the schema checks everything and
 * says what is wrong.
 */
export function checkCatalog(schema: JsonSchema, json: unknown): SchemaIssue | null {
  const compact = typeof json === 'object' && json !== null && 'format' in json;
  const branch = schema.anyOf?.[compact ? 1 : 0] ?? schema;
  const [products, entries] = compact ? [areCompactProducts, areCompactEntries] : [areProducts, areEntries];
  if (isBulkValid(json, products, entries)) {
    const { pricing } = json;
    const shell = {
      ...json,
      products: [],
      pricing: {
        ...pricing,
        group_list: pricing.group_list && { ...pricing.group_list, entries: [] },
        default_list: pricing.default_list && { ...pricing.default_list, entries: [] },
      },
    };
    return check({ ...branch, $defs: schema.$defs }, shell);
  }
  return check({ ...branch, $defs: schema.$defs }, json);
}

type Bulk = {
  products: unknown[];
  pricing: { group_list: { entries: unknown[] } | null; default_list: { entries: unknown[] } | null };
};

function isBulkValid(
  json: unknown,
  areProducts: (value: unknown) => boolean,
  areEntries: (value: unknown) => boolean,
): json is Bulk {
  const c = json as Partial<Bulk> | null;
  const listOk = (list: unknown) =>
    list === null || (typeof list === 'object' && areEntries((list as { entries?: unknown }).entries));
  return (
    typeof c === 'object' &&
    c !== null &&
    areProducts(c.products) &&
    typeof c.pricing === 'object' &&
    c.pricing !== null &&
    listOk(c.pricing.group_list) &&
    listOk(c.pricing.default_list)
  );
}
