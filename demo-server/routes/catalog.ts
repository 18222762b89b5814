import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { customerOf } from './session.ts';
import { portalRoute, type Services } from './define.ts';

export function catalogRoutes(router: Router, services: Services): void {
  // The longest answer there is (MBs with a long catalogue): read, serialized and compressed once
  // per price group and catalogue revision, a page at a time, and shared; a client that holds it
  // (If-None-Match) gets 304 (routes/catalog-cache.ts).
  portalRoute(router, services, endpoints.getCatalog, async ({ principal, workspace, now }) => {
    const customer = await customerOf(services, principal.customerId);
    return services.catalog.answer(
      { priceGroupId: customer.price_group_id, explainPrices: workspace.settings.show_price_explanation },
      { currency: workspace.currency, now },
    );
  });
}
