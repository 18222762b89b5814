/**
 * The supplier's documents across customers (issue 15): what the back office reads and writes
 * beyond the portal's queries. Writes run inside the caller's transaction, after `lockCustomer`.
 */
import { sql, type Kysely } from 'kysely';
import type {
  AdminQuote,
  DocumentLine,
  Invoice,
  OrderChannel,
  OrderCharge,
  OrderStatus,
  PaymentMethod,
} from '../../widget/contract/index.ts';
import { AdminPayment as AdminPaymentSchema } from '../../widget/contract/index.ts';
import type { z } from 'zod';
import type { Database } from './schema.ts';
import { toInvoice, withAllocations, withQuoteLines } from './documents.ts';
import { nextNumber } from './numbers.ts';
import { idFirst, matchesKey, summary } from './orders.ts';
import { decodeCursor, page } from './paging.ts';

type AdminPayment = z.infer<typeof AdminPaymentSchema>;
type Paging = { cursor?: string; limit?: number };
const ADMIN_PAGE_SIZE = 50;

/** Keyset condition for "older than the cursor" on (column desc, id desc). */
function olderThan(column: string, idColumn: string, cursor: string | undefined) {
  const c = decodeCursor(cursor);
  return (eb: any) =>
    c ? eb.or([eb(column, '<', c.after), eb.and([eb(column, '=', c.after), eb(idColumn, '<', c.id)])]) : eb.lit(true);
}

/** The document of any customer a key names (id first, then number), with its customer. */
export async function findDocument(db: Kysely<Database>, table: 'orders' | 'quotes' | 'invoices', key: string) {
  return db
    .selectFrom(table)
    .select([`${table}.id as id`, `${table}.customer_id as customer_id`])
    .where(matchesKey(table, key))
    .orderBy(idFirst(table, key))
    .limit(1)
    .executeTakeFirst() as Promise<{ id: string; customer_id: string } | undefined>;
}

// --- orders -----------------------------------------------------------------------------------

export interface OrderFilters extends Paging {
  status?: OrderStatus;
  channel?: OrderChannel;
  customerId?: string;
  /** Inclusive days (UTC). */
  from?: string;
  to?: string;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();

/** Every customer's orders, newest first, keyset-paged. */
export async function listAllOrders(db: Kysely<Database>, filters: OrderFilters) {
  const limit = filters.limit ?? ADMIN_PAGE_SIZE;
  let query = db
    .selectFrom('orders')
    .innerJoin('customers', 'customers.id', 'orders.customer_id')
    .leftJoin('quotes', 'quotes.id', 'orders.source_quote_id')
    .leftJoin('order_requests', (join) =>
      join.onRef('order_requests.order_id', '=', 'orders.id').on('order_requests.state', '=', sql.lit('pending')),
    )
    .select([
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
      'orders.customer_id',
      'customers.business_name',
    ])
    .where(olderThan('orders.created_at', 'orders.id', filters.cursor));
  if (filters.status) query = query.where('orders.status', '=', filters.status);
  if (filters.channel) query = query.where('orders.channel', '=', filters.channel);
  if (filters.customerId) query = query.where('orders.customer_id', '=', filters.customerId);
  if (filters.from) query = query.where('orders.created_at', '>=', `${filters.from}T00:00:00.000Z`);
  if (filters.to) query = query.where('orders.created_at', '<', nextDay(filters.to));
  const rows = await query
    .orderBy('orders.created_at', 'desc')
    .orderBy('orders.id', 'desc')
    .limit(limit + 1)
    .execute();
  return page(
    rows.map((r) => ({ ...summary(r), customer: { id: r.customer_id, business_name: r.business_name } })),
    limit,
    (o) => o.created_at,
  );
}

export async function businessName(db: Kysely<Database>, customerId: string): Promise<string> {
  const row = await db
    .selectFrom('customers')
    .select('business_name')
    .where('id', '=', customerId)
    .executeTakeFirstOrThrow();
  return row.business_name;
}

// --- deliveries -------------------------------------------------------------------------------

/** A delivery of every line of the order, in transit from `at`. */
export async function insertDelivery(
  db: Kysely<Database>,
  delivery: {
    orderId: string;
    customerId: string;
    carrier: string;
    trackingNumber: string | null;
    trackingUrl: string | null;
    now: Date;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  const at = delivery.now.toISOString();
  await db
    .insertInto('deliveries')
    .values({
      id,
      number: await nextNumber(db, 'DEL', delivery.now),
      customer_id: delivery.customerId,
      order_id: delivery.orderId,
      status: 'in_transit',
      carrier: delivery.carrier,
      tracking_number: delivery.trackingNumber,
      tracking_url: delivery.trackingUrl,
      shipped_at: at,
      delivered_at: null,
      created_at: at,
    })
    .execute();
  const lines = await db
    .selectFrom('order_lines')
    .selectAll()
    .where('order_id', '=', delivery.orderId)
    .orderBy('position')
    .execute();
  await db
    .insertInto('delivery_lines')
    .values(
      lines.map((l) => ({
        delivery_id: id,
        position: l.position,
        product_id: l.product_id,
        sku: l.sku,
        name: l.name,
        quantity: l.quantity,
        uom: l.uom,
      })),
    )
    .execute();
  return id;
}

/** The order's deliveries not yet delivered are, from `at`. */
export async function markDelivered(db: Kysely<Database>, orderId: string, at: string): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: 'delivered', delivered_at: at })
    .where('order_id', '=', orderId)
    .where('delivered_at', 'is', null)
    .execute();
}

// --- invoices ---------------------------------------------------------------------------------

export async function invoicesOfOrder(db: Kysely<Database>, orderId: string): Promise<Invoice[]> {
  const rows = await db
    .selectFrom('invoices')
    .leftJoin('orders', 'orders.id', 'invoices.order_id')
    .selectAll('invoices')
    .select('orders.number as order_number')
    .where('invoices.order_id', '=', orderId)
    .orderBy('invoices.issued_at')
    .orderBy('invoices.id')
    .execute();
  return rows.map(toInvoice);
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The invoice of an order for its total, issued today; its number is the next INV number. */
export async function insertInvoice(
  db: Kysely<Database>,
  invoice: { orderId: string; dueDays: number; now: Date },
): Promise<string> {
  const order = await db
    .selectFrom('orders')
    .select(['customer_id', 'currency', 'total_minor'])
    .where('id', '=', invoice.orderId)
    .executeTakeFirstOrThrow();
  const id = crypto.randomUUID();
  const issued = invoice.now.toISOString().slice(0, 10);
  await db
    .insertInto('invoices')
    .values({
      id,
      number: await nextNumber(db, 'INV', invoice.now),
      customer_id: order.customer_id,
      order_id: invoice.orderId,
      issued_at: issued,
      due_at: addDays(issued, invoice.dueDays),
      currency: order.currency,
      total_minor: Number(order.total_minor),
      paid_minor: 0,
    })
    .execute();
  return id;
}

export async function listAllInvoices(
  db: Kysely<Database>,
  options: Paging & { customerId?: string; paymentState?: Invoice['payment_state'] | 'unpaid' },
) {
  const limit = options.limit ?? ADMIN_PAGE_SIZE;
  let query = db
    .selectFrom('invoices')
    .leftJoin('orders', 'orders.id', 'invoices.order_id')
    .innerJoin('customers', 'customers.id', 'invoices.customer_id')
    .selectAll('invoices')
    .select(['orders.number as order_number', 'customers.business_name'])
    .where(olderThan('invoices.issued_at', 'invoices.id', options.cursor));
  if (options.customerId) query = query.where('invoices.customer_id', '=', options.customerId);
  // The same rules as toInvoice (and the portal's list).
  const state = options.paymentState;
  if (state === 'not_paid')
    query = query.where('invoices.paid_minor', '<=', 0).whereRef('invoices.paid_minor', '<', 'invoices.total_minor');
  else if (state === 'paid') query = query.whereRef('invoices.paid_minor', '>=', 'invoices.total_minor');
  else if (state === 'partial')
    query = query.where('invoices.paid_minor', '>', 0).whereRef('invoices.paid_minor', '<', 'invoices.total_minor');
  else if (state === 'unpaid') query = query.whereRef('invoices.paid_minor', '<', 'invoices.total_minor');
  const rows = await query
    .orderBy('invoices.issued_at', 'desc')
    .orderBy('invoices.id', 'desc')
    .limit(limit + 1)
    .execute();
  return page(
    rows.map((r) => ({ ...toInvoice(r), customer: { id: r.customer_id, business_name: r.business_name } })),
    limit,
    (i) => i.issued_at,
  );
}

// --- quotes -----------------------------------------------------------------------------------

function adminQuotes(db: Kysely<Database>) {
  return db
    .selectFrom('quotes')
    .leftJoin('orders', 'orders.id', 'quotes.order_id')
    .innerJoin('customers', 'customers.id', 'quotes.customer_id')
    .selectAll('quotes')
    .select(['orders.number as order_number', 'customers.business_name']);
}

type AdminQuoteRow = Database['quotes'] & { order_number: string | null; business_name: string };

async function toAdminQuotes(db: Kysely<Database>, rows: AdminQuoteRow[], today: string): Promise<AdminQuote[]> {
  const quotes = await withQuoteLines(db, rows, today);
  // withQuoteLines keeps the rows' order; a draft stays a draft (only "sent" reads as expired).
  return quotes.map((q, i) => ({
    ...q,
    state: q.state as AdminQuote['state'],
    customer: { id: rows[i].customer_id, business_name: rows[i].business_name },
  }));
}

export async function listAllQuotes(
  db: Kysely<Database>,
  options: Paging & { state?: AdminQuote['state']; customerId?: string; today: string },
) {
  const limit = options.limit ?? ADMIN_PAGE_SIZE;
  let query = adminQuotes(db).where(olderThan('quotes.created_at', 'quotes.id', options.cursor));
  if (options.customerId) query = query.where('quotes.customer_id', '=', options.customerId);
  // The same reading as the portal's: a sent quote past its date is expired.
  if (options.state === 'expired')
    query = query.where((eb) =>
      eb.or([
        eb('quotes.state', '=', 'expired'),
        eb.and([eb('quotes.state', '=', 'sent'), eb('quotes.valid_until', '<', options.today)]),
      ]),
    );
  else if (options.state === 'sent')
    query = query.where('quotes.state', '=', 'sent').where('quotes.valid_until', '>=', options.today);
  else if (options.state) query = query.where('quotes.state', '=', options.state);
  const rows = await query
    .orderBy('quotes.created_at', 'desc')
    .orderBy('quotes.id', 'desc')
    .limit(limit + 1)
    .execute();
  const result = page(rows, limit, (q) => q.created_at);
  return { items: await toAdminQuotes(db, result.items, options.today), next_cursor: result.next_cursor };
}

export async function getAnyQuote(db: Kysely<Database>, key: string, today: string): Promise<AdminQuote | undefined> {
  const row = await adminQuotes(db).where(matchesKey('quotes', key)).orderBy(idFirst('quotes', key)).executeTakeFirst();
  return row ? (await toAdminQuotes(db, [row], today))[0] : undefined;
}

export async function insertQuote(
  db: Kysely<Database>,
  quote: {
    customerId: string;
    currency: string;
    validUntil: string;
    lines: DocumentLine[];
    subtotal: number;
    freight: number;
    now: Date;
    /** 'requested' for a portal checkout's quote request; else a draft. */
    state?: 'draft' | 'requested';
    customerReference?: string | null;
    /** The charges checkout computed for a quote request (in the total); none for the supplier's own. */
    charges?: readonly OrderCharge[];
  },
): Promise<string> {
  const id = crypto.randomUUID();
  const charges = quote.charges ?? [];
  await db
    .insertInto('quotes')
    .values({
      id,
      number: await nextNumber(db, 'Q', quote.now),
      customer_id: quote.customerId,
      state: quote.state ?? 'draft',
      customer_reference: quote.customerReference ?? null,
      created_at: quote.now.toISOString(),
      valid_until: quote.validUntil,
      currency: quote.currency,
      subtotal_minor: quote.subtotal,
      freight_minor: quote.freight,
      total_minor: quote.subtotal + quote.freight + charges.reduce((sum, c) => sum + c.amount_minor, 0),
      charges_json: charges.length ? JSON.stringify(charges) : null,
      answered_at: null,
      decline_reason: null,
      order_id: null,
    })
    .execute();
  await db
    .insertInto('quote_lines')
    .values(quote.lines.map((l, position) => ({ quote_id: id, position, ...l })))
    .execute();
  return id;
}

/** draft or requested → sent, if and only if it is still one of them. */
export async function markQuoteSent(db: Kysely<Database>, quoteId: string): Promise<boolean> {
  const result = await db
    .updateTable('quotes')
    .set({ state: 'sent' })
    .where('id', '=', quoteId)
    .where('state', 'in', ['draft', 'requested'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Links the order to an accepted quote that has none yet; false when it is no longer so. */
export async function claimQuoteOrder(db: Kysely<Database>, quoteId: string, orderId: string): Promise<boolean> {
  const result = await db
    .updateTable('quotes')
    .set({ order_id: orderId })
    .where('id', '=', quoteId)
    .where('state', '=', 'accepted')
    .where('order_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// --- payments ---------------------------------------------------------------------------------

/** The invoices of any customer by id, with what is left to pay. */
export async function invoicesById(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return new Map<string, { customer_id: string; balance: number }>();
  const rows = await db
    .selectFrom('invoices')
    .select(['id', 'customer_id', 'total_minor', 'paid_minor'])
    .where('id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { customer_id: r.customer_id, balance: Math.max(0, Number(r.total_minor) - Number(r.paid_minor)) },
    ]),
  );
}

/**
 * Records a payment and its allocations, and adds each to its invoice's paid amount if, and only
 * if, it still fits the balance (false otherwise: the caller rolls back).
 */
export async function insertPayment(
  db: Kysely<Database>,
  payment: {
    customerId: string;
    currency: string;
    amount: number;
    method: PaymentMethod;
    reference: string | null;
    receivedAt: string;
    allocations: { invoice_id: string; amount_minor: number }[];
    now: Date;
  },
): Promise<{ id: string } | false> {
  const id = crypto.randomUUID();
  await db
    .insertInto('payments')
    .values({
      id,
      number: await nextNumber(db, 'PAY', payment.now),
      customer_id: payment.customerId,
      received_at: payment.receivedAt,
      method: payment.method,
      reference: payment.reference,
      currency: payment.currency,
      amount_minor: payment.amount,
    })
    .execute();
  for (const a of payment.allocations) {
    await db
      .insertInto('payment_allocations')
      .values({ payment_id: id, invoice_id: a.invoice_id, amount_minor: a.amount_minor })
      .execute();
    const paid = await db
      .updateTable('invoices')
      .set((eb) => ({ paid_minor: eb('paid_minor', '+', a.amount_minor) }))
      .where('id', '=', a.invoice_id)
      .where('customer_id', '=', payment.customerId)
      .where((eb) => eb(eb('paid_minor', '+', a.amount_minor), '<=', eb.ref('total_minor')))
      .executeTakeFirst();
    if (Number(paid.numUpdatedRows) !== 1) return false;
  }
  return { id };
}

export async function listAllPayments(db: Kysely<Database>, options: Paging & { customerId?: string; id?: string }) {
  const limit = options.limit ?? ADMIN_PAGE_SIZE;
  let query = db
    .selectFrom('payments')
    .innerJoin('customers', 'customers.id', 'payments.customer_id')
    .selectAll('payments')
    .select('customers.business_name')
    .where(olderThan('payments.received_at', 'payments.id', options.cursor));
  if (options.customerId) query = query.where('payments.customer_id', '=', options.customerId);
  if (options.id) query = query.where('payments.id', '=', options.id);
  const rows = await query
    .orderBy('payments.received_at', 'desc')
    .orderBy('payments.id', 'desc')
    .limit(limit + 1)
    .execute();
  const result = page(rows, limit, (p) => p.received_at);
  const shown = await withAllocations(db, result.items);
  const items: AdminPayment[] = result.items.map((p, i) => ({
    ...shown[i],
    customer: { id: p.customer_id, business_name: p.business_name },
  }));
  return { items, next_cursor: result.next_cursor };
}

/** The order's pending change or cancellation, if one waits. */
export async function pendingRequestOf(db: Kysely<Database>, orderId: string) {
  return db
    .selectFrom('order_requests')
    .select(['id', 'kind'])
    .where('order_id', '=', orderId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
}
