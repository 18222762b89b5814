import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { portalRoute, type Services } from './define.ts';

export function catalogRoutes(router: Router, services: Services): void {
  // The longest answer there is (MBs with a long catalogue): read, serialized and compressed once
  // per price group and catalogue revision, a page at a time, and shared; a client that holds it
  // (If-None-Match) gets 304 (routes/catalog-cache.ts).
  // The customer's price group comes with the token's lookup: no read of the customer here.
  // `format=compact`: the same catalogue in fewer bytes (widget/contract/catalog.ts, CompactCatalog).
  portalRoute(router, services, endpoints.getCatalog, async ({ principal, workspace, now, query }) => {
    return services.catalog.answer(
      { priceGroupId: principal.priceGroupId, explainPrices: workspace.settings.show_price_explanation },
      { currency: workspace.currency, now, format: query.format ?? 'full' },
    );
  });
}
