import type { Router } from 'express';
import { endpoints, LIMITS } from '../../widget/contract/index.ts';
import { Pricer } from '../../widget/pricing/index.ts';
import { loadCatalog, unitNames } from '../db/catalog.ts';
import { getOrder, listOrders, orderHistory } from '../db/orders.ts';
import { HttpError, notFound } from '../errors.ts';
import { getPerson } from '../db/people.ts';
import { linkLanguage } from '../link-mail.ts';
import { renderOrderPdf } from '../pdf/order-pdf.ts';
import { customerOf, orderContext } from './session.ts';
import { portalRoute, type Services } from './define.ts';

export function orderRoutes(router: Router, services: Services): void {
  // The hottest read (every page with <past-orders> opens with its first page): that page is
  // cached by revision, one entry per customer; other pages and sizes are read each time.
  portalRoute(
    router,
    services,
    endpoints.listOrders,
    async ({ principal, query }) => {
      if (query.placed_by === 'me' && !principal.person) {
        throw new HttpError(422, 'unknown_person', 'This link belongs to no person: it has no orders of its own.', [
          { path: 'query.placed_by', message: 'the link has no person' },
        ]);
      }
      return listOrders(services.db, principal.customerId, {
        cursor: query.cursor,
        limit: query.limit,
        placedBy: query.placed_by === 'me' ? principal.person!.id : undefined,
        group: query.status_group,
      });
    },
    // Only the whole list: the cache is per customer, and "my orders" differ from person to person.
    {
      cacheByRevision: (query) =>
        query.cursor === undefined &&
        query.limit === undefined &&
        query.placed_by === undefined &&
        query.status_group === undefined,
    },
  );

  // A draft is listed (marked) but is not a document yet: its detail is as absent as another customer's order.
  portalRoute(router, services, endpoints.getOrder, async ({ principal, params, workspace }) => {
    const order = await getOrder(services.db, principal.customerId, params.id, orderContext(workspace));
    if (!order || order.is_draft) throw notFound('No such order.');
    return order;
  });

  portalRoute(router, services, endpoints.getOrderPdf, async ({ principal, params, workspace, now }) => {
    const order = await getOrder(services.db, principal.customerId, params.id, orderContext(workspace));
    // A draft is not a document yet: its PDF is as absent as another customer's order.
    if (!order || order.is_draft) throw notFound('No such order.');
    const customer = await customerOf(services, principal.customerId);
    // In the reader's language, as their mails are: the link's person's, else the customer's, else the workspace's.
    const person = principal.person && (await getPerson(services.db, principal.customerId, principal.person.id));
    const bytes = await renderOrderPdf({
      order,
      supplier: workspace,
      customer,
      language: linkLanguage(person?.language ?? customer.language, workspace.locale),
      generatedAt: now,
      unitNames: await unitNames(services.db, order.lines),
    });
    return { bytes, filename: `${order.number}.pdf` };
  });

  portalRoute(router, services, endpoints.getOrderHistory, async ({ principal, now }) => {
    const customer = await customerOf(services, principal.customerId);
    const history = await orderHistory(services.db, customer.id, 50);
    const catalog = await loadCatalog(services.db, {
      priceGroupId: customer.price_group_id,
      now: now.toISOString(),
      productIds: history.map((h) => h.product_id),
    });
    const pricer = new Pricer(catalog.pricing);
    const products = new Map(catalog.products.map((p) => [p.id, p]));
    return {
      items: history.map((h) => {
        const product = products.get(h.product_id);
        const resolution = product
          ? pricer.resolve(product, h.last_uom, Math.min(h.last_quantity, LIMITS.maxLineQuantity), now)
          : { reason: 'not_found' as const };
        const reason = resolution.reason === 'invalid_quantity' ? 'unpriced' : resolution.reason;
        return { ...h, availability: reason ? { orderable: false as const, reason } : { orderable: true as const } };
      }),
      next_cursor: null,
    };
  });
}
