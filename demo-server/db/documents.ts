import type { Kysely } from 'kysely';
import type {
  DocumentLine,
  Invoice,
  InvoiceDetail,
  OrderCharge,
  Quote,
  QuoteState,
} from '../../widget/contract/index.ts';
import { Delivery as DeliverySchema, Payment as PaymentSchema } from '../../widget/contract/index.ts';
import type { z } from 'zod';
import type { Database } from './schema.ts';
import { DEFAULT_PAGE_SIZE, decodeCursor, groupBy, page } from './paging.ts';
import { idFirst, matchesKey, toDeliverySummary } from './orders.ts';

type Delivery = z.infer<typeof DeliverySchema>;
type Payment = z.infer<typeof PaymentSchema>;
type Paging = { cursor?: string; limit?: number };

/** Keyset condition for "older than the cursor" on (column desc, id desc). */
function olderThan(column: string, idColumn: string, cursor: string | undefined) {
  const c = decodeCursor(cursor);
  return (eb: any) =>
    c ? eb.or([eb(column, '<', c.after), eb.and([eb(column, '=', c.after), eb(idColumn, '<', c.id)])]) : eb.lit(true);
}

const line = (
  row: Omit<DocumentLine, 'unit_price_minor' | 'line_total_minor'> & {
    unit_price_minor: number;
    line_total_minor: number;
  },
): DocumentLine => ({
  product_id: row.product_id,
  sku: row.sku,
  name: row.name,
  quantity: row.quantity,
  uom: row.uom,
  unit_price_minor: Number(row.unit_price_minor),
  line_total_minor: Number(row.line_total_minor),
});

// --- quotes -----------------------------------------------------------------------------------

/** "sent" past its validity date reads as "expired"; the stored state is never trusted alone. */
export function effectiveQuoteState(state: string, validUntil: string, today: string): QuoteState {
  return state === 'sent' && validUntil < today ? 'expired' : (state as QuoteState);
}

/** `show_charges` only on the customer's own reads: the supplier always sees the charges. */
export type QuoteRow = Database['quotes'] & { order_number: string | null; show_charges?: number | null };

/** The charges a quote carries besides freight: none for the supplier's own quotes, null where the customer sees totals only. */
export function quoteCharges(row: {
  charges_json?: string | null;
  show_charges?: number | null;
}): OrderCharge[] | null {
  if (row.show_charges != null && Number(row.show_charges) === 0) return null;
  return row.charges_json ? (JSON.parse(row.charges_json) as OrderCharge[]) : [];
}

export async function withQuoteLines(db: Kysely<Database>, rows: QuoteRow[], today: string): Promise<Quote[]> {
  const lines = rows.length
    ? await db
        .selectFrom('quote_lines')
        .selectAll()
        .where(
          'quote_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('quote_id')
        .orderBy('position')
        .execute()
    : [];
  const byQuote = groupBy(lines, (l) => l.quote_id);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    state: effectiveQuoteState(r.state, r.valid_until, today),
    created_at: r.created_at,
    valid_until: r.valid_until,
    currency: r.currency,
    lines: (byQuote.get(r.id) ?? []).map(line),
    subtotal_minor: Number(r.subtotal_minor),
    freight_minor: Number(r.freight_minor),
    charges: quoteCharges(r),
    total_minor: Number(r.total_minor),
    answered_at: r.answered_at,
    decline_reason: r.decline_reason,
    order: r.order_id ? { id: r.order_id, number: r.order_number ?? '' } : null,
  }));
}

/** The customer's quotes: never a draft, which only the supplier sees until it is sent. */
function quotes(db: Kysely<Database>, customerId: string) {
  return db
    .selectFrom('quotes')
    .leftJoin('orders', 'orders.id', 'quotes.order_id')
    .innerJoin('customers', 'customers.id', 'quotes.customer_id')
    .selectAll('quotes')
    .select(['orders.number as order_number', 'customers.show_charges'])
    .where('quotes.customer_id', '=', customerId)
    .where('quotes.state', '!=', 'draft');
}

export async function listQuotes(
  db: Kysely<Database>,
  customerId: string,
  options: Paging & { state?: QuoteState; today: string },
) {
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  let query = quotes(db, customerId).where(olderThan('quotes.created_at', 'quotes.id', options.cursor));
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
  return { items: await withQuoteLines(db, result.items, options.today), next_cursor: result.next_cursor };
}

/** One quote of this customer by id or number. */
export async function getQuote(
  db: Kysely<Database>,
  customerId: string,
  key: string,
  today: string,
): Promise<Quote | undefined> {
  const row = await quotes(db, customerId)
    .where(matchesKey('quotes', key))
    .orderBy(idFirst('quotes', key))
    .executeTakeFirst();
  return row ? (await withQuoteLines(db, [row], today))[0] : undefined;
}

/** The charges a quote was made with, whatever the customer is shown: an order made from it carries them. */
export async function getQuoteCharges(db: Kysely<Database>, quoteId: string): Promise<OrderCharge[]> {
  const row = await db.selectFrom('quotes').select('charges_json').where('id', '=', quoteId).executeTakeFirst();
  return quoteCharges({ charges_json: row?.charges_json ?? null }) ?? [];
}

export async function getQuoteLines(db: Kysely<Database>, quoteId: string): Promise<DocumentLine[]> {
  return (
    await db.selectFrom('quote_lines').selectAll().where('quote_id', '=', quoteId).orderBy('position').execute()
  ).map(line);
}

/**
 * Moves a quote out of "sent" if, and only if, it is still sent and valid: the conditional
 * update is the lock, so two concurrent answers cannot both win.
 */
export async function answerQuote(
  db: Kysely<Database>,
  change: {
    customerId: string;
    quoteId: string;
    state: 'accepted' | 'declined';
    reason?: string | null;
    now: string;
    today: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('quotes')
    .set({ state: change.state, answered_at: change.now, decline_reason: change.reason ?? null })
    .where('id', '=', change.quoteId)
    .where('customer_id', '=', change.customerId)
    .where('state', '=', 'sent')
    .where('valid_until', '>=', change.today)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The customer's reference a quote request was made with (null for the supplier's own quotes). */
export async function quoteReference(db: Kysely<Database>, quoteId: string): Promise<string | null> {
  const row = await db.selectFrom('quotes').select('customer_reference').where('id', '=', quoteId).executeTakeFirst();
  return row?.customer_reference ?? null;
}

export async function linkQuoteOrder(db: Kysely<Database>, quoteId: string, orderId: string): Promise<void> {
  await db.updateTable('quotes').set({ order_id: orderId }).where('id', '=', quoteId).execute();
}

// --- invoices ---------------------------------------------------------------------------------

export type InvoiceRow = Database['invoices'] & { order_number: string | null };

export function toInvoice(r: InvoiceRow): Invoice {
  const total = Number(r.total_minor);
  const paid = Number(r.paid_minor);
  return {
    id: r.id,
    number: r.number,
    order: r.order_id ? { id: r.order_id, number: r.order_number ?? '' } : null,
    issued_at: r.issued_at,
    due_at: r.due_at,
    currency: r.currency,
    total_minor: total,
    paid_minor: paid,
    balance_minor: Math.max(0, total - paid),
    payment_state: paid >= total ? 'paid' : paid <= 0 ? 'not_paid' : 'partial',
  };
}

export async function listInvoices(
  db: Kysely<Database>,
  customerId: string,
  options: Paging & { payment_state?: Invoice['payment_state'] | 'unpaid' },
) {
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  let query = db
    .selectFrom('invoices')
    .leftJoin('orders', 'orders.id', 'invoices.order_id')
    .selectAll('invoices')
    .select('orders.number as order_number')
    .where('invoices.customer_id', '=', customerId)
    .where(olderThan('invoices.issued_at', 'invoices.id', options.cursor));
  // The same rules as toInvoice: fully paid (a zero total counts as paid) wins over nothing paid.
  if (options.payment_state === 'not_paid')
    query = query.where('invoices.paid_minor', '<=', 0).whereRef('invoices.paid_minor', '<', 'invoices.total_minor');
  else if (options.payment_state === 'paid')
    query = query.whereRef('invoices.paid_minor', '>=', 'invoices.total_minor');
  else if (options.payment_state === 'partial')
    query = query.where('invoices.paid_minor', '>', 0).whereRef('invoices.paid_minor', '<', 'invoices.total_minor');
  else if (options.payment_state === 'unpaid')
    query = query.whereRef('invoices.paid_minor', '<', 'invoices.total_minor');
  const rows = await query
    .orderBy('invoices.issued_at', 'desc')
    .orderBy('invoices.id', 'desc')
    .limit(limit + 1)
    .execute();
  return page(rows.map(toInvoice), limit, (i) => i.issued_at);
}

/** One invoice of this customer by id or number: its order's lines and the payments allocated to it. */
export async function getInvoice(
  db: Kysely<Database>,
  customerId: string,
  key: string,
): Promise<InvoiceDetail | undefined> {
  const row = await db
    .selectFrom('invoices')
    .leftJoin('orders', 'orders.id', 'invoices.order_id')
    .selectAll('invoices')
    .select([
      'orders.number as order_number',
      'orders.subtotal_minor as order_subtotal',
      'orders.freight_minor as order_freight',
    ])
    .where('invoices.customer_id', '=', customerId)
    .where(matchesKey('invoices', key))
    .orderBy(idFirst('invoices', key))
    .executeTakeFirst();
  if (!row) return undefined;
  const [lines, payments] = await Promise.all([
    row.order_id
      ? db.selectFrom('order_lines').selectAll().where('order_id', '=', row.order_id).orderBy('position').execute()
      : [],
    db
      .selectFrom('payment_allocations')
      .innerJoin('payments', 'payments.id', 'payment_allocations.payment_id')
      .select([
        'payments.id',
        'payments.number',
        'payments.received_at',
        'payments.method',
        'payment_allocations.amount_minor',
      ])
      .where('payment_allocations.invoice_id', '=', row.id)
      .where('payments.customer_id', '=', customerId)
      .orderBy('payments.received_at')
      .orderBy('payments.number')
      .execute(),
  ]);
  const invoice = toInvoice(row);
  // An invoice without an order (e.g. a service charge) is one amount: no lines, no freight.
  const hasOrder = row.order_id !== null && row.order_subtotal !== null;
  return {
    ...invoice,
    lines: lines.map(line),
    subtotal_minor: hasOrder ? Number(row.order_subtotal) : invoice.total_minor,
    freight_minor: hasOrder ? Number(row.order_freight) : 0,
    payments: payments.map((p) => ({
      id: p.id,
      number: p.number,
      received_at: p.received_at,
      method: p.method as Payment['method'],
      amount_minor: Number(p.amount_minor),
    })),
  };
}

/** Sum of unpaid balances. */
export async function outstandingBalance(db: Kysely<Database>, customerId: string): Promise<number> {
  const row = await db
    .selectFrom('invoices')
    .select((eb) => eb.fn.sum<number>(eb('total_minor', '-', eb.ref('paid_minor'))).as('balance'))
    .where('customer_id', '=', customerId)
    .whereRef('paid_minor', '<', 'total_minor')
    .executeTakeFirstOrThrow();
  return Number(row.balance ?? 0);
}

// --- payments ---------------------------------------------------------------------------------

export async function listPayments(db: Kysely<Database>, customerId: string, options: Paging) {
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await db
    .selectFrom('payments')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where(olderThan('received_at', 'id', options.cursor))
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const result = page(rows, limit, (p) => p.received_at);
  const items: Payment[] = await withAllocations(db, result.items);
  return { items, next_cursor: result.next_cursor };
}

/** Payments as the API shows them, in the same order, each with the invoices it was allocated to (one query for the page). */
export async function withAllocations(db: Kysely<Database>, payments: Database['payments'][]): Promise<Payment[]> {
  const allocations = payments.length
    ? await db
        .selectFrom('payment_allocations')
        .innerJoin('invoices', 'invoices.id', 'payment_allocations.invoice_id')
        .select([
          'payment_allocations.payment_id',
          'payment_allocations.invoice_id',
          'payment_allocations.amount_minor',
          'invoices.number',
        ])
        .where(
          'payment_allocations.payment_id',
          'in',
          payments.map((p) => p.id),
        )
        .orderBy('invoices.number')
        .execute()
    : [];
  const byPayment = groupBy(allocations, (a) => a.payment_id);
  return payments.map((p) => ({
    id: p.id,
    number: p.number,
    received_at: p.received_at,
    method: p.method as Payment['method'],
    reference: p.reference,
    currency: p.currency,
    amount_minor: Number(p.amount_minor),
    allocations: (byPayment.get(p.id) ?? []).map((a) => ({
      invoice_id: a.invoice_id,
      invoice_number: a.number,
      amount_minor: Number(a.amount_minor),
    })),
  }));
}

// --- deliveries -------------------------------------------------------------------------------

function deliveries(db: Kysely<Database>, customerId: string) {
  return db
    .selectFrom('deliveries')
    .innerJoin('orders', 'orders.id', 'deliveries.order_id')
    .selectAll('deliveries')
    .select('orders.number as order_number')
    .where('deliveries.customer_id', '=', customerId);
}

async function withDeliveryLines(
  db: Kysely<Database>,
  rows: (Database['deliveries'] & { order_number: string })[],
): Promise<Delivery[]> {
  const lines = rows.length
    ? await db
        .selectFrom('delivery_lines')
        .selectAll()
        .where(
          'delivery_id',
          'in',
          rows.map((d) => d.id),
        )
        .orderBy('delivery_id')
        .orderBy('position')
        .execute()
    : [];
  const byDelivery = groupBy(lines, (l) => l.delivery_id);
  return rows.map((d) => ({
    ...toDeliverySummary(d),
    order: { id: d.order_id, number: d.order_number },
    lines: (byDelivery.get(d.id) ?? []).map((l) => ({
      product_id: l.product_id,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      uom: l.uom,
    })),
  }));
}

export async function listDeliveries(db: Kysely<Database>, customerId: string, options: Paging) {
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await deliveries(db, customerId)
    .where(olderThan('deliveries.created_at', 'deliveries.id', options.cursor))
    .orderBy('deliveries.created_at', 'desc')
    .orderBy('deliveries.id', 'desc')
    .limit(limit + 1)
    .execute();
  const result = page(rows, limit, (d) => d.created_at);
  return { items: await withDeliveryLines(db, result.items), next_cursor: result.next_cursor };
}

/** One delivery of this customer by id or number. */
export async function getDelivery(
  db: Kysely<Database>,
  customerId: string,
  key: string,
): Promise<Delivery | undefined> {
  const row = await deliveries(db, customerId)
    .where(matchesKey('deliveries', key))
    .orderBy(idFirst('deliveries', key))
    .executeTakeFirst();
  return row ? (await withDeliveryLines(db, [row]))[0] : undefined;
}
