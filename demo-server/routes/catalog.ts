import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { loadCatalog } from '../db/catalog.ts';
import { customerOf } from './session.ts';
import { portalRoute, type Services } from './define.ts';

export function catalogRoutes(router: Router, services: Services): void {
  portalRoute(router, services, endpoints.getCatalog, async ({ principal, workspace, now }) => {
    const customer = await customerOf(services, principal.customerId);
    const catalog = await loadCatalog(services.db, { priceGroupId: customer.price_group_id, now: now.toISOString() });
    return { currency: workspace.currency, ...catalog, generated_at: now.toISOString() };
  });
}
