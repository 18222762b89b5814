import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import {
  Discount,
  type Category,
  type Product,
  type ProductPatch,
  type ProductRow,
  type Promotion,
  type UnitInput,
} from '../../widget/contract/index.ts';
import { toProducts } from './catalog.ts';
import { decodeCursor, groupBy, page } from './paging.ts';
import type { Database } from './schema.ts';
import { HttpError } from '../errors.ts';

/** As paging.ts answers a cursor this server did not make. */
const invalidCursor = () =>
  new HttpError(400, 'validation_failed', 'The cursor is not valid; pass back next_cursor exactly as received.', [
    { path: 'query.cursor', message: 'invalid cursor' },
  ]);

/**
 * The back office's catalogue writes (issue 15). Every table written here is one of
 * CATALOG_TABLES, so each write moves the catalogue revision customers' caches are keyed on.
 * Nothing here throws an HTTP error: refusals come back as `problems`, for the route to answer.
 */

/** What refuses a row of a bulk call, or a field of a single change. */
export interface Problem {
  /** The row's index in the call; absent for a single change. */
  row?: number;
  field: string;
  /** Where in the request, as the 400 answers name it: `body.products.3.sku`. */
  path: string;
  message: string;
}
export type Refused = { problems: Problem[] };
export const refused = (result: unknown): result is Refused =>
  typeof result === 'object' && result !== null && 'problems' in result;

/** Rows a statement writes or looks up at once: well under either database's limit on bound parameters. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const rowProblem = (list: string, row: number, field: string, message: string): Problem => ({
  row,
  field,
  path: `body.${list}.${row}.${field}`,
  message,
});

/** The keys of `wanted` found in `column` of `table`, looked up a chunk at a time. */
async function existing(
  db: Kysely<Database>,
  table: 'categories' | 'products',
  wanted: Iterable<string>,
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(wanted)])) {
    const rows = await db.selectFrom(table).select('id').where('id', 'in', part).execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}

function duplicateUnit(units: readonly UnitInput[]): string | undefined {
  const seen = new Set<string>();
  for (const u of units) {
    if (seen.has(u.code)) return u.code;
    seen.add(u.code);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Products
// ---------------------------------------------------------------------------------------------

async function withUnits(db: Kysely<Database>, rows: Database['products'][]): Promise<Product[]> {
  if (!rows.length) return [];
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
  return toProducts(rows, units);
}

export async function getProduct(db: Kysely<Database>, id: string): Promise<Product | undefined> {
  const row = await db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withUnits(db, [row]))[0] : undefined;
}

/** `%`, `_` and the escape character itself match only themselves. */
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** By SKU, then id. */
export async function listProducts(
  db: Kysely<Database>,
  options: { q?: string; category_id?: string; active?: 'true' | 'false'; cursor?: string; limit?: number },
) {
  const limit = options.limit ?? 50;
  const cursor = decodeCursor(options.cursor);
  let query = db.selectFrom('products').selectAll();
  if (options.q) {
    // Both databases take an explicit escape character (PostgreSQL's default is the same, SQLite has none).
    const like = (column: 'sku' | 'name') =>
      sql<boolean>`lower(${sql.ref(column)}) like ${likePattern(options.q!)} escape '\\'`;
    query = query.where((eb) => eb.or([like('sku'), like('name')]));
  }
  if (options.category_id) query = query.where('category_id', '=', options.category_id);
  if (options.active) query = query.where('active', '=', options.active === 'true' ? 1 : 0);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([eb('sku', '>', cursor.after), eb.and([eb('sku', '=', cursor.after), eb('id', '>', cursor.id)])]),
    );
  }
  const rows = await query
    .orderBy('sku')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const { items, next_cursor } = page(rows, limit, (r) => r.sku);
  return { items: await withUnits(db, items), next_cursor };
}

const unitRows = (productId: string, units: readonly UnitInput[]): Database['product_units'][] =>
  units.map((u, position) => ({
    product_id: productId,
    code: u.code,
    name: u.name,
    contains: u.contains,
    base_price_minor: u.base_price_minor,
    position,
  }));

/** Replaces the units of each product given, in few statements. */
async function replaceUnits(tx: Kysely<Database>, byProduct: readonly [string, readonly UnitInput[]][]): Promise<void> {
  for (const part of chunks(byProduct.map(([id]) => id))) {
    await tx.deleteFrom('product_units').where('product_id', 'in', part).execute();
  }
  for (const part of chunks(byProduct.flatMap(([id, units]) => unitRows(id, units)))) {
    await tx.insertInto('product_units').values(part).execute();
  }
}

/**
 * Creates or updates products by SKU, all or nothing: a refused row refuses the whole call
 * (answered as `problems`, nothing written). A row's fields left out keep their stored value
 * (or take the new product's default); `units` replaces the product's units.
 */
export async function upsertProducts(
  db: Kysely<Database>,
  rows: readonly ProductRow[],
  now: string,
): Promise<{ created: number; updated: number; unchanged: number } | Refused> {
  const problems: Problem[] = [];
  const firstRow = new Map<string, number>();
  rows.forEach((r, i) => {
    const first = firstRow.get(r.sku);
    if (first !== undefined) problems.push(rowProblem('products', i, 'sku', `SKU ${r.sku} is also in row ${first}.`));
    else firstRow.set(r.sku, i);
    const unit = r.units && duplicateUnit(r.units);
    if (unit) problems.push(rowProblem('products', i, 'units', `Unit code ${unit} appears twice.`));
  });
  if (problems.length) return { problems };

  return db.transaction().execute(async (tx) => {
    const stored = new Map<string, Database['products']>();
    for (const part of chunks(rows.map((r) => r.sku))) {
      for (const p of await tx.selectFrom('products').selectAll().where('sku', 'in', part).execute())
        stored.set(p.sku, p);
    }
    const categories = await existing(
      tx,
      'categories',
      rows.flatMap((r) => (r.category_id ? [r.category_id] : [])),
    );
    rows.forEach((r, i) => {
      if (r.category_id && !categories.has(r.category_id))
        problems.push(rowProblem('products', i, 'category_id', `No category ${r.category_id}.`));
      if (stored.has(r.sku)) return;
      if (r.name === undefined) problems.push(rowProblem('products', i, 'name', 'A new SKU needs a name.'));
      if (r.units === undefined) problems.push(rowProblem('products', i, 'units', 'A new SKU needs its units.'));
    });
    if (problems.length) return { problems };

    const storedUnits = new Map<string, UnitInput[]>();
    for (const part of chunks([...stored.values()].map((p) => p.id))) {
      const units = await tx
        .selectFrom('product_units')
        .selectAll()
        .where('product_id', 'in', part)
        .orderBy('product_id')
        .orderBy('position')
        .execute();
      for (const [id, list] of groupBy(units, (u) => u.product_id)) {
        storedUnits.set(
          id,
          list.map((u) => ({
            code: u.code,
            name: u.name,
            contains: u.contains,
            base_price_minor: u.base_price_minor === null ? null : Number(u.base_price_minor),
          })),
        );
      }
    }

    // A daily full sync changes few rows: the others are left alone, so the catalogue revision
    // (and every customer's cached catalogue) moves only when something did change.
    const changed: Database['products'][] = [];
    const newUnits: [string, readonly UnitInput[]][] = [];
    let unchanged = 0;
    for (const r of rows) {
      const before = stored.get(r.sku);
      const after: Database['products'] = {
        id: before?.id ?? randomUUID(),
        sku: r.sku,
        name: r.name ?? before!.name,
        description: r.description ?? before?.description ?? '',
        image_url: r.image_url !== undefined ? r.image_url : (before?.image_url ?? null),
        category_id: r.category_id !== undefined ? r.category_id : (before?.category_id ?? null),
        new_arrival: r.new_arrival !== undefined ? Number(r.new_arrival) : (before?.new_arrival ?? 0),
        active: r.active !== undefined ? Number(r.active) : (before?.active ?? 1),
        stock: r.stock ?? before?.stock ?? 'in_stock',
        created_at: before?.created_at ?? now,
      };
      const rowChanged = !before || PRODUCT_FIELDS.some((f) => after[f] !== before[f]);
      const unitsChanged = r.units !== undefined && (!before || !sameUnits(r.units, storedUnits.get(before.id) ?? []));
      if (rowChanged) changed.push(after);
      if (unitsChanged) newUnits.push([r.sku, r.units!]);
      if (before && !rowChanged && !unitsChanged) unchanged++;
    }
    // One statement per chunk. On a SKU another writer created meanwhile the row updates it, and
    // RETURNING gives the id its units belong to either way.
    const idOf = new Map([...stored.values()].map((p) => [p.sku, p.id]));
    for (const part of chunks(changed)) {
      const written = await tx
        .insertInto('products')
        .values(part)
        .onConflict((oc) =>
          oc.column('sku').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            description: eb.ref('excluded.description'),
            image_url: eb.ref('excluded.image_url'),
            category_id: eb.ref('excluded.category_id'),
            new_arrival: eb.ref('excluded.new_arrival'),
            active: eb.ref('excluded.active'),
            stock: eb.ref('excluded.stock'),
          })),
        )
        .returning(['id', 'sku'])
        .execute();
      for (const w of written) idOf.set(w.sku, w.id);
    }
    await replaceUnits(
      tx,
      newUnits.map(([sku, units]) => [idOf.get(sku)!, units]),
    );
    return { created: rows.length - stored.size, updated: stored.size - unchanged, unchanged };
  });
}

const PRODUCT_FIELDS = ['name', 'description', 'image_url', 'category_id', 'new_arrival', 'active', 'stock'] as const;

const sameUnits = (a: readonly UnitInput[], b: readonly UnitInput[]) =>
  a.length === b.length &&
  a.every(
    (u, i) =>
      u.code === b[i].code &&
      u.name === b[i].name &&
      u.contains === b[i].contains &&
      u.base_price_minor === b[i].base_price_minor,
  );

export async function patchProduct(
  db: Kysely<Database>,
  id: string,
  patch: ProductPatch,
): Promise<Product | undefined | Refused> {
  return db.transaction().execute(async (tx) => {
    const product = await tx.selectFrom('products').select('id').where('id', '=', id).executeTakeFirst();
    if (!product) return undefined;
    const problems: Problem[] = [];
    if (patch.category_id && !(await existing(tx, 'categories', [patch.category_id])).has(patch.category_id)) {
      problems.push({ field: 'category_id', path: 'body.category_id', message: `No category ${patch.category_id}.` });
    }
    const unit = patch.units && duplicateUnit(patch.units);
    if (unit) problems.push({ field: 'units', path: 'body.units', message: `Unit code ${unit} appears twice.` });
    const prices = Object.entries(patch.base_prices ?? {});
    if (prices.length) {
      const codes = new Set(
        (
          patch.units ?? (await tx.selectFrom('product_units').select('code').where('product_id', '=', id).execute())
        ).map((u) => u.code),
      );
      for (const [code] of prices) {
        if (!codes.has(code))
          problems.push({
            field: 'base_prices',
            path: `body.base_prices.${code}`,
            message: `The product has no unit ${code}.`,
          });
      }
    }
    if (problems.length) return { problems };

    const { units, base_prices: _, active, new_arrival, ...fields } = patch;
    const set = {
      ...fields,
      ...(active !== undefined ? { active: Number(active) } : {}),
      ...(new_arrival !== undefined ? { new_arrival: Number(new_arrival) } : {}),
    };
    if (Object.keys(set).length) await tx.updateTable('products').set(set).where('id', '=', id).execute();
    if (units) await replaceUnits(tx, [[id, units]]);
    for (const [code, price] of prices) {
      await tx
        .updateTable('product_units')
        .set({ base_price_minor: price })
        .where('product_id', '=', id)
        .where('code', '=', code)
        .execute();
    }
    return getProduct(tx, id);
  });
}

// ---------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------

/** By position, then id; the cursor carries the position as text. */
export async function listCategories(db: Kysely<Database>, options: { cursor?: string; limit?: number }) {
  const limit = options.limit ?? 50;
  const cursor = decodeCursor(options.cursor);
  let query = db.selectFrom('categories').selectAll();
  if (cursor) {
    // Positions are integers of at most 1,000,000 (CreateCategory); anything else was not made here.
    if (!/^\d{1,7}$/.test(cursor.after)) throw invalidCursor();
    const position = Number(cursor.after);
    query = query.where((eb) =>
      eb.or([eb('position', '>', position), eb.and([eb('position', '=', position), eb('id', '>', cursor.id)])]),
    );
  }
  const rows = await query
    .orderBy('position')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  return page(rows, limit, (c) => String(c.position));
}

/** undefined: the id is taken. */
export async function createCategory(
  db: Kysely<Database>,
  input: { id?: string; name: string; position?: number; tab_visibility?: Category['tab_visibility'] },
): Promise<Category | undefined> {
  return db.transaction().execute(async (tx) => {
    if (input.id && (await existing(tx, 'categories', [input.id])).size) return undefined;
    const last = await tx
      .selectFrom('categories')
      .select((eb) => eb.fn.max('position').as('position'))
      .executeTakeFirst();
    const category: Category = {
      id: input.id ?? randomUUID(),
      name: input.name,
      position: input.position ?? Number(last?.position ?? -1) + 1,
      tab_visibility: input.tab_visibility ?? 'auto',
    };
    await tx.insertInto('categories').values(category).execute();
    return category;
  });
}

export async function patchCategory(
  db: Kysely<Database>,
  id: string,
  patch: { name?: string; position?: number; tab_visibility?: Category['tab_visibility'] },
): Promise<Category | undefined> {
  if (Object.keys(patch).length) await db.updateTable('categories').set(patch).where('id', '=', id).execute();
  return db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Price groups and price lists
// ---------------------------------------------------------------------------------------------

const groups = (db: Kysely<Database>) =>
  db
    .selectFrom('price_groups')
    .leftJoin('price_lists', 'price_lists.price_group_id', 'price_groups.id')
    .select(['price_groups.id', 'price_groups.name', 'price_lists.id as price_list_id']);

/** By name, then id. */
export async function listPriceGroups(db: Kysely<Database>, options: { cursor?: string; limit?: number }) {
  const limit = options.limit ?? 50;
  const cursor = decodeCursor(options.cursor);
  let query = groups(db);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb('price_groups.name', '>', cursor.after),
        eb.and([eb('price_groups.name', '=', cursor.after), eb('price_groups.id', '>', cursor.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('price_groups.name')
    .orderBy('price_groups.id')
    .limit(limit + 1)
    .execute();
  return page(rows, limit, (g) => g.name);
}

/** A group and its own (empty) price list; undefined: the id is taken. */
export async function createPriceGroup(
  db: Kysely<Database>,
  input: { id?: string; name: string; price_list_name?: string },
) {
  return db.transaction().execute(async (tx) => {
    const id = input.id ?? randomUUID();
    if (await tx.selectFrom('price_groups').select('id').where('id', '=', id).executeTakeFirst()) return undefined;
    await tx.insertInto('price_groups').values({ id, name: input.name }).execute();
    const listId = randomUUID();
    await tx
      .insertInto('price_lists')
      .values({ id: listId, name: input.price_list_name ?? input.name, kind: 'group', price_group_id: id })
      .execute();
    return { id, name: input.name, price_list_id: listId };
  });
}

const lists = (db: Kysely<Database>) =>
  db
    .selectFrom('price_lists')
    .leftJoin('price_groups', 'price_groups.id', 'price_lists.price_group_id')
    .select((eb) => [
      'price_lists.id',
      'price_lists.name',
      'price_lists.kind',
      'price_lists.price_group_id',
      'price_groups.name as price_group_name',
      eb
        .selectFrom('price_list_entries')
        .select((e) => e.fn.countAll().as('n'))
        .whereRef('price_list_entries.price_list_id', '=', 'price_lists.id')
        .as('entry_count'),
    ]);

type ListRow = {
  id: string;
  name: string;
  kind: 'default' | 'group';
  price_group_id: string | null;
  price_group_name: string | null;
  entry_count: unknown;
};
const toList = (r: ListRow) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  price_group: r.price_group_id ? { id: r.price_group_id, name: r.price_group_name ?? '' } : null,
  entry_count: Number(r.entry_count ?? 0),
});

/** By name, then id. */
export async function listPriceLists(db: Kysely<Database>, options: { cursor?: string; limit?: number }) {
  const limit = options.limit ?? 50;
  const cursor = decodeCursor(options.cursor);
  let query = lists(db);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb('price_lists.name', '>', cursor.after),
        eb.and([eb('price_lists.name', '=', cursor.after), eb('price_lists.id', '>', cursor.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('price_lists.name')
    .orderBy('price_lists.id')
    .limit(limit + 1)
    .execute();
  const result = page(rows, limit, (l) => l.name);
  return { items: result.items.map(toList), next_cursor: result.next_cursor };
}

type EntryKey = { product_id: string; uom: string; min_quantity: number };
const encodeEntryCursor = (k: EntryKey) =>
  Buffer.from(JSON.stringify([k.product_id, k.uom, k.min_quantity])).toString('base64url');
/** undefined: not a cursor this server made. */
function decodeEntryCursor(cursor: string): EntryKey | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 3 &&
      typeof v[0] === 'string' &&
      typeof v[1] === 'string' &&
      Number.isSafeInteger(v[2]) &&
      !`${v[0]}${v[1]}`.includes('\u0000') &&
      `${v[0]}${v[1]}`.length <= 300
    ) {
      return { product_id: v[0], uom: v[1], min_quantity: v[2] };
    }
  } catch {
    // not JSON: refused below
  }
  return undefined;
}

/** The list and one page of its entries (by product id, unit, quantity break). */
export async function getPriceList(db: Kysely<Database>, id: string, options: { cursor?: string; limit?: number }) {
  const after = options.cursor === undefined ? undefined : decodeEntryCursor(options.cursor);
  if (options.cursor !== undefined && !after) throw invalidCursor();
  const row = await lists(db).where('price_lists.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const limit = options.limit ?? 500;
  let query = db
    .selectFrom('price_list_entries')
    .innerJoin('products', 'products.id', 'price_list_entries.product_id')
    .select([
      'price_list_entries.product_id',
      'products.sku',
      'price_list_entries.uom',
      'price_list_entries.min_quantity',
      'price_list_entries.unit_price_minor',
    ])
    .where('price_list_entries.price_list_id', '=', id);
  if (after) {
    query = query.where((eb) =>
      eb(
        eb.refTuple('price_list_entries.product_id', 'price_list_entries.uom', 'price_list_entries.min_quantity'),
        '>',
        eb.tuple(after.product_id, after.uom, after.min_quantity),
      ),
    );
  }
  const rows = await query
    .orderBy('price_list_entries.product_id')
    .orderBy('price_list_entries.uom')
    .orderBy('price_list_entries.min_quantity')
    .limit(limit + 1)
    .execute();
  const entries = rows
    .slice(0, limit)
    .map((e) => ({ ...e, min_quantity: Number(e.min_quantity), unit_price_minor: Number(e.unit_price_minor) }));
  const last = entries[entries.length - 1];
  return { ...toList(row), entries, next_cursor: rows.length > limit && last ? encodeEntryCursor(last) : null };
}

interface ProductRef {
  product_id?: string;
  sku?: string;
}

/** Each row's product id (problems for a row naming none, both, or an unknown one). */
async function resolveProducts(db: Kysely<Database>, rows: readonly ProductRef[], list: string) {
  const problems: Problem[] = [];
  const bySku = new Map<string, string>();
  for (const part of chunks([...new Set(rows.flatMap((r) => (r.sku !== undefined ? [r.sku] : [])))])) {
    for (const p of await db.selectFrom('products').select(['id', 'sku']).where('sku', 'in', part).execute())
      bySku.set(p.sku, p.id);
  }
  const known = await existing(
    db,
    'products',
    rows.flatMap((r) => (r.product_id !== undefined ? [r.product_id] : [])),
  );
  const ids = rows.map((r, i) => {
    if ((r.product_id === undefined) === (r.sku === undefined)) {
      problems.push(rowProblem(list, i, 'product_id', 'Give the product as product_id or sku, one of them.'));
      return '';
    }
    const id = r.product_id ?? bySku.get(r.sku!);
    if (id === undefined || (r.product_id !== undefined && !known.has(id))) {
      problems.push(
        r.product_id !== undefined
          ? rowProblem(list, i, 'product_id', `No product ${r.product_id}.`)
          : rowProblem(list, i, 'sku', `No product with SKU ${r.sku}.`),
      );
      return '';
    }
    return id;
  });
  return { ids, problems };
}

const entryKey = (productId: string, uom: string, minQuantity: number) =>
  `${productId}\u0000${uom}\u0000${minQuantity}`;

/**
 * Sets tiers of a list, all or nothing; with `replace` the list holds exactly these afterwards.
 * undefined: no such list.
 */
export async function putPriceEntries(
  db: Kysely<Database>,
  listId: string,
  rows: readonly (ProductRef & { uom: string; min_quantity?: number; unit_price_minor: number })[],
  replace: boolean,
): Promise<{ created: number; updated: number; deleted: number } | Refused | undefined> {
  return db.transaction().execute(async (tx) => {
    if (!(await tx.selectFrom('price_lists').select('id').where('id', '=', listId).executeTakeFirst()))
      return undefined;
    const { ids, problems } = await resolveProducts(tx, rows, 'entries');
    const units = new Set<string>();
    for (const part of chunks([...new Set(ids.filter(Boolean))])) {
      for (const u of await tx
        .selectFrom('product_units')
        .select(['product_id', 'code'])
        .where('product_id', 'in', part)
        .execute()) {
        units.add(`${u.product_id}\u0000${u.code}`);
      }
    }
    const seen = new Map<string, number>();
    rows.forEach((r, i) => {
      if (!ids[i]) return;
      if (!units.has(`${ids[i]}\u0000${r.uom}`))
        problems.push(rowProblem('entries', i, 'uom', `The product has no unit ${r.uom}.`));
      const key = entryKey(ids[i], r.uom, r.min_quantity ?? 1);
      const first = seen.get(key);
      if (first !== undefined)
        problems.push(rowProblem('entries', i, 'min_quantity', `The same tier is also in row ${first}.`));
      else seen.set(key, i);
    });
    if (problems.length) return { problems };

    const before = new Set<string>();
    for (const part of chunks([...new Set(ids)])) {
      const stored = await tx
        .selectFrom('price_list_entries')
        .select(['product_id', 'uom', 'min_quantity'])
        .where('price_list_id', '=', listId)
        .where('product_id', 'in', part)
        .execute();
      for (const e of stored) before.add(entryKey(e.product_id, e.uom, Number(e.min_quantity)));
    }
    const updated = [...seen.keys()].filter((k) => before.has(k)).length;
    let deleted = 0;
    const values = rows.map((r, i) => ({
      price_list_id: listId,
      product_id: ids[i],
      uom: r.uom,
      min_quantity: r.min_quantity ?? 1,
      unit_price_minor: r.unit_price_minor,
    }));
    if (replace) {
      const result = await tx.deleteFrom('price_list_entries').where('price_list_id', '=', listId).executeTakeFirst();
      deleted = Number(result.numDeletedRows) - updated;
      for (const part of chunks(values)) await tx.insertInto('price_list_entries').values(part).execute();
    } else {
      for (const part of chunks(values)) {
        await tx
          .insertInto('price_list_entries')
          .values(part)
          .onConflict((oc) =>
            oc
              .columns(['price_list_id', 'product_id', 'uom', 'min_quantity'])
              .doUpdateSet((eb) => ({ unit_price_minor: eb.ref('excluded.unit_price_minor') })),
          )
          .execute();
      }
    }
    return { created: rows.length - updated, updated, deleted };
  });
}

/** Deletes the tiers each row matches (a product, optionally one unit and one break). undefined: no such list. */
export async function deletePriceEntries(
  db: Kysely<Database>,
  listId: string,
  rows: readonly (ProductRef & { uom?: string; min_quantity?: number })[],
): Promise<{ deleted: number } | Refused | undefined> {
  return db.transaction().execute(async (tx) => {
    if (!(await tx.selectFrom('price_lists').select('id').where('id', '=', listId).executeTakeFirst()))
      return undefined;
    const { ids, problems } = await resolveProducts(tx, rows, 'entries');
    if (problems.length) return { problems };
    let deleted = 0;
    for (const part of chunks(
      rows.map((r, i) => ({ ...r, product_id: ids[i] })),
      200,
    )) {
      const result = await tx
        .deleteFrom('price_list_entries')
        .where('price_list_id', '=', listId)
        .where((eb) =>
          eb.or(
            part.map((r) =>
              eb.and([
                eb('product_id', '=', r.product_id),
                ...(r.uom !== undefined ? [eb('uom', '=', r.uom)] : []),
                ...(r.min_quantity !== undefined ? [eb('min_quantity', '=', r.min_quantity)] : []),
              ]),
            ),
          ),
        )
        .executeTakeFirst();
      deleted += Number(result.numDeletedRows);
    }
    return { deleted };
  });
}

// ---------------------------------------------------------------------------------------------
// Promotions
// ---------------------------------------------------------------------------------------------

async function withProducts(db: Kysely<Database>, rows: Database['promotions'][]): Promise<Promotion[]> {
  if (!rows.length) return [];
  const links = await db
    .selectFrom('promotion_products')
    .selectAll()
    .where(
      'promotion_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('promotion_id')
    .orderBy('product_id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    discount: Discount.parse(JSON.parse(r.discount_json)),
    starts_at: r.starts_at,
    ends_at: r.ends_at,
    product_ids: links.filter((l) => l.promotion_id === r.id).map((l) => l.product_id),
  }));
}

export async function getPromotion(db: Kysely<Database>, id: string): Promise<Promotion | undefined> {
  const row = await db.selectFrom('promotions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withProducts(db, [row]))[0] : undefined;
}

/** Latest start first, then id (descending). */
export async function listPromotions(
  db: Kysely<Database>,
  options: { state?: 'scheduled' | 'running' | 'ended'; cursor?: string; limit?: number; now: string },
) {
  const limit = options.limit ?? 50;
  const cursor = decodeCursor(options.cursor);
  const { now } = options;
  let query = db.selectFrom('promotions').selectAll();
  if (options.state === 'scheduled') query = query.where('starts_at', '>', now);
  if (options.state === 'running') query = query.where('starts_at', '<=', now).where('ends_at', '>', now);
  if (options.state === 'ended') query = query.where('ends_at', '<=', now);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb('starts_at', '<', cursor.after),
        eb.and([eb('starts_at', '=', cursor.after), eb('id', '<', cursor.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const result = page(rows, limit, (p) => p.starts_at);
  return { items: await withProducts(db, result.items), next_cursor: result.next_cursor };
}

export interface PromotionInput {
  name: string;
  discount: Discount;
  starts_at: string;
  ends_at: string;
  product_ids: string[];
}

/** Instants are stored as UTC ISO text with milliseconds, so they compare as text. */
const instant = (iso: string) => new Date(iso).toISOString();

async function promotionProblems(
  db: Kysely<Database>,
  input: Partial<PromotionInput>,
  whole: PromotionInput,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  // In UTC an instant of 9999-12-31 with a negative offset falls in year 10000, which no longer sorts as text.
  for (const field of ['starts_at', 'ends_at'] as const) {
    if (!/^\d{4}-/.test(whole[field]))
      problems.push({ field, path: `body.${field}`, message: 'Must fall before the year 10000 in UTC.' });
  }
  if (problems.length) return problems;
  if (whole.ends_at <= whole.starts_at)
    problems.push({ field: 'ends_at', path: 'body.ends_at', message: 'A promotion ends after it starts.' });
  if (input.product_ids) {
    const known = await existing(db, 'products', input.product_ids);
    input.product_ids.forEach((id, i) => {
      if (!known.has(id))
        problems.push({ row: i, field: 'product_ids', path: `body.product_ids.${i}`, message: `No product ${id}.` });
    });
  }
  return problems;
}

async function linkProducts(tx: Kysely<Database>, promotionId: string, productIds: readonly string[]) {
  await tx.deleteFrom('promotion_products').where('promotion_id', '=', promotionId).execute();
  for (const part of chunks([...new Set(productIds)])) {
    await tx
      .insertInto('promotion_products')
      .values(part.map((product_id) => ({ promotion_id: promotionId, product_id })))
      .execute();
  }
}

export async function createPromotion(db: Kysely<Database>, input: PromotionInput): Promise<Promotion | Refused> {
  const whole = { ...input, starts_at: instant(input.starts_at), ends_at: instant(input.ends_at) };
  return db.transaction().execute(async (tx) => {
    const problems = await promotionProblems(tx, input, whole);
    if (problems.length) return { problems };
    const id = randomUUID();
    await tx
      .insertInto('promotions')
      .values({
        id,
        name: whole.name,
        discount_json: JSON.stringify(whole.discount),
        starts_at: whole.starts_at,
        ends_at: whole.ends_at,
      })
      .execute();
    await linkProducts(tx, id, whole.product_ids);
    return (await getPromotion(tx, id))!;
  });
}

export async function patchPromotion(
  db: Kysely<Database>,
  id: string,
  patch: Partial<PromotionInput>,
): Promise<Promotion | Refused | undefined> {
  return db.transaction().execute(async (tx) => {
    const current = await getPromotion(tx, id);
    if (!current) return undefined;
    const whole = {
      ...current,
      ...patch,
      starts_at: instant(patch.starts_at ?? current.starts_at),
      ends_at: instant(patch.ends_at ?? current.ends_at),
    };
    const problems = await promotionProblems(tx, patch, whole);
    if (problems.length) return { problems };
    await tx
      .updateTable('promotions')
      .set({
        name: whole.name,
        discount_json: JSON.stringify(whole.discount),
        starts_at: whole.starts_at,
        ends_at: whole.ends_at,
      })
      .where('id', '=', id)
      .execute();
    if (patch.product_ids) await linkProducts(tx, id, patch.product_ids);
    return getPromotion(tx, id);
  });
}

/** Ends it at `now` (a promotion not yet started ends before it ever applies); an ended one stays as it is. */
export async function endPromotion(db: Kysely<Database>, id: string, now: string): Promise<Promotion | undefined> {
  return db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('promotions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current) return undefined;
    if (current.ends_at > now) {
      await tx
        .updateTable('promotions')
        .set({ ends_at: now, starts_at: current.starts_at < now ? current.starts_at : now })
        .where('id', '=', id)
        .execute();
    }
    return getPromotion(tx, id);
  });
}
