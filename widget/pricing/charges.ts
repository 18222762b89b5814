/**
 * Charges besides freight (issue 17), computed once for the server, the mock API and the widget.
 * Apart from the Pricer so that the first paint does not carry them: the widget's parts that show
 * totals load this module and give it to the store (`chargeWith`); most customers have no charges.
 * Pure: imports only the contract's types.
 */
import type { ChargeRules, OrderCharge } from '../contract/index.ts';
import type { PricedOrder } from './index.ts';

/**
 * A percentage of an amount, rounded half up to the minor unit. Split at 10,000 so that no product
 * leaves the safe integers: exact for any safe amount.
 */
export function percentOf(amount: number, basisPoints: number): number {
  const rest = amount % 10_000;
  return ((amount - rest) / 10_000) * basisPoints + Math.floor((rest * basisPoints + 5000) / 10_000);
}

/**
 * The charges an order carries besides freight, computed on its goods: a small-order surcharge
 * below the minimum, a percentage of the subtotal, a fee per unit. An empty order carries none;
 * a charge that comes to 0 is left out, so the customer never sees a line of nothing.
 */
export function chargesFor(subtotal: number, units: number, rules: ChargeRules | null | undefined): OrderCharge[] {
  if (!rules || subtotal === 0) return [];
  const charges: OrderCharge[] = [];
  const small = rules.small_order;
  if (small && small.fee_minor > 0 && subtotal < small.below_minor)
    charges.push({ kind: 'small_order', amount_minor: small.fee_minor });
  const percentage = percentOf(subtotal, rules.percent_basis_points);
  if (percentage > 0) charges.push({ kind: 'percentage', amount_minor: percentage });
  if (rules.per_unit_minor > 0) charges.push({ kind: 'per_unit', amount_minor: rules.per_unit_minor * units });
  return charges;
}

/** A priced order with its charges: computed on the orderable lines (units: their quantities), added to the total. */
export type ChargedOrder = PricedOrder & Required<Pick<PricedOrder, 'charges' | 'charges_minor'>>;

export function withCharges(priced: PricedOrder, rules: ChargeRules | null | undefined): ChargedOrder {
  let units = 0;
  for (const line of priced.lines) if (!line.resolution.reason) units += line.quantity;
  const charges = chargesFor(priced.subtotal_minor, units, rules);
  const charges_minor = charges.reduce((sum, c) => sum + c.amount_minor, 0);
  return { ...priced, charges, charges_minor, total_minor: priced.total_minor + charges_minor };
}
