/**
 * Customers' changes and cancellations of their orders (seed 002): the requests, the order's
 * record of events, and applying a change. Every write here runs inside the caller's transaction,
 * after `lockCustomer`, so the changes to one customer's orders apply one at a time.
 */
import { sql, type Kysely } from 'kysely';
import type {
  OrderCharge,
  AdminOrderRequest,
  OrderContent,
  OrderEvent,
  OrderRequestKind,
  OrderRequestState,
  OrderStatus,
} from '../../widget/contract/index.ts';
import { approvedChargesTotal } from './supplier-charges.ts';
import type { Database } from './schema.ts';
import { referenceKey } from '../../widget/contract/reference-key.ts';
import { RELEASED_STATUSES } from '../../widget/contract/rules/order-status.ts';
import { idFirst, keyOf, matchesKey, toLine, toOrderRequest } from './orders.ts';
import { decodeCursor, groupBy, page } from './paging.ts';
import { countsInHistory, orderProductIds, refreshProductStats } from './product-stats.ts';

/** What the change rules and the writers need of an order. */
export interface OrderState {
  id: string;
  number: string;
  customerId: string;
  status: OrderStatus;
  channel: string;
  content: OrderContent;
  pendingKind: OrderRequestKind | null;
}

/** The order of this customer by id or number, with its content and pending request, or undefined. */
export async function orderState(
  db: Kysely<Database>,
  customerId: string,
  key: string,
): Promise<OrderState | undefined> {
  const row = await db
    .selectFrom('orders')
    .leftJoin('order_requests', (join) =>
      join.onRef('order_requests.order_id', '=', 'orders.id').on('order_requests.state', '=', sql.lit('pending')),
    )
    .select([
      'orders.id',
      'orders.number',
      'orders.customer_id',
      'orders.status',
      'orders.channel',
      'orders.customer_reference',
      'orders.subtotal_minor',
      'orders.freight_minor',
      'orders.total_minor',
      'orders.charges_json',
      'order_requests.kind as pending_kind',
    ])
    .where('orders.customer_id', '=', customerId)
    .where(matchesKey('orders', key))
    .orderBy(idFirst('orders', key))
    .executeTakeFirst();
  if (!row) return undefined;
  const lines = await db
    .selectFrom('order_lines')
    .selectAll()
    .where('order_id', '=', row.id)
    .orderBy('position')
    .execute();
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    status: row.status as OrderStatus,
    channel: row.channel,
    pendingKind: (row.pending_kind as OrderRequestKind | null) ?? null,
    content: {
      customer_reference: row.customer_reference,
      lines: lines.map(toLine),
      subtotal_minor: Number(row.subtotal_minor),
      freight_minor: Number(row.freight_minor),
      ...(row.charges_json ? { charges: JSON.parse(row.charges_json) as OrderCharge[] } : {}),
      total_minor: Number(row.total_minor),
    },
  };
}

/** Replaces the order's lines, reference and totals, and the customer's figures of the products it held or holds. */
export async function applyContent(db: Kysely<Database>, orderId: string, content: OrderContent): Promise<void> {
  const order = await db
    .selectFrom('orders')
    .select(['customer_id', 'status'])
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  const before = await orderProductIds(db, orderId);
  await db
    .updateTable('orders')
    .set({
      customer_reference: content.customer_reference,
      customer_reference_key: keyOf(content.customer_reference),
      subtotal_minor: content.subtotal_minor,
      freight_minor: content.freight_minor,
      // The charges the supplier added and the customer approved stay on the order as its lines change.
      total_minor: content.total_minor + (await approvedChargesTotal(db, orderId)),
      charges_json: content.charges?.length ? JSON.stringify(content.charges) : null,
      item_count: content.lines.length,
    })
    .where('id', '=', orderId)
    .execute();
  await db.deleteFrom('order_lines').where('order_id', '=', orderId).execute();
  await db
    .insertInto('order_lines')
    .values(content.lines.map((l, position) => ({ order_id: orderId, position, ...l })))
    .execute();
  if (countsInHistory(order.status)) {
    await refreshProductStats(db, {
      customerId: order.customer_id,
      productIds: [...before, ...content.lines.map((l) => l.product_id)],
    });
  }
}

/** Sets the status; one that puts the order in or out of the history (cancelled, draft) refreshes the customer's figures. */
export async function setOrderStatus(db: Kysely<Database>, orderId: string, status: OrderStatus): Promise<void> {
  const order = await db
    .selectFrom('orders')
    .select(['customer_id', 'status'])
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  await db.updateTable('orders').set({ status }).where('id', '=', orderId).execute();
  if (countsInHistory(order.status) !== countsInHistory(status)) {
    await refreshProductStats(db, { customerId: order.customer_id, productIds: await orderProductIds(db, orderId) });
  }
}

async function nextEventPosition(db: Kysely<Database>, orderId: string): Promise<number> {
  const row = await db
    .selectFrom('order_events')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

async function nextRequestPosition(db: Kysely<Database>, orderId: string): Promise<number> {
  const row = await db
    .selectFrom('order_requests')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

/** Appends an event to the order's record. */
export async function recordEvent(db: Kysely<Database>, orderId: string, event: OrderEvent): Promise<void> {
  await db
    .insertInto('order_events')
    .values({
      order_id: orderId,
      position: await nextEventPosition(db, orderId),
      at: event.at,
      actor: event.actor,
      actor_name: event.actor_name,
      action: event.action,
      changes_json: event.changes === null ? null : JSON.stringify(event.changes),
      note: event.note,
    })
    .execute();
}

export interface NewRequest {
  orderId: string;
  customerId: string;
  kind: OrderRequestKind;
  state: OrderRequestState;
  at: string;
  reason: string | null;
  proposed: OrderContent | null;
  /** The order as it is when the request is made. */
  previous: OrderContent;
  /** The person of the customer's account who asked for it. */
  placedByPersonId?: string | null;
}

/**
 * Records a request; an applied-at-once change is recorded as already approved. A second pending
 * request of the same order violates the partial unique index (see `isUniqueViolation`).
 */
export async function insertRequest(db: Kysely<Database>, request: NewRequest): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('order_requests')
    .values({
      id,
      order_id: request.orderId,
      customer_id: request.customerId,
      position: await nextRequestPosition(db, request.orderId),
      kind: request.kind,
      state: request.state,
      created_at: request.at,
      decided_at: request.state === 'pending' ? null : request.at,
      reason: request.reason,
      rejection_reason: null,
      proposed_json: request.proposed === null ? null : JSON.stringify(request.proposed),
      previous_json: JSON.stringify(request.previous),
      placed_by_person_id: request.placedByPersonId ?? null,
    })
    .execute();
  return id;
}

export async function findRequest(db: Kysely<Database>, id: string): Promise<Database['order_requests'] | undefined> {
  return db.selectFrom('order_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Moves a pending request to its decision if, and only if, it is still pending: the conditional
 * update is what makes a concurrent approve and reject have exactly one winner.
 */
export async function decideRequest(
  db: Kysely<Database>,
  decision: {
    id: string;
    state: 'approved' | 'rejected';
    at: string;
    rejectionReason?: string | null;
    previous?: OrderContent;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('order_requests')
    .set({
      state: decision.state,
      decided_at: decision.at,
      ...(decision.rejectionReason !== undefined ? { rejection_reason: decision.rejectionReason } : {}),
      ...(decision.previous ? { previous_json: JSON.stringify(decision.previous) } : {}),
    })
    .where('id', '=', decision.id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Whether another live (not cancelled) order of the customer carries this reference, or one
 * that looks the same (same `referenceKey`: case, invisible characters, look-alike letters).
 */
export async function referenceTaken(
  db: Kysely<Database>,
  customerId: string,
  reference: string,
  exceptOrderId?: string,
): Promise<boolean> {
  let query = db
    .selectFrom('orders')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('customer_reference_key', '=', referenceKey(reference))
    // A cancelled or rejected order no longer holds its reference (a rejected one may be placed again).
    .where('status', 'not in', RELEASED_STATUSES);
  if (exceptOrderId) query = query.where('id', '!=', exceptOrderId);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** A unique index refused the write (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export { diffContent } from '../../widget/contract/order-changes.ts';

/** Whether the content differs at all, prices included (a re-priced line may keep its quantity). */
export function sameContent(a: OrderContent, b: OrderContent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// --- the supplier's view ----------------------------------------------------------------------

function adminRequests(db: Kysely<Database>) {
  return db
    .selectFrom('order_requests')
    .innerJoin('orders', 'orders.id', 'order_requests.order_id')
    .innerJoin('customers', 'customers.id', 'order_requests.customer_id')
    .selectAll('order_requests')
    .select([
      'orders.number as order_number',
      'orders.status as order_status',
      'orders.customer_reference as order_reference',
      'orders.subtotal_minor as order_subtotal',
      'orders.freight_minor as order_freight',
      'orders.total_minor as order_total',
      'customers.business_name',
    ]);
}

type AdminRow = Database['order_requests'] & {
  order_number: string;
  order_status: string;
  order_reference: string | null;
  order_subtotal: number;
  order_freight: number;
  order_total: number;
  business_name: string;
};

/** Decided-and-approved requests show the order as it was before; the others the order as it is. */
async function toAdminRequests(db: Kysely<Database>, rows: AdminRow[]): Promise<AdminOrderRequest[]> {
  const live = [...new Set(rows.filter((r) => r.state !== 'approved').map((r) => r.order_id))];
  const lines = live.length
    ? await db
        .selectFrom('order_lines')
        .selectAll()
        .where('order_id', 'in', live)
        .orderBy('order_id')
        .orderBy('position')
        .execute()
    : [];
  const byOrder = groupBy(lines, (l) => l.order_id);
  return rows.map((r) => ({
    ...toOrderRequest(r),
    order: { id: r.order_id, number: r.order_number, status: r.order_status as OrderStatus },
    customer: { id: r.customer_id, business_name: r.business_name },
    current:
      r.state === 'approved'
        ? (JSON.parse(r.previous_json) as OrderContent)
        : {
            customer_reference: r.order_reference,
            lines: (byOrder.get(r.order_id) ?? []).map(toLine),
            subtotal_minor: Number(r.order_subtotal),
            freight_minor: Number(r.order_freight),
            total_minor: Number(r.order_total),
          },
  }));
}

export async function getAdminRequest(db: Kysely<Database>, id: string): Promise<AdminOrderRequest | undefined> {
  const row = await adminRequests(db).where('order_requests.id', '=', id).executeTakeFirst();
  return row ? (await toAdminRequests(db, [row]))[0] : undefined;
}

/** Newest first, keyset-paged, optionally by state and customer. */
export async function listAdminRequests(
  db: Kysely<Database>,
  options: { state?: OrderRequestState; clientId?: string; cursor?: string; limit?: number },
) {
  const limit = options.limit ?? 50;
  const cursor = decodeCursor(options.cursor);
  let query = adminRequests(db);
  if (options.state) query = query.where('order_requests.state', '=', options.state);
  if (options.clientId) query = query.where('order_requests.customer_id', '=', options.clientId);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb('order_requests.created_at', '<', cursor.after),
        eb.and([eb('order_requests.created_at', '=', cursor.after), eb('order_requests.id', '<', cursor.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('order_requests.created_at', 'desc')
    .orderBy('order_requests.id', 'desc')
    .limit(limit + 1)
    .execute();
  const result = page(rows, limit, (r) => r.created_at);
  return { items: await toAdminRequests(db, result.items), next_cursor: result.next_cursor };
}
