import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { customerOf } from './session.ts';
import { portalRoute, SerializedAnswer, type Services } from './define.ts';

export function catalogRoutes(router: Router, services: Services): void {
  // The longest answer there is (MBs with a long catalogue): read and serialized once per price
  // group and catalogue revision, a page at a time, and shared (routes/catalog-cache.ts).
  portalRoute(router, services, endpoints.getCatalog, async ({ principal, workspace, now }) => {
    const customer = await customerOf(services, principal.customerId);
    const chunks = await services.catalog.answer(
      { priceGroupId: customer.price_group_id, explainPrices: workspace.settings.show_price_explanation },
      { currency: workspace.currency, now },
    );
    return new SerializedAnswer(chunks);
  });
}
