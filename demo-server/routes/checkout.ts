import type { Router } from 'express';
import { endpoints, type CheckoutRequest, type DocumentLine } from '../../widget/contract/index.ts';
import { Pricer } from '../../widget/pricing/index.ts';
import { loadCatalog } from '../db/catalog.ts';
import { ClaimLostError, claimKey, completeKey, releaseKey } from '../db/idempotency.ts';
import { getOrder, insertOrder } from '../db/orders.ts';
import { HttpError } from '../errors.ts';
import { customerOf, portalSettings } from './session.ts';
import { Answer, hashBody, portalRoute, type Services } from './define.ts';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Checkout. The key is claimed before any work, so a double click or a concurrent retry gets
 * 409 and a finished one replays its answer; the order, its lines and the stored answer commit
 * in one transaction. Answers that change nothing (422, 409 price_changed) free the key, so the
 * customer can correct the cart and retry with it.
 */
export function checkoutRoutes(router: Router, services: Services): void {
  portalRoute(router, services, endpoints.placeOrder, async ({ req, principal, workspace, body, now }) => {
    const key = req.get('idempotency-key');
    if (!key || !KEY_PATTERN.test(key)) {
      throw new HttpError(400, 'idempotency_key_required', 'An Idempotency-Key header (1 to 255 visible ASCII characters) is required to place an order.');
    }
    const ref = { scope: principal.customerId, key };
    const claim = await claimKey(services.db, {
      ...ref, requestHash: hashBody(body), now, lockMs: services.config.idempotencyLockMs ?? 30_000,
    });
    if (claim.kind === 'mismatch') {
      throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different order.');
    }
    if (claim.kind === 'in_flight') {
      throw new HttpError(409, 'idempotency_in_flight', 'This order is already being placed. Wait for it to finish before retrying.');
    }
    // A finished order replays even while the supplier is unavailable: it was placed before.
    if (claim.kind === 'replay') return new Answer(claim.status, claim.body, { 'Idempotency-Replayed': 'true' });

    const held = { ...ref, claimId: claim.claimId };
    try {
      if (workspace.settings.trial_expired) {
        throw new HttpError(403, 'supplier_unavailable', 'The supplier cannot take orders at the moment. Your cart is kept; please try again later.');
      }
      return new Answer(201, await placeOrder(services, principal.customerId, workspace, body, held, now));
    } catch (error) {
      if (error instanceof ClaimLostError) {
        throw new HttpError(409, 'idempotency_in_flight', 'This order is being placed by a newer attempt with the same key.');
      }
      await releaseKey(services.db, held).catch(() => undefined);
      throw error;
    }
  });
}

async function placeOrder(
  services: Services, customerId: string, workspace: Parameters<typeof portalSettings>[0],
  body: CheckoutRequest, claim: { scope: string; key: string; claimId: string }, now: Date,
) {
  const customer = await customerOf(services, customerId);
  const catalog = await loadCatalog(services.db, {
    priceGroupId: customer.price_group_id, now: now.toISOString(), productIds: [...new Set(body.lines.map((l) => l.product_id))],
  });
  const freight = customer.settings.freight ?? workspace.settings.freight;
  const priced = new Pricer(catalog.pricing).priceOrder(new Map(catalog.products.map((p) => [p.id, p])), body.lines, freight, now);
  if (priced.problems.length) {
    throw new HttpError(422, 'lines_not_orderable', 'Some lines cannot be ordered.', { lines: priced.problems });
  }
  const lines: DocumentLine[] = priced.lines.map((l) => ({
    product_id: l.product_id, sku: l.product!.sku, name: l.product!.name, quantity: l.quantity, uom: l.uom!,
    unit_price_minor: l.resolution.price!.unit_price_minor, line_total_minor: l.resolution.price!.line_total_minor,
  }));
  if (body.expected_total !== undefined && body.expected_total !== priced.total_minor) {
    throw new HttpError(409, 'price_changed', 'Prices have changed since the cart was priced. Please review the new total.', {
      expected_total: body.expected_total, total_minor: priced.total_minor, subtotal_minor: priced.subtotal_minor,
      freight_minor: priced.freight_minor,
      lines: lines.map(({ product_id, uom, quantity, unit_price_minor, line_total_minor }) => ({ product_id, uom, quantity, unit_price_minor, line_total_minor })),
    });
  }
  return services.db.transaction().execute(async (tx) => {
    const orderId = await insertOrder(tx, {
      customerId, status: 'pending', channel: 'portal', currency: workspace.currency,
      customerReference: body.customer_reference ?? null, note: body.note?.trim() || null, sourceQuoteId: null,
      lines, subtotal: priced.subtotal_minor, freight: priced.freight_minor, now,
    });
    const order = await getOrder(tx, customerId, orderId);
    await completeKey(tx, { ...claim, status: 201, body: order });
    return order;
  });
}
