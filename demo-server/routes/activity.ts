import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { listActivity } from '../db/activity.ts';
import { adminRoute, type Services } from './define.ts';

export function activityRoutes(router: Router, services: Services): void {
  adminRoute(router, services, endpoints.listActivity, async ({ query }) => {
    // Link uses are written in batches: this process's are written first, so the list is current.
    await services.tokens.flushUses();
    return listActivity(services.db, { customerId: query.customer_id, cursor: query.cursor, limit: query.limit });
  });
}
