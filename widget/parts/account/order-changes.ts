/**
 * The words of orders and their changes (seed 002), shared by the Orders section and its edit
 * form: an order's status badges, why it cannot be changed, what a change did, who did what in
 * its record, and what went wrong when a change was refused.
 */
import { html, nothing } from 'lit';
import type { ApiError } from '../../api/errors.ts';
import type {
  ChangeBlockedReason, DocumentLine, OrderChangeSet, OrderContent, OrderEvent, OrderStatus, OrderSummary,
} from '../../contract/index.ts';
import { ORDER_STATUS_LABEL } from '../format.ts';
import { badge, type Tone } from './account-view.ts';

const STATUS_TONE: Record<OrderStatus, Tone> = {
  draft: 'neutral', pending: 'info', confirmed: 'info', in_progress: 'info', shipped: 'info',
  delivered: 'ok', invoiced: 'ok', cancelled: 'neutral',
};

export const PENDING_LABEL = { update: 'Update awaiting approval', cancel: 'Cancellation awaiting approval' } as const;

/** The order's status, and "Update awaiting approval" / "Cancellation awaiting approval" while the supplier decides. */
export function orderBadges(order: Pick<OrderSummary, 'status' | 'pending_request'>) {
  return html`${badge(ORDER_STATUS_LABEL[order.status], STATUS_TONE[order.status])}${order.pending_request
    ? badge(PENDING_LABEL[order.pending_request], 'warn')
    : nothing}`;
}

/** Why Edit and Cancel are unavailable, as the customer reads it next to the buttons. */
export function blockedText(reason: ChangeBlockedReason | null, supplier: string): string {
  switch (reason) {
    case 'other_channel':
      return `This order was placed by phone or through your sales rep, so it can't be changed here. Contact ${supplier}.`;
    case 'from_quote':
      return `This order was made from a quote you accepted, so its prices were agreed and it can't be changed here. Contact ${supplier}.`;
    case 'past_allowed_status':
      return `${supplier} has started preparing this order, so it can no longer be changed.`;
    case 'request_pending':
      return `A change is already waiting for ${supplier}'s approval.`;
    case 'changes_disabled':
      return `Orders can't be changed in this portal. Contact ${supplier}.`;
    case 'cancelled':
      return 'This order is cancelled.';
    case 'draft':
      return 'This order is a draft: it has not been placed yet.';
    default:
      return `This order can't be changed here. Contact ${supplier}.`;
  }
}

export interface Format {
  money: (minor: number) => string;
  unit: (productId: string, uom: string) => string;
}

/** "Cold Brew Coffee 1 L: 12 → 20 Each; reference PO-1 → PO-2; total €60.35 → €93.95". */
export function changeSetText(changes: OrderChangeSet, format: Format, withStatus = true): string {
  const parts: string[] = [];
  for (const l of changes.lines ?? []) {
    const unit = format.unit(l.product_id, l.uom);
    parts.push(l.from_quantity === 0 ? `${l.name} added, ${l.to_quantity} ${unit}`
      : l.to_quantity === 0 ? `${l.name} removed (was ${l.from_quantity} ${unit})`
        : `${l.name}: ${l.from_quantity} → ${l.to_quantity} ${unit}`);
  }
  if (changes.customer_reference) {
    parts.push(`reference ${changes.customer_reference.from ?? 'none'} → ${changes.customer_reference.to ?? 'none'}`);
  }
  if (changes.total_minor) parts.push(`total ${format.money(changes.total_minor.from)} → ${format.money(changes.total_minor.to)}`);
  if (changes.status && withStatus) parts.push(`status ${ORDER_STATUS_LABEL[changes.status.from]} → ${ORDER_STATUS_LABEL[changes.status.to]}`);
  return parts.join('; ');
}

/** What a pending update would change: the same as the record says of it, from the order now to the proposal. */
export function proposedChanges(current: OrderContent, proposed: OrderContent): OrderChangeSet {
  const changes: OrderChangeSet = {};
  if (current.customer_reference !== proposed.customer_reference) {
    changes.customer_reference = { from: current.customer_reference, to: proposed.customer_reference };
  }
  const byLine = new Map<string, NonNullable<OrderChangeSet['lines']>[number]>();
  const add = (lines: readonly DocumentLine[], side: 'from_quantity' | 'to_quantity') => {
    for (const l of lines) {
      const key = `${l.product_id}|${l.uom}`;
      const entry = byLine.get(key) ?? { product_id: l.product_id, sku: l.sku, name: l.name, uom: l.uom, from_quantity: 0, to_quantity: 0 };
      entry[side] += l.quantity;
      byLine.set(key, entry);
    }
  };
  add(current.lines, 'from_quantity');
  add(proposed.lines, 'to_quantity');
  const lines = [...byLine.values()].filter((l) => l.from_quantity !== l.to_quantity);
  if (lines.length) changes.lines = lines;
  if (current.total_minor !== proposed.total_minor) changes.total_minor = { from: current.total_minor, to: proposed.total_minor };
  return changes;
}

const ACTION: Record<OrderEvent['action'], string> = {
  placed: 'Placed',
  updated: 'Changed',
  cancelled: 'Cancelled',
  update_requested: 'Change requested',
  cancel_requested: 'Cancellation requested',
  request_approved: 'Approved',
  request_rejected: 'Rejected',
};

/** "Placed by Harbour Café Ltd": who did what (the time goes next to it). */
export function eventTitle(event: OrderEvent): string {
  return `${ACTION[event.action]} by ${event.actor_name}`;
}

/** The details of a record entry: what it changed, and the reason given. */
export function eventDetails(event: OrderEvent, format: Format): string[] {
  const cancellation = event.action === 'cancelled' || event.action === 'cancel_requested';
  const changed = event.changes ? changeSetText(event.changes, format, !cancellation) : '';
  return [
    ...(changed ? [`Changed: ${changed}`] : []),
    ...(event.note ? [`Reason: ${event.note}`] : []),
  ];
}

/**
 * A refused change or cancellation: `stale` when the order is no longer as the customer saw it
 * (a change already waiting, or the supplier moved it on), so the page reads it again.
 */
export function changeFailure(error: ApiError, supplier: string, what: 'change' | 'cancellation'): { stale: boolean; text: string } {
  const reason = (error.details as { reason?: ChangeBlockedReason } | undefined)?.reason ?? null;
  if (error.code === 'request_pending') {
    return { stale: true, text: `Your ${what} was not sent: a change to this order is already waiting for ${supplier}'s approval.` };
  }
  if (error.code === 'order_not_editable') return { stale: true, text: `Your ${what} was not sent. ${blockedText(reason, supplier)}` };
  const text: Partial<Record<ApiError['kind'], string>> = {
    network: `Your ${what} could not be sent. Check your connection, then try again.`,
    server: `${supplier} could not take your ${what} just now. Please try again in a moment.`,
    rate_limited: `Too many requests. Please wait ${error.retryAfterSeconds ?? 30} seconds, then try again.`,
    unauthorized: `This link has expired or was revoked. Please ask ${supplier} for a new one.`,
    contract: `${supplier} sent an answer this portal does not understand. Please try again later.`,
  };
  return { stale: false, text: text[error.kind] ?? error.message };
}
