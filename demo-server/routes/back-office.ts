import type { Router } from 'express';
import type { Kysely } from 'kysely';
import {
  AdminOrderSummary,
  endpoints,
  type AdminOrderDetail,
  type AllocationErrorDetails,
  type OrderEvent,
} from '../../widget/contract/index.ts';
import {
  ORDER_TRANSITIONS,
  WAITING_ORDER_CREATED,
  creationRefusal,
  transitionRefusal,
} from '../../widget/contract/rules/order-status.ts';
import { referenceTaken as referenceTakenError } from '../../widget/contract/rules/checkout.ts';
import { chosenDeliveryAddress, unknownDeliveryAddress } from '../../widget/contract/rules/addresses.ts';
import {
  businessName,
  claimQuoteOrder,
  findDocument,
  getAnyQuote,
  insertDelivery,
  insertInvoice,
  insertPayment,
  insertQuote,
  invoicesById,
  invoicesOfOrder,
  listAllInvoices,
  listAllOrders,
  listAllPayments,
  listAllQuotes,
  markDelivered,
  markQuoteSent,
  pendingRequestOf,
} from '../db/back-office.ts';
import { listAddresses, snapshotOf } from '../db/addresses.ts';
import { getCustomer, lockCustomer, type CustomerRecord } from '../db/customers.ts';
import { getInvoice, getQuoteCharges, getQuoteLines, quoteReference } from '../db/documents.ts';
import { ClaimLostError, claimKey, completeKey, DEFAULT_IDEMPOTENCY_TTL_MS, releaseKey } from '../db/idempotency.ts';
import { decideRequest, orderState, recordEvent, referenceTaken, setOrderStatus } from '../db/order-changes.ts';
import { getOrder, insertOrder } from '../db/orders.ts';
import type { Database } from '../db/schema.ts';
import type { Workspace } from '../db/workspace.ts';
import { HttpError, notFound, refuseIf, ruleError } from '../errors.ts';
import { adminRoute, Answer, hashBody, type Services } from './define.ts';
import { tellOrderProgress } from './order-mails.ts';
import { priceCart } from './pricing.ts';
import { orderContext } from './session.ts';

const today = (now: Date) => now.toISOString().slice(0, 10);
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
const DEFAULT_DUE_DAYS = 30;
const DEFAULT_QUOTE_DAYS = 30;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Idempotency keys of entered orders live beside the customers' checkout keys (scoped by customer id). */
const ORDER_KEY_SCOPE = 'back-office/orders';
/** Orders that can be invoiced (a delivered one then becomes invoiced). */
const INVOICEABLE = new Set(['confirmed', 'in_progress', 'shipped', 'delivered', 'invoiced']);

const supplier = (workspace: Workspace) => ({ actor: 'supplier', actor_name: workspace.name }) as const;

/** The customer a request names: 404 when there is none. */
async function customerNamed(services: Services, id: string): Promise<CustomerRecord> {
  const customer = await getCustomer(services.db, id);
  if (!customer) throw notFound('No customer with that customer_id.');
  return customer;
}

/** A customer new documents can be made for: 409 `conflict` once archived. */
async function liveCustomer(services: Services, id: string): Promise<CustomerRecord> {
  const customer = await customerNamed(services, id);
  if (customer.archived_at !== null)
    throw new HttpError(409, 'conflict', `${customer.business_name} is archived: unarchive the customer first.`);
  return customer;
}

/** The order as the supplier reads it, by id or number, or undefined. */
export async function adminOrder(
  db: Kysely<Database>,
  key: string,
  workspace: Workspace,
): Promise<AdminOrderDetail | undefined> {
  const found = await findDocument(db, 'orders', key);
  if (!found) return undefined;
  const [order, name, invoices] = await Promise.all([
    getOrder(db, found.customer_id, found.id, { ...orderContext(workspace), forSupplier: true }),
    businessName(db, found.customer_id),
    invoicesOfOrder(db, found.id),
  ]);
  if (!order) return undefined;
  return {
    ...order,
    customer: { id: found.customer_id, business_name: name },
    invoices,
    allowed_transitions: [...ORDER_TRANSITIONS[order.status]],
  };
}

async function adminInvoice(db: Kysely<Database>, key: string) {
  const found = await findDocument(db, 'invoices', key);
  const invoice = found && (await getInvoice(db, found.customer_id, found.id));
  if (!found || !invoice) return undefined;
  return { ...invoice, customer: { id: found.customer_id, business_name: await businessName(db, found.customer_id) } };
}

const alreadyInvoiced = (number: string, invoice: { id: string; number: string }) =>
  new HttpError(409, 'already_invoiced', `Order ${number} is already invoiced (${invoice.number}).`, { invoice });

/**
 * The supplier's documents (issue 15): orders across customers moved along the status graph,
 * orders entered by phone, email or a sales rep, quotes drafted, sent and converted, invoices
 * from orders, payments allocated to invoices. Every write to a customer's documents runs under
 * that customer's lock, as the customer's own changes do, so the two never interleave.
 */
export function backOfficeRoutes(router: Router, services: Services): void {
  const ttlMs = services.config.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;

  // --- orders ---------------------------------------------------------------------------------

  adminRoute(router, services, endpoints.adminListOrders, async ({ query }) =>
    listAllOrders(services.db, {
      status: query.status,
      channel: query.channel,
      customerId: query.customer_id,
      from: query.from,
      to: query.to,
      cursor: query.cursor,
      limit: query.limit,
    }),
  );

  adminRoute(
    router,
    services,
    endpoints.adminGetOrder,
    async ({ params }) =>
      (await adminOrder(services.db, params.id, await services.workspace.get())) ??
      Promise.reject(notFound('No such order.')),
  );

  adminRoute(router, services, endpoints.adminSetOrderStatus, async ({ params, body, now }) => {
    const workspace = await services.workspace.get();
    const found = await findDocument(services.db, 'orders', params.id);
    if (!found) throw notFound('No such order.');
    const at = now.toISOString();
    const reason = body.reason || null;
    const by = supplier(workspace);
    await services.db.transaction().execute(async (tx) => {
      await lockCustomer(tx, found.customer_id);
      const order = (await orderState(tx, found.customer_id, found.id))!;
      refuseIf(transitionRefusal(order.number, order.status, body.status));
      const changes = { status: { from: order.status, to: body.status } };
      let event: OrderEvent['action'] = body.status === 'cancelled' ? 'cancelled' : 'status_changed';
      const pending = body.status === 'cancelled' ? await pendingRequestOf(tx, order.id) : undefined;
      if (pending?.kind === 'cancel') {
        // What the customer asked for: the cancellation is theirs, approved.
        await decideRequest(tx, { id: pending.id, state: 'approved', at, previous: order.content });
        event = 'request_approved';
      } else if (pending) {
        // A change to an order that will not go ahead: rejected, for the reason the order is cancelled.
        const rejection = reason ?? `Order ${order.number} was cancelled.`;
        await decideRequest(tx, { id: pending.id, state: 'rejected', at, rejectionReason: rejection });
        await recordEvent(tx, order.id, { at, ...by, action: 'request_rejected', changes: null, note: rejection });
      }
      await setOrderStatus(tx, order.id, body.status);
      if (body.status === 'shipped') {
        const delivery = body.delivery!;
        await insertDelivery(tx, {
          orderId: order.id,
          customerId: order.customerId,
          carrier: delivery.carrier,
          trackingNumber: delivery.tracking_number ?? null,
          trackingUrl: delivery.tracking_url ?? null,
          now,
        });
      } else if (body.status === 'delivered') {
        await markDelivered(tx, order.id, at);
      } else if (body.status === 'invoiced' && (await invoicesOfOrder(tx, order.id)).length === 0) {
        await insertInvoice(tx, { orderId: order.id, dueDays: DEFAULT_DUE_DAYS, now });
      }
      await recordEvent(tx, order.id, { at, ...by, action: event, changes, note: reason });
    });
    const order = (await adminOrder(services.db, found.id, workspace))!;
    if (body.status === 'shipped') {
      const delivery = body.delivery!;
      await tellOrderProgress(services, 'shipped', found.customer_id, order, {
        carrier: delivery.carrier,
        trackingNumber: delivery.tracking_number ?? null,
        trackingUrl: delivery.tracking_url ?? null,
      });
    }
    return order;
  });

  // "Create order" for an order waiting for the supplier ("Automatically create orders" off): every
  // backend offers it (not a back-office extra), since such a workspace's orders go nowhere without it.
  adminRoute(router, services, endpoints.createWaitingOrder, async ({ params, now }) => {
    const workspace = await services.workspace.get();
    const found = await findDocument(services.db, 'orders', params.id);
    if (!found) throw notFound('No such order.');
    await services.db.transaction().execute(async (tx) => {
      await lockCustomer(tx, found.customer_id);
      const order = (await orderState(tx, found.customer_id, found.id))!;
      refuseIf(creationRefusal(order.number, order.status));
      await setOrderStatus(tx, order.id, WAITING_ORDER_CREATED);
      await recordEvent(tx, order.id, {
        at: now.toISOString(),
        ...supplier(workspace),
        action: 'status_changed',
        changes: { status: { from: order.status, to: WAITING_ORDER_CREATED } },
        note: null,
      });
    });
    return AdminOrderSummary.parse(await adminOrder(services.db, found.id, workspace));
  });

  adminRoute(router, services, endpoints.adminCreateOrder, async ({ req, body, now }) => {
    const key = req.get('idempotency-key');
    if (key !== undefined && !KEY_PATTERN.test(key)) {
      throw new HttpError(400, 'validation_failed', 'An Idempotency-Key header is 1 to 255 visible ASCII characters.', [
        { path: 'header.idempotency-key', message: 'invalid' },
      ]);
    }
    const workspace = await services.workspace.get();
    let held: { scope: string; key: string; claimId: string } | undefined;
    if (key !== undefined) {
      const claim = await claimKey(services.db, {
        scope: ORDER_KEY_SCOPE,
        key,
        requestHash: hashBody(body),
        now,
        lockMs: services.config.idempotencyLockMs ?? 30_000,
        ttlMs,
      });
      if (claim.kind === 'mismatch')
        throw new HttpError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different order.',
        );
      if (claim.kind === 'in_flight')
        throw new HttpError(
          409,
          'idempotency_in_flight',
          'This order is already being entered. Wait for it to finish before retrying.',
        );
      if (claim.kind === 'replay') {
        const order = await adminOrder(services.db, claim.orderId, workspace);
        if (!order) throw notFound('The order this Idempotency-Key placed no longer exists.');
        return new Answer(claim.status, order, { 'Idempotency-Replayed': 'true' });
      }
      held = { scope: ORDER_KEY_SCOPE, key, claimId: claim.claimId };
    }
    try {
      const customer = await liveCustomer(services, body.customer_id);
      // Today's prices for this customer, exactly as checkout prices a cart.
      const priced = await priceCart(services, customer, workspace, body.lines, now);
      const reference = body.customer_reference ?? null;
      const orderId = await services.db.transaction().execute(async (tx) => {
        await lockCustomer(tx, customer.id);
        if (
          workspace.settings.require_unique_reference &&
          reference !== null &&
          (await referenceTaken(tx, customer.id, reference))
        ) {
          throw ruleError(referenceTakenError(reference));
        }
        // The address live at this instant, under the customer's lock, as checkout copies it.
        const address = chosenDeliveryAddress(await listAddresses(tx, customer.id), body.delivery_address_id);
        if (address && !('id' in address))
          throw ruleError(
            unknownDeliveryAddress("That delivery address is not one of this customer's current delivery addresses."),
          );
        // A sales rep's order was placed by the supplier; one taken by phone or email, by the customer.
        const placedBy =
          body.channel === 'sales_rep'
            ? { actor: 'supplier' as const, name: workspace.name }
            : { actor: 'customer' as const, name: customer.business_name };
        const id = await insertOrder(tx, {
          customerId: customer.id,
          status: 'confirmed',
          channel: body.channel,
          currency: workspace.currency,
          customerReference: reference,
          note: body.note?.trim() || null,
          sourceQuoteId: null,
          lines: priced.lines,
          subtotal: priced.subtotal_minor,
          freight: priced.freight_minor,
          charges: priced.charges,
          now,
          placedBy,
          deliveryAddress: address && snapshotOf(address),
        });
        if (held) await completeKey(tx, { ...held, status: 201, orderId: id });
        return id;
      });
      return new Answer(201, (await adminOrder(services.db, orderId, workspace))!);
    } catch (error) {
      if (error instanceof ClaimLostError) {
        throw new HttpError(
          409,
          'idempotency_in_flight',
          'This order is being entered by a newer attempt with the same key.',
        );
      }
      if (held) await releaseKey(services.db, held).catch(() => undefined);
      throw error;
    }
  });

  // --- quotes ---------------------------------------------------------------------------------

  adminRoute(router, services, endpoints.adminListQuotes, async ({ query, now }) =>
    listAllQuotes(services.db, {
      state: query.state,
      customerId: query.customer_id,
      cursor: query.cursor,
      limit: query.limit,
      today: today(now),
    }),
  );

  adminRoute(
    router,
    services,
    endpoints.adminGetQuote,
    async ({ params, now }) =>
      (await getAnyQuote(services.db, params.id, today(now))) ?? Promise.reject(notFound('No such quote.')),
  );

  adminRoute(router, services, endpoints.adminCreateQuote, async ({ body, now }) => {
    const validUntil = body.valid_until ?? addDays(today(now), DEFAULT_QUOTE_DAYS);
    if (validUntil < today(now)) {
      throw new HttpError(400, 'validation_failed', 'valid_until must be today or later.', [
        { path: 'body.valid_until', message: 'must be today or later' },
      ]);
    }
    const workspace = await services.workspace.get();
    const customer = await liveCustomer(services, body.customer_id);
    const priced = await priceCart(services, customer, workspace, body.lines, now);
    const id = await services.db.transaction().execute((tx) =>
      insertQuote(tx, {
        customerId: customer.id,
        currency: workspace.currency,
        validUntil,
        lines: priced.lines,
        subtotal: priced.subtotal_minor,
        freight: priced.freight_minor,
        now,
      }),
    );
    return new Answer(201, (await getAnyQuote(services.db, id, today(now)))!);
  });

  adminRoute(router, services, endpoints.adminSendQuote, async ({ params, now }) => {
    const quote = await getAnyQuote(services.db, params.id, today(now));
    if (!quote) throw notFound('No such quote.');
    if (!(await markQuoteSent(services.db, quote.id))) {
      const state = (await getAnyQuote(services.db, quote.id, today(now)))!.state;
      throw new HttpError(
        409,
        'invalid_transition',
        `Quote ${quote.number} is ${state}: only a draft or a requested quote can be sent.`,
        {
          from: state,
          to: 'sent',
          allowed: [],
        },
      );
    }
    return (await getAnyQuote(services.db, quote.id, today(now)))!;
  });

  adminRoute(router, services, endpoints.adminConvertQuote, async ({ params, now }) => {
    const workspace = await services.workspace.get();
    const quote = await getAnyQuote(services.db, params.id, today(now));
    if (!quote) throw notFound('No such quote.');
    const refusal = (state: string, order: { id: string; number: string } | null) =>
      new HttpError(
        409,
        'quote_not_convertible',
        order
          ? `Quote ${quote.number} already has order ${order.number}.`
          : `Quote ${quote.number} is ${state}: only an accepted quote becomes an order.`,
        { state, order },
      );
    if (quote.state !== 'accepted' || quote.order) throw refusal(quote.state, quote.order);
    await services.db.transaction().execute(async (tx) => {
      await lockCustomer(tx, quote.customer.id);
      const orderId = await insertOrder(tx, {
        customerId: quote.customer.id,
        status: 'confirmed',
        channel: 'quote',
        currency: quote.currency,
        customerReference: await quoteReference(tx, quote.id),
        note: `From quote ${quote.number}`,
        sourceQuoteId: quote.id,
        lines: await getQuoteLines(tx, quote.id),
        subtotal: quote.subtotal_minor,
        freight: quote.freight_minor,
        charges: await getQuoteCharges(tx, quote.id),
        now,
        placedBy: { actor: 'supplier', name: workspace.name },
      });
      if (!(await claimQuoteOrder(tx, quote.id, orderId))) {
        const now2 = (await getAnyQuote(tx, quote.id, today(now)))!;
        throw refusal(now2.state, now2.order);
      }
    });
    return (await getAnyQuote(services.db, quote.id, today(now)))!;
  });

  // --- invoices -------------------------------------------------------------------------------

  adminRoute(router, services, endpoints.adminInvoiceOrder, async ({ params, body, now }) => {
    const workspace = await services.workspace.get();
    const found = await findDocument(services.db, 'orders', params.id);
    if (!found) throw notFound('No such order.');
    // Under the customer's lock, so two requests for the same order cannot both find it uninvoiced.
    const invoiceId = await services.db.transaction().execute(async (tx) => {
      await lockCustomer(tx, found.customer_id);
      const order = (await orderState(tx, found.customer_id, found.id))!;
      if (!INVOICEABLE.has(order.status)) {
        throw new HttpError(
          409,
          'not_invoiceable',
          `Order ${order.number} is ${order.status}: only a confirmed, in-progress, shipped or delivered order can be invoiced.`,
          { status: order.status },
        );
      }
      const [existing] = await invoicesOfOrder(tx, order.id);
      if (existing) throw alreadyInvoiced(order.number, { id: existing.id, number: existing.number });
      const id = await insertInvoice(tx, { orderId: order.id, dueDays: body?.due_days ?? DEFAULT_DUE_DAYS, now });
      if (order.status === 'delivered') {
        await setOrderStatus(tx, order.id, 'invoiced');
        await recordEvent(tx, order.id, {
          at: now.toISOString(),
          ...supplier(workspace),
          action: 'status_changed',
          changes: { status: { from: order.status, to: 'invoiced' } },
          note: null,
        });
      }
      return id;
    });
    return new Answer(201, (await adminInvoice(services.db, invoiceId))!);
  });

  adminRoute(router, services, endpoints.adminListInvoices, async ({ query }) =>
    listAllInvoices(services.db, {
      customerId: query.customer_id,
      paymentState: query.payment_state,
      cursor: query.cursor,
      limit: query.limit,
    }),
  );

  adminRoute(
    router,
    services,
    endpoints.adminGetInvoice,
    async ({ params }) => (await adminInvoice(services.db, params.id)) ?? Promise.reject(notFound('No such invoice.')),
  );

  // --- payments -------------------------------------------------------------------------------

  adminRoute(router, services, endpoints.adminCreatePayment, async ({ body, now }) => {
    const receivedAt = body.received_at ?? today(now);
    if (receivedAt > today(now)) {
      throw new HttpError(400, 'validation_failed', 'received_at cannot be in the future.', [
        { path: 'body.received_at', message: 'must be today or earlier' },
      ]);
    }
    const workspace = await services.workspace.get();
    // An archived customer may still pay what they owe.
    const customer = await customerNamed(services, body.customer_id);
    const allocations = body.allocations ?? [];
    const paymentId = await services.db.transaction().execute(async (tx) => {
      await lockCustomer(tx, customer.id);
      refuseIf(await allocationRefusal(tx, customer.id, body.amount_minor, allocations));
      const inserted = await insertPayment(tx, {
        customerId: customer.id,
        currency: workspace.currency,
        amount: body.amount_minor,
        method: body.method,
        reference: body.reference ?? null,
        receivedAt,
        allocations,
        now,
      });
      // Another process moved an invoice meanwhile (this one held the lock): check again, and refuse.
      if (!inserted)
        throw new HttpError(409, 'conflict', 'An invoice was paid meanwhile; read its balance and try again.');
      return inserted.id;
    });
    return new Answer(201, (await listAllPayments(services.db, { id: paymentId, limit: 1 })).items[0]);
  });

  adminRoute(router, services, endpoints.adminListPayments, async ({ query }) =>
    listAllPayments(services.db, { customerId: query.customer_id, cursor: query.cursor, limit: query.limit }),
  );
}

/** 422 `allocation_invalid` listing every allocation that does not fit, or null when they all do. */
async function allocationRefusal(
  db: Kysely<Database>,
  customerId: string,
  amount: number,
  allocations: { invoice_id: string; amount_minor: number }[],
) {
  const invoices = await invoicesById(db, [...new Set(allocations.map((a) => a.invoice_id))]);
  const seen = new Set<string>();
  const problems: AllocationErrorDetails['allocations'] = [];
  allocations.forEach((a, index) => {
    const invoice = invoices.get(a.invoice_id);
    if (seen.has(a.invoice_id)) problems.push({ index, invoice_id: a.invoice_id, reason: 'duplicate' });
    else if (!invoice) problems.push({ index, invoice_id: a.invoice_id, reason: 'not_found' });
    else if (invoice.customer_id !== customerId)
      problems.push({ index, invoice_id: a.invoice_id, reason: 'other_customer' });
    else if (a.amount_minor > invoice.balance)
      problems.push({ index, invoice_id: a.invoice_id, reason: 'over_balance', balance_minor: invoice.balance });
    seen.add(a.invoice_id);
  });
  const allocated = allocations.reduce((sum, a) => sum + a.amount_minor, 0);
  if (problems.length === 0 && allocated <= amount) return null;
  const details: AllocationErrorDetails = { allocations: problems, allocated_minor: allocated, amount_minor: amount };
  const message = problems.length
    ? "Some allocations do not fit: each must go to one of this customer's invoices, once, and at most its balance."
    : `The allocations (${allocated}) add up to more than the payment (${amount}).`;
  return { status: 422, code: 'allocation_invalid' as const, message, details };
}
