import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { listCustomers } from '../db/customers.ts';
import { adminRoute, type Services } from './define.ts';

export function customerRoutes(router: Router, services: Services): void {
  adminRoute(router, services, endpoints.listCustomers, async ({ query }) => {
    const result = await listCustomers(services.db, query);
    return { items: result.items.map(({ price_group_id: _, ...customer }) => customer), next_cursor: result.next_cursor };
  });
}
