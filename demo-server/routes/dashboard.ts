import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { listDeliveries, listInvoices, listQuotes, outstandingBalance } from '../db/documents.ts';
import { orderTotals, recentOrders } from '../db/orders.ts';
import { customerOf, portalSettings } from './session.ts';
import { portalRoute, type Services } from './define.ts';

const RECENT = 5;

export function dashboardRoutes(router: Router, services: Services): void {
  portalRoute(router, services, endpoints.getDashboard, async ({ principal, workspace, now }) => {
    const customer = await customerOf(services, principal.customerId);
    const { sections } = portalSettings(workspace, customer, principal);
    const db = services.db;
    const id = customer.id;
    const [outstanding, totals, orders, invoices, quotes, deliveries] = await Promise.all([
      sections.invoices ? outstandingBalance(db, id) : null,
      sections.orders ? orderTotals(db, id) : null,
      sections.orders ? recentOrders(db, id, RECENT) : null,
      sections.invoices ? listInvoices(db, id, { limit: RECENT }).then((r) => r.items) : null,
      sections.quotes
        ? listQuotes(db, id, { limit: RECENT, today: now.toISOString().slice(0, 10) }).then((r) => r.items)
        : null,
      sections.deliveries ? listDeliveries(db, id, { limit: RECENT }).then((r) => r.items) : null,
    ]);
    return {
      currency: workspace.currency,
      credit_limit_minor: customer.credit_limit_minor,
      // Balances are invoice data and lifetime figures order data: each only with its section.
      available_credit_minor: outstanding === null ? null : customer.credit_limit_minor - outstanding,
      outstanding_balance_minor: outstanding,
      lifetime_orders: totals?.count ?? null,
      lifetime_sales_minor: totals?.sales ?? null,
      recent: { orders, invoices, quotes, deliveries },
    };
  });
}
