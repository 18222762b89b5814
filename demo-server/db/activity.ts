import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { ActivityItem, ActivityKind } from '../../widget/contract/index.ts';
import { APPROVAL_OUTCOMES } from '../../widget/contract/rules/order-status.ts';
import type { Database } from './schema.ts';
import { decodeCursor, encodeCursor } from './paging.ts';

/** One entry as every branch of the union selects it; `key` orders entries of the same instant. */
interface Row {
  at: string;
  key: string;
  kind: string;
  customer_id: string;
  document_id: string | null;
  document_number: string | null;
  link_id: string | null;
  link_hint: string | null;
  by: string | null;
  reason: string | null;
}

/** The records of an Admin's decision on an order awaiting approval (routes/approvals.ts writes them so). */
const DECIDED = {
  order_approved: JSON.stringify({ status: { from: 'awaiting_approval', to: APPROVAL_OUTCOMES.approve } }),
  order_rejected: JSON.stringify({ status: { from: 'awaiting_approval', to: APPROVAL_OUTCOMES.reject } }),
};

const text = (value: string) => sql<string>`${sql.lit(value)}`;
const none = sql<string | null>`cast(null as text)`;

/**
 * The customers' activity, newest first, derived from the tables that hold each fact: link uses
 * (link_uses), links created and revoked (portal_tokens), orders placed in the portal (orders),
 * change and cancellation requests (order_requests), quotes accepted and declined (quotes), orders
 * approved and rejected by the account's Admins (order_events).
 */
export async function listActivity(
  db: Kysely<Database>,
  options: { customerId?: string; cursor?: string; limit?: number },
) {
  const limit = options.limit ?? 50;
  const cursor = decodeCursor(options.cursor);
  const own = <Q extends SelectQueryBuilder<any, any, any>>(query: Q, column: string): Q =>
    (options.customerId === undefined ? query : query.where(column, '=', options.customerId)) as Q;

  const tokenBranch = (kind: ActivityKind, at: 'created_at' | 'revoked_at') =>
    own(
      db
        .selectFrom('portal_tokens')
        .select([
          sql<string>`${sql.ref(`portal_tokens.${at}`)}`.as('at'),
          sql<string>`${sql.lit(kind === 'link_created' ? 'lc:' : 'lr:')} || portal_tokens.id`.as('key'),
          text(kind).as('kind'),
          'portal_tokens.customer_id',
          none.as('document_id'),
          none.as('document_number'),
          'portal_tokens.id as link_id',
          'portal_tokens.hint as link_hint',
          none.as('by'),
          none.as('reason'),
        ])
        .where(`portal_tokens.${at}`, 'is not', null),
      'portal_tokens.customer_id',
    );

  const branches = [
    own(
      db
        .selectFrom('link_uses')
        .innerJoin('portal_tokens', 'portal_tokens.id', 'link_uses.token_id')
        .select([
          'link_uses.at',
          sql<string>`'u:' || link_uses.token_id || ':' || link_uses.hour`.as('key'),
          text('link_used').as('kind'),
          'portal_tokens.customer_id',
          none.as('document_id'),
          none.as('document_number'),
          'portal_tokens.id as link_id',
          'portal_tokens.hint as link_hint',
          none.as('by'),
          none.as('reason'),
        ]),
      'portal_tokens.customer_id',
    ),
    tokenBranch('link_created', 'created_at'),
    tokenBranch('link_revoked', 'revoked_at'),
    own(
      db
        .selectFrom('orders')
        .select([
          'orders.created_at as at',
          sql<string>`'o:' || orders.id`.as('key'),
          text('order_placed').as('kind'),
          'orders.customer_id',
          'orders.id as document_id',
          'orders.number as document_number',
          none.as('link_id'),
          none.as('link_hint'),
          none.as('by'),
          none.as('reason'),
        ])
        .where('orders.channel', '=', 'portal')
        .where('orders.status', '<>', 'draft'),
      'orders.customer_id',
    ),
    own(
      db
        .selectFrom('order_requests')
        .innerJoin('orders', 'orders.id', 'order_requests.order_id')
        .select([
          'order_requests.created_at as at',
          sql<string>`'r:' || order_requests.id`.as('key'),
          sql<string>`case when order_requests.kind = 'cancel' then 'cancel_requested' else 'change_requested' end`.as(
            'kind',
          ),
          'order_requests.customer_id',
          'orders.id as document_id',
          'orders.number as document_number',
          none.as('link_id'),
          none.as('link_hint'),
          none.as('by'),
          none.as('reason'),
        ]),
      'order_requests.customer_id',
    ),
    own(
      db
        .selectFrom('quotes')
        .select([
          'quotes.answered_at as at',
          sql<string>`'q:' || quotes.id`.as('key'),
          sql<string>`case when quotes.state = 'declined' then 'quote_declined' else 'quote_accepted' end`.as('kind'),
          'quotes.customer_id',
          'quotes.id as document_id',
          'quotes.number as document_number',
          none.as('link_id'),
          none.as('link_hint'),
          none.as('by'),
          none.as('reason'),
        ])
        .where('quotes.state', 'in', ['accepted', 'declined'])
        .where('quotes.answered_at', 'is not', null),
      'quotes.customer_id',
    ),
    own(
      db
        .selectFrom('order_events')
        .innerJoin('orders', 'orders.id', 'order_events.order_id')
        .select([
          'order_events.at',
          sql<string>`'a:' || order_events.order_id || ':' || cast(order_events.position as text)`.as('key'),
          sql<string>`case when order_events.changes_json = ${DECIDED.order_approved} then 'order_approved' else 'order_rejected' end`.as(
            'kind',
          ),
          'orders.customer_id',
          'orders.id as document_id',
          'orders.number as document_number',
          none.as('link_id'),
          none.as('link_hint'),
          'order_events.actor_name as by',
          'order_events.note as reason',
        ])
        .where('order_events.action', '=', 'status_changed')
        .where('order_events.changes_json', 'in', [DECIDED.order_approved, DECIDED.order_rejected]),
      'orders.customer_id',
    ),
  ];
  const union = branches
    .slice(1)
    .reduce((all, branch) => all.unionAll(branch as never), branches[0] as SelectQueryBuilder<any, any, Row>);

  let query = db
    .selectFrom(union.as('activity'))
    .innerJoin('customers', 'customers.id', 'activity.customer_id')
    .select([
      'activity.at',
      'activity.key',
      'activity.kind',
      'activity.customer_id',
      'customers.business_name',
      'activity.document_id',
      'activity.document_number',
      'activity.link_id',
      'activity.link_hint',
      'activity.by',
      'activity.reason',
    ]);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb('activity.at', '<', cursor.after),
        eb.and([eb('activity.at', '=', cursor.after), eb('activity.key', '<', cursor.id)]),
      ]),
    );
  }
  const rows = (await query
    .orderBy('activity.at', 'desc')
    .orderBy('activity.key', 'desc')
    .limit(limit + 1)
    .execute()) as (Row & { business_name: string })[];
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map((row): ActivityItem => ({
      at: row.at,
      kind: row.kind as ActivityKind,
      customer: { id: row.customer_id, business_name: row.business_name },
      ...(row.document_id !== null ? { document: { id: row.document_id, number: row.document_number ?? '' } } : {}),
      ...(row.link_id !== null ? { link: { id: row.link_id, hint: row.link_hint ?? '' } } : {}),
      ...(row.by !== null ? { by: row.by } : {}),
      ...(row.reason !== null ? { reason: row.reason } : {}),
    })),
    next_cursor: rows.length > limit && last ? encodeCursor(last.at, last.key) : null,
  };
}
