import type { OrderStatus } from '../portal.ts';
import type { RuleRefusal } from './refusal.ts';

// No zod here: the reference server, the mock API and the console share it.

/**
 * Where the supplier may move an order from each status. Confirming a pending order is approving
 * a portal order (seed 002); shipping records a delivery; invoiced and cancelled are final.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  draft: ['pending', 'cancelled'],
  pending: ['confirmed', 'cancelled'],
  confirmed: ['in_progress', 'shipped', 'cancelled'],
  in_progress: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: ['invoiced'],
  invoiced: [],
  cancelled: [],
  // Only the account's Admins move it on (APPROVAL_OUTCOMES): the supplier does not act on it yet.
  awaiting_approval: [],
  rejected: [],
  // Waits for the supplier to create it (WAITING_ORDER_CREATED, "Automatically create orders"
  // off): the supplier may also cancel it, the customer too (changeBlock).
  awaiting_supplier: ['cancelled'],
};

/** What the supplier's "Create order" makes of an order awaiting them: the first status of any portal order. */
export const WAITING_ORDER_CREATED = 'pending' as const satisfies OrderStatus;

/** 409 `not_awaiting_supplier` unless the order waits for the supplier to create it, or null. */
export function creationRefusal(number: string, status: OrderStatus): RuleRefusal | null {
  if (status === 'awaiting_supplier') return null;
  return {
    status: 409,
    code: 'not_awaiting_supplier',
    message: `Order ${number} is ${status}: only an order waiting for the supplier can be created.`,
    details: { status },
  };
}

/**
 * What the account's Admins make of an order awaiting approval (issue 16): approved, it becomes
 * pending, the first status of any portal order; rejected, it is final like a cancelled one.
 */
export const APPROVAL_OUTCOMES = { approve: 'pending', reject: 'rejected' } as const satisfies Record<
  string,
  OrderStatus
>;

/** Orders that count for nothing: their amount is given back to the person's spending limit. */
export const RELEASED_STATUSES = ['cancelled', 'rejected'] as const satisfies readonly OrderStatus[];

/** 409 `not_awaiting_approval` unless the order awaits approval, or null. */
export function approvalRefusal(number: string, status: OrderStatus): RuleRefusal | null {
  if (status === 'awaiting_approval') return null;
  return {
    status: 409,
    code: 'not_awaiting_approval',
    message: `Order ${number} is ${status}: only an order awaiting approval can be approved or rejected.`,
    details: { status },
  };
}

/** 409 `invalid_transition` with the statuses the order could move to, or null when the move is allowed. */
export function transitionRefusal(number: string, from: OrderStatus, to: OrderStatus): RuleRefusal | null {
  const allowed = ORDER_TRANSITIONS[from];
  if (allowed.includes(to)) return null;
  const next = allowed.length ? `it can move to ${allowed.join(', ')}` : 'it cannot move any further';
  return {
    status: 409,
    code: 'invalid_transition',
    message: `Order ${number} is ${from} and cannot become ${to}: ${next}.`,
    details: { from, to, allowed: [...allowed] },
  };
}
