import type { Kysely } from 'kysely';
import type { ApprovalRule, ApprovalSettings, AwaitingOrder, SpendingPeriod } from '../../widget/contract/index.ts';
import { RELEASED_STATUSES } from '../../widget/contract/rules/order-status.ts';
import { approvalReasons, spendingPeriod, type ApprovalReason } from '../../widget/contract/rules/approvals.ts';
import type { Principal } from '../context.ts';
import type { Database } from './schema.ts';
import { summary, toLine } from './orders.ts';

/** The account's approval rule and the person's limit, read as they are now (call it under the customer's lock). */
export async function approvalInputs(
  db: Kysely<Database>,
  customerId: string,
  personId: string | null,
): Promise<{ settings: ApprovalSettings; limit: { amount_minor: number; period: SpendingPeriod } | null }> {
  const customer = await db
    .selectFrom('customers')
    .select(['approval_required_for', 'approval_amount_minor'])
    .where('id', '=', customerId)
    .executeTakeFirstOrThrow();
  const settings: ApprovalSettings = {
    required_for: (customer.approval_required_for ?? 'none') as ApprovalRule,
    amount_minor: customer.approval_amount_minor == null ? null : Number(customer.approval_amount_minor),
  };
  if (personId === null) return { settings, limit: null };
  const person = await db
    .selectFrom('people')
    .select(['spending_limit_minor', 'spending_period'])
    .where('id', '=', personId)
    .executeTakeFirst();
  const amount = person?.spending_limit_minor;
  return {
    settings,
    limit:
      amount == null
        ? null
        : { amount_minor: Number(amount), period: (person!.spending_period ?? 'month') as SpendingPeriod },
  };
}

/**
 * What a person's orders placed in the period of `now` total: every status but rejected and
 * cancelled (those give their amount back), awaiting ones included. Exact only under the
 * customer's lock, which every checkout takes before it reads this.
 */
export async function spentInPeriod(
  db: Kysely<Database>,
  customerId: string,
  personId: string,
  period: SpendingPeriod,
  now: Date,
  /** An order left out of the sum: the one being changed. */
  exceptOrderId?: string,
): Promise<number> {
  const { from, to } = spendingPeriod(period, now);
  let query = db
    .selectFrom('orders')
    .select((eb) => eb.fn.sum<number>('total_minor').as('spent'))
    .where('customer_id', '=', customerId)
    .where('placed_by_person_id', '=', personId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where('status', 'not in', [...RELEASED_STATUSES, 'draft']);
  if (exceptOrderId) query = query.where('id', '!=', exceptOrderId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.spent ?? 0);
}

/**
 * Why an order of `total` by this link must wait for the account's Admins (empty: it goes ahead).
 * Run under the customer's lock: the person's spending in the period is read here and the order
 * added to it in the same transaction, so concurrent checkouts never together pass a limit. When
 * an order is being changed, `exceptOrderId` leaves its old total out of the spending.
 */
export async function reasonsToWait(
  tx: Kysely<Database>,
  principal: Pick<Principal, 'customerId' | 'person'>,
  total: number,
  now: Date,
  exceptOrderId?: string,
): Promise<ApprovalReason[]> {
  const person = principal.person;
  if (person === null || person.role === 'admin') return [];
  const { settings, limit } = await approvalInputs(tx, principal.customerId, person.id);
  const spent = limit ? await spentInPeriod(tx, principal.customerId, person.id, limit.period, now, exceptOrderId) : 0;
  return approvalReasons({
    role: person.role,
    settings,
    total_minor: total,
    spending_limit_minor: limit?.amount_minor ?? null,
    spent_minor: spent,
  });
}

/** The account's orders awaiting approval, oldest first (the first asked is the first answered). */
export async function listAwaiting(db: Kysely<Database>, customerId: string): Promise<AwaitingOrder[]> {
  const rows = await db
    .selectFrom('orders')
    .leftJoin('people', 'people.id', 'orders.placed_by_person_id')
    .selectAll('orders')
    .select(['people.name as placed_by_name'])
    .where('orders.customer_id', '=', customerId)
    .where('orders.status', '=', 'awaiting_approval')
    .orderBy('orders.created_at')
    .orderBy('orders.id')
    .execute();
  if (rows.length === 0) return [];
  const lines = await db
    .selectFrom('order_lines')
    .selectAll()
    .where(
      'order_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('order_id')
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    ...summary({ ...row, quote_number: null, pending_kind: null }),
    lines: lines.filter((l) => l.order_id === row.id).map(toLine),
    placed_by:
      row.placed_by_person_id && row.placed_by_name ? { id: row.placed_by_person_id, name: row.placed_by_name } : null,
    reasons: row.approval_reasons_json ? (JSON.parse(row.approval_reasons_json) as AwaitingOrder['reasons']) : [],
  }));
}

/** A person's newest live link that can be sent again (for a mail's button), or null. */
async function sendableLink(db: Kysely<Database>, personId: string, now: string) {
  const link = await db
    .selectFrom('portal_tokens')
    .select(['id', 'sealed_token'])
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .where('sealed_token', 'is not', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return link ?? null;
}

/** The account's Admins who have an email, with their newest live link that can be sent again (for the mail's button). */
export async function adminsToTell(db: Kysely<Database>, customerId: string, now: string) {
  const admins = await db
    .selectFrom('people')
    .select(['id', 'name', 'email', 'language'])
    .where('customer_id', '=', customerId)
    .where('role', '=', 'admin')
    .where('removed_at', 'is', null)
    .where('email', '!=', '')
    .where('email_approval_needed', '=', 1)
    .orderBy('name')
    .execute();
  return Promise.all(admins.map(async (admin) => ({ ...admin, link: await sendableLink(db, admin.id, now) })));
}

/**
 * The person who placed an order, to tell them how it goes, with their email preferences and (given
 * `now`) their link for the mail's button; null when none (the account's own link, another channel,
 * or they were removed).
 */
export async function ordererOf(db: Kysely<Database>, orderId: string, now?: string) {
  const person = await db
    .selectFrom('orders')
    .innerJoin('people', 'people.id', 'orders.placed_by_person_id')
    .select([
      'people.id',
      'people.name',
      'people.email',
      'people.language',
      'people.email_order_placed',
      'people.email_approval_needed',
      'people.email_approval_outcome',
      'people.email_shipped',
    ])
    .where('orders.id', '=', orderId)
    .where('people.removed_at', 'is', null)
    .executeTakeFirst();
  if (!person) return null;
  return { ...person, link: now ? await sendableLink(db, person.id, now) : null };
}

/** Whether an order was placed by a person of the account (null: the account's own link or another channel). */
export async function placedByPerson(db: Kysely<Database>, orderId: string): Promise<boolean> {
  const row = await db.selectFrom('orders').select('placed_by_person_id').where('id', '=', orderId).executeTakeFirst();
  return row?.placed_by_person_id != null;
}
