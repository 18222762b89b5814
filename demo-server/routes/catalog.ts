import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { loadCatalog } from '../db/catalog.ts';
import { customerOf } from './session.ts';
import { portalRoute, type Services } from './define.ts';

export function catalogRoutes(router: Router, services: Services): void {
  portalRoute(router, services, endpoints.getCatalog, async ({ principal, workspace, now }) => {
    const customer = await customerOf(services, principal.customerId);
    const catalog = await loadCatalog(services.db, { priceGroupId: customer.price_group_id, now: now.toISOString() });
    // "Buyers see only the final resolved price": unless the supplier explains prices, no list is named.
    const pricing = workspace.settings.show_price_explanation ? catalog.pricing : {
      ...catalog.pricing,
      group_list: catalog.pricing.group_list && { ...catalog.pricing.group_list, name: null },
      default_list: catalog.pricing.default_list && { ...catalog.pricing.default_list, name: null },
    };
    return { currency: workspace.currency, ...catalog, pricing, generated_at: now.toISOString() };
  });
}
