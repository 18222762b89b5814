import type { Kysely } from 'kysely';
import type {
  CreatePersonRequest,
  EmailKind,
  EmailPreferences,
  Person,
  PersonPatch,
  ProfilePatch,
  Role,
  SpendingPeriod,
} from '../../widget/contract/index.ts';
import type { Database } from './schema.ts';

type PersonRow = Database['people'] & { last_active_at: string | null; live_default_address_id: string | null };

/** The column of each email preference. */
export const EMAIL_COLUMNS = {
  order_placed: 'email_order_placed',
  approval_needed: 'email_approval_needed',
  approval_outcome: 'email_approval_outcome',
  shipped: 'email_shipped',
} as const satisfies Record<EmailKind, keyof Database['people']>;

/** A preference as stored: absent (a row from before migration 0016) counts as on. */
export const wants = (row: Partial<Database['people']>, kind: EmailKind): boolean =>
  Number(row[EMAIL_COLUMNS[kind]] ?? 1) === 1;

const emailsOf = (row: Partial<Database['people']>): EmailPreferences => ({
  order_placed: wants(row, 'order_placed'),
  approval_needed: wants(row, 'approval_needed'),
  approval_outcome: wants(row, 'approval_outcome'),
  shipped: wants(row, 'shipped'),
});

function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    customer_id: row.customer_id,
    name: row.name,
    email: row.email,
    language: (row.language as Person['language']) ?? null,
    role: row.role,
    phone: row.phone,
    created_at: row.created_at,
    last_active_at: row.last_active_at ?? null,
    spending_limit_minor: row.spending_limit_minor == null ? null : Number(row.spending_limit_minor),
    spending_period: (row.spending_period ?? 'month') as SpendingPeriod,
    emails: emailsOf(row),
    default_delivery_address_id: row.live_default_address_id,
  };
}

/** People with their last activity: the last use of any of their links. */
function people(db: Kysely<Database>) {
  return (
    db
      .selectFrom('people')
      .selectAll('people')
      .select((eb) =>
        eb
          .selectFrom('portal_tokens')
          .select((t) => t.fn.max('portal_tokens.last_used_at').as('at'))
          .whereRef('portal_tokens.person_id', '=', 'people.id')
          .as('last_active_at'),
      )
      // Their default delivery address while it is one: an archived one reads as none (the account's default).
      .select((eb) =>
        eb
          .selectFrom('customer_addresses')
          .select('customer_addresses.id')
          .whereRef('customer_addresses.id', '=', 'people.default_delivery_address_id')
          .whereRef('customer_addresses.customer_id', '=', 'people.customer_id')
          .where('customer_addresses.kind', '=', 'delivery')
          .where('customer_addresses.archived_at', 'is', null)
          .as('live_default_address_id'),
      )
  );
}

/** A customer's people by name (removed ones left out). */
export async function listPeople(db: Kysely<Database>, customerId: string): Promise<Person[]> {
  const rows = await people(db)
    .where('people.customer_id', '=', customerId)
    .where('people.removed_at', 'is', null)
    .orderBy('people.name')
    .orderBy('people.id')
    .execute();
  return rows.map(toPerson);
}

/** One person of this customer, not removed; undefined otherwise (another customer's person is not found). */
export async function getPerson(db: Kysely<Database>, customerId: string, id: string): Promise<Person | undefined> {
  const row = await people(db)
    .where('people.customer_id', '=', customerId)
    .where('people.id', '=', id)
    .where('people.removed_at', 'is', null)
    .executeTakeFirst();
  return row ? toPerson(row) : undefined;
}

export async function insertPerson(
  db: Kysely<Database>,
  customerId: string,
  person: CreatePersonRequest,
  now: string,
): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('people')
    .values({
      id,
      customer_id: customerId,
      name: person.name,
      email: person.email,
      language: person.language ?? null,
      role: person.role,
      phone: person.phone ?? null,
      created_at: now,
      removed_at: null,
    })
    .execute();
  return id;
}

/** Changes a person who is not removed; false when there is none. */
export async function updatePerson(
  db: Kysely<Database>,
  customerId: string,
  id: string,
  patch: PersonPatch,
): Promise<boolean> {
  const set: Partial<Database['people']> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.email !== undefined) set.email = patch.email;
  if (patch.language !== undefined) set.language = patch.language;
  if (patch.role !== undefined) set.role = patch.role satisfies Role;
  if (patch.phone !== undefined) set.phone = patch.phone;
  if (patch.spending_limit_minor !== undefined) set.spending_limit_minor = patch.spending_limit_minor;
  if (patch.spending_period !== undefined) set.spending_period = patch.spending_period;
  return setOnPerson(db, customerId, id, set);
}

/**
 * Changes what a person may change about themselves (the address checked by the caller); false
 * when they are removed or not of this customer.
 */
export async function updateProfile(
  db: Kysely<Database>,
  customerId: string,
  id: string,
  patch: ProfilePatch,
): Promise<boolean> {
  const set: Partial<Database['people']> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.phone !== undefined) set.phone = patch.phone;
  if (patch.language !== undefined) set.language = patch.language;
  if (patch.default_delivery_address_id !== undefined)
    set.default_delivery_address_id = patch.default_delivery_address_id;
  for (const [kind, on] of Object.entries(patch.emails ?? {}) as [EmailKind, boolean | undefined][])
    if (on !== undefined) set[EMAIL_COLUMNS[kind]] = on ? 1 : 0;
  return setOnPerson(db, customerId, id, set);
}

/** Writes `set` on a person of this customer not removed; false when there is none. */
async function setOnPerson(
  db: Kysely<Database>,
  customerId: string,
  id: string,
  set: Partial<Database['people']>,
): Promise<boolean> {
  const found = await db
    .selectFrom('people')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (!found) return false;
  if (Object.keys(set).length) await db.updateTable('people').set(set).where('id', '=', id).execute();
  return true;
}

/**
 * Removes a person and revokes their links, in one transaction. False when this customer has no
 * such person (a removed one counts: removing twice is harmless).
 */
export async function removePerson(
  db: Kysely<Database>,
  customerId: string,
  id: string,
  now: string,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const found = await tx
      .selectFrom('people')
      .select('id')
      .where('customer_id', '=', customerId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!found) return false;
    await tx
      .updateTable('people')
      .set({ removed_at: now })
      .where('id', '=', id)
      .where('removed_at', 'is', null)
      .execute();
    await tx
      .updateTable('portal_tokens')
      .set({ revoked_at: now })
      .where('person_id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    return true;
  });
}
