import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { listInvoices } from '../db/documents.ts';
import { portalRoute, type Services } from './define.ts';

export function invoiceRoutes(router: Router, services: Services): void {
  portalRoute(router, services, endpoints.listInvoices, async ({ principal, query }) =>
    listInvoices(services.db, principal.customerId, query));
}
