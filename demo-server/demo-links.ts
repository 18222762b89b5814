import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema.ts';
import { ALL_PERMISSIONS, insertToken } from './db/tokens.ts';
import { hashSecret, hintFor, newSecret, PORTAL_TOKEN_PREFIX } from './auth/secrets.ts';
import type { LinkSeal } from './link-seal.ts';
import { ROLES, type Role } from '../widget/contract/index.ts';

/** What start-up prints for one demo link. */
export type DemoLink = {
  customer_id: string;
  business_name: string;
  /** A link that browses and builds a cart but cannot place orders (`place_orders` off): the first customer gets one too. */
  browse_only?: boolean;
  /** A person's link: one per role, for the first demo customer with people (issue 16). */
  person?: { name: string; role: Role };
} &
  /** A live demo link this DATA_DIR holds: printed. */
  (
    | { state: 'link'; token: string; expires_at: string }
    /** A live demo link issued elsewhere (another instance, another DATA_DIR): not minted again, and its secret is not here. */
    | { state: 'elsewhere'; hint: string; expires_at: string }
    /** A link of theirs was revoked: the demo never hands them a new one. */
    | { state: 'revoked' }
  );

/** Demo tokens are marked in their hint (`cpt_ab…wxyz (demo)`), which the admin token list shows too. */
const DEMO_HINT_SUFFIX = ' (demo)';
/** The browse-only demo link's mark. */
const BROWSE_HINT_SUFFIX = ' (demo, browse only)';

/** Any fixed number: the PostgreSQL advisory lock that issuing demo links holds. */
const DEMO_LINKS_LOCK = 0xde30;

/** How the start-up banner names a link. */
export const demoLinkLabel = (link: DemoLink): string =>
  link.person
    ? `${link.business_name}: ${link.person.name} (${link.person.role})`
    : link.browse_only
      ? `${link.business_name} (browse only: no place_orders)`
      : link.business_name;

/** A person's demo link is marked with their name and role: `cpt_ab…wxyz (demo, Ana Ruiz, admin)`. */
const personSuffix = (person: { name: string; role: Role }) => ` (demo, ${person.name}, ${person.role})`;

/**
 * One live portal link per customer of the demo data (the first 10 not archived), a browse-only one (no
 * `place_orders`) for the first, and one per role for the first customer with people (their own
 * links: the role narrows what they may do), for the start-up banner.
 * A still-valid demo link is re-used, never doubled: the database is asked, under a lock, so
 * instances starting together on one PostgreSQL mint one link per customer between them. A customer
 * with any revoked token gets none. The secrets this DATA_DIR minted are kept in
 * DATA_DIR/demo-links.json (mode 600) so a restart can print them again: demo credentials only,
 * and only written when links are asked for.
 */
export async function ensureDemoLinks(
  db: Kysely<Database>,
  kind: 'sqlite' | 'postgres',
  dataDir: string,
  now: Date,
  validDays: number,
  /** Seals the links minted now, so the supplier can send them by email. */
  seal?: LinkSeal,
): Promise<DemoLink[]> {
  const file = join(dataDir, 'demo-links.json');
  const saved = new Map(
    (existsSync(file) ? safeParse(readFileSync(file, 'utf8')) : []).map((s) => [hashSecret(s.token), s.token]),
  );
  const nowIso = now.toISOString();
  const expiresAt = new Date(now.getTime() + validDays * 86_400_000).toISOString();

  const links = await db.transaction().execute(async (tx) => {
    if (kind === 'postgres') await sql`SELECT pg_advisory_xact_lock(${DEMO_LINKS_LOCK})`.execute(tx);
    const customers = await tx
      .selectFrom('customers')
      .select(['id', 'business_name'])
      .where('archived_at', 'is', null)
      .orderBy('created_at')
      .orderBy('business_name')
      .limit(10)
      .execute();
    if (customers.length === 0) return [];
    const ids = customers.map((c) => c.id);
    if (saved.size) {
      // Links printed by versions before demo links expired: marked, and given the expiry now.
      await tx
        .updateTable('portal_tokens')
        .set({ hint: sql<string>`hint || ${DEMO_HINT_SUFFIX}`, expires_at: expiresAt })
        .where('token_hash', 'in', [...saved.keys()])
        .where('expires_at', 'is', null)
        .where('hint', 'not like', `%${DEMO_HINT_SUFFIX}`)
        .execute();
    }
    // A revoked link of the account keeps the account's own demo links away; a person's, theirs.
    const revokedRows = await tx
      .selectFrom('portal_tokens')
      .select(['customer_id', 'person_id'])
      .distinct()
      .where('customer_id', 'in', ids)
      .where('revoked_at', 'is not', null)
      .execute();
    const revoked = new Set(revokedRows.filter((r) => !r.person_id).map((r) => r.customer_id));
    const revokedPeople = new Set(revokedRows.flatMap((r) => (r.person_id ? [r.person_id] : [])));
    // One person of each role, of the first customer who has people.
    const people = await tx
      .selectFrom('people')
      .select(['id', 'customer_id', 'name', 'role'])
      .where('customer_id', 'in', ids)
      .where('removed_at', 'is', null)
      .orderBy('name')
      .execute();
    const withPeople = customers.find((c) => people.some((p) => p.customer_id === c.id));
    const onePerRole = withPeople
      ? ROLES.flatMap((role) => people.filter((p) => p.customer_id === withPeople.id && p.role === role).slice(0, 1))
      : [];
    const live = await tx
      .selectFrom('portal_tokens')
      .select(['customer_id', 'token_hash', 'hint', 'expires_at'])
      .where('customer_id', 'in', ids)
      .where('hint', 'like', '% (demo%')
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', nowIso)
      .orderBy('expires_at', 'desc')
      .execute();

    const out: DemoLink[] = [];
    const wanted: {
      id: string;
      business_name: string;
      browseOnly: boolean;
      person?: { id: string; name: string; role: Role };
    }[] = [
      ...customers.map((c) => ({ ...c, browseOnly: false })),
      ...customers.slice(0, 1).map((c) => ({ ...c, browseOnly: true })),
      ...onePerRole.map((p) => ({
        id: withPeople!.id,
        business_name: withPeople!.business_name,
        browseOnly: false,
        person: { id: p.id, name: p.name, role: p.role },
      })),
    ];
    for (const { id, business_name, browseOnly, person } of wanted) {
      const who = {
        customer_id: id,
        business_name,
        ...(browseOnly ? { browse_only: true } : {}),
        ...(person ? { person: { name: person.name, role: person.role } } : {}),
      };
      if (person ? revokedPeople.has(person.id) || revoked.has(id) : revoked.has(id)) {
        out.push({ ...who, state: 'revoked' });
        continue;
      }
      const suffix = person ? personSuffix(person) : browseOnly ? BROWSE_HINT_SUFFIX : DEMO_HINT_SUFFIX;
      const theirs = live.filter((t) => t.customer_id === id && t.hint.endsWith(suffix));
      const held = theirs.find((t) => saved.has(t.token_hash));
      if (held) {
        out.push({ ...who, state: 'link', token: saved.get(held.token_hash)!, expires_at: held.expires_at! });
      } else if (theirs.length) {
        out.push({
          ...who,
          state: 'elsewhere',
          hint: theirs[0].hint.slice(0, -suffix.length),
          expires_at: theirs[0].expires_at!,
        });
      } else {
        const token = newSecret(PORTAL_TOKEN_PREFIX);
        const tokenId = crypto.randomUUID();
        await insertToken(tx, {
          id: tokenId,
          customerId: id,
          personId: person?.id ?? null,
          hash: hashSecret(token),
          hint: hintFor(token) + suffix,
          sealed: seal?.seal(tokenId, token) ?? null,
          permissions: { ...ALL_PERMISSIONS, place_orders: !browseOnly },
          expiresAt,
          now: nowIso,
        });
        out.push({ ...who, state: 'link', token, expires_at: expiresAt });
      }
    }
    return out;
  });

  const held = links.flatMap((l) =>
    l.state === 'link' ? [{ customer_id: l.customer_id, token: l.token, expires_at: l.expires_at }] : [],
  );
  writeFileSync(file, `${JSON.stringify(held, null, 2)}\n`, { mode: 0o600 });
  return links;
}

function safeParse(text: string): { token: string }[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is { token: string } => typeof v?.token === 'string') : [];
  } catch {
    return [];
  }
}
