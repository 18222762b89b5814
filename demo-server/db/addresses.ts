import type { Kysely } from 'kysely';
import type {
  Address,
  AddressPatch,
  CreateAddressRequest,
  DeliveryAddress,
  PostalAddress,
} from '../../widget/contract/index.ts';
import type { AddressKind } from '../../widget/contract/rules/addresses.ts';
import { lockCustomer } from './customers.ts';
import type { Database } from './schema.ts';

type Row = Database['customer_addresses'];

const OPTIONAL_FIELDS = new Set(['line2', 'region', 'postal_code', 'phone']);
/** Blank optional fields are stored as null: none. */
const orNull = (value: string | null | undefined) => (value ? value : null);

function toAddress(row: Row): Address {
  return {
    id: row.id,
    kind: row.kind as AddressKind,
    label: row.label,
    name: row.name,
    line1: row.line1,
    line2: row.line2,
    city: row.city,
    region: row.region,
    postal_code: row.postal_code,
    country: row.country,
    phone: row.phone,
    is_default: Number(row.is_default) === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The copy an order keeps of the address it goes to. */
export function snapshotOf(address: Address): DeliveryAddress {
  const { label, name, line1, line2, city, region, postal_code, country, phone } = address;
  return { address_id: address.id, label, name, line1, line2, city, region, postal_code, country, phone };
}

/** The customer's live addresses: delivery first, each kind's default first, then oldest first. */
export async function listAddresses(db: Kysely<Database>, customerId: string): Promise<Address[]> {
  const rows = await db
    .selectFrom('customer_addresses')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('archived_at', 'is', null)
    .orderBy('kind', 'desc') // 'delivery' before 'billing'
    .orderBy('is_default', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toAddress);
}

/** One live address of this customer, or undefined (another customer's, an archived one, none). */
export async function getAddress(db: Kysely<Database>, customerId: string, id: string): Promise<Address | undefined> {
  const row = await db
    .selectFrom('customer_addresses')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return row ? toAddress(row) : undefined;
}

async function hasDefault(db: Kysely<Database>, customerId: string, kind: string): Promise<boolean> {
  const row = await db
    .selectFrom('customer_addresses')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('kind', '=', kind)
    .where('is_default', '=', 1)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

async function clearDefault(db: Kysely<Database>, customerId: string, kind: string, now: string): Promise<void> {
  await db
    .updateTable('customer_addresses')
    .set({ is_default: 0, updated_at: now })
    .where('customer_id', '=', customerId)
    .where('kind', '=', kind)
    .where('is_default', '=', 1)
    .execute();
}

/**
 * Adds an address; the first live one of its kind, or one asked to be, is the default. Under the
 * customer's lock, so two concurrent writes cannot both make (or both skip making) a default.
 */
export async function insertAddress(
  db: Kysely<Database>,
  customerId: string,
  input: CreateAddressRequest,
  now: Date,
): Promise<Address> {
  return db.transaction().execute(async (tx) => {
    await lockCustomer(tx, customerId);
    const at = now.toISOString();
    const makeDefault = input.is_default === true || !(await hasDefault(tx, customerId, input.kind));
    if (makeDefault) await clearDefault(tx, customerId, input.kind, at);
    const id = crypto.randomUUID();
    await tx
      .insertInto('customer_addresses')
      .values({
        id,
        customer_id: customerId,
        kind: input.kind,
        label: input.label,
        name: input.name,
        line1: input.line1,
        line2: orNull(input.line2),
        city: input.city,
        region: orNull(input.region),
        postal_code: orNull(input.postal_code),
        country: input.country,
        phone: orNull(input.phone),
        is_default: makeDefault ? 1 : 0,
        archived_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return (await getAddress(tx, customerId, id))!;
  });
}

/** Changes a live address of this customer; undefined when there is none by that id. */
export async function updateAddress(
  db: Kysely<Database>,
  customerId: string,
  id: string,
  patch: AddressPatch,
  now: Date,
): Promise<Address | undefined> {
  return db.transaction().execute(async (tx) => {
    await lockCustomer(tx, customerId);
    const current = await getAddress(tx, customerId, id);
    if (!current) return undefined;
    const at = now.toISOString();
    const { is_default, ...fields } = patch;
    if (is_default && !current.is_default) await clearDefault(tx, customerId, current.kind, at);
    const values: Record<string, string | number | null> = { updated_at: at };
    for (const [field, value] of Object.entries(fields)) {
      if (value !== undefined) values[field] = OPTIONAL_FIELDS.has(field) ? orNull(value) : value;
    }
    if (is_default) values.is_default = 1;
    await tx.updateTable('customer_addresses').set(values).where('id', '=', id).execute();
    return getAddress(tx, customerId, id);
  });
}

/**
 * Archives a live address of this customer (false when there is none by that id). A default
 * hands its place to the oldest remaining address of its kind, so a kind with addresses always
 * has exactly one default; the last one leaves none.
 */
export async function archiveAddress(
  db: Kysely<Database>,
  customerId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    await lockCustomer(tx, customerId);
    const current = await getAddress(tx, customerId, id);
    if (!current) return false;
    const at = now.toISOString();
    await tx
      .updateTable('customer_addresses')
      .set({ archived_at: at, is_default: 0, updated_at: at })
      .where('id', '=', id)
      .execute();
    if (current.is_default) {
      const heir = (await listAddresses(tx, customerId)).find((a) => a.kind === current.kind);
      if (heir) {
        await tx
          .updateTable('customer_addresses')
          .set({ is_default: 1, updated_at: at })
          .where('id', '=', heir.id)
          .execute();
      }
    }
    return true;
  });
}

/** An order's stored copy, read back. */
export const parseSnapshot = (json: string | null | undefined): DeliveryAddress | null =>
  json ? (JSON.parse(json) as DeliveryAddress) : null;

/** One line per part, as a PDF prints it: site, recipient, street, city, country, phone. */
export function addressLines(a: PostalAddress, country: (code: string) => string = (c) => c): string[] {
  const cityLine = [a.postal_code, a.city].filter(Boolean).join(' ') + (a.region ? `, ${a.region}` : '');
  return [a.label, a.name, a.line1, a.line2, cityLine, country(a.country), a.phone ? `Tel. ${a.phone}` : null].filter(
    (l): l is string => Boolean(l),
  );
}
