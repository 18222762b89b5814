/**
 * The portal's place in the page's address: `#portal/<section>[/<key>]`, e.g.
 * `#portal/orders/SO-2026-0042`. A hash, so links, reload and the back button work without
 * taking over the merchant page's own router; any other hash is the page's, not ours.
 */

import type { Section, Session } from '../contract/index.ts';
import { SECTION_PERMISSION } from '../contract/rules/access.ts';
import { canPlaceOrders, managesPeople } from './permissions.ts';

export const ROUTE_SECTIONS = [
  'shop',
  'dashboard',
  'orders',
  'quotes',
  'invoices',
  'payments',
  'deliveries',
  'addresses',
  'people',
  'approvals',
  'profile',
] as const;
export type RouteSection = (typeof ROUTE_SECTIONS)[number];

export interface Route {
  section: RouteSection;
  /** A document number (e.g. QT-2026-0007) for a detail page; null for the section's list. */
  key: string | null;
}

/** `#portal`, `#portal/…`; not `#portal_token=…` nor any of the merchant's own hashes. */
const PORTAL_HASH = /^#portal(\/|$)/;

/** True when the hash belongs to the portal (so the portal may react to it). */
export function isPortalHash(hash: string): boolean {
  return PORTAL_HASH.test(hash);
}

/**
 * The route a hash names: `#portal` and `#portal/` are the shop; an unknown section is the shop
 * too (an old or mistyped link should not strand the customer). Null when the hash is not the
 * portal's, so the caller leaves it alone.
 */
export function parseRoute(hash: string): Route | null {
  if (!isPortalHash(hash)) return null;
  const [, section = '', ...rest] = hash.slice(1).split('/');
  if (!(ROUTE_SECTIONS as readonly string[]).includes(section)) return { section: 'shop', key: null };
  let key: string | null = null;
  if (rest.length > 0 && rest[0] !== '') {
    try {
      key = decodeURIComponent(rest.join('/'));
    } catch {
      key = null;
    }
  }
  return { section: section as RouteSection, key: section === 'shop' ? null : key };
}

/** The `href` of a route, for real links: `routeHref('quotes', 'QT-2026-0007')` is `#portal/quotes/QT-2026-0007`. */
export function routeHref(section: RouteSection, key?: string | null): string {
  if (section === 'shop') return '#portal';
  return key ? `#portal/${section}/${encodeURIComponent(key)}` : `#portal/${section}`;
}

/**
 * Whether the customer may open a section: the workspace shows it and the token may read it
 * (the session says both; the permission is checked too, so a stale session cannot open more).
 * The shop is always open; the dashboard as soon as one other section is; People to the account's Admins.
 */
export function sectionAllowed(session: Session | undefined, section: RouteSection): boolean {
  if (!session) return false;
  if (section === 'shop') return true;
  if (section === 'dashboard') return SECTIONS.some((s) => sectionAllowed(session, s));
  // The addresses: the account's own link reads them, as before people existed; a person, when
  // they order (checkout picks from them): a Viewer or Finance has no use for them. The supplier
  // has no switch for them.
  if (section === 'addresses') return !session.person || canPlaceOrders(session);
  if (section === 'people') return managesPeople(session);
  // Each person's own profile; the account's own link belongs to nobody, so it has none.
  if (section === 'profile') return !!session.person;
  // The account's Admins decide on the orders waiting for them (issue 16), as the API lets them.
  if (section === 'approvals') return managesPeople(session);
  return session.settings.sections[section] && session.permissions[SECTION_PERMISSION[section]];
}

const SECTIONS = Object.keys(SECTION_PERMISSION) as Section[];

/**
 * Why a section the customer cannot open is closed: the supplier has it switched off for
 * everyone ('workspace'), or this customer's link does not include it ('permission').
 */
export function sectionClosedBy(
  session: Session | undefined,
  section: Exclude<RouteSection, 'shop'>,
): 'workspace' | 'permission' {
  if (!session || section === 'addresses' || section === 'people' || section === 'profile') return 'permission';
  if (section === 'dashboard')
    return SECTIONS.some((s) => session.permissions[SECTION_PERMISSION[s]]) ? 'workspace' : 'permission';
  if (section === 'approvals') return 'permission';
  return session.permissions[SECTION_PERMISSION[section]] ? 'workspace' : 'permission';
}
