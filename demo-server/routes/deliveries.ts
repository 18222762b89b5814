import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { listDeliveries } from '../db/documents.ts';
import { portalRoute, type Services } from './define.ts';

export function deliveryRoutes(router: Router, services: Services): void {
  portalRoute(router, services, endpoints.listDeliveries, async ({ principal, query }) =>
    listDeliveries(services.db, principal.customerId, query));
}
