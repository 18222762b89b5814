import { sql, type Kysely } from 'kysely';
import {
  type DeliveryAddress,
  type DeliverySummary,
  type DocumentLine,
  type OrderChangeSet,
  type OrderChangeSettings,
  type OrderChannel,
  type OrderCharge,
  type OrderContact,
  type OrderContent,
  type OrderDelivery,
  type OrderDetail,
  type OrderEvent,
  type OrderRequest,
  type OrderRequestKind,
  type OrderStatus,
  type OrderSummary,
  type PersonRef,
} from '../../widget/contract/index.ts';
import { changeBlocks, orderChanges } from '../../widget/contract/order-changes.ts';
import { referenceKey } from '../../widget/contract/reference-key.ts';
import { ORDER_LIST_GROUPS, type OrderListGroup } from '../../widget/contract/rules/order-creation.ts';
import type { Database } from './schema.ts';
import { DEFAULT_PAGE_SIZE, decodeCursor, page } from './paging.ts';
import { lockCustomer } from './customers.ts';
import { parseSnapshot } from './addresses.ts';
import { nextNumber } from './numbers.ts';
import { prepared } from './prepared.ts';
import { NOT_IN_HISTORY } from './product-stats.ts';
import { addOrderToStats } from './product-stats.ts';
import { chargesOfOrder } from './supplier-charges.ts';

export const ORDERS_PAGE_SIZE = 10;

export type OrderRow = Pick<
  Database['orders'],
  | 'id'
  | 'number'
  | 'status'
  | 'channel'
  | 'created_at'
  | 'currency'
  | 'total_minor'
  | 'item_count'
  | 'customer_reference'
  | 'source_quote_id'
  | 'delivery_service_id'
  | 'delivery_service_name'
  | 'delivery_kind'
  | 'delivery_date'
> & { quote_number: string | null; pending_kind: string | null };

/** What an order keeps of its delivery service; null: none chosen. */
export function deliveryOf(row: Partial<OrderRow>): OrderDelivery | null {
  if (!row.delivery_service_id || !row.delivery_date) return null;
  return {
    service_id: row.delivery_service_id,
    service_name: row.delivery_service_name ?? '',
    kind: (row.delivery_kind ?? 'delivery') as OrderDelivery['kind'],
    date: row.delivery_date,
  };
}

export function summary(row: OrderRow): OrderSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status as OrderStatus,
    is_draft: row.status === 'draft',
    created_at: row.created_at,
    currency: row.currency,
    total_minor: Number(row.total_minor),
    item_count: row.item_count,
    customer_reference: row.customer_reference,
    source_quote: row.source_quote_id ? { id: row.source_quote_id, number: row.quote_number ?? '' } : null,
    channel: row.channel as OrderChannel,
    pending_request: (row.pending_kind as OrderRequestKind | null) ?? null,
    delivery: deliveryOf(row),
  };
}

/** Whether a row is the document a key names: ids are opaque, so the key may be its id or its number. */
export const matchesKey = (table: string, key: string) =>
  sql<boolean>`(${sql.ref(`${table}.id`)} = ${key} or ${sql.ref(`${table}.number`)} = ${key})`;
/** Sorts the document whose id is the key before one whose number is (should one's id be another's number). */
export const idFirst = (table: string, key: string) =>
  sql`case when ${sql.ref(`${table}.id`)} = ${key} then 0 else 1 end`;

/** Orders with their source quote's number and the kind of the pending request, if one waits. */
function orders(db: Kysely<Database>, customerId: string) {
  return (
    db
      .selectFrom('orders')
      .leftJoin('quotes', 'quotes.id', 'orders.source_quote_id')
      // The partial unique index keeps this to one row per order.
      .leftJoin('order_requests', (join) =>
        join.onRef('order_requests.order_id', '=', 'orders.id').on('order_requests.state', '=', sql.lit('pending')),
      )
      .innerJoin('customers', 'customers.id', 'orders.customer_id')
      .leftJoin('people', 'people.id', 'orders.placed_by_person_id')
      .selectAll('orders')
      .select([
        'quotes.number as quote_number',
        'order_requests.kind as pending_kind',
        'customers.business_name',
        'customers.show_charges',
        'people.name as placed_by_name',
      ])
      .where('orders.customer_id', '=', customerId)
  );
}

// The order list is the hottest read: two fixed shapes (first page, later pages), prepared once,
// selecting only what a summary shows.
const listColumns = [
  'orders.id',
  'orders.number',
  'orders.status',
  'orders.channel',
  'orders.created_at',
  'orders.currency',
  'orders.total_minor',
  'orders.item_count',
  'orders.customer_reference',
  'orders.source_quote_id',
  'orders.delivery_service_id',
  'orders.delivery_service_name',
  'orders.delivery_kind',
  'orders.delivery_date',
  'quotes.number as quote_number',
  'order_requests.kind as pending_kind',
] as const;

const listBase = (db: Kysely<Database>) =>
  db
    .selectFrom('orders')
    .leftJoin('quotes', 'quotes.id', 'orders.source_quote_id')
    .leftJoin('order_requests', (join) =>
      join.onRef('order_requests.order_id', '=', 'orders.id').on('order_requests.state', '=', sql.lit('pending')),
    )
    .select(listColumns);

const firstPage = prepared((db, customerId: string, limit: number) =>
  listBase(db)
    .where('orders.customer_id', '=', customerId)
    .orderBy('orders.created_at', 'desc')
    .orderBy('orders.id', 'desc')
    .limit(limit),
);

const laterPage = prepared((db, customerId: string, after: string, id: string, limit: number) =>
  listBase(db)
    .where('orders.customer_id', '=', customerId)
    .where((eb) =>
      eb.or([
        eb('orders.created_at', '<', after),
        eb.and([eb('orders.created_at', '=', after), eb('orders.id', '<', id)]),
      ]),
    )
    .orderBy('orders.created_at', 'desc')
    .orderBy('orders.id', 'desc')
    .limit(limit),
);

// "My orders": the same two shapes, narrowed to the orders one person placed.
const firstPageBy = prepared((db, customerId: string, personId: string, limit: number) =>
  listBase(db)
    .where('orders.customer_id', '=', customerId)
    .where('orders.placed_by_person_id', '=', personId)
    .orderBy('orders.created_at', 'desc')
    .orderBy('orders.id', 'desc')
    .limit(limit),
);

const laterPageBy = prepared((db, customerId: string, personId: string, after: string, id: string, limit: number) =>
  listBase(db)
    .where('orders.customer_id', '=', customerId)
    .where('orders.placed_by_person_id', '=', personId)
    .where((eb) =>
      eb.or([
        eb('orders.created_at', '<', after),
        eb.and([eb('orders.created_at', '=', after), eb('orders.id', '<', id)]),
      ]),
    )
    .orderBy('orders.created_at', 'desc')
    .orderBy('orders.id', 'desc')
    .limit(limit),
);

/** One tab of the customer's Orders (waiting, cancelled): the rarer reads, built each time rather than prepared. */
function groupPage(
  db: Kysely<Database>,
  customerId: string,
  statuses: readonly string[],
  personId: string | undefined,
  cursor: { after: string; id: string } | undefined,
  limit: number,
) {
  let query = listBase(db)
    .where('orders.customer_id', '=', customerId)
    .where('orders.status', 'in', [...statuses]);
  if (personId !== undefined) query = query.where('orders.placed_by_person_id', '=', personId);
  if (cursor)
    query = query.where((eb) =>
      eb.or([
        eb('orders.created_at', '<', cursor.after),
        eb.and([eb('orders.created_at', '=', cursor.after), eb('orders.id', '<', cursor.id)]),
      ]),
    );
  return query.orderBy('orders.created_at', 'desc').orderBy('orders.id', 'desc').limit(limit).execute();
}

/** Newest first, keyset-paged; with `placedBy`, only the orders that person placed; with `group`, only that tab's statuses. */
export async function listOrders(
  db: Kysely<Database>,
  customerId: string,
  options: { cursor?: string; limit?: number; placedBy?: string; group?: OrderListGroup },
) {
  const limit = options.limit ?? ORDERS_PAGE_SIZE;
  const cursor = decodeCursor(options.cursor);
  const by = options.placedBy;
  const rows = options.group
    ? await groupPage(db, customerId, ORDER_LIST_GROUPS[options.group], by, cursor, limit + 1)
    : by === undefined
      ? cursor
        ? await laterPage(db, customerId, cursor.after, cursor.id, limit + 1)
        : await firstPage(db, customerId, limit + 1)
      : cursor
        ? await laterPageBy(db, customerId, by, cursor.after, cursor.id, limit + 1)
        : await firstPageBy(db, customerId, by, limit + 1);
  return page(rows.map(summary), limit, (o) => o.created_at);
}

export async function recentOrders(db: Kysely<Database>, customerId: string, count: number): Promise<OrderSummary[]> {
  return (await listOrders(db, customerId, { limit: count })).items;
}

export async function hasOrders(db: Kysely<Database>, customerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('status', '!=', 'draft')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function toLine(row: Omit<Database['order_lines'], 'order_id'>): DocumentLine {
  return {
    product_id: row.product_id,
    sku: row.sku,
    name: row.name,
    quantity: row.quantity,
    uom: row.uom,
    unit_price_minor: Number(row.unit_price_minor),
    line_total_minor: Number(row.line_total_minor),
  };
}

export function toDeliverySummary(row: Database['deliveries']): DeliverySummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status as DeliverySummary['status'],
    carrier: row.carrier,
    tracking_number: row.tracking_number,
    tracking_url: row.tracking_url,
    shipped_at: row.shipped_at,
    delivered_at: row.delivered_at,
  };
}

/** What an order's detail needs besides the order: the workspace's rules and name. */
export interface OrderContext {
  changes: OrderChangeSettings;
  supplierName: string;
  /** The supplier reads every charge; a customer whose supplier shows totals only reads none. */
  forSupplier?: boolean;
}

/** The charges an order carries besides freight, or null where the customer sees totals only. */
function chargesOf(row: { charges_json?: string | null; show_charges?: number }, forSupplier: boolean) {
  if (!forSupplier && row.show_charges !== undefined && Number(row.show_charges) === 0) return null;
  return row.charges_json ? (JSON.parse(row.charges_json) as OrderCharge[]) : [];
}

/** A person named on a document: null when none is recorded (or their row is gone). */
const personRef = (id: string | null | undefined, name: string | null | undefined): PersonRef | null =>
  id && name ? { id, name } : null;

export function toOrderRequest(row: Database['order_requests'] & { requested_by_name?: string | null }): OrderRequest {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    created_at: row.created_at,
    decided_at: row.decided_at,
    reason: row.reason,
    rejection_reason: row.rejection_reason,
    proposed: row.proposed_json === null ? null : (JSON.parse(row.proposed_json) as OrderContent),
    requested_by: personRef(row.placed_by_person_id, row.requested_by_name),
  };
}

function toEvent(row: Database['order_events']): OrderEvent {
  return {
    at: row.at,
    actor: row.actor,
    actor_name: row.actor_name,
    action: row.action as OrderEvent['action'],
    changes: row.changes_json === null ? null : (JSON.parse(row.changes_json) as OrderChangeSet),
    note: row.note,
  };
}

/**
 * An order's record starts with 'placed'. Orders placed through the portal or a quote record it;
 * for the others (seeded, imported, made by the supplier) it is read from the order itself:
 * a sales rep's order was placed by the supplier, any other by the customer (the person, if known).
 */
function placedEvent(
  row: { created_at: string; channel: string; business_name: string; placed_by_name: string | null },
  supplierName: string,
): OrderEvent {
  const bySupplier = row.channel === 'sales_rep';
  return {
    at: row.created_at,
    actor: bySupplier ? 'supplier' : 'customer',
    actor_name: bySupplier ? supplierName : (row.placed_by_name ?? row.business_name),
    action: 'placed',
    changes: null,
    note: null,
  };
}

/** One order of this customer by id or number, or undefined: another customer's order is simply not found. */
export async function getOrder(
  db: Kysely<Database>,
  customerId: string,
  key: string,
  context: OrderContext,
): Promise<OrderDetail | undefined> {
  const row = await orders(db, customerId)
    .where(matchesKey('orders', key))
    .orderBy(idFirst('orders', key))
    .executeTakeFirst();
  if (!row) return undefined;
  const orderId = row.id;
  const [lines, deliveries, requests, events, supplierCharges] = await Promise.all([
    db.selectFrom('order_lines').selectAll().where('order_id', '=', orderId).orderBy('position').execute(),
    db
      .selectFrom('deliveries')
      .selectAll()
      .where('order_id', '=', orderId)
      .where('customer_id', '=', customerId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('order_requests')
      .leftJoin('people', 'people.id', 'order_requests.placed_by_person_id')
      .selectAll('order_requests')
      .select('people.name as requested_by_name')
      .where('order_id', '=', orderId)
      .orderBy('position', 'desc')
      .execute(),
    db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('position').execute(),
    chargesOfOrder(db, orderId),
  ]);
  const history = events.map(toEvent);
  if (history[0]?.action !== 'placed') history.unshift(placedEvent(row, context.supplierName));
  const blocks = changeBlocks(row, context.changes, row.pending_kind !== null);
  return {
    ...summary(row),
    lines: lines.map(toLine),
    subtotal_minor: Number(row.subtotal_minor),
    freight_minor: Number(row.freight_minor),
    charges: chargesOf(row, context.forSupplier ?? false),
    supplier_charges: supplierCharges,
    note: row.note,
    deliveries: deliveries.map(toDeliverySummary),
    changes: orderChanges(blocks),
    requests: requests.map(toOrderRequest),
    history,
    delivery_address: parseSnapshot(row.delivery_address_json),
    placed_by: personRef(row.placed_by_person_id, row.placed_by_name),
    contact: row.contact_json ? (JSON.parse(row.contact_json) as OrderContact) : null,
  };
}

export interface HistoryEntry {
  product_id: string;
  sku: string;
  name: string;
  last_ordered_at: string;
  times_ordered: number;
  last_quantity: number;
  last_uom: string;
}

/**
 * Up to `limit` products this customer ordered (drafts and cancelled orders aside), most recent
 * first: the first rows of the customer's product figures, kept as orders change (product-stats.ts).
 */
export async function orderHistory(db: Kysely<Database>, customerId: string, limit = 50): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('customer_product_stats')
    .select(['product_id', 'sku', 'name', 'last_ordered_at', 'times_ordered', 'last_quantity', 'last_uom'])
    .where('customer_id', '=', customerId)
    .orderBy('last_ordered_at', 'desc')
    .orderBy('last_order_id', 'desc')
    .orderBy('last_position')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, times_ordered: Number(r.times_ordered), last_quantity: Number(r.last_quantity) }));
}

export interface NewOrder {
  customerId: string;
  status: OrderStatus;
  channel: OrderChannel;
  currency: string;
  customerReference: string | null;
  note: string | null;
  sourceQuoteId: string | null;
  lines: DocumentLine[];
  subtotal: number;
  freight: number;
  /** The charges besides freight, in the total; none by default. */
  charges?: readonly OrderCharge[];
  now: Date;
  /** Who placed it, recorded as the first event of its history (else read from the order). */
  placedBy?: { actor: OrderEvent['actor']; name: string };
  /** Where it goes, copied at checkout; none by default. */
  deliveryAddress?: DeliveryAddress | null;
  /** The person of the customer's account who placed it (their link's person). */
  placedByPersonId?: string | null;
  /** Why it awaits approval (with status awaiting_approval). */
  approvalReasons?: readonly string[];
  /** The delivery service and date chosen at checkout; none by default. */
  delivery?: OrderDelivery | null;
  /** Who to contact about it, given at checkout; none by default. */
  contact?: OrderContact | null;
}

/** The stored comparison key of a reference (null for none). */
export const keyOf = (reference: string | null): string | null => (reference === null ? null : referenceKey(reference));

/**
 * Inserts an order and its lines with the next number; run it inside the caller's transaction.
 * With `numberLast`, the order is inserted under a placeholder and the caller gives it its number
 * with `numberOrder` as the transaction's last write: taking a number locks the series' counter
 * until the commit, so concurrent checkouts wait on one another only for that last moment
 * (numbers stay gapless: a rolled-back order never took one).
 */
export async function insertOrder(
  db: Kysely<Database>,
  order: NewOrder,
  options: { numberLast?: boolean } = {},
): Promise<string> {
  // The customer's lock first, as every writer of a customer's documents takes it: their order
  // history figures (addOrderToStats) are read and rewritten below.
  await lockCustomer(db, order.customerId);
  const id = crypto.randomUUID();
  const number = options.numberLast ? `${UNNUMBERED}${id}` : await nextNumber(db, 'SO', order.now);
  await db
    .insertInto('orders')
    .values({
      id,
      number,
      customer_id: order.customerId,
      status: order.status,
      channel: order.channel,
      customer_reference: order.customerReference,
      customer_reference_key: keyOf(order.customerReference),
      note: order.note,
      currency: order.currency,
      subtotal_minor: order.subtotal,
      freight_minor: order.freight,
      total_minor: order.subtotal + order.freight + (order.charges ?? []).reduce((sum, c) => sum + c.amount_minor, 0),
      charges_json: order.charges?.length ? JSON.stringify(order.charges) : null,
      item_count: order.lines.length,
      source_quote_id: order.sourceQuoteId,
      created_at: order.now.toISOString(),
      delivery_address_json: order.deliveryAddress ? JSON.stringify(order.deliveryAddress) : null,
      placed_by_person_id: order.placedByPersonId ?? null,
      approval_reasons_json: order.approvalReasons?.length ? JSON.stringify(order.approvalReasons) : null,
      delivery_service_id: order.delivery?.service_id ?? null,
      delivery_service_name: order.delivery?.service_name ?? null,
      delivery_kind: order.delivery?.kind ?? null,
      delivery_date: order.delivery?.date ?? null,
      contact_json: order.contact ? JSON.stringify(order.contact) : null,
    })
    .execute();
  await db
    .insertInto('order_lines')
    .values(order.lines.map((l, position) => ({ order_id: id, position, ...l })))
    .execute();
  await addOrderToStats(db, {
    customerId: order.customerId,
    orderId: id,
    createdAt: order.now.toISOString(),
    status: order.status,
    lines: order.lines,
  });
  if (order.placedBy) {
    await db
      .insertInto('order_events')
      .values({
        order_id: id,
        position: 1,
        at: order.now.toISOString(),
        actor: order.placedBy.actor,
        actor_name: order.placedBy.name,
        action: 'placed',
        changes_json: null,
        note: null,
      })
      .execute();
  }
  return id;
}

/** The number an order inserted with `numberLast` holds until `numberOrder`: never seen outside its transaction. */
const UNNUMBERED = 'unnumbered:';

/** Gives an order inserted with `numberLast` its number; the last write of the caller's transaction. */
export async function numberOrder(db: Kysely<Database>, orderId: string, at: Date): Promise<void> {
  const number = await nextNumber(db, 'SO', at);
  const result = await db
    .updateTable('orders')
    .set({ number })
    .where('id', '=', orderId)
    .where('number', '=', `${UNNUMBERED}${orderId}`)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) throw new Error(`order ${orderId} was not waiting for its number`);
}

/** Lifetime figures: the orders that count in the history (no drafts, cancelled or rejected ones). */
export async function orderTotals(db: Kysely<Database>, customerId: string): Promise<{ count: number; sales: number }> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => [eb.fn.countAll().as('count'), eb.fn.sum<number>('total_minor').as('sales')])
    .where('customer_id', '=', customerId)
    .where('status', 'not in', NOT_IN_HISTORY)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), sales: Number(row.sales ?? 0) };
}

export { DEFAULT_PAGE_SIZE };
