import type { OrderStatus } from '../portal.ts';
import type { RuleRefusal } from './refusal.ts';

// No zod here: the reference server, the mock API and the widget share it.

/**
 * Charges the supplier adds to an order after checkout (issue 17). One that needs the customer's
 * approval waits `pending` ("To approve") until they approve or reject it; one that does not is
 * `approved` from the start. Only approved charges count in the order's total.
 */
export type SupplierChargeState = 'pending' | 'approved' | 'rejected';

/** The statuses an order takes no new charge in: it is over, or already invoiced. */
export const CHARGE_CLOSED_STATUSES = ['cancelled', 'rejected', 'invoiced'] as const satisfies readonly OrderStatus[];

/** What a charge adds to the order's total: its amount once approved, else nothing. */
export const countedAmount = (charge: { state: SupplierChargeState; amount_minor: number }): number =>
  charge.state === 'approved' ? charge.amount_minor : 0;

/** The state a new charge starts in. */
export const initialChargeState = (requiresApproval: boolean): SupplierChargeState =>
  requiresApproval ? 'pending' : 'approved';

/** 422 `order_closed` for an order that takes no new charge (cancelled, rejected, invoiced), or null. */
export function addChargeRefusal(number: string, status: OrderStatus): RuleRefusal | null {
  if (!(CHARGE_CLOSED_STATUSES as readonly OrderStatus[]).includes(status)) return null;
  return {
    status: 422,
    code: 'order_closed',
    message: `Order ${number} is ${status}: it takes no new charge.`,
    details: { status },
  };
}

/**
 * 409 `charge_not_pending` unless the charge still waits for the customer (approving twice, or a
 * decision after another, withdrawing a decided charge), or null.
 */
export function chargeDecisionRefusal(state: SupplierChargeState): RuleRefusal | null {
  if (state === 'pending') return null;
  return {
    status: 409,
    code: 'charge_not_pending',
    message: `This charge is already ${state}: only a charge waiting for approval can be approved, rejected or withdrawn.`,
    details: { state },
  };
}
