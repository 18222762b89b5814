import type {
  ChangeBlockedReason,
  OrderChangeSet,
  OrderChangeSettings,
  OrderContent,
  OrderDetail,
  OrderStatus,
} from './portal.ts';

// No zod here: the reference server, the mock API and the widget share it, so all three decide
// and record a change the same way.

const STATUS_SEQUENCE: readonly OrderStatus[] = [
  'draft',
  'pending',
  'confirmed',
  'in_progress',
  'shipped',
  'delivered',
  'invoiced',
];

/** What the customer asks: an edit or a cancellation, each with its own status limit. */
export type ChangeAction = 'edit' | 'cancel';

type LimitSettings = Pick<OrderChangeSettings, 'enabled' | 'allowed_before'> &
  Partial<Pick<OrderChangeSettings, 'edits_allowed_before' | 'cancellations_allowed_before'>>;

/** The status before which an edit or a cancellation is allowed: its own limit, else the shared one (settings stored before there were two). */
export function changeLimit(settings: LimitSettings, action: ChangeAction): OrderChangeSettings['allowed_before'] {
  const own = action === 'edit' ? settings.edits_allowed_before : settings.cancellations_allowed_before;
  return own ?? settings.allowed_before;
}

/**
 * Why the customer cannot edit (or cancel) an order now, or null when they can: an order waiting
 * for the supplier to create it may always be cancelled, never edited; otherwise the workspace
 * must allow it, the order must be live, placed in the portal, not yet at the status configured
 * for that action, and without a request already waiting for the supplier.
 */
export function changeBlock(
  order: { status: string; channel: string },
  settings: LimitSettings,
  pending: boolean,
  action: ChangeAction = 'edit',
): ChangeBlockedReason | null {
  // Not created yet: the customer may take it back at any time, whatever the limits; an edit waits
  // until the supplier has created it.
  if (order.status === 'awaiting_supplier') return action === 'cancel' ? null : 'awaiting_supplier';
  if (!settings.enabled) return 'changes_disabled';
  if (order.status === 'cancelled') return 'cancelled';
  if (order.status === 'draft') return 'draft';
  if (order.status === 'awaiting_approval' || order.status === 'rejected') return order.status;
  if (order.channel === 'quote') return 'from_quote';
  if (order.channel !== 'portal') return 'other_channel';
  const at = STATUS_SEQUENCE.indexOf(order.status as OrderStatus);
  if (at < 0 || at >= STATUS_SEQUENCE.indexOf(changeLimit(settings, action))) return 'past_allowed_status';
  if (pending) return 'request_pending';
  return null;
}

/** Both actions' blocks at once. */
export function changeBlocks(
  order: { status: string; channel: string },
  settings: LimitSettings,
  pending: boolean,
): Record<ChangeAction, ChangeBlockedReason | null> {
  return {
    edit: changeBlock(order, settings, pending, 'edit'),
    cancel: changeBlock(order, settings, pending, 'cancel'),
  };
}

/** The `changes` of an order detail: each action is open exactly when nothing blocks it; the edit's reason first. */
export function orderChanges(
  blocks: ChangeBlockedReason | null | Record<ChangeAction, ChangeBlockedReason | null>,
): OrderDetail['changes'] {
  const { edit, cancel } = blocks !== null && typeof blocks === 'object' ? blocks : { edit: blocks, cancel: blocks };
  return { can_edit: edit === null, can_cancel: cancel === null, blocked_reason: edit ?? cancel };
}

/**
 * What going from `before` to `after` changes: the reference, each product and unit whose
 * quantity differs (0: not on the order), the total. Empty when nothing differs.
 */
/** What a diff reads of an order's content (the charges follow the lines and the total). */
type Diffed = Pick<OrderContent, 'customer_reference' | 'lines' | 'total_minor'>;

export function diffContent(before: Diffed, after: Diffed): OrderChangeSet {
  const changes: OrderChangeSet = {};
  if (before.customer_reference !== after.customer_reference) {
    changes.customer_reference = { from: before.customer_reference, to: after.customer_reference };
  }
  type Entry = {
    product_id: string;
    sku: string;
    name: string;
    uom: string;
    from_quantity: number;
    to_quantity: number;
  };
  const byLine = new Map<string, Entry>();
  const add = (lines: OrderContent['lines'], side: 'from_quantity' | 'to_quantity') => {
    for (const l of lines) {
      const key = `${l.product_id}\u0000${l.uom}`;
      const entry = byLine.get(key) ?? {
        product_id: l.product_id,
        sku: l.sku,
        name: l.name,
        uom: l.uom,
        from_quantity: 0,
        to_quantity: 0,
      };
      entry[side] += l.quantity;
      byLine.set(key, entry);
    }
  };
  add(before.lines, 'from_quantity');
  add(after.lines, 'to_quantity');
  const lines = [...byLine.values()].filter((l) => l.from_quantity !== l.to_quantity);
  if (lines.length) changes.lines = lines;
  if (before.total_minor !== after.total_minor)
    changes.total_minor = { from: before.total_minor, to: after.total_minor };
  return changes;
}
