import type { Kysely } from 'kysely';
import type { CreateDeliveryService, DeliveryService, DeliveryServicePatch } from '../../widget/contract/index.ts';
import { mayUseService } from '../../widget/contract/rules/delivery-dates.ts';
import type { Database } from './schema.ts';

type Row = Database['delivery_services'];

function toService(row: Row): DeliveryService {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as DeliveryService['kind'],
    customers: JSON.parse(row.customers_json) as DeliveryService['customers'],
    lead_days: row.lead_days,
    weekdays: JSON.parse(row.weekdays_json) as number[],
    closed_dates: JSON.parse(row.closed_dates_json) as string[],
    cutoff_rule: row.cutoff_rule as DeliveryService['cutoff_rule'],
    cutoff_time: row.cutoff_time,
    order_creation_status: row.order_creation_status as DeliveryService['order_creation_status'],
    minimum_order_minor: row.minimum_order_minor == null ? null : Number(row.minimum_order_minor),
    position: row.position,
    created_at: row.created_at,
  };
}

/** Live services in display order (position, then name, then id). */
export async function listServices(db: Kysely<Database>): Promise<DeliveryService[]> {
  const rows = await db
    .selectFrom('delivery_services')
    .selectAll()
    .where('removed_at', 'is', null)
    .orderBy('position')
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toService);
}

export async function getService(db: Kysely<Database>, id: string): Promise<DeliveryService | undefined> {
  const row = await db
    .selectFrom('delivery_services')
    .selectAll()
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return row && toService(row);
}

/** The live services a customer may select, in display order. */
export async function servicesFor(db: Kysely<Database>, customerId: string): Promise<DeliveryService[]> {
  return (await listServices(db)).filter((s) => mayUseService(s, customerId));
}

function columnsOf(fields: DeliveryServicePatch): Partial<Row> {
  const columns: Partial<Row> = {
    name: fields.name,
    kind: fields.kind,
    customers_json: fields.customers === undefined ? undefined : JSON.stringify(fields.customers),
    lead_days: fields.lead_days,
    weekdays_json: fields.weekdays === undefined ? undefined : JSON.stringify([...fields.weekdays].sort()),
    closed_dates_json: fields.closed_dates === undefined ? undefined : JSON.stringify([...fields.closed_dates].sort()),
    cutoff_rule: fields.cutoff_rule,
    cutoff_time: fields.cutoff_time,
    order_creation_status: fields.order_creation_status,
    minimum_order_minor: fields.minimum_order_minor,
    position: fields.position,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined)) as Partial<Row>;
}

export async function insertService(
  db: Kysely<Database>,
  fields: CreateDeliveryService,
  now: Date,
  id: string = crypto.randomUUID(),
): Promise<DeliveryService> {
  const last = await db
    .selectFrom('delivery_services')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  await db
    .insertInto('delivery_services')
    .values({
      ...(columnsOf(fields) as Row),
      id,
      position: fields.position ?? Number(last?.max ?? -1) + 1,
      created_at: now.toISOString(),
      removed_at: null,
    })
    .execute();
  return (await getService(db, id))!;
}

/** Undefined when there is no such live service. */
export async function updateService(
  db: Kysely<Database>,
  id: string,
  patch: DeliveryServicePatch,
): Promise<DeliveryService | undefined> {
  const current = await getService(db, id);
  if (!current) return undefined;
  const columns = columnsOf(patch);
  if (Object.keys(columns).length)
    await db.updateTable('delivery_services').set(columns).where('id', '=', id).execute();
  return getService(db, id);
}

/** False when there is no such live service. */
export async function removeService(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('delivery_services')
    .set({ removed_at: now.toISOString() })
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
