/**
 * Per customer and product, what the order history shows: how many of the customer's orders hold
 * the product and its line in the newest of them (migration 0005). Kept up to date by every
 * writer of orders (insertOrder, applyContent, setOrderStatus, the seed), in the writer's
 * transaction, so the history reads `limit` rows of one index whatever the number of orders.
 * Drafts and cancelled orders count for nothing, as in the history before these figures.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { RELEASED_STATUSES } from '../../widget/contract/rules/order-status.ts';

type StatsRow = Database['customer_product_stats'];

/** Whether an order in this status counts in the customer's history. */
export const countsInHistory = (status: string) => !NOT_IN_HISTORY.includes(status);

/** Drafts, and the orders that count for nothing (cancelled, rejected by the account's Admins). */
export const NOT_IN_HISTORY: readonly string[] = ['draft', ...RELEASED_STATUSES];

/**
 * Recomputes the figures from the orders themselves: of one customer or all, of some products or
 * all. Costs a read of those orders' lines: for changes to existing orders, the seed and the migration.
 */
export async function refreshProductStats(
  db: Kysely<Database>,
  scope: { customerId?: string; productIds?: readonly string[] } = {},
): Promise<void> {
  const productIds = scope.productIds && [...new Set(scope.productIds)];
  if (productIds?.length === 0) return;
  let stale = db.deleteFrom('customer_product_stats');
  if (scope.customerId) stale = stale.where('customer_id', '=', scope.customerId);
  if (productIds) stale = stale.where('product_id', 'in', productIds);
  await stale.execute();
  const filter = sql.join(
    [
      sql`o.status not in (${sql.join(NOT_IN_HISTORY)})`,
      ...(scope.customerId ? [sql`o.customer_id = ${scope.customerId}`] : []),
      ...(productIds ? [sql`l.product_id in (${sql.join(productIds)})`] : []),
    ],
    sql` and `,
  );
  // The newest line of each product (newest order, then its first line of it), with the number of orders holding it.
  await sql`insert into customer_product_stats
      (customer_id, product_id, sku, name, last_quantity, last_uom, last_order_id, last_ordered_at, last_position, times_ordered)
    select r.customer_id, r.product_id, r.sku, r.name, r.quantity, r.uom, r.order_id, r.created_at, r.position, c.times_ordered
    from (
      select o.customer_id, l.product_id, l.sku, l.name, l.quantity, l.uom, l.order_id, o.created_at, l.position,
        row_number() over (partition by o.customer_id, l.product_id order by o.created_at desc, o.id desc, l.position) as rn
      from order_lines l join orders o on o.id = l.order_id
      where ${filter}
    ) r
    join (
      select o.customer_id, l.product_id, count(distinct o.id) as times_ordered
      from order_lines l join orders o on o.id = l.order_id
      where ${filter}
      group by o.customer_id, l.product_id
    ) c on c.customer_id = r.customer_id and c.product_id = r.product_id
    where r.rn = 1`.execute(db);
}

/** A new order's lines: they count once per product, the first line of a product being its line. */
export async function addOrderToStats(
  db: Kysely<Database>,
  order: {
    customerId: string;
    orderId: string;
    createdAt: string;
    status: string;
    lines: readonly { product_id: string; sku: string; name: string; quantity: number; uom: string }[];
  },
): Promise<void> {
  if (!countsInHistory(order.status) || order.lines.length === 0) return;
  const firstLines = new Map<string, number>();
  order.lines.forEach((line, position) => {
    if (!firstLines.has(line.product_id)) firstLines.set(line.product_id, position);
  });
  const productIds = [...firstLines.keys()];
  const known = new Map(
    (
      await db
        .selectFrom('customer_product_stats')
        .selectAll()
        .where('customer_id', '=', order.customerId)
        .where('product_id', 'in', productIds)
        .execute()
    ).map((r) => [r.product_id, r]),
  );
  const rows = [...firstLines].map(([productId, position]): StatsRow => {
    const line = order.lines[position];
    const old = known.get(productId);
    const times = Number(old?.times_ordered ?? 0) + 1;
    // Normally the newest order; one dated earlier (an import, a test clock) leaves the newer line in place.
    const newer =
      !old ||
      order.createdAt > old.last_ordered_at ||
      (order.createdAt === old.last_ordered_at && order.orderId > old.last_order_id);
    return newer
      ? {
          customer_id: order.customerId,
          product_id: productId,
          sku: line.sku,
          name: line.name,
          last_quantity: line.quantity,
          last_uom: line.uom,
          last_order_id: order.orderId,
          last_ordered_at: order.createdAt,
          last_position: position,
          times_ordered: times,
        }
      : { ...old, times_ordered: times };
  });
  await db
    .deleteFrom('customer_product_stats')
    .where('customer_id', '=', order.customerId)
    .where('product_id', 'in', productIds)
    .execute();
  await db.insertInto('customer_product_stats').values(rows).execute();
}

/** The products of one order, as they stand now (before a change replaces its lines). */
export async function orderProductIds(db: Kysely<Database>, orderId: string): Promise<string[]> {
  return (await db.selectFrom('order_lines').select('product_id').where('order_id', '=', orderId).execute()).map(
    (r) => r.product_id,
  );
}
