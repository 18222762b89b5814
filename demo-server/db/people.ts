import type { Kysely } from 'kysely';
import type { CreatePersonRequest, Person, PersonPatch, Role, SpendingPeriod } from '../../widget/contract/index.ts';
import type { Database } from './schema.ts';

type PersonRow = Database['people'] & { last_active_at: string | null };

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
  };
}

/** People with their last activity: the last use of any of their links. */
function people(db: Kysely<Database>) {
  return db
    .selectFrom('people')
    .selectAll('people')
    .select((eb) =>
      eb
        .selectFrom('portal_tokens')
        .select((t) => t.fn.max('portal_tokens.last_used_at').as('at'))
        .whereRef('portal_tokens.person_id', '=', 'people.id')
        .as('last_active_at'),
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
