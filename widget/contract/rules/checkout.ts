import type { BelowMinimumDetails, DocumentLine, Freight, PriceChangedDetails } from '../portal.ts';
import type { RuleRefusal } from './refusal.ts';

// No zod here: the reference server, the mock API and the widget share it.

/** What the expected-total check reads of a priced cart or order. */
export interface PricedTotals {
  lines: readonly Pick<DocumentLine, 'product_id' | 'uom' | 'quantity' | 'unit_price_minor' | 'line_total_minor'>[];
  subtotal_minor: number;
  freight_minor: number;
  /** The charges besides freight; absent: none. */
  charges_minor?: number;
  total_minor: number;
}

/** 409 `price_changed` with the current prices when the client saw another total; null when it saw this one or none. */
export function priceChanged(expected: number | undefined, priced: PricedTotals, message: string): RuleRefusal | null {
  if (expected === undefined || expected === priced.total_minor) return null;
  const details: PriceChangedDetails = {
    expected_total: expected,
    total_minor: priced.total_minor,
    subtotal_minor: priced.subtotal_minor,
    freight_minor: priced.freight_minor,
    ...(priced.charges_minor ? { charges_minor: priced.charges_minor } : {}),
    lines: priced.lines.map(({ product_id, uom, quantity, unit_price_minor, line_total_minor }) => ({
      product_id,
      uom,
      quantity,
      unit_price_minor,
      line_total_minor,
    })),
  };
  return { status: 409, code: 'price_changed', message, details };
}

/** 422 `reference_required`, pointing at the field: the workspace requires a unique reference and none was given. */
export const referenceRequired = (): RuleRefusal => ({
  status: 422,
  code: 'reference_required',
  message: 'A customer reference (your purchase order number) is required.',
  details: { field: 'customer_reference' },
});

/** 422 `reference_taken`, pointing at the field: another order of the customer has a reference with the same key. */
export const referenceTaken = (reference: string): RuleRefusal => ({
  status: 422,
  code: 'reference_taken',
  message: `The customer reference "${reference}" is already used on another of your orders.`,
  details: { field: 'customer_reference' },
});

/**
 * What a subtotal lacks to reach the minimum order value: the higher (the stricter) of the
 * customer's and the chosen delivery service's minimums, either unset (null) counting as none. Not
 * the first set, as the creation status is: a customer's low minimum must not waive a service's
 * (a refrigerated run that costs more to send), nor a service's the customer's. Null when it reaches it or none applies; an
 * empty cart lacks nothing (there is nothing to refuse yet).
 */
export function minimumShortfall(
  subtotal: number,
  customerMinimum: number | null | undefined,
  serviceMinimum: number | null | undefined,
): BelowMinimumDetails | null {
  const customer = customerMinimum ?? 0;
  const service = serviceMinimum ?? 0;
  const minimum = Math.max(customer, service);
  if (subtotal === 0 || subtotal >= minimum) return null;
  return {
    minimum_minor: minimum,
    subtotal_minor: subtotal,
    shortfall_minor: minimum - subtotal,
    source: service > customer ? 'service' : 'customer',
  };
}

/** 422 `below_minimum` with the shortfall: the order's subtotal is below the minimum order value. */
export const belowMinimum = (details: BelowMinimumDetails): RuleRefusal => ({
  status: 422,
  code: 'below_minimum',
  message: 'This order is below the minimum order value. Add more to it before placing it.',
  details,
});

/**
 * What a subtotal lacks to get free delivery ("€25.76 to free delivery"); null when it never gets
 * it, 0 once it has it (or pays no freight).
 */
export function toFreeDelivery(subtotal: number, freight: Freight): number | null {
  if (freight.flat_minor === 0) return 0;
  if (freight.free_over_minor === null) return null;
  return Math.max(0, freight.free_over_minor - subtotal);
}

/** The contact an order keeps: null when checkout named none, or left every part of it empty. */
export function givenContact<C extends { name: string | null; phone: string | null; email: string | null }>(
  contact: C | null | undefined,
): C | null {
  return contact && (contact.name || contact.phone || contact.email) ? contact : null;
}
