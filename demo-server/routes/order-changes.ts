import { deliveryDateChange, setDeliveryDate } from './delivery-services.ts';
import type { Router } from 'express';
import type { Kysely } from 'kysely';
import {
  endpoints,
  type ChangeBlockedReason,
  type OrderChangeSet,
  type OrderContent,
} from '../../widget/contract/index.ts';
import {
  applyContent,
  decideRequest,
  diffContent,
  findRequest,
  getAdminRequest,
  insertRequest,
  isUniqueViolation,
  listAdminRequests,
  orderState,
  recordEvent,
  referenceTaken,
  setOrderStatus,
  type OrderState,
} from '../db/order-changes.ts';
import { lockCustomer } from '../db/customers.ts';
import { reasonsToWait } from '../db/approvals.ts';
import { approvalRequired } from '../../widget/contract/rules/approvals.ts';
import { getOrder } from '../db/orders.ts';
import { changeBlock, type ChangeAction } from '../../widget/contract/order-changes.ts';
import type { Database } from '../db/schema.ts';
import type { Workspace } from '../db/workspace.ts';
import { HttpError, notFound, refuseIf, ruleError } from '../errors.ts';
import { adminRoute, portalRoute, type Services } from './define.ts';
import {
  priceChanged,
  referenceRequired,
  referenceTaken as referenceTakenError,
} from '../../widget/contract/rules/checkout.ts';
import { priceCart } from './pricing.ts';
import { assertSupplierAvailable, customerOf, orderContext } from './session.ts';

const BLOCKED: Record<Exclude<ChangeBlockedReason, 'request_pending'>, (number: string) => string> = {
  changes_disabled: () => 'Orders cannot be changed or cancelled in this portal.',
  cancelled: (n) => `Order ${n} was cancelled.`,
  draft: (n) => `Order ${n} is a draft: it has not been placed.`,
  from_quote: (n) => `Order ${n} was made from an accepted quote; please ask your supplier to change it.`,
  other_channel: (n) => `Order ${n} was not placed in this portal; please ask your supplier to change it.`,
  past_allowed_status: (n) => `Order ${n} is already being processed and can no longer be changed here.`,
  awaiting_approval: (n) => `Order ${n} waits for one of the account's Admins to approve it.`,
  rejected: (n) => `Order ${n} was rejected by one of the account's Admins.`,
  awaiting_supplier: (n) =>
    `Order ${n} waits for the supplier to create it: it can be cancelled, and changed once it is created.`,
};

/** 422 `order_not_editable` with the reason, or 409 `request_pending`, unless the customer may change the order now. */
function assertChangeable(order: OrderState, workspace: Workspace, action: ChangeAction): void {
  const reason = changeBlock(order, workspace.settings.order_changes, order.pendingKind !== null, action);
  if (reason === 'request_pending') throw requestPending(order.number);
  if (reason === 'past_allowed_status' && action === 'cancel')
    throw new HttpError(
      422,
      'order_not_editable',
      `Order ${order.number} is already too far along to be cancelled here.`,
      {
        reason,
      },
    );
  if (reason) throw new HttpError(422, 'order_not_editable', BLOCKED[reason](order.number), { reason });
}

const requestPending = (number: string) =>
  new HttpError(409, 'request_pending', `A change to order ${number} is already waiting for the supplier's approval.`);

/**
 * Runs a change of one customer's orders under that customer's lock, so changes apply one after
 * the other and each sees the last. A second pending request that slipped past the checks
 * (another server process without the lock) still meets the database's one-pending-per-order index.
 */
async function underCustomerLock<T>(
  services: Services,
  customerId: string,
  orderNumber: string,
  work: (tx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  try {
    return await services.db.transaction().execute(async (tx) => {
      await lockCustomer(tx, customerId);
      return work(tx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw requestPending(orderNumber);
    throw error;
  }
}

/** The order a key names, unless it is a draft: a draft is not a document yet, and cannot be changed any more than another customer's order (404). */
async function placedOrder(db: Kysely<Database>, customerId: string, key: string): Promise<OrderState> {
  const found = await orderState(db, customerId, key);
  if (!found || found.status === 'draft') throw notFound('No such order.');
  return found;
}

const notPending = (state: string) =>
  new HttpError(
    422,
    'request_not_pending',
    `This request was already ${state}; only a pending request can be decided.`,
    { state },
  );

/** Empty change sets are stored as null. */
const orNull = (changes: OrderChangeSet) => (Object.keys(changes).length ? changes : null);

/**
 * Order changes and cancellations by the customer (seed 002), and the supplier's decisions on
 * them. Every change is priced by the server, checked against the workspace's rules again under
 * the customer's lock, and recorded on the order (who, when, what) in the same transaction.
 */
export function orderChangeRoutes(router: Router, services: Services): void {
  portalRoute(router, services, endpoints.updateOrder, async ({ principal, params, body, workspace, now }) => {
    assertSupplierAvailable(workspace, 'order_change');
    const customerId = principal.customerId;
    const found = await placedOrder(services.db, customerId, params.id);
    assertChangeable(found, workspace, 'edit');
    const settings = workspace.settings;
    if (settings.require_unique_reference && body.customer_reference === null) throw ruleError(referenceRequired());
    const customer = await customerOf(services, customerId);
    // Today's prices for the new set of lines, exactly as checkout prices a cart.
    const priced = body.lines ? await priceCart(services, customer, workspace, body.lines, now) : null;
    const at = now.toISOString();

    await underCustomerLock(services, customerId, found.number, async (tx) => {
      const order = (await orderState(tx, customerId, found.id))!;
      assertChangeable(order, workspace, 'edit');
      const newDate = await deliveryDateChange(tx, workspace, order.id, body.delivery_date, now);
      const current = order.content;
      const proposed: OrderContent = {
        customer_reference:
          body.customer_reference !== undefined ? body.customer_reference : current.customer_reference,
        lines: (priced ?? current).lines,
        subtotal_minor: (priced ?? current).subtotal_minor,
        freight_minor: (priced ?? current).freight_minor,
        ...((priced ?? current).charges?.length ? { charges: (priced ?? current).charges } : {}),
        total_minor: (priced ?? current).total_minor,
      };
      refuseIf(
        priceChanged(
          body.expected_total,
          proposed,
          'Prices have changed since the order was priced. Please review the new total.',
        ),
      );
      // A Buyer may not raise an order past what they may order alone (the checkout's rules, this
      // order's old total given back): the order stays as it was. Lowering one is always allowed.
      if (proposed.total_minor > current.total_minor) {
        const reasons = await reasonsToWait(tx, principal, proposed.total_minor, now, order.id);
        if (reasons.length) throw ruleError(approvalRequired('raise', reasons));
      }
      const reference = proposed.customer_reference;
      if (
        settings.require_unique_reference &&
        reference !== null &&
        reference !== current.customer_reference &&
        (await referenceTaken(tx, customerId, reference, order.id))
      ) {
        throw ruleError(referenceTakenError(reference));
      }
      // A date the service allows now is the customer's to choose: it applies at once.
      if (newDate) await setDeliveryDate(tx, order.id, newDate);
      const changes = diffContent(current, proposed);
      if (Object.keys(changes).length === 0) return; // nothing to change, nothing to record
      const by = { actor: 'customer', actor_name: principal.person?.name ?? customer.business_name } as const;
      const automatic = settings.order_changes.apply_updates_automatically;
      if (automatic) await applyContent(tx, order.id, proposed);
      await insertRequest(tx, {
        orderId: order.id,
        customerId,
        kind: 'update',
        state: automatic ? 'approved' : 'pending',
        at,
        reason: null,
        proposed,
        previous: current,
        placedByPersonId: principal.person?.id ?? null,
      });
      await recordEvent(tx, order.id, {
        at,
        ...by,
        action: automatic ? 'updated' : 'update_requested',
        changes,
        note: null,
      });
    });
    return (await getOrder(services.db, customerId, found.id, orderContext(workspace)))!;
  });

  portalRoute(router, services, endpoints.cancelOrder, async ({ principal, params, body, workspace, now }) => {
    assertSupplierAvailable(workspace, 'order_change');
    const customerId = principal.customerId;
    const found = await placedOrder(services.db, customerId, params.id);
    assertChangeable(found, workspace, 'cancel');
    const customer = await customerOf(services, customerId);
    const reason = body?.reason || null;
    const at = now.toISOString();

    await underCustomerLock(services, customerId, found.number, async (tx) => {
      const order = (await orderState(tx, customerId, found.id))!;
      assertChangeable(order, workspace, 'cancel');
      // An order the supplier has not created yet is theirs to take back: no approval to wait for.
      const automatic =
        order.status === 'awaiting_supplier' || workspace.settings.order_changes.apply_cancellations_automatically;
      if (automatic) await setOrderStatus(tx, order.id, 'cancelled');
      await insertRequest(tx, {
        orderId: order.id,
        customerId,
        kind: 'cancel',
        state: automatic ? 'approved' : 'pending',
        at,
        reason,
        proposed: null,
        previous: order.content,
        placedByPersonId: principal.person?.id ?? null,
      });
      await recordEvent(tx, order.id, {
        at,
        actor: 'customer',
        actor_name: principal.person?.name ?? customer.business_name,
        action: automatic ? 'cancelled' : 'cancel_requested',
        changes: { status: { from: order.status, to: 'cancelled' } },
        note: reason,
      });
    });
    return (await getOrder(services.db, customerId, found.id, orderContext(workspace)))!;
  });

  adminRoute(router, services, endpoints.listOrderRequests, async ({ query }) =>
    listAdminRequests(services.db, {
      state: query.state,
      clientId: query.client_id,
      cursor: query.cursor,
      limit: query.limit,
    }),
  );

  adminRoute(router, services, endpoints.approveOrderRequest, async ({ params, now }) => {
    const workspace = await services.workspace.get();
    const request = await findRequest(services.db, params.id);
    if (!request) throw notFound('No such order request.');
    const at = now.toISOString();
    await services.db.transaction().execute(async (tx) => {
      await lockCustomer(tx, request.customer_id);
      const fresh = (await findRequest(tx, request.id))!;
      if (fresh.state !== 'pending') throw notPending(fresh.state);
      // The supplier's decision applies whatever became of the order meanwhile.
      const order = (await orderState(tx, request.customer_id, request.order_id))!;
      let changes: OrderChangeSet | null;
      if (request.kind === 'update') {
        const proposed = JSON.parse(request.proposed_json!) as OrderContent;
        const reference = proposed.customer_reference;
        if (
          workspace.settings.require_unique_reference &&
          reference !== null &&
          reference !== order.content.customer_reference &&
          (await referenceTaken(tx, request.customer_id, reference, order.id))
        ) {
          throw new HttpError(
            422,
            'reference_taken',
            `Another of the customer's orders now carries the reference "${reference}"; reject this request instead.`,
            { field: 'customer_reference' },
          );
        }
        changes = orNull(diffContent(order.content, proposed));
        await applyContent(tx, order.id, proposed);
      } else {
        changes = order.status === 'cancelled' ? null : { status: { from: order.status, to: 'cancelled' } };
        await setOrderStatus(tx, order.id, 'cancelled');
      }
      if (!(await decideRequest(tx, { id: request.id, state: 'approved', at, previous: order.content })))
        throw notPending('decided');
      await recordEvent(tx, order.id, {
        at,
        actor: 'supplier',
        actor_name: workspace.name,
        action: 'request_approved',
        changes,
        note: null,
      });
    });
    return (await getAdminRequest(services.db, params.id))!;
  });

  adminRoute(router, services, endpoints.rejectOrderRequest, async ({ params, body, now }) => {
    const workspace = await services.workspace.get();
    const request = await findRequest(services.db, params.id);
    if (!request) throw notFound('No such order request.');
    const reason = body?.reason || null;
    const at = now.toISOString();
    await services.db.transaction().execute(async (tx) => {
      await lockCustomer(tx, request.customer_id);
      if (!(await decideRequest(tx, { id: request.id, state: 'rejected', at, rejectionReason: reason }))) {
        throw notPending((await findRequest(tx, request.id))!.state);
      }
      await recordEvent(tx, request.order_id, {
        at,
        actor: 'supplier',
        actor_name: workspace.name,
        action: 'request_rejected',
        changes: null,
        note: reason,
      });
    });
    return (await getAdminRequest(services.db, params.id))!;
  });
}
