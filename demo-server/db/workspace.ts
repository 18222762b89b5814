import type { Kysely } from 'kysely';
import { WorkspaceSettings, type WorkspaceSettingsPatch } from '../../widget/contract/index.ts';
import type { Database } from './schema.ts';

export interface Workspace {
  id: string;
  name: string;
  currency: string;
  locale: string;
  logo_url: string | null;
  accent_color: string | null;
  settings: WorkspaceSettings;
}

export async function getWorkspace(db: Kysely<Database>): Promise<Workspace> {
  const row = await db.selectFrom('workspace').selectAll().executeTakeFirstOrThrow();
  return {
    id: row.id, name: row.name, currency: row.currency, locale: row.locale,
    logo_url: row.logo_url, accent_color: row.accent_color,
    settings: WorkspaceSettings.parse(JSON.parse(row.settings_json)),
  };
}

/** Applies a partial change; nested groups (sections, tabs) merge key by key. */
export async function updateWorkspaceSettings(db: Kysely<Database>, patch: WorkspaceSettingsPatch): Promise<WorkspaceSettings> {
  return db.transaction().execute(async (tx) => {
    const current = (await getWorkspace(tx)).settings;
    const next: WorkspaceSettings = {
      ...current,
      ...patch,
      sections: { ...current.sections, ...patch.sections },
      tabs: { ...current.tabs, ...patch.tabs },
    };
    await tx.updateTable('workspace').set({ settings_json: JSON.stringify(next) }).execute();
    return next;
  });
}

export async function getAdminKeyHash(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('workspace').select('admin_token_hash').executeTakeFirst();
  return row?.admin_token_hash ?? null;
}

export async function setAdminKeyHash(db: Kysely<Database>, hash: string): Promise<void> {
  await db.updateTable('workspace').set({ admin_token_hash: hash }).execute();
}
