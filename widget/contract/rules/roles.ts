import type { Permission, Permissions } from '../common.ts';

// No zod here: the reference server, the mock API and the widget share it.

/** The roles of the people on a company account (seed 001: "Multi-User Access"). */
export const ROLES = ['admin', 'buyer', 'viewer', 'finance'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What each role may do, as a preset of the token permissions. A link that belongs to a person
 * may do what both its own permissions and the person's role allow; a link without a person is
 * the account's own and keeps its permissions as they are.
 * - admin: everything, and manages the account's people.
 * - buyer: orders (checkout, changes, cancellations, quotes) and follows them.
 * - viewer: reads every section, changes nothing.
 * - finance: invoices and payments, and the orders they bill (read only): no ordering.
 */
export const ROLE_PERMISSIONS = {
  admin: [
    'view_quotes',
    'accept_quotes',
    'view_orders',
    'view_invoices',
    'view_payments',
    'view_deliveries',
    'submit_feedback',
    'place_orders',
  ],
  buyer: ['place_orders', 'view_orders', 'view_quotes', 'accept_quotes', 'view_deliveries', 'submit_feedback'],
  viewer: ['view_quotes', 'view_orders', 'view_invoices', 'view_payments', 'view_deliveries'],
  finance: ['view_invoices', 'view_payments', 'view_orders'],
} as const satisfies Record<Role, readonly Permission[]>;

/** A link's permissions narrowed by its person's role (null: the account's own link, unchanged). */
export function effectivePermissions(token: Permissions, role: Role | null): Permissions {
  if (role === null) return token;
  const allowed: readonly Permission[] = ROLE_PERMISSIONS[role];
  return Object.fromEntries(
    (Object.keys(token) as Permission[]).map((p) => [p, token[p] && allowed.includes(p)]),
  ) as Permissions;
}

/** Whether a link's person may manage the account's people: an Admin, or none (the account's own link). */
export const managesPeople = (role: Role | null): boolean => role === null || role === 'admin';

/**
 * Whether a link may manage the account (its people, approvals and addresses): an Admin's or the
 * account's own link, holding every permission. A link the supplier narrowed manages nothing, so
 * no one gets through it more than it has (an invited person's link holds every permission).
 */
export const managesAccount = (role: Role | null, permissions: Readonly<Partial<Record<Permission, boolean>>>) =>
  managesPeople(role) && ROLE_PERMISSIONS.admin.every((p) => permissions[p] === true);
