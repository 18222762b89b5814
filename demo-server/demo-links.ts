import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.ts';
import { ALL_PERMISSIONS, insertToken } from './db/tokens.ts';
import { PortalTokens } from './auth/portal.ts';
import { hashSecret, hintFor, newSecret, PORTAL_TOKEN_PREFIX } from './auth/secrets.ts';

export interface DemoLink {
  customer_id: string;
  business_name: string;
  token: string;
  /** A link that browses and builds a cart but cannot place orders (`place_orders` off). */
  browse_only?: boolean;
}

/** How the start-up banner names a link. */
export const demoLinkLabel = (link: DemoLink): string =>
  link.browse_only ? `${link.business_name} (browse only: no place_orders)` : link.business_name;

/**
 * One working portal token per customer of the demo data, and for the first customer a second,
 * browse-only one (no `place_orders`) that shows the portal without checkout, kept in
 * DATA_DIR/demo-links.json so the printed links survive restarts. Demo credentials only: a real
 * deployment issues tokens through the admin API and never stores them in clear.
 */
export async function ensureDemoLinks(db: Kysely<Database>, dataDir: string, now: Date): Promise<DemoLink[]> {
  const file = join(dataDir, 'demo-links.json');
  const saved: DemoLink[] = existsSync(file) ? safeParse(readFileSync(file, 'utf8')) : [];
  const tokens = new PortalTokens(db);
  const customers = await db.selectFrom('customers').select(['id', 'business_name']).orderBy('created_at').orderBy('business_name').limit(10).execute();
  const links: DemoLink[] = [];
  const wanted = [...customers.map((c) => ({ customer: c, browseOnly: false })), ...customers.slice(0, 1).map((c) => ({ customer: c, browseOnly: true }))];
  for (const { customer, browseOnly } of wanted) {
    const previous = saved.find((l) => l.customer_id === customer.id && (l.browse_only ?? false) === browseOnly);
    const resolved = previous && (await tokens.resolve(previous.token, now));
    if (previous && resolved?.customerId === customer.id && resolved.permissions.place_orders === !browseOnly) {
      links.push({ ...previous, business_name: customer.business_name });
      continue;
    }
    const token = newSecret(PORTAL_TOKEN_PREFIX);
    await insertToken(db, {
      id: crypto.randomUUID(), customerId: customer.id, hash: hashSecret(token), hint: hintFor(token),
      permissions: { ...ALL_PERMISSIONS, place_orders: !browseOnly }, expiresAt: null, now: now.toISOString(),
    });
    links.push({ customer_id: customer.id, business_name: customer.business_name, token, ...(browseOnly ? { browse_only: true } : {}) });
  }
  writeFileSync(file, `${JSON.stringify(links, null, 2)}\n`, { mode: 0o600 });
  return links;
}

function safeParse(text: string): DemoLink[] {
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}
