import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { listPayments } from '../db/documents.ts';
import { portalRoute, type Services } from './define.ts';

export function paymentRoutes(router: Router, services: Services): void {
  portalRoute(router, services, endpoints.listPayments, async ({ principal, query }) =>
    listPayments(services.db, principal.customerId, query),
  );
}
