/**
 * The words of orders and their changes (seed 002), shared by the Orders section and its edit
 * form: an order's status badges, why it cannot be changed, what a change did, who did what in
 * its record, and what went wrong when a change was refused.
 */
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { ApiError } from '../../api/errors.ts';
import type {
  ChangeBlockedReason,
  OrderChangeSet,
  OrderChannel,
  OrderEvent,
  OrderStatus,
  OrderSummary,
} from '../../contract/index.ts';
import { ORDER_STATUS_LABEL } from '../format.ts';
import { badge, type Tone } from './account-view.ts';

const STATUS_TONE: Record<OrderStatus, Tone> = {
  draft: 'neutral',
  pending: 'info',
  confirmed: 'info',
  in_progress: 'info',
  shipped: 'info',
  delivered: 'ok',
  invoiced: 'ok',
  cancelled: 'neutral',
  awaiting_approval: 'warn',
  rejected: 'neutral',
  awaiting_supplier: 'warn',
};

export const PENDING_LABEL: Record<'update' | 'cancel', string> = {
  get update() {
    return msg('Update awaiting approval', {
      desc: "A badge: the customer's change to an order waits for the supplier",
    });
  },
  get cancel() {
    return msg('Cancellation awaiting approval', {
      desc: "A badge: the customer's cancellation of an order waits for the supplier",
    });
  },
};

/** The order's status, and "Update awaiting approval" / "Cancellation awaiting approval" while the supplier decides. */
export function orderBadges(order: Pick<OrderSummary, 'status' | 'pending_request'>) {
  return html`${badge(ORDER_STATUS_LABEL[order.status], STATUS_TONE[order.status])}${
    order.pending_request ? badge(PENDING_LABEL[order.pending_request], 'warn') : nothing
  }`;
}

/** Why Edit and Cancel are unavailable, as the customer reads it next to the buttons. */
export function blockedText(reason: ChangeBlockedReason | null, supplier: string, channel?: OrderChannel): string {
  switch (reason) {
    case 'other_channel':
      // Said as it happened: an order sent by email was not "placed by phone".
      switch (channel) {
        case 'email':
          return msg(str`This order was sent by email, so it can't be changed here. Contact ${supplier}.`);
        case 'phone':
          return msg(str`This order was placed by phone, so it can't be changed here. Contact ${supplier}.`);
        case 'sales_rep':
          return msg(
            str`This order was placed through your sales rep, so it can't be changed here. Contact ${supplier}.`,
          );
        case 'integration':
          return msg(
            str`This order came from ${supplier}'s own system, so it can't be changed here. Contact ${supplier}.`,
          );
        default:
          return msg(str`This order was not placed in this portal, so it can't be changed here. Contact ${supplier}.`);
      }
    case 'from_quote':
      return msg(
        str`This order was made from a quote you accepted, so its prices were agreed and it can't be changed here. Contact ${supplier}.`,
      );
    case 'past_allowed_status':
      return msg(str`${supplier} has started preparing this order, so it can no longer be changed.`);
    case 'request_pending':
      return msg(str`A change is already waiting for ${supplier}'s approval.`);
    case 'changes_disabled':
      return msg(str`Orders can't be changed in this portal. Contact ${supplier}.`);
    case 'cancelled':
      return msg('This order is cancelled.');
    case 'draft':
      return msg('This order is a draft: it has not been placed yet.');
    case 'awaiting_approval':
      return msg("This order waits for one of your account's Admins to approve it.");
    case 'rejected':
      return msg("This order was rejected by one of your account's Admins.");
    case 'awaiting_supplier':
      return msg(
        str`${supplier} has not created this order yet: you can cancel it now, and change it once it is created.`,
      );
    default:
      return msg(str`This order can't be changed here. Contact ${supplier}.`);
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
    parts.push(
      l.from_quantity === 0
        ? msg(str`${l.name} added, ${l.to_quantity} ${unit}`, {
            desc: 'In an order record: a product, then its quantity and unit',
          })
        : l.to_quantity === 0
          ? msg(str`${l.name} removed (was ${l.from_quantity} ${unit})`, {
              desc: 'In an order record: a product, then its quantity and unit',
            })
          : `${l.name}: ${l.from_quantity} → ${l.to_quantity} ${unit}`,
    );
  }
  if (changes.customer_reference) {
    const none = msg('none', { desc: "In an order record: no customer's reference" });
    parts.push(
      msg(str`reference ${changes.customer_reference.from ?? none} → ${changes.customer_reference.to ?? none}`, {
        desc: "In an order record: the customer's reference, before → after",
      }),
    );
  }
  if (changes.total_minor) {
    parts.push(
      msg(str`total ${format.money(changes.total_minor.from)} → ${format.money(changes.total_minor.to)}`, {
        desc: "In an order record: the order's total, before → after",
      }),
    );
  }
  if (changes.status && withStatus) {
    parts.push(
      msg(str`status ${ORDER_STATUS_LABEL[changes.status.from]} → ${ORDER_STATUS_LABEL[changes.status.to]}`, {
        desc: "In an order record: the order's status, before → after",
      }),
    );
  }
  return parts.join('; ');
}

/** "Placed by Harbour Café Ltd": who did what (the time goes next to it). */
export function eventTitle(event: OrderEvent): string {
  const actor = event.actor_name;
  switch (event.action) {
    case 'placed':
      return msg(str`Placed by ${actor}`, {
        desc: 'An entry of an order record: who placed the order (a person or a business)',
      });
    case 'updated':
      return msg(str`Changed by ${actor}`, { desc: 'An entry of an order record: who changed the order' });
    case 'cancelled':
      return msg(str`Cancelled by ${actor}`, { desc: 'An entry of an order record: who cancelled the order' });
    case 'update_requested':
      return msg(str`Change requested by ${actor}`, { desc: 'An entry of an order record: who asked for a change' });
    case 'cancel_requested':
      return msg(str`Cancellation requested by ${actor}`, {
        desc: 'An entry of an order record: who asked for the cancellation',
      });
    case 'request_approved':
      return msg(str`Approved by ${actor}`, {
        desc: 'An entry of an order record: who approved the request (a change or cancellation)',
      });
    case 'request_rejected':
      return msg(str`Rejected by ${actor}`, {
        desc: 'An entry of an order record: who rejected the request (a change or cancellation)',
      });
    case 'status_changed':
      return msg(str`Status changed by ${actor}`, {
        desc: 'An entry of an order record: who moved the order to another status (the supplier)',
      });
  }
}

/** The details of a record entry: what it changed, and the reason given. */
export function eventDetails(event: OrderEvent, format: Format): string[] {
  const cancellation = event.action === 'cancelled' || event.action === 'cancel_requested';
  const changed = event.changes ? changeSetText(event.changes, format, !cancellation) : '';
  return [
    ...(changed
      ? [msg(str`Changed: ${changed}`, { desc: 'An entry of an order record: the list of what changed' })]
      : []),
    ...(event.note
      ? [msg(str`Reason: ${event.note}`, { desc: 'An entry of an order record: the reason a person gave' })]
      : []),
  ];
}

/**
 * A refused change or cancellation: `stale` when the order is no longer as the customer saw it
 * (a change already waiting, or the supplier moved it on), so the page reads it again.
 */
export function changeFailure(
  error: ApiError,
  supplier: string,
  what: 'change' | 'cancellation',
): { stale: boolean; text: string } {
  const reason = (error.details as { reason?: ChangeBlockedReason } | undefined)?.reason ?? null;
  const change = what === 'change';
  if (error.code === 'request_pending') {
    return {
      stale: true,
      text: change
        ? msg(str`Your change was not sent: a change to this order is already waiting for ${supplier}'s approval.`)
        : msg(
            str`Your cancellation was not sent: a change to this order is already waiting for ${supplier}'s approval.`,
          ),
    };
  }
  if (error.code === 'approval_required') {
    return {
      stale: false,
      text: msg(
        "This change takes the order over what you may order without an Admin's approval. Ask one of your account's Admins to make it, or place a new order for the rest.",
      ),
    };
  }
  if (error.code === 'order_not_editable') {
    const blocked = blockedText(reason, supplier);
    return {
      stale: true,
      text: change
        ? msg(str`Your change was not sent. ${blocked}`, { desc: 'Then why the order cannot be changed' })
        : msg(str`Your cancellation was not sent. ${blocked}`, { desc: 'Then why the order cannot be changed' }),
    };
  }
  const seconds = error.retryAfterSeconds ?? 30;
  const text: Partial<Record<ApiError['kind'], string>> = {
    network: change
      ? msg('Your change could not be sent. Check your connection, then try again.')
      : msg('Your cancellation could not be sent. Check your connection, then try again.'),
    server: change
      ? msg(str`${supplier} could not take your change just now. Please try again in a moment.`)
      : msg(str`${supplier} could not take your cancellation just now. Please try again in a moment.`),
    rate_limited: msg(str`Too many requests. Please wait ${seconds} seconds, then try again.`),
    supplier_unavailable: msg(
      str`${supplier} is not taking orders right now, so orders can't be changed or cancelled. Please try again later.`,
      { desc: "The supplier's name" },
    ),
    unauthorized: msg(str`This link has expired or was revoked. Please ask ${supplier} for a new one.`),
    forbidden: msg(
      str`This link can browse orders but not change or cancel them. Ask ${supplier} for a link that can.`,
      { desc: "The supplier's name" },
    ),
    contract: msg(str`${supplier} sent an answer this portal does not understand. Please try again later.`),
  };
  return { stale: false, text: text[error.kind] ?? error.message };
}
