import type { AwaitingOrder, ApprovalSettings, SpendingPeriod } from '../approvals.ts';
import type { RuleRefusal } from './refusal.ts';
import type { Role } from './roles.ts';

// No zod here: the reference server, the mock API and the widget share it.

/** Why an order waits for the account's Admins. */
export type ApprovalReason = AwaitingOrder['reasons'][number];

/**
 * The calendar period `now` falls in, in UTC (the workspace keeps no time zone): a week from
 * Monday 00:00, or a month from its first day; `to` is the next period's start.
 */
export function spendingPeriod(period: SpendingPeriod, now: Date): { from: string; to: string } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  if (period === 'month') {
    return { from: new Date(Date.UTC(y, m, 1)).toISOString(), to: new Date(Date.UTC(y, m + 1, 1)).toISOString() };
  }
  const sinceMonday = (now.getUTCDay() + 6) % 7;
  return {
    from: new Date(Date.UTC(y, m, d - sinceMonday)).toISOString(),
    to: new Date(Date.UTC(y, m, d - sinceMonday + 7)).toISOString(),
  };
}

export interface ApprovalCase {
  /** The role of the link's person; null: the account's own link (never waits). */
  role: Role | null;
  settings: ApprovalSettings;
  total_minor: number;
  /** The person's limit (null: none, never a reason) and what their orders in the period already total. */
  spending_limit_minor: number | null;
  spent_minor: number;
}

/**
 * Why an order must wait for the account's Admins: empty when it goes ahead. An Admin's own
 * order, and one placed with the account's own link, never wait; no limit set is never a reason.
 */
export function approvalReasons(c: ApprovalCase): ApprovalReason[] {
  if (c.role === null || c.role === 'admin') return [];
  const reasons: ApprovalReason[] = [];
  if (c.settings.required_for === 'buyers') reasons.push('buyer');
  if (
    c.settings.required_for === 'over_amount' &&
    c.settings.amount_minor !== null &&
    c.total_minor > c.settings.amount_minor
  )
    reasons.push('over_amount');
  if (c.spending_limit_minor !== null && c.spent_minor + c.total_minor > c.spending_limit_minor)
    reasons.push('over_spending_limit');
  return reasons;
}

/**
 * 422 `approval_required`: what a Buyer may not do alone because it would wait for the account's
 * Admins were it a new order: raise an order's total, or accept a quote. The order or quote stays as it was.
 */
export function approvalRequired(what: 'raise' | 'accept_quote', reasons: readonly ApprovalReason[]): RuleRefusal {
  return {
    status: 422,
    code: 'approval_required',
    message:
      what === 'raise'
        ? "This change takes the order over what you may order without an Admin's approval. Ask one of your account's Admins to make it, or place a new order for the rest."
        : "Accepting this quote needs an Admin's approval. Ask one of your account's Admins to accept it.",
    details: { reasons: [...reasons] },
  };
}
