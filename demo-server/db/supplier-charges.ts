import type { Kysely } from 'kysely';
import type { SupplierCharge } from '../../widget/contract/index.ts';
import { initialChargeState, type SupplierChargeState } from '../../widget/contract/rules/supplier-charges.ts';
import type { Database } from './schema.ts';

/**
 * Charges the supplier adds to an order after checkout (issue 17, migration 0020). Only approved
 * ones are in orders.total_minor: each write here moves the total by what it changes, in the
 * caller's transaction (which holds the customer's lock), and so also bumps the customer's revision.
 */

type Row = Database['order_supplier_charges'];

const toCharge = (row: Row): SupplierCharge => ({
  id: row.id,
  label: row.label,
  amount_minor: Number(row.amount_minor),
  requires_approval: Number(row.requires_approval) === 1,
  state: row.state as SupplierChargeState,
  created_at: row.created_at,
  decided_at: row.decided_at,
  decided_by: row.decided_by,
  reason: row.reason,
});

/** An order's added charges, oldest first. */
export async function chargesOfOrder(db: Kysely<Database>, orderId: string): Promise<SupplierCharge[]> {
  const rows = await db
    .selectFrom('order_supplier_charges')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('position')
    .execute();
  return rows.map(toCharge);
}

/** One charge of an order, or undefined. */
export async function chargeOfOrder(
  db: Kysely<Database>,
  orderId: string,
  chargeId: string,
): Promise<SupplierCharge | undefined> {
  const row = await db
    .selectFrom('order_supplier_charges')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('id', '=', chargeId)
    .executeTakeFirst();
  return row && toCharge(row);
}

/** What the approved added charges add to the order's total (kept when its lines change). */
export async function approvedChargesTotal(db: Kysely<Database>, orderId: string): Promise<number> {
  const row = await db
    .selectFrom('order_supplier_charges')
    .select((eb) => eb.fn.sum<number>('amount_minor').as('sum'))
    .where('order_id', '=', orderId)
    .where('state', '=', 'approved')
    .executeTakeFirst();
  return Number(row?.sum ?? 0);
}

/** Moves the order's total by `delta` (0 still writes the row: the customer's cached answers go). */
async function moveTotal(db: Kysely<Database>, orderId: string, delta: number): Promise<void> {
  await db
    .updateTable('orders')
    .set((eb) => ({ total_minor: eb('total_minor', '+', delta) }))
    .where('id', '=', orderId)
    .execute();
}

export interface NewCharge {
  orderId: string;
  customerId: string;
  label: string;
  amountMinor: number;
  requiresApproval: boolean;
  at: string;
}

/** Adds a charge (under the customer's lock, which keeps positions unique): pending when it needs approval, else approved and in the total at once. */
export async function insertCharge(db: Kysely<Database>, charge: NewCharge): Promise<string> {
  const id = crypto.randomUUID();
  const state = initialChargeState(charge.requiresApproval);
  const last = await db
    .selectFrom('order_supplier_charges')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('order_id', '=', charge.orderId)
    .executeTakeFirst();
  await db
    .insertInto('order_supplier_charges')
    .values({
      id,
      order_id: charge.orderId,
      customer_id: charge.customerId,
      position: Number(last?.position ?? 0) + 1,
      label: charge.label,
      amount_minor: charge.amountMinor,
      requires_approval: charge.requiresApproval ? 1 : 0,
      state,
      created_at: charge.at,
      decided_at: null,
      decided_by: null,
      reason: null,
    })
    .execute();
  await moveTotal(db, charge.orderId, state === 'approved' ? charge.amountMinor : 0);
  return id;
}

/**
 * Decides a pending charge; false when it no longer waits (decided meanwhile): the update names
 * the state it expects, so of two decisions at once only one takes effect.
 */
export async function decideCharge(
  db: Kysely<Database>,
  decision: {
    orderId: string;
    chargeId: string;
    state: 'approved' | 'rejected';
    at: string;
    by: string;
    reason: string | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('order_supplier_charges')
    .set({ state: decision.state, decided_at: decision.at, decided_by: decision.by, reason: decision.reason })
    .where('id', '=', decision.chargeId)
    .where('order_id', '=', decision.orderId)
    .where('state', '=', 'pending')
    .returning('amount_minor')
    .executeTakeFirst();
  if (!result) return false;
  await moveTotal(db, decision.orderId, decision.state === 'approved' ? Number(result.amount_minor) : 0);
  return true;
}

/** Withdraws a pending charge; false when it no longer waits. */
export async function withdrawCharge(db: Kysely<Database>, orderId: string, chargeId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('order_supplier_charges')
    .where('id', '=', chargeId)
    .where('order_id', '=', orderId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  if (result.numDeletedRows !== 1n) return false;
  await moveTotal(db, orderId, 0);
  return true;
}
