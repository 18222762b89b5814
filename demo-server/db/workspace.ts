import type { Kysely } from 'kysely';
import { WorkspaceSettings, type WorkspaceSettingsPatch } from '../../widget/contract/index.ts';
import type { Database } from './schema.ts';
import { DEFAULT_ORDER_CHANGES } from './migrations.ts';
import {
  DEFAULT_CREATE_ORDERS_AUTOMATICALLY,
  DEFAULT_ORDER_CREATION_STATUS,
} from '../../widget/contract/rules/order-creation.ts';

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
  return readWorkspace(db);
}

async function readWorkspace(db: Kysely<Database>): Promise<Workspace> {
  const row = await db.selectFrom('workspace').selectAll().executeTakeFirstOrThrow();
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    locale: row.locale,
    logo_url: row.logo_url,
    accent_color: row.accent_color,
    settings: parseSettings(row.settings_json),
  };
}

/** Stored settings, with the defaults of keys added since they were written (tolerant of old rows). */
export function parseSettings(json: string): WorkspaceSettings {
  const raw = JSON.parse(json);
  return WorkspaceSettings.parse({
    require_unique_reference: false,
    show_price_explanation: false,
    allow_orders_over_credit_limit: false,
    order_creation_status: DEFAULT_ORDER_CREATION_STATUS,
    create_orders_automatically: DEFAULT_CREATE_ORDERS_AUTOMATICALLY,
    ...raw,
    // Settings stored before edits and cancellations had their own limits: both follow allowed_before.
    order_changes: {
      edits_allowed_before: null,
      cancellations_allowed_before: null,
      ...DEFAULT_ORDER_CHANGES,
      ...raw?.order_changes,
    },
  });
}

/** Applies a partial change; nested groups (sections, tabs, order_changes) merge key by key. */
export async function updateWorkspaceSettings(
  db: Kysely<Database>,
  patch: WorkspaceSettingsPatch,
): Promise<WorkspaceSettings> {
  return db.transaction().execute(async (tx) => {
    // A no-op write first takes the row lock (PostgreSQL) or the write lock (SQLite), so two
    // concurrent changes apply one after the other instead of the second overwriting the first.
    await tx
      .updateTable('workspace')
      .set((eb) => ({ settings_json: eb.ref('settings_json') }))
      .execute();
    const current = (await getWorkspace(tx)).settings;
    const next: WorkspaceSettings = {
      ...current,
      ...patch,
      sections: { ...current.sections, ...patch.sections },
      tabs: { ...current.tabs, ...patch.tabs },
      order_changes: { ...current.order_changes, ...patch.order_changes },
    };
    await tx
      .updateTable('workspace')
      .set({ settings_json: JSON.stringify(next) })
      .execute();
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

/**
 * The workspace is read on every portal request and changes rarely: keep it for a moment.
 * A change made through this process is seen at once; one made through another server
 * process within `ttlMs` (1 s by default).
 */
export class WorkspaceCache {
  #value: Workspace | undefined;
  #readAt = 0;
  #pending: Promise<Workspace> | undefined;
  /** Bumped by invalidate(): a read that started before a change is not kept. */
  #generation = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 1000,
  ) {}

  async get(): Promise<Workspace> {
    if (this.#value && Date.now() - this.#readAt < this.ttlMs) return this.#value;
    if (!this.#pending) {
      const generation = this.#generation;
      const pending = readWorkspace(this.db)
        .then((value) => {
          if (generation === this.#generation) {
            this.#value = value;
            this.#readAt = Date.now();
          }
          return value;
        })
        .finally(() => {
          if (this.#pending === pending) this.#pending = undefined;
        });
      this.#pending = pending;
    }
    return this.#pending;
  }

  invalidate(): void {
    this.#generation += 1;
    this.#value = undefined;
    this.#pending = undefined;
  }
}
