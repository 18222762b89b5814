import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { addChargeRefusal, chargeDecisionRefusal } from '../../widget/contract/rules/supplier-charges.ts';
import { findDocument } from '../db/back-office.ts';
import { lockCustomer } from '../db/customers.ts';
import { orderState } from '../db/order-changes.ts';
import { getOrder } from '../db/orders.ts';
import { chargeOfOrder, decideCharge, insertCharge, withdrawCharge } from '../db/supplier-charges.ts';
import { notFound, refuseIf } from '../errors.ts';
import { adminOrder } from './back-office.ts';
import { adminRoute, portalRoute, type Services } from './define.ts';
import { customerOf, orderContext } from './session.ts';

/**
 * Charges the supplier adds to an order after checkout (issue 17): added and withdrawn through
 * the admin API, approved or rejected by the customer in the portal. Each write runs under the
 * customer's lock, as every write to their documents does; a decision also names the state it
 * expects, so of two tabs deciding the same charge one wins and the other hears 409.
 */
export function supplierChargeRoutes(router: Router, services: Services): void {
  adminRoute(router, services, endpoints.adminAddOrderCharge, async ({ params, body, now }) => {
    const found = await findDocument(services.db, 'orders', params.id);
    if (!found) throw notFound('No such order.');
    await services.db.transaction().execute(async (tx) => {
      await lockCustomer(tx, found.customer_id);
      const order = (await orderState(tx, found.customer_id, found.id))!;
      refuseIf(addChargeRefusal(order.number, order.status));
      await insertCharge(tx, {
        orderId: order.id,
        customerId: found.customer_id,
        label: body.label,
        amountMinor: body.amount_minor,
        requiresApproval: body.requires_approval,
        at: now.toISOString(),
      });
    });
    return (await adminOrder(services.db, found.id, await services.workspace.get()))!;
  });

  adminRoute(router, services, endpoints.adminWithdrawOrderCharge, async ({ params }) => {
    const found = await findDocument(services.db, 'orders', params.id);
    if (!found) throw notFound('No such order.');
    await services.db.transaction().execute(async (tx) => {
      await lockCustomer(tx, found.customer_id);
      const charge = await chargeOfOrder(tx, found.id, params.charge_id);
      if (!charge) throw notFound('No such charge on this order.');
      refuseIf(chargeDecisionRefusal(charge.state));
      await withdrawCharge(tx, found.id, charge.id);
    });
    return (await adminOrder(services.db, found.id, await services.workspace.get()))!;
  });

  const decide = (outcome: 'approved' | 'rejected') =>
    async function ({
      principal,
      params,
      reason,
      now,
    }: {
      principal: { customerId: string; person: { name: string } | null };
      params: { id: string; charge_id: string };
      reason: string | null;
      now: Date;
    }) {
      const customer = await customerOf(services, principal.customerId);
      const orderId = await services.db.transaction().execute(async (tx) => {
        await lockCustomer(tx, principal.customerId);
        const order = await orderState(tx, principal.customerId, params.id);
        if (!order || order.status === 'draft') throw notFound('No such order.');
        const charge = await chargeOfOrder(tx, order.id, params.charge_id);
        if (!charge) throw notFound('No such charge on this order.');
        refuseIf(chargeDecisionRefusal(charge.state));
        refuseIf(addChargeRefusal(order.number, order.status));
        const decided = await decideCharge(tx, {
          orderId: order.id,
          chargeId: charge.id,
          state: outcome,
          at: now.toISOString(),
          by: principal.person?.name ?? customer.business_name,
          reason,
        });
        // Decided in between (the lock makes this rare; the conditional update makes it safe).
        if (!decided) refuseIf(chargeDecisionRefusal(outcome));
        return order.id;
      });
      const workspace = await services.workspace.get();
      return (await getOrder(services.db, principal.customerId, orderId, orderContext(workspace)))!;
    };

  const approve = decide('approved');
  const reject = decide('rejected');
  portalRoute(router, services, endpoints.approveOrderCharge, ({ principal, params, now }) =>
    approve({ principal, params, reason: null, now }),
  );
  portalRoute(router, services, endpoints.rejectOrderCharge, ({ principal, params, body, now }) =>
    reject({ principal, params, reason: body.reason, now }),
  );
}
