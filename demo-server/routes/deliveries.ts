import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { getDelivery, listDeliveries } from '../db/documents.ts';
import { notFound } from '../errors.ts';
import { portalRoute, type Services } from './define.ts';

export function deliveryRoutes(router: Router, services: Services): void {
  portalRoute(router, services, endpoints.listDeliveries, async ({ principal, query }) =>
    listDeliveries(services.db, principal.customerId, query),
  );

  portalRoute(
    router,
    services,
    endpoints.getDelivery,
    async ({ principal, params }) =>
      (await getDelivery(services.db, principal.customerId, params.id)) ??
      Promise.reject(notFound('No such delivery.')),
  );
}
