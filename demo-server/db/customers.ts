import { sql, type Kysely } from 'kysely';
import {
  ChargeRules,
  Freight,
  OrderDefaults,
  type ApprovalRule,
  type CreateCustomerRequest,
  type Customer,
  type CustomerPatch,
} from '../../widget/contract/index.ts';
import type { Database } from './schema.ts';
import { decodeCursor, page } from './paging.ts';

export interface CustomerRecord extends Customer {
  price_group_id: string | null;
}

const columns = [
  'customers.id',
  'customers.business_name',
  'customers.email',
  'customers.price_group_id',
  'customers.credit_limit_minor',
  'customers.order_template',
  'customers.checkout_mode',
  'customers.freight_json',
  'customers.language',
  'customers.archived_at',
  'customers.approval_required_for',
  'customers.approval_amount_minor',
  'customers.default_delivery_service_id',
  'customers.order_creation_status',
  'customers.create_orders_automatically',
  'customers.charges_json',
  'customers.show_charges',
  'customers.minimum_order_minor',
  'customers.order_defaults_json',
  'price_groups.name as price_group_name',
] as const;

type Row = {
  id: string;
  business_name: string;
  email: string | null;
  price_group_id: string | null;
  credit_limit_minor: number;
  order_template: string | null;
  checkout_mode: string | null;
  freight_json: string | null;
  price_group_name: string | null;
  language: string | null;
  archived_at: string | null;
  approval_required_for?: string;
  approval_amount_minor?: number | null;
  default_delivery_service_id?: string | null;
  order_creation_status?: string | null;
  create_orders_automatically?: number | null;
  charges_json?: string | null;
  show_charges?: number;
  minimum_order_minor?: number | null;
  order_defaults_json?: string | null;
};

function toCustomer(row: Row): CustomerRecord {
  return {
    id: row.id,
    business_name: row.business_name,
    email: row.email,
    price_group_id: row.price_group_id,
    price_group: row.price_group_id ? { id: row.price_group_id, name: row.price_group_name ?? '' } : null,
    credit_limit_minor: Number(row.credit_limit_minor),
    language: row.language as Customer['language'],
    archived_at: row.archived_at,
    settings: {
      order_template: row.order_template as Customer['settings']['order_template'],
      checkout_mode: row.checkout_mode as Customer['settings']['checkout_mode'],
      freight: row.freight_json ? Freight.parse(JSON.parse(row.freight_json)) : null,
      approval: {
        required_for: (row.approval_required_for ?? 'none') as ApprovalRule,
        amount_minor: row.approval_amount_minor == null ? null : Number(row.approval_amount_minor),
      },
      default_delivery_service_id: row.default_delivery_service_id ?? null,
      order_creation_status: (row.order_creation_status ?? null) as Customer['settings']['order_creation_status'],
      create_orders_automatically:
        row.create_orders_automatically == null ? null : Number(row.create_orders_automatically) === 1,
      charges: row.charges_json ? ChargeRules.parse(JSON.parse(row.charges_json)) : null,
      show_charges: row.show_charges === undefined ? true : Number(row.show_charges) === 1,
      minimum_order_minor: row.minimum_order_minor == null ? null : Number(row.minimum_order_minor),
      order_defaults: row.order_defaults_json ? OrderDefaults.parse(JSON.parse(row.order_defaults_json)) : null,
    },
  };
}

function base(db: Kysely<Database>) {
  return db
    .selectFrom('customers')
    .leftJoin('price_groups', 'price_groups.id', 'customers.price_group_id')
    .select(columns);
}

export async function getCustomer(db: Kysely<Database>, id: string): Promise<CustomerRecord | undefined> {
  const row = await base(db).where('customers.id', '=', id).executeTakeFirst();
  return row ? toCustomer(row) : undefined;
}

/** What listCustomers keeps: `q` in the business name or email (any case); archived ones only when asked. */
export interface CustomerFilter {
  cursor?: string;
  limit?: number;
  q?: string;
  archived?: 'true' | 'false' | 'any';
}

/** By business name, then id. */
export async function listCustomers(db: Kysely<Database>, options: CustomerFilter) {
  const limit = options.limit ?? 50;
  const cursor = decodeCursor(options.cursor);
  let query = base(db);
  const archived = options.archived ?? 'false';
  if (archived !== 'any') query = query.where('customers.archived_at', archived === 'true' ? 'is not' : 'is', null);
  if (options.q) {
    // lower() on both sides: the same on SQLite and PostgreSQL, where LIKE differs in case; % and _ match themselves.
    const pattern = `%${options.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(customers.business_name) like ${pattern} escape '\\'`,
        sql<boolean>`lower(coalesce(customers.email, '')) like ${pattern} escape '\\'`,
      ]),
    );
  }
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb('customers.business_name', '>', cursor.after),
        eb.and([eb('customers.business_name', '=', cursor.after), eb('customers.id', '>', cursor.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('customers.business_name')
    .orderBy('customers.id')
    .limit(limit + 1)
    .execute();
  return page(rows.map(toCustomer), limit, (c) => c.business_name);
}

export async function priceGroupExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('price_groups').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

type CustomerColumns = Partial<Omit<Database['customers'], 'id' | 'created_at' | 'archived_at'>>;

/** The columns a create or a patch sets: fields left out are left alone, null ones reset. */
function columnsOf(fields: CustomerPatch): CustomerColumns {
  const columns: CustomerColumns = {
    business_name: fields.business_name,
    email: fields.email,
    language: fields.language,
    price_group_id: fields.price_group_id,
    credit_limit_minor: fields.credit_limit_minor,
    order_template: fields.order_template,
    checkout_mode: fields.checkout_mode,
    freight_json: fields.freight === undefined ? undefined : fields.freight && JSON.stringify(fields.freight),
    approval_required_for: fields.approval?.required_for,
    approval_amount_minor: fields.approval === undefined ? undefined : fields.approval.amount_minor,
    default_delivery_service_id: fields.default_delivery_service_id,
    order_creation_status: fields.order_creation_status,
    create_orders_automatically:
      fields.create_orders_automatically == null
        ? fields.create_orders_automatically
        : fields.create_orders_automatically
          ? 1
          : 0,
    charges_json: fields.charges === undefined ? undefined : fields.charges && JSON.stringify(fields.charges),
    show_charges: fields.show_charges === undefined ? undefined : fields.show_charges ? 1 : 0,
    minimum_order_minor: fields.minimum_order_minor,
    order_defaults_json:
      fields.order_defaults === undefined ? undefined : fields.order_defaults && JSON.stringify(fields.order_defaults),
  };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined)) as CustomerColumns;
}

export async function insertCustomer(
  db: Kysely<Database>,
  id: string,
  fields: CreateCustomerRequest,
  now: string,
): Promise<void> {
  await db
    .insertInto('customers')
    .values({
      id,
      email: null,
      price_group_id: null,
      credit_limit_minor: 0,
      order_template: null,
      checkout_mode: null,
      freight_json: null,
      language: null,
      archived_at: null,
      created_at: now,
      ...columnsOf(fields),
      business_name: fields.business_name,
    })
    .execute();
}

/** False when there is no such customer. */
export async function updateCustomer(db: Kysely<Database>, id: string, patch: CustomerPatch): Promise<boolean> {
  const columns = columnsOf(patch);
  if (Object.keys(columns).length === 0) return (await getCustomer(db, id)) !== undefined;
  const result = await db.updateTable('customers').set(columns).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Archives (keeping the first instant) or unarchives. False when there is no such customer. */
export async function setArchived(db: Kysely<Database>, id: string, now: string | null): Promise<boolean> {
  const result = await db
    .updateTable('customers')
    .set({ archived_at: now === null ? null : sql<string>`coalesce(archived_at, ${now})` })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Links neither revoked nor expired at `now`. */
export async function liveLinkCount(db: Kysely<Database>, customerId: string, now: string): Promise<number> {
  const row = await db
    .selectFrom('portal_tokens')
    .select(sql<number>`count(*)`.as('n'))
    .where('customer_id', '=', customerId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Takes the customer's row lock (PostgreSQL; SQLite runs one transaction at a time anyway) with a
 * no-op write to a non-key column, so checkouts referencing the customer are not held up by it.
 */
export async function lockCustomer(db: Kysely<Database>, customerId: string): Promise<void> {
  await db
    .updateTable('customers')
    .set((eb) => ({ credit_limit_minor: eb.ref('credit_limit_minor') }))
    .where('id', '=', customerId)
    .execute();
}
