import type { Kysely } from 'kysely';
import { Freight, type Customer } from '../../widget/contract/index.ts';
import type { Database } from './schema.ts';
import { decodeCursor, page } from './paging.ts';

export interface CustomerRecord extends Customer {
  price_group_id: string | null;
}

const columns = [
  'customers.id', 'customers.business_name', 'customers.email', 'customers.price_group_id', 'customers.credit_limit_minor',
  'customers.order_template', 'customers.checkout_mode', 'customers.freight_json', 'customers.language', 'customers.archived_at',
  'price_groups.name as price_group_name',
] as const;

type Row = {
  id: string; business_name: string; email: string | null; price_group_id: string | null; credit_limit_minor: number;
  order_template: string | null; checkout_mode: string | null; freight_json: string | null; price_group_name: string | null;
  language: string | null; archived_at: string | null;
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
    },
  };
}

function base(db: Kysely<Database>) {
  return db.selectFrom('customers').leftJoin('price_groups', 'price_groups.id', 'customers.price_group_id').select(columns);
}

export async function getCustomer(db: Kysely<Database>, id: string): Promise<CustomerRecord | undefined> {
  const row = await base(db).where('customers.id', '=', id).executeTakeFirst();
  return row ? toCustomer(row) : undefined;
}

/** By business name, then id. */
export async function listCustomers(db: Kysely<Database>, options: { cursor?: string; limit?: number }) {
  const limit = options.limit ?? 50;
  const cursor = decodeCursor(options.cursor);
  let query = base(db);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb('customers.business_name', '>', cursor.after),
        eb.and([eb('customers.business_name', '=', cursor.after), eb('customers.id', '>', cursor.id)]),
      ]),
    );
  }
  const rows = await query.orderBy('customers.business_name').orderBy('customers.id').limit(limit + 1).execute();
  return page(rows.map(toCustomer), limit, (c) => c.business_name);
}
