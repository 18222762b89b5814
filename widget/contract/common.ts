import { z } from 'zod';
import { LIMITS } from './limits.ts';
import { ID_PATTERN } from './rules/id.ts';
import { ROLES } from './rules/roles.ts';

/** Integer minor units (cents) of the document's currency. Never a float. */
export const Money = z.int().min(0).meta({ description: 'Integer amount in minor units of the document currency.' });
export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .meta({ description: 'ISO 4217 currency code.' });
/**
 * An id is opaque: whatever string the supplier's backend uses (a UUID, `C-000123`, `42`). Only its
 * size and characters are checked (see ID_PATTERN), so it fits a URL path segment once percent-encoded.
 */
export const Id = z
  .string()
  .min(1)
  .max(LIMITS.maxIdLength)
  .regex(ID_PATTERN, 'must not contain control characters or lone surrogates, nor be . or ..')
  .meta({
    description:
      `An opaque id: any string of 1 to ${LIMITS.maxIdLength} characters without control characters, other than . and .. ` +
      '(a UUID, C-000123, 42...). Clients compare it as a whole and percent-encode it in a URL path.',
  });
export const DateTime = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 date-time.' });
export const DateOnly = z.iso.date().meta({ description: 'ISO 8601 date.' });
export const Cursor = z.string().min(1).max(1000);

// eslint-disable-next-line no-control-regex -- NUL is what it refuses
const NO_NUL = /^[^\u0000]*$/;
/** Free text from a client: no NUL characters (PostgreSQL cannot store them), at most `max` characters. */
export const Text = (max: number) => z.string().max(max).regex(NO_NUL, 'must not contain NUL characters');
export const DocumentRef = z.object({ id: Id, number: z.string() });
/** A document's readable number, e.g. SO-2026-0042: what links and the address bar show. */
export const DocumentNumber = z.string().regex(/^[A-Z]{1,5}-\d{4}-\d{1,9}$/);
/**
 * Where a document is read by key: its id or its number (so `#portal/orders/SO-2026-0042` links work).
 * Ids are opaque, so any id-shaped key is looked up, by id first, then by number.
 */
export const DocumentKey = Id.meta({
  description: `The document's id or its number, e.g. SO-2026-0042: 1 to ${LIMITS.maxIdLength} characters without control characters, other than . and .., looked up by id first, then by number.`,
});

/** Every list answers `{ items, next_cursor }`; pass `next_cursor` back as `?cursor=` for the next page. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}

export const PageQuery = z.object({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

export const ErrorCode = z.enum([
  'validation_failed',
  'malformed_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthorized',
  'invalid_token',
  'permission_denied',
  'section_disabled',
  'supplier_unavailable',
  'not_found',
  'rate_limited',
  'idempotency_key_required',
  'idempotency_key_reused',
  'idempotency_in_flight',
  'price_changed',
  'lines_not_orderable',
  'quote_not_open',
  'order_not_editable',
  'request_pending',
  'request_not_pending',
  'reference_required',
  'reference_taken',
  'cutoff_passed',
  'unknown_delivery_service',
  'credit_limit_exceeded',
  'below_minimum',
  'conflict',
  'mail_failed',
  'link_not_active',
  'link_not_resendable',
  'email_required',
  'customer_archived',
  'invalid_transition',
  'already_invoiced',
  'not_invoiceable',
  'quote_not_convertible',
  'allocation_invalid',
  'unknown_price_group',
  'rows_refused',
  'key_not_revocable',
  'unknown_address',
  'unknown_person',
  'no_profile',
  'not_awaiting_approval',
  'not_awaiting_supplier',
  'approval_required',
  'order_closed',
  'charge_not_pending',
  'internal_error',
  'service_unavailable',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * The per-token permissions of the portal; each defaults to true when a token is made, and a
 * permission added later (`place_orders`) reads as true on a token stored before it existed.
 */
export const PERMISSIONS = [
  'view_quotes',
  'accept_quotes',
  'view_orders',
  'view_invoices',
  'view_payments',
  'view_deliveries',
  'submit_feedback',
  'place_orders',
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;
export const Permissions = z.object(
  Object.fromEntries(PERMISSIONS.map((p) => [p, z.boolean()])) as Record<Permission, z.ZodBoolean>,
);
export type Permissions = z.infer<typeof Permissions>;

export const SECTIONS = ['orders', 'quotes', 'invoices', 'payments', 'deliveries'] as const;
export const Section = z.enum(SECTIONS);
export type Section = z.infer<typeof Section>;
export const Sections = z.object(
  Object.fromEntries(SECTIONS.map((s) => [s, z.boolean()])) as Record<Section, z.ZodBoolean>,
);
export type Sections = z.infer<typeof Sections>;

export { SECTION_PERMISSION } from './rules/access.ts';

/** A person's role on a company account: a preset of the permissions (rules/roles.ts). */
export const Role = z.enum(ROLES).meta({
  description:
    'admin: everything, and manages the people; buyer: orders and follows them; viewer: reads, changes nothing; finance: invoices and payments (orders read only), no ordering.',
});
export type Role = z.infer<typeof Role>;
/** Who placed an order or asked for a change: a person of the customer's account. */
export const PersonRef = z.object({ id: Id, name: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;
export { ROLES, ROLE_PERMISSIONS, effectivePermissions, managesPeople } from './rules/roles.ts';

export { LIMITS } from './limits.ts';
