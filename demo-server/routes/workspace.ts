import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { getWorkspace, updateWorkspaceSettings } from '../db/workspace.ts';
import { adminRoute, type Services } from './define.ts';

export function workspaceRoutes(router: Router, services: Services): void {
  adminRoute(router, services, endpoints.getWorkspaceSettings, async () => (await getWorkspace(services.db)).settings);
  adminRoute(router, services, endpoints.patchWorkspaceSettings, async ({ body }) => {
    const settings = await updateWorkspaceSettings(services.db, body);
    services.workspace.invalidate();
    return settings;
  });
}
