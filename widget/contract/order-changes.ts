import type { OrderChangeSet, OrderContent } from './portal.ts';

// Shared by the reference server and the widget's mock API, so both record a change the same way.

/**
 * What going from `before` to `after` changes: the reference, each product and unit whose
 * quantity differs (0: not on the order), the total. Empty when nothing differs.
 */
export function diffContent(before: OrderContent, after: OrderContent): OrderChangeSet {
  const changes: OrderChangeSet = {};
  if (before.customer_reference !== after.customer_reference) {
    changes.customer_reference = { from: before.customer_reference, to: after.customer_reference };
  }
  type Entry = { product_id: string; sku: string; name: string; uom: string; from_quantity: number; to_quantity: number };
  const byLine = new Map<string, Entry>();
  const add = (lines: OrderContent['lines'], side: 'from_quantity' | 'to_quantity') => {
    for (const l of lines) {
      const key = `${l.product_id}\u0000${l.uom}`;
      const entry = byLine.get(key) ?? { product_id: l.product_id, sku: l.sku, name: l.name, uom: l.uom, from_quantity: 0, to_quantity: 0 };
      entry[side] += l.quantity;
      byLine.set(key, entry);
    }
  };
  add(before.lines, 'from_quantity');
  add(after.lines, 'to_quantity');
  const lines = [...byLine.values()].filter((l) => l.from_quantity !== l.to_quantity);
  if (lines.length) changes.lines = lines;
  if (before.total_minor !== after.total_minor) changes.total_minor = { from: before.total_minor, to: after.total_minor };
  return changes;
}
