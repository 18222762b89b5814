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
}

/**
 * One working portal token per customer of the demo data, kept in DATA_DIR/demo-links.json so the
 * printed links survive restarts. Demo credentials only: a real deployment issues tokens through
 * the admin API and never stores them in clear.
 */
export async function ensureDemoLinks(db: Kysely<Database>, dataDir: string, now: Date): Promise<DemoLink[]> {
  const file = join(dataDir, 'demo-links.json');
  const saved: DemoLink[] = existsSync(file) ? safeParse(readFileSync(file, 'utf8')) : [];
  const tokens = new PortalTokens(db);
  const customers = await db.selectFrom('customers').select(['id', 'business_name']).orderBy('created_at').orderBy('business_name').limit(10).execute();
  const links: DemoLink[] = [];
  for (const customer of customers) {
    const previous = saved.find((l) => l.customer_id === customer.id);
    if (previous && (await tokens.resolve(previous.token, now))?.customerId === customer.id) {
      links.push({ ...previous, business_name: customer.business_name });
      continue;
    }
    const token = newSecret(PORTAL_TOKEN_PREFIX);
    await insertToken(db, {
      id: crypto.randomUUID(), customerId: customer.id, hash: hashSecret(token), hint: hintFor(token),
      permissions: ALL_PERMISSIONS, expiresAt: null, now: now.toISOString(),
    });
    links.push({ customer_id: customer.id, business_name: customer.business_name, token });
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
