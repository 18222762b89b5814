import type { Request, Router } from 'express';
import { reasonsToWait } from '../db/approvals.ts';
import { tellAdmins } from './approvals.ts';
import { tellOrderProgress } from './order-mails.ts';
import { getPerson } from '../db/people.ts';
import {
  endpoints,
  type CheckoutAnswer,
  type CheckoutRequest,
  type CreditLimitDetails,
  type QuoteRequested,
} from '../../widget/contract/index.ts';
import {
  createsOrdersAutomatically,
  orderCreationStatus,
  placedOrderStatus,
} from '../../widget/contract/rules/order-creation.ts';
import { insertQuote } from '../db/back-office.ts';
import { getQuote } from '../db/documents.ts';
import {
  ClaimLostError,
  claimKey,
  completeKey,
  DEFAULT_IDEMPOTENCY_TTL_MS,
  releaseKey,
  sweepExpiredKeys,
} from '../db/idempotency.ts';
import { referenceTaken } from '../db/order-changes.ts';
import { lockCustomer } from '../db/customers.ts';
import { listAddresses, snapshotOf } from '../db/addresses.ts';
import { chosenDeliveryAddress } from '../../widget/contract/rules/addresses.ts';
import { getOrder, insertOrder, numberOrder } from '../db/orders.ts';
import type { Workspace } from '../db/workspace.ts';
import type { Principal } from '../context.ts';
import { HttpError, notFound, refuseIf, ruleError } from '../errors.ts';
import { assertSupplierAvailable, creditFor, customerOf, orderContext } from './session.ts';
import { Answer, hashBody, portalRoute, type Services } from './define.ts';
import {
  belowMinimum,
  givenContact,
  minimumShortfall,
  priceChanged,
  referenceRequired,
  referenceTaken as referenceTakenError,
} from '../../widget/contract/rules/checkout.ts';
import { priceCart } from './pricing.ts';
import { chosenDelivery } from './delivery-services.ts';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** How long a quote request stays open once the supplier sends it, as a quote entered in the back office. */
const QUOTE_REQUEST_DAYS = 30;
const today = (now: Date) => now.toISOString().slice(0, 10);
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** How often checkouts start a sweep of expired idempotency keys. */
const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * Checkout. The key is claimed before any work, so a double click or a concurrent retry gets
 * 409 and a finished one replays its answer; the order, its lines and the stored answer commit
 * in one transaction. Answers that change nothing (422, 409 price_changed) free the key, so the
 * customer can correct the cart and retry with it.
 */
export function checkoutRoutes(router: Router, services: Services): void {
  const ttlMs = services.config.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
  let sweptAt = -Infinity;
  /** Deletes expired keys at most once per SWEEP_EVERY_MS, after the current request's turn, never in its way. */
  const sweepSoon = (now: Date) => {
    const since = now.getTime() - sweptAt;
    if (since >= 0 && since < SWEEP_EVERY_MS) return;
    sweptAt = now.getTime();
    setImmediate(() => {
      sweepExpiredKeys(services.db, { now, ttlMs }).catch((error: unknown) =>
        services.config.log?.(`idempotency sweep failed: ${String(error)}`),
      );
    });
  };

  portalRoute(router, services, endpoints.placeOrder, async ({ req, principal, workspace, body, now }) => {
    const key = req.get('idempotency-key');
    if (!key || !KEY_PATTERN.test(key)) {
      throw new HttpError(
        400,
        'idempotency_key_required',
        'An Idempotency-Key header (1 to 255 visible ASCII characters) is required to place an order.',
      );
    }
    const ref = { scope: principal.customerId, key };
    sweepSoon(now);
    const claim = await claimKey(services.db, {
      ...ref,
      requestHash: hashBody(body),
      now,
      lockMs: services.config.idempotencyLockMs ?? 30_000,
      ttlMs,
    });
    if (claim.kind === 'mismatch') {
      throw new HttpError(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different order.',
      );
    }
    if (claim.kind === 'in_flight') {
      throw new HttpError(
        409,
        'idempotency_in_flight',
        'This order is already being placed. Wait for it to finish before retrying.',
      );
    }
    // A finished order replays even while the supplier is unavailable: it was placed before.
    // The answer is the order as it stands now (the same as the first answer until the order changes).
    if (claim.kind === 'replay') {
      const order = await getOrder(services.db, principal.customerId, claim.orderId, orderContext(workspace));
      // A quote request's key holds the quote's id where an order's holds the order's.
      const quote = order ? undefined : await getQuote(services.db, principal.customerId, claim.orderId, today(now));
      if (!order && !quote) throw notFound('The order this Idempotency-Key placed no longer exists.');
      const answer: CheckoutAnswer = order ?? { kind: 'quote_requested', quote: quote! };
      return new Answer(claim.status, answer, { 'Idempotency-Replayed': 'true' });
    }

    const held = { ...ref, claimId: claim.claimId };
    try {
      assertSupplierAvailable(workspace, 'checkout');
      return new Answer(201, await placeOrder(services, req, principal, workspace, body, held, now));
    } catch (error) {
      if (error instanceof ClaimLostError) {
        throw new HttpError(
          409,
          'idempotency_in_flight',
          'This order is being placed by a newer attempt with the same key.',
        );
      }
      await releaseKey(services.db, held).catch(() => undefined);
      throw error;
    }
  });
}

async function placeOrder(
  services: Services,
  req: Request,
  principal: Principal,
  workspace: Workspace,
  body: CheckoutRequest,
  claim: { scope: string; key: string; claimId: string },
  now: Date,
): Promise<CheckoutAnswer> {
  const customerId = principal.customerId;
  const customer = await customerOf(services, customerId);
  const unique = workspace.settings.require_unique_reference;
  const reference = body.customer_reference ?? null;
  if (unique && reference === null) throw ruleError(referenceRequired());
  const chosen = await chosenDelivery(services.db, workspace, customerId, body, now);
  const delivery = chosen?.delivery ?? null;
  const priced = await priceCart(services, customer, workspace, body.lines, now);
  const shortfall = minimumShortfall(
    priced.subtotal_minor,
    customer.settings.minimum_order_minor,
    chosen?.service.minimum_order_minor,
  );
  if (shortfall) throw ruleError(belowMinimum(shortfall));
  refuseIf(
    priceChanged(
      body.expected_total,
      priced,
      'Prices have changed since the cart was priced. Please review the new total.',
    ),
  );
  const creation = orderCreationStatus({
    customer: customer.settings.order_creation_status,
    service: chosen?.service.order_creation_status ?? null,
    workspace: workspace.settings.order_creation_status,
  });
  if (creation.status === 'quote') {
    // A quote request commits to nothing: credit and the account's approvals are checked when it is accepted.
    const quoteId = await services.db.transaction().execute(async (tx) => {
      await lockCustomer(tx, customerId);
      if (unique && reference !== null && (await referenceTaken(tx, customerId, reference))) {
        throw ruleError(referenceTakenError(reference));
      }
      const id = await insertQuote(tx, {
        customerId,
        currency: workspace.currency,
        validUntil: addDays(today(now), QUOTE_REQUEST_DAYS),
        lines: priced.lines,
        subtotal: priced.subtotal_minor,
        freight: priced.freight_minor,
        charges: priced.charges,
        now,
        state: 'requested',
        customerReference: reference,
      });
      await completeKey(tx, { ...claim, status: 201, orderId: id });
      return id;
    });
    const quote = await getQuote(services.db, customerId, quoteId, today(now));
    if (!quote) throw new Error(`quote ${quoteId} vanished after its checkout`);
    return { kind: 'quote_requested', quote } satisfies QuoteRequested;
  }
  const credit = await creditFor(services, workspace, customer);
  if (credit && priced.total_minor > credit.available_minor) {
    throw new HttpError(
      422,
      'credit_limit_exceeded',
      'This order is over your available credit. Pay some invoices, make the order smaller, or contact the supplier.',
      {
        credit_limit_minor: credit.limit_minor,
        available_credit_minor: credit.available_minor,
        total_minor: priced.total_minor,
      } satisfies CreditLimitDetails,
    );
  }
  const automatic = createsOrdersAutomatically({
    customer: customer.settings.create_orders_automatically,
    workspace: workspace.settings.create_orders_automatically,
  });
  const orderId = await services.db.transaction().execute(async (tx) => {
    // Under the customer's lock (insertOrder takes it again): two checkouts with the same reference
    // cannot both pass, the address copied is the one live at this instant, and a person's
    // spending is summed and added to by one checkout at a time.
    await lockCustomer(tx, customerId);
    if (unique && reference !== null && (await referenceTaken(tx, customerId, reference))) {
      throw ruleError(referenceTakenError(reference));
    }
    const personDefault = principal.person
      ? ((await getPerson(tx, customerId, principal.person.id))?.default_delivery_address_id ?? null)
      : null;
    const address = chosenDeliveryAddress(await listAddresses(tx, customerId), body.delivery_address_id, personDefault);
    if (address && !('id' in address)) throw ruleError(address);
    const reasons = await reasonsToWait(tx, principal, priced.total_minor, now);
    const id = await insertOrder(
      tx,
      {
        customerId,
        // The account's Admins first (issue 16); then the supplier, when they create orders by hand.
        status: reasons.length ? 'awaiting_approval' : placedOrderStatus(automatic),
        approvalReasons: reasons,
        channel: 'portal',
        currency: workspace.currency,
        customerReference: reference,
        note: body.note?.trim() || null,
        sourceQuoteId: null,
        lines: priced.lines,
        subtotal: priced.subtotal_minor,
        freight: priced.freight_minor,
        charges: priced.charges,
        now,
        placedBy: { actor: 'customer', name: principal.person?.name ?? customer.business_name },
        placedByPersonId: principal.person?.id ?? null,
        deliveryAddress: address && snapshotOf(address),
        delivery,
        contact: givenContact(body.contact),
      },
      { numberLast: true },
    );
    await completeKey(tx, { ...claim, status: 201, orderId: id });
    await services.config.pauseInCheckout?.(claim.key);
    await numberOrder(tx, id, now);
    return id;
  });
  // Read once committed, as a replay reads it: the order as it stands.
  const order = await getOrder(services.db, customerId, orderId, orderContext(workspace));
  if (!order) throw new Error(`order ${orderId} vanished after its checkout`);
  await tellOrderProgress(services, 'order_placed', customerId, order);
  if (order.status === 'awaiting_approval') {
    tellAdmins(services, req, order, customerId).catch((error: unknown) =>
      services.config.log?.(`approval mails for ${order.number} failed: ${String(error)}`),
    );
  }
  return order;
}
