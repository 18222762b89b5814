import type { Request, Router } from 'express';
import { endpoints, type OrderDetail } from '../../widget/contract/index.ts';
import { APPROVAL_OUTCOMES, approvalRefusal } from '../../widget/contract/rules/order-status.ts';
import { createsOrdersAutomatically, placedOrderStatus } from '../../widget/contract/rules/order-creation.ts';
import { approvalMail, type ApprovalMailKind, type ApprovalMessage } from '../approval-mail.ts';
import { adminsToTell, listAwaiting, ordererOf } from '../db/approvals.ts';
import { wants } from '../db/people.ts';
import { getCustomer, lockCustomer, updateCustomer } from '../db/customers.ts';
import { orderState, recordEvent, setOrderStatus } from '../db/order-changes.ts';
import { getOrder } from '../db/orders.ts';
import type { Workspace } from '../db/workspace.ts';
import { notFound, refuseIf } from '../errors.ts';
import { linkLanguage, linkUrl } from '../link-mail.ts';
import { portalRoute, type Services } from './define.ts';
import { serverBase } from './links.ts';
import { customerOf, orderContext } from './session.ts';

export const money = (minor: number, currency: string, locale: string) => {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
};

/** The parts of a mail every approval (and order) mail shares, in the reader's language. */
export function messageFor(
  workspace: Workspace,
  reader: { name: string; language: string | null },
  customer: { business_name: string; language: string | null },
  order: Pick<OrderDetail, 'number' | 'total_minor' | 'currency'>,
): ApprovalMessage {
  const language = linkLanguage(reader.language ?? customer.language, workspace.locale);
  const locale = workspace.locale.toLowerCase().startsWith(language) ? workspace.locale : language;
  return {
    language,
    locale,
    workspaceName: workspace.name,
    businessName: customer.business_name,
    personName: reader.name,
    orderNumber: order.number,
    total: money(order.total_minor, order.currency, locale),
  };
}

/** Sends without holding up the answer: a mail server that is down is logged, never the customer's problem. */
function sendLater(services: Services, kind: ApprovalMailKind, message: ApprovalMessage, to: string): void {
  services.mailer
    .send(approvalMail(kind, message, to))
    .catch((error: unknown) => services.config.log?.(`${kind} mail to ${to} failed: ${String(error)}`));
}

/**
 * Emails the account's Admins that an order waits for them, each with their own portal link
 * (the newest one that can be sent again), opening on the Approvals page.
 */
export async function tellAdmins(services: Services, req: Request, order: OrderDetail, customerId: string) {
  const [workspace, customer] = await Promise.all([services.workspace.get(), getCustomer(services.db, customerId)]);
  if (!customer) return;
  for (const admin of await adminsToTell(services.db, customerId, services.now().toISOString())) {
    const token = admin.link ? services.linkSeal.open(admin.link.id, admin.link.sealed_token) : null;
    const url = token
      ? linkUrl(workspace.settings.portal_page_url, serverBase(services, req), token, 'approvals')
      : undefined;
    const message = { ...messageFor(workspace, admin, customer, order), placedBy: order.placed_by?.name, url };
    sendLater(services, 'approval_needed', message, admin.email);
  }
}

/** Order approvals (issue 16): the account's settings, the orders awaiting approval, approve and reject. */
export function approvalRoutes(router: Router, services: Services): void {
  portalRoute(router, services, endpoints.getAccountSettings, async ({ principal }) => {
    const customer = await customerOf(services, principal.customerId);
    return { approval: customer.settings.approval };
  });

  portalRoute(router, services, endpoints.patchAccountSettings, async ({ principal, body }) => {
    await updateCustomer(services.db, principal.customerId, body);
    const customer = await customerOf(services, principal.customerId);
    return { approval: customer.settings.approval };
  });

  portalRoute(router, services, endpoints.listApprovals, async ({ principal }) => ({
    items: await listAwaiting(services.db, principal.customerId),
    next_cursor: null,
  }));

  const decide = async (
    req: Request,
    principal: { customerId: string; person: { name: string } | null },
    key: string,
    outcome: keyof typeof APPROVAL_OUTCOMES,
    reason: string | null,
    now: Date,
  ): Promise<OrderDetail> => {
    const workspace = await services.workspace.get();
    const customer = await customerOf(services, principal.customerId);
    const orderId = await services.db.transaction().execute(async (tx) => {
      await lockCustomer(tx, principal.customerId);
      const order = await orderState(tx, principal.customerId, key);
      if (!order) throw notFound('No such order.');
      refuseIf(approvalRefusal(order.number, order.status));
      // Approved, it goes on as any portal order: to the supplier to create, when they create orders by hand.
      const to =
        outcome === 'approve'
          ? placedOrderStatus(
              createsOrdersAutomatically({
                customer: customer.settings.create_orders_automatically,
                workspace: workspace.settings.create_orders_automatically,
              }),
            )
          : APPROVAL_OUTCOMES[outcome];
      await setOrderStatus(tx, order.id, to);
      await recordEvent(tx, order.id, {
        at: now.toISOString(),
        actor: 'customer',
        actor_name: principal.person?.name ?? customer.business_name,
        action: 'status_changed',
        changes: { status: { from: order.status, to } },
        note: reason,
      });
      return order.id;
    });
    const order = (await getOrder(services.db, principal.customerId, orderId, orderContext(workspace)))!;
    const orderer = await ordererOf(services.db, orderId, now.toISOString());
    if (orderer?.email && wants(orderer, 'approval_outcome')) {
      // Their own link, opening on the order, when one can be sent again.
      const token = orderer.link ? services.linkSeal.open(orderer.link.id, orderer.link.sealed_token) : null;
      const url = token
        ? linkUrl(workspace.settings.portal_page_url, serverBase(services, req), token, `orders/${order.number}`)
        : undefined;
      const message = { ...messageFor(workspace, orderer, customer, order), reason: reason ?? undefined, url };
      sendLater(services, outcome === 'approve' ? 'approved' : 'rejected', message, orderer.email);
    }
    return order;
  };

  portalRoute(router, services, endpoints.approveOrder, async ({ req, principal, params, now }) =>
    decide(req, principal, params.id, 'approve', null, now),
  );

  portalRoute(router, services, endpoints.rejectOrder, async ({ req, principal, params, body, now }) =>
    decide(req, principal, params.id, 'reject', body.reason, now),
  );
}
