import { ApprovalSettingsAnswer } from './approvals.ts';
import { TimeZone } from './delivery.ts';
import { z } from 'zod';
import { DateTime, DocumentRef, Id, LIMITS, Money, PageQuery, Permissions, Sections, Text, listOf } from './common.ts';
import {
  ChargeRules,
  OrderDefaults,
  CheckoutMode,
  Freight,
  OrderChangeSettings,
  OrderContent,
  OrderCreationStatus,
  OrderRequest,
  OrderRequestState,
  OrderStatus,
  OrderTemplate,
  TabSettings,
} from './portal.ts';

/** The languages messages and the portal are written in. */
export const Language = z.enum(['en', 'es']);
export type Language = z.infer<typeof Language>;

export const Customer = z.object({
  id: Id,
  business_name: z.string(),
  email: z.string().nullable(),
  price_group: z.object({ id: Id, name: z.string() }).nullable(),
  credit_limit_minor: Money,
  language: Language.nullable().meta({
    description: "The language of the customer's messages and portal; null: the workspace's.",
  }),
  archived_at: DateTime.nullable().meta({
    description: 'Set when the supplier archived the customer: their links stop working, their documents stay.',
  }),
  settings: z.object({
    order_template: OrderTemplate.nullable().meta({ description: 'null: the workspace default.' }),
    checkout_mode: CheckoutMode.nullable().meta({ description: 'null: the workspace default.' }),
    freight: Freight.nullable().meta({ description: 'null: the workspace default.' }),
    approval: ApprovalSettingsAnswer.meta({ description: "Which orders wait for the account's Admins (issue 16)." }),
    default_delivery_service_id: Id.nullable()
      .optional()
      .meta({ description: 'Added in 0.6. The delivery service checkout pre-selects; null: the first.' }),
    order_creation_status: OrderCreationStatus.nullable().meta({
      description:
        "What the customer's portal checkouts make (quote or to_plan); it wins over the delivery service's and the workspace's. null: not set.",
    }),
    create_orders_automatically: z.boolean().nullable().default(null).meta({
      description:
        'The customer\'s own "Automatically create orders" (false: their portal orders wait for the supplier); null: the workspace\'s.',
    }),
    charges: ChargeRules.nullable()
      .optional()
      .meta({ description: 'Added in 0.6. Charges besides freight on their orders; null or absent: none.' }),
    show_charges: z.boolean().optional().meta({
      description: 'Added in 0.6 (absent: true). "Show charges on portal": off, the customer sees totals only.',
    }),
    minimum_order_minor: Money.nullable()
      .optional()
      .meta({ description: 'Added in 0.6. Checkout refuses a subtotal below it; null or absent: no minimum.' }),
    order_defaults: OrderDefaults.nullable()
      .optional()
      .meta({ description: 'Added in 0.6. What checkout pre-fills for them; null or absent: nothing.' }),
  }),
});
export type Customer = z.infer<typeof Customer>;
export const CustomerList = listOf(Customer);
/** Admin lists allow larger pages than portal lists. */
export const AdminPageQuery = PageQuery.extend({ limit: z.coerce.number().int().min(1).max(100).optional() });

export const CreateTokenRequest = z.object({
  client_id: Id,
  person_id: Id.nullable().optional().meta({
    description:
      "The person of the customer's account the link belongs to (else 422 `unknown_person`); their role narrows its permissions. Absent: the account's own link.",
  }),
  permissions: Permissions.partial().optional().meta({ description: 'Each permission left out defaults to true.' }),
  expires_at: DateTime.nullable()
    .optional()
    .meta({ description: 'Must be in the future; null or absent: never expires.' }),
});
export const CreatedToken = z.object({
  id: Id,
  token: z.string().meta({ description: 'The secret; shown only in this answer.' }),
  url: z.url().meta({
    description:
      'The link to hand the customer: the portal page (workspace setting `portal_page_url`) with `#portal_token=…`.',
  }),
  client_id: Id,
  person_id: Id.nullable(),
  permissions: Permissions,
  expires_at: DateTime.nullable(),
  created_at: DateTime,
});
export type CreatedToken = z.infer<typeof CreatedToken>;
export const TokenInfo = z.object({
  id: Id,
  client_id: Id,
  hint: z.string().meta({ description: 'Prefix and last characters, to recognise a token without revealing it.' }),
  person_id: Id.nullable().meta({ description: "The person it belongs to; null: the account's own link." }),
  permissions: Permissions,
  expires_at: DateTime.nullable(),
  created_at: DateTime,
  revoked_at: DateTime.nullable(),
  last_used_at: DateTime.nullable(),
});
export const TokenList = listOf(TokenInfo);
export const TokenQuery = AdminPageQuery.extend({ client_id: Id.optional() });

/** The merchant's page that holds the portal: links are this page with `#portal_token=…`. */
export const PortalPageUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((url) => !url.includes('#'), 'must not have a #fragment: the link adds #portal_token=…');

export const WorkspaceSettings = z.object({
  sections: Sections,
  create_order_on_quote_acceptance: z.boolean(),
  tabs: TabSettings,
  checkout_mode: CheckoutMode,
  order_template: OrderTemplate,
  freight: Freight,
  payment_url: z.string().nullable(),
  trial_expired: z.boolean(),
  order_changes: OrderChangeSettings,
  require_unique_reference: z.boolean(),
  allow_orders_over_credit_limit: z.boolean().meta({
    description:
      "Pay-later orders over a customer's available credit go through (the supplier decides later). Off (the default): they are refused with 422 credit_limit_exceeded.",
  }),
  show_price_explanation: z.boolean().meta({
    description:
      'Cards offer "Why this price?" naming the price list a price comes from. Off (the default): customers see only their final prices, and no answer names a price list.',
  }),
  order_creation_status: OrderCreationStatus.meta({
    description:
      'What a portal checkout makes when neither the customer nor the delivery service sets it: `quote`, a quote request the supplier prices and sends; `to_plan` (the default), an order.',
  }),
  create_orders_automatically: z.boolean().default(true).meta({
    description:
      'On (the default): a portal order is created at once (pending). Off: it waits for the supplier (`awaiting_supplier`) until they create it (POST /api/v1/orders/{id}/create); a customer may override it.',
  }),
  portal_page_url: PortalPageUrl.nullable().default(null).meta({
    description:
      "The merchant's page with the portal on it; customers' links are this page with `#portal_token=…`. null (the default): this server's demo shop page, /examples/.",
  }),
  time_zone: TimeZone.default('Europe/Dublin').meta({
    description:
      "The supplier's time zone: delivery dates and cut-off times are its wall clock. Default Europe/Dublin.",
  }),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;

export const WorkspaceSettingsPatch = z
  .object({
    sections: Sections.partial().strict(),
    create_order_on_quote_acceptance: z.boolean(),
    tabs: TabSettings.partial().strict(),
    checkout_mode: CheckoutMode,
    order_template: OrderTemplate,
    freight: Freight,
    payment_url: z.url({ protocol: /^https?$/ }).nullable(),
    trial_expired: z.boolean(),
    order_changes: OrderChangeSettings.partial().strict(),
    require_unique_reference: z.boolean(),
    show_price_explanation: z.boolean(),
    allow_orders_over_credit_limit: z.boolean(),
    portal_page_url: PortalPageUrl.nullable(),
    time_zone: TimeZone,
    order_creation_status: OrderCreationStatus,
    create_orders_automatically: z.boolean(),
  })
  .partial()
  .strict();
export type WorkspaceSettingsPatch = z.infer<typeof WorkspaceSettingsPatch>;

export const TokenPath = z.object({ id: Id });

/** A customer's change or cancellation as the supplier reviews it: the order now and as proposed. */
export const AdminOrderRequest = OrderRequest.extend({
  order: DocumentRef.extend({ status: OrderStatus }),
  customer: z.object({ id: Id, business_name: z.string() }),
  current: OrderContent.meta({ description: 'The order as it is now (for an approved request: as it was before).' }),
});
export type AdminOrderRequest = z.infer<typeof AdminOrderRequest>;
export const AdminOrderRequestList = listOf(AdminOrderRequest);
export const OrderRequestQuery = AdminPageQuery.extend({
  state: OrderRequestState.optional(),
  client_id: Id.optional(),
});
export const OrderRequestPath = z.object({ id: Id });
export const RejectOrderRequest = z.object({ reason: Text(LIMITS.maxReasonLength).trim().optional() });
