import type { Permission, Section } from '../common.ts';
import type { RuleRefusal } from './refusal.ts';
import { managesAccount, type Role } from './roles.ts';

// No zod here: the reference server, the mock API and the widget share it.

/** Which permission a customer needs to read each section. */
export const SECTION_PERMISSION = {
  orders: 'view_orders',
  quotes: 'view_quotes',
  invoices: 'view_invoices',
  payments: 'view_payments',
  deliveries: 'view_deliveries',
} as const satisfies Record<Section, Permission>;

/** What an endpoint asks of the token: the part of the contract's `Endpoint` these rules read. */
export interface AccessNeeds {
  section?: Section;
  permission?: Permission;
  writePermission?: Permission;
  /** Only the account's Admins, with every permission (see `managesAccount`), may use it. */
  accountAdmin?: boolean;
}

/** The permission a portal token needs to use an endpoint at all: its own, else its section's; none for the others. */
export function readPermission(endpoint: AccessNeeds): Permission | undefined {
  return endpoint.permission ?? (endpoint.section ? SECTION_PERMISSION[endpoint.section] : undefined);
}

/** Every permission a portal token needs for an endpoint, in the order they are checked: the read permission, then the write one. */
export function requiredPermissions(endpoint: AccessNeeds): Permission[] {
  return [readPermission(endpoint), endpoint.writePermission].filter((p): p is Permission => p !== undefined);
}

/**
 * Whether a portal request may reach its input checks. Server and mock check a portal request
 * in one order: the token (401), its read or write budget (429), the body as bytes (413 over
 * `LIMITS.maxBodyBytes`, 400 `malformed_json` when it is not JSON), then this rule (403
 * `section_disabled` before 403 `permission_denied`), then params, query and body against the
 * schemas (400 `validation_failed`). A permission missing from `permissions` is refused.
 */
export function accessRefusal(
  endpoint: AccessNeeds,
  sections: Readonly<Record<Section, boolean>>,
  permissions: Readonly<Partial<Record<Permission, boolean>>>,
  /** The role of the link's person; null: the account's own link. */
  role: Role | null = null,
): RuleRefusal | null {
  if (endpoint.section && !sections[endpoint.section]) {
    return {
      status: 403,
      code: 'section_disabled',
      message: `The ${endpoint.section} section is not available in this portal.`,
    };
  }
  const permission = requiredPermissions(endpoint).find((p) => !permissions[p]);
  if (permission)
    return { status: 403, code: 'permission_denied', message: `This portal link does not allow that (${permission}).` };
  if (endpoint.accountAdmin && !managesAccount(role, permissions))
    return { status: 403, code: 'permission_denied', message: "Only the account's Admins may do that." };
  return null;
}
