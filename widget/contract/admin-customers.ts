import { z } from 'zod';
import { DateTime, DocumentRef, Id, Money, Text, listOf } from './common.ts';
import { AdminPageQuery, Customer, Language } from './admin.ts';
import { ChargeRules, CheckoutMode, Freight, OrderCreationStatus, OrderDefaults, OrderTemplate } from './portal.ts';
import { ApprovalSettings } from './approvals.ts';

/** The back office's customers (issue 15): create, read, change, archive; named admin keys; activity. */

export const CustomerPath = z.object({ id: Id });

const BusinessName = Text(200).trim().min(1);
const Email = z.email().max(254);

/** A customer's own settings; null (or left out, on create) is the workspace's default. */
const CustomerFields = {
  email: Email.nullable(),
  language: Language.nullable(),
  price_group_id: Id.nullable().meta({
    description: 'An existing price group (else 422 `unknown_price_group`); null: none, the default price list.',
  }),
  credit_limit_minor: Money.meta({ description: 'Credit for pay-later orders; 0: no limit.' }),
  order_template: OrderTemplate.nullable(),
  checkout_mode: CheckoutMode.nullable(),
  freight: Freight.nullable(),
  approval: ApprovalSettings,
  default_delivery_service_id: Id.nullable().meta({
    description:
      'A delivery service the customer may select (else 422 `unknown_delivery_service`); null: none, the first.',
  }),

  order_creation_status: OrderCreationStatus.nullable().meta({
    description: "What the customer's portal checkouts make; null: the delivery service's, else the workspace's.",
  }),
  create_orders_automatically: z.boolean().nullable().meta({
    description:
      "false: the customer's portal orders wait for the supplier to create them; null: the workspace's setting.",
  }),
  charges: ChargeRules.nullable(),
  show_charges: z.boolean(),
  minimum_order_minor: Money.nullable(),
  order_defaults: OrderDefaults.nullable().meta({
    description:
      "Its `delivery_address_id` must be one of the customer's delivery addresses (else 422 `unknown_address`).",
  }),
};

export const CreateCustomerRequest = z
  .object(CustomerFields)
  .partial()
  .extend({ business_name: BusinessName })
  .strict();
export type CreateCustomerRequest = z.infer<typeof CreateCustomerRequest>;

export const CustomerPatch = z
  .object({ business_name: BusinessName, ...CustomerFields })
  .partial()
  .strict();
export type CustomerPatch = z.infer<typeof CustomerPatch>;

/** A customer as the console's customer page shows it. */
export const CustomerDetail = Customer.extend({
  live_links: z
    .int()
    .min(0)
    .meta({ description: 'Links neither revoked nor expired (they stop working while the customer is archived).' }),
  last_activity_at: DateTime.nullable().meta({
    description: "The newest entry of the customer's activity; null: none yet.",
  }),
});
export type CustomerDetail = z.infer<typeof CustomerDetail>;

export const CustomerListQuery = AdminPageQuery.extend({
  q: Text(200).trim().optional().meta({ description: 'Part of the business name or email, any case.' }),
  archived: z
    .enum(['true', 'false', 'any'])
    .optional()
    .meta({ description: 'false (the default): active customers only; true: archived only; any: both.' }),
});

// ---- named admin keys

export const AdminKeyInfo = z.object({
  id: Id,
  name: z.string(),
  hint: z
    .string()
    .nullable()
    .meta({ description: 'Prefix and last characters; null for the bootstrap key, of which only a hash is known.' }),
  bootstrap: z.boolean().meta({
    description:
      'The key the server starts with (ADMIN_TOKEN, or the key `npm run admin-key` stored): it cannot be revoked here; change it with ADMIN_TOKEN or `npm run admin-key`.',
  }),
  created_at: DateTime.nullable(),
  last_used_at: DateTime.nullable().meta({ description: 'Written every few seconds, not on each request.' }),
  revoked_at: DateTime.nullable(),
});
export type AdminKeyInfo = z.infer<typeof AdminKeyInfo>;
export const AdminKeyList = listOf(AdminKeyInfo);
export const CreateAdminKeyRequest = z.object({ name: Text(100).trim().min(1) }).strict();
export const CreatedAdminKey = AdminKeyInfo.extend({
  key: z.string().meta({ description: 'The secret; shown only in this answer.' }),
});
export const AdminKeyPath = z.object({ id: Id });

// ---- activity

export const ActivityKind = z.enum([
  'link_used',
  'link_created',
  'link_revoked',
  'order_placed',
  'change_requested',
  'cancel_requested',
  'quote_accepted',
  'quote_declined',
  'order_approved',
  'order_rejected',
]);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const ActivityItem = z.object({
  at: DateTime,
  kind: ActivityKind.meta({ description: 'link_used: at most one entry per link and hour.' }),
  customer: z.object({ id: Id, business_name: z.string() }),
  document: DocumentRef.optional().meta({ description: 'The order or quote, where the entry is about one.' }),
  link: z
    .object({ id: Id, hint: z.string() })
    .optional()
    .meta({ description: 'The link, where the entry is about one.' }),
  by: z
    .string()
    .optional()
    .meta({ description: 'Who did it, where the entry names a person: the Admin who approved or rejected an order.' }),
  reason: z.string().optional().meta({ description: 'The reason given, with order_rejected.' }),
});
export type ActivityItem = z.infer<typeof ActivityItem>;
export const ActivityList = listOf(ActivityItem);
export const ActivityQuery = AdminPageQuery.extend({ customer_id: Id.optional() });
