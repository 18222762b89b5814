import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import {
  answerQuote,
  getQuote,
  getQuoteCharges,
  getQuoteLines,
  linkQuoteOrder,
  listQuotes,
  quoteReference,
} from '../db/documents.ts';
import { insertOrder } from '../db/orders.ts';
import { HttpError, notFound, ruleError } from '../errors.ts';
import { lockCustomer } from '../db/customers.ts';
import { reasonsToWait } from '../db/approvals.ts';
import { approvalRequired } from '../../widget/contract/rules/approvals.ts';
import { portalRoute, type Services } from './define.ts';
import { assertSupplierAvailable, customerOf } from './session.ts';

const today = (now: Date) => now.toISOString().slice(0, 10);

export function quoteRoutes(router: Router, services: Services): void {
  portalRoute(router, services, endpoints.listQuotes, async ({ principal, query, now }) =>
    listQuotes(services.db, principal.customerId, { ...query, today: today(now) }),
  );

  portalRoute(
    router,
    services,
    endpoints.getQuote,
    async ({ principal, params, now }) =>
      (await getQuote(services.db, principal.customerId, params.id, today(now))) ??
      Promise.reject(notFound('No such quote.')),
  );

  /** Why a quote could not be answered: 404 when it is not this customer's, else 422 with its state. */
  async function refuse(customerId: string, quoteId: string, now: Date): Promise<never> {
    const quote = await getQuote(services.db, customerId, quoteId, today(now));
    if (!quote) throw notFound('No such quote.');
    const why =
      quote.state === 'expired'
        ? 'has expired'
        : quote.state === 'requested'
          ? 'is waiting for the supplier to price and send it'
          : `was already ${quote.state}`;
    throw new HttpError(422, 'quote_not_open', `Quote ${quote.number} ${why} and can no longer be answered.`, {
      state: quote.state,
    });
  }

  /** The quote a key names (its id, else its number), or 404. */
  async function quoteIdOf(customerId: string, key: string, now: Date): Promise<string> {
    const quote = await getQuote(services.db, customerId, key, today(now));
    if (!quote) throw notFound('No such quote.');
    return quote.id;
  }

  portalRoute(router, services, endpoints.acceptQuote, async ({ principal, params: { id: key }, workspace, now }) => {
    const customerId = principal.customerId;
    const id = await quoteIdOf(customerId, key, now);
    if (workspace.settings.create_order_on_quote_acceptance) assertSupplierAvailable(workspace, 'quote_acceptance');
    const customer = await customerOf(services, customerId);
    const accepted = await services.db.transaction().execute(async (tx) => {
      // A Buyer accepts alone only what they could order alone: else an Admin accepts it. Under the
      // customer's lock, as checkout, so the spending read is the one the order then adds to.
      if (principal.person && principal.person.role !== 'admin') {
        await lockCustomer(tx, customerId);
        const open = await getQuote(tx, customerId, id, today(now));
        if (open?.state === 'sent') {
          const reasons = await reasonsToWait(tx, principal, open.total_minor, now);
          if (reasons.length) throw ruleError(approvalRequired('accept_quote', reasons));
        }
      }
      if (
        !(await answerQuote(tx, {
          customerId,
          quoteId: id,
          state: 'accepted',
          now: now.toISOString(),
          today: today(now),
        }))
      )
        return false;
      if (workspace.settings.create_order_on_quote_acceptance) {
        const quote = (await getQuote(tx, customerId, id, today(now)))!;
        const orderId = await insertOrder(tx, {
          customerId,
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
          placedBy: { actor: 'customer', name: principal.person?.name ?? customer.business_name },
          placedByPersonId: principal.person?.id ?? null,
        });
        await linkQuoteOrder(tx, quote.id, orderId);
      }
      return true;
    });
    if (!accepted) return refuse(customerId, id, now);
    return (await getQuote(services.db, customerId, id, today(now)))!;
  });

  portalRoute(router, services, endpoints.declineQuote, async ({ principal, params: { id: key }, body, now }) => {
    const customerId = principal.customerId;
    const id = await quoteIdOf(customerId, key, now);
    const declined = await answerQuote(services.db, {
      customerId,
      quoteId: id,
      state: 'declined',
      reason: body?.reason || null,
      now: now.toISOString(),
      today: today(now),
    });
    if (!declined) return refuse(customerId, id, now);
    return (await getQuote(services.db, customerId, id, today(now)))!;
  });
}
