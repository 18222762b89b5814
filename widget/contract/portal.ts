import { z } from 'zod';
import { referenceKey } from './reference-key.ts';
import { ORDER_CREATION_STATUSES, ORDER_LIST_GROUPS, type OrderListGroup } from './rules/order-creation.ts';
import { DeliveryAddress } from './addresses.ts';
import { CalendarDate, OrderDelivery } from './delivery.ts';
import {
  Currency,
  DateOnly,
  DateTime,
  DocumentRef,
  Id,
  LIMITS,
  Money,
  PageQuery,
  Permissions,
  PersonRef,
  Role,
  Sections,
  Text,
  listOf,
} from './common.ts';

export const TabVisibility = z.enum(['auto', 'show', 'hide']).meta({
  description: '"auto" shows a tab only when it has matching products; "show" and "hide" override that.',
});
export const TabSettings = z.object({
  all: TabVisibility,
  new_arrivals: TabVisibility,
  on_sale: TabVisibility,
  past_orders: TabVisibility,
  categories: TabVisibility,
});
export type TabSettings = z.infer<typeof TabSettings>;

export const CheckoutMode = z.enum(['pay_now', 'pay_later']);
export type CheckoutMode = z.infer<typeof CheckoutMode>;
export const OrderTemplate = z.enum(['standard', 'quantity_grid']);
/** What a portal checkout makes: `quote`, a quote request the supplier prices and sends; `to_plan`, an order. */
export const OrderCreationStatus = z.enum(ORDER_CREATION_STATUSES);
export type OrderCreationStatus = z.infer<typeof OrderCreationStatus>;
export type OrderTemplate = z.infer<typeof OrderTemplate>;

export const Freight = z.object({
  flat_minor: Money.meta({ description: 'Freight charged on an order.' }),
  free_over_minor: Money.nullable().meta({ description: 'Subtotal from which freight is free; null: never free.' }),
});
export type Freight = z.infer<typeof Freight>;

/**
 * Charges an order carries besides freight (seed 002), set per customer by the supplier: null or 0
 * turns one off. All three are computed on the goods (the subtotal), never on freight or each other.
 */
export const ChargeRules = z.object({
  small_order: z
    .object({
      below_minor: Money.meta({ description: 'Orders whose subtotal is below this pay the fee.' }),
      fee_minor: Money,
    })
    .nullable()
    .meta({ description: 'A small-order surcharge; null: none.' }),
  percent_basis_points: z
    .int()
    .min(0)
    .max(10_000)
    .meta({ description: 'A surcharge on the subtotal, rounded half up to the minor unit: 250 = 2.5 %; 0: none.' }),
  per_unit_minor: Money.meta({ description: 'A fee per unit ordered (the sum of the line quantities); 0: none.' }),
});
export type ChargeRules = z.infer<typeof ChargeRules>;

/** Who the supplier calls or writes to about an order (the goods-in desk, a driver's contact). */
export const OrderContact = z
  .object({
    name: Text(100).trim().nullable(),
    phone: Text(40).trim().nullable(),
    // A pattern, not z.email(): the widget's compiled checker reads patterns as zod does.
    email: z
      .string()
      .max(254)
      .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'must be an email address')
      .nullable(),
  })
  .meta({ description: 'Each part null when not given.' });
export type OrderContact = z.infer<typeof OrderContact>;

/**
 * What checkout pre-fills for a customer (seed 002, "Create order: default values"): the customer
 * may change each before placing the order. The default delivery service is the customer's
 * `default_delivery_service_id` (one setting; the delivery options name it).
 */
export const OrderDefaults = z.object({
  delivery_address_id: Id.nullable().meta({
    description:
      "One of the customer's delivery addresses, pre-selected at checkout (a person's own default comes first); null: the account's default.",
  }),
  reference_prefix: Text(20)
    .trim()
    .nullable()
    .meta({ description: 'Typed into the reference field, e.g. "PO-"; null: an empty field.' }),
  delivery_instructions: Text(LIMITS.maxNoteLength)
    .trim()
    .nullable()
    .meta({ description: 'Typed into the note for the supplier; null: an empty note.' }),
  contact: OrderContact.nullable()
    .optional()
    .meta({ description: "Added in 0.6 (absent or null: none). Typed into checkout's contact fields." }),
});
export type OrderDefaults = z.infer<typeof OrderDefaults>;

export const ChargeKind = z.enum(['small_order', 'percentage', 'per_unit']);
export type ChargeKind = z.infer<typeof ChargeKind>;
/** One charge of an order, as checkout computed it from the customer's rules. */
export const OrderCharge = z.object({ kind: ChargeKind, amount_minor: Money });
export type OrderCharge = z.infer<typeof OrderCharge>;

/** A charge the supplier added to the order after checkout (issue 17); see rules/supplier-charges.ts. */
export const SupplierCharge = z.object({
  id: Id,
  label: z.string().meta({ description: "What the charge is for, in the supplier's words." }),
  amount_minor: Money,
  requires_approval: z.boolean(),
  state: z.enum(['pending', 'approved', 'rejected']).meta({
    description:
      '`pending`: waits for the customer ("To approve") and does not count in the total; `approved` (at once when no approval is needed): counts; `rejected`: never counts.',
  }),
  created_at: DateTime,
  decided_at: DateTime.nullable(),
  decided_by: z
    .string()
    .nullable()
    .meta({ description: 'Who approved or rejected it: a person of the account, or its name.' }),
  reason: z.string().nullable().meta({ description: "The customer's reason for rejecting it." }),
});
export type SupplierCharge = z.infer<typeof SupplierCharge>;

export const RejectChargeRequest = z
  .object({
    reason: Text(LIMITS.maxReasonLength)
      .trim()
      .min(1)
      .meta({ description: 'Why: the supplier sees it with the outcome.' }),
  })
  .strict();
export type RejectChargeRequest = z.infer<typeof RejectChargeRequest>;

export const OrderStatus = z
  .enum([
    'draft',
    'pending',
    'confirmed',
    'in_progress',
    'shipped',
    'delivered',
    'invoiced',
    'cancelled',
    'awaiting_approval',
    'rejected',
    'awaiting_supplier',
  ])
  .meta({
    description:
      "'awaiting_approval' (issue 16): the account's Admins approve it (it becomes pending) or reject it ('rejected', final, with a reason in its history). " +
      '\'awaiting_supplier\' (issue 17, "Automatically create orders" off): placed, keeping its number, but not acted on until the supplier creates it (it becomes pending); the customer may cancel it meanwhile.',
  });
export type OrderStatus = z.infer<typeof OrderStatus>;

/** The status before which customers may still change an order. */
export const ChangeLimit = z.enum(['confirmed', 'in_progress', 'shipped']);
/** Whether and until when customers may change or cancel the orders they placed in the portal (seed 002). */
export const OrderChangeSettings = z.object({
  enabled: z.boolean().meta({ description: 'Customers may edit and cancel orders they placed in the portal.' }),
  apply_updates_automatically: z
    .boolean()
    .meta({ description: 'An edit applies at once; off: it waits for the supplier to approve it.' }),
  apply_cancellations_automatically: z
    .boolean()
    .meta({ description: 'A cancellation applies at once; off: it waits for the supplier to approve it.' }),
  allowed_before: ChangeLimit.meta({
    description:
      'Orders can be changed only while their status comes before this one (pending < confirmed < in_progress < shipped); the limit of edits and of cancellations where those are null.',
  }),
  edits_allowed_before: ChangeLimit.nullable().optional().meta({
    description:
      'Added in 0.6. Edits only while the status comes before this one; null or absent (older servers): `allowed_before`.',
  }),
  cancellations_allowed_before: ChangeLimit.nullable().optional().meta({
    description:
      'Added in 0.6. Cancellations only while the status comes before this one; null or absent (older servers): `allowed_before`.',
  }),
});
export type OrderChangeSettings = z.infer<typeof OrderChangeSettings>;

/** The settings the widget needs, already resolved for this customer and token. */
export const PortalSettings = z.object({
  sections: Sections.meta({
    description: 'A section is true only when the workspace enables it and the token may read it.',
  }),
  tabs: TabSettings,
  checkout_mode: CheckoutMode,
  order_template: OrderTemplate,
  freight: Freight,
  payment_url: z.string().nullable(),
  order_changes: OrderChangeSettings,
  require_unique_reference: z
    .boolean()
    .meta({ description: "Every order needs a customer reference not used on another of this customer's orders." }),
  credit: z
    .object({
      limit_minor: Money,
      available_minor: z.int().meta({ description: 'The limit less unpaid invoices; negative when over it.' }),
    })
    .nullable()
    .optional()
    .meta({
      description:
        "Added in 0.2 (absent from older servers: no limit shown). Set when pay-later orders must fit the customer's available credit (checkout answers 422 credit_limit_exceeded otherwise); null when no limit applies (Pay Now, no limit set, or the workspace allows orders over it).",
    }),
  show_price_explanation: z.boolean().optional().meta({
    description:
      'Added in 0.2 (absent: false). Offer "Why this price?" on products. When false, price lists in the catalogue carry no name.',
  }),
  supplier_available: z.boolean().meta({
    description: 'False while the supplier cannot take orders (e.g. trial expired): browsing works, checkout does not.',
  }),
  charges: ChargeRules.nullable().optional().meta({
    description:
      'Added in 0.6 (absent: none). The charges checkout adds to the total; the widget adds the same ones to the total it shows.',
  }),
  show_charges: z.boolean().optional().meta({
    description:
      'Added in 0.6 (absent: true). False: the customer sees totals only; orders carry no charge lines (`charges` null).',
  }),
  minimum_order_minor: Money.nullable().optional().meta({
    description:
      "Added in 0.6 (absent: none). The customer's minimum subtotal: checkout below it is 422 `below_minimum`.",
  }),
  order_defaults: OrderDefaults.nullable().optional().meta({
    description: 'Added in 0.6 (absent or null: none). What checkout pre-fills; the customer may change it.',
  }),
});
export type PortalSettings = z.infer<typeof PortalSettings>;

export const Session = z.object({
  customer: z.object({ id: Id, business_name: z.string() }),
  workspace: z.object({
    name: z.string(),
    branding: z.object({ logo_url: z.string().nullable(), accent_color: z.string().nullable() }),
  }),
  currency: Currency,
  locale: z.string(),
  permissions: Permissions.extend({
    place_orders: z.boolean().optional().meta({
      description:
        'Added in 0.3 (absent from older servers: true). Checkout, order changes and cancellations; without it the link browses and builds a cart.',
    }),
  }),
  settings: PortalSettings,
  has_orders: z.boolean(),
  token_expires_at: DateTime.nullable(),
  person: PersonRef.extend({
    role: Role,
    language: z.enum(['en', 'es']).nullable().optional().meta({
      description: "Added in 0.5. The language they chose in their profile; null or absent: the page's.",
    }),
    default_delivery_address_id: Id.nullable().optional().meta({
      description:
        "Added in 0.5. The delivery address checkout pre-selects for them; null or absent: the account's default.",
    }),
  })
    .nullable()
    .optional()
    .meta({
      description:
        "Added in 0.4 (absent from older servers: null). The person the link belongs to; null: the account's own link. " +
        '`permissions` are already narrowed by their role.',
    }),
});
export type Session = z.infer<typeof Session>;

/** How an order reached the supplier; only portal orders can be changed by the customer. */
export const OrderChannel = z.enum(['portal', 'quote', 'sales_rep', 'phone', 'email', 'integration']);
export type OrderChannel = z.infer<typeof OrderChannel>;
export const OrderRequestKind = z.enum(['update', 'cancel']);
export type OrderRequestKind = z.infer<typeof OrderRequestKind>;
export const OrderRequestState = z.enum(['pending', 'approved', 'rejected']);
export type OrderRequestState = z.infer<typeof OrderRequestState>;

export const OrderSummary = z.object({
  id: Id,
  number: z.string(),
  status: OrderStatus,
  is_draft: z.boolean(),
  created_at: DateTime,
  currency: Currency,
  total_minor: Money,
  item_count: z.int().min(0),
  customer_reference: z.string().nullable(),
  source_quote: DocumentRef.nullable(),
  channel: OrderChannel,
  pending_request: OrderRequestKind.nullable().meta({
    description: "A change or cancellation waiting for the supplier's approval.",
  }),
  delivery: OrderDelivery.nullable().optional().meta({
    description: 'Added in 0.6 (absent from older servers). The delivery service and date; null: none chosen.',
  }),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

export const DocumentLine = z.object({
  product_id: Id,
  sku: z.string(),
  name: z.string(),
  quantity: z.int().min(1),
  uom: z.string(),
  unit_price_minor: Money,
  line_total_minor: Money,
});
export type DocumentLine = z.infer<typeof DocumentLine>;

export const DeliveryStatus = z.enum(['preparing', 'in_transit', 'delivered']);
export const DeliverySummary = z.object({
  id: Id,
  number: z.string(),
  status: DeliveryStatus,
  carrier: z.string(),
  tracking_number: z.string().nullable(),
  tracking_url: z.string().nullable(),
  shipped_at: DateTime.nullable(),
  delivered_at: DateTime.nullable(),
});
export type DeliverySummary = z.infer<typeof DeliverySummary>;

/** Why Edit and Cancel are unavailable on an order. */
export const ChangeBlockedReason = z.enum([
  'changes_disabled', // the workspace does not let customers change orders
  'other_channel', // placed by phone, a sales rep, an integration...
  'from_quote', // made from an accepted quote: its prices were agreed
  'past_allowed_status', // the supplier has progressed it too far
  'request_pending', // a change or cancellation already waits for approval
  'cancelled',
  'draft',
  'awaiting_approval', // waits for one of the account's Admins (issue 16)
  'rejected', // an Admin of the account rejected it: final
  'awaiting_supplier', // the supplier has not created it yet: it may be cancelled, not edited
]);
export type ChangeBlockedReason = z.infer<typeof ChangeBlockedReason>;
export const OrderChanges = z.object({
  can_edit: z.boolean(),
  can_cancel: z.boolean(),
  blocked_reason: ChangeBlockedReason.nullable().meta({
    description: "Why one or both are not possible (the edit's reason first); null when both are.",
  }),
});
export type OrderChanges = z.infer<typeof OrderChanges>;

/** An order's lines, reference and totals as they are or as a change proposes them. */
export const OrderContent = z.object({
  customer_reference: z.string().nullable(),
  lines: z.array(DocumentLine),
  subtotal_minor: Money,
  freight_minor: Money,
  charges: z
    .array(OrderCharge)
    .optional()
    .meta({ description: 'Added in 0.6: the charges besides freight in the total (absent: none).' }),
  total_minor: Money,
});
export type OrderContent = z.infer<typeof OrderContent>;

/** A customer's change or cancellation of an order, applied at once or waiting for the supplier. */
export const OrderRequest = z.object({
  id: Id,
  kind: OrderRequestKind,
  state: OrderRequestState,
  created_at: DateTime,
  decided_at: DateTime.nullable(),
  reason: z.string().nullable().meta({ description: "The customer's reason for a cancellation." }),
  rejection_reason: z.string().nullable().meta({ description: "The supplier's reason for rejecting it." }),
  proposed: OrderContent.nullable().meta({
    description: 'The order as the update would make it, re-priced by the server; null for a cancellation.',
  }),
  requested_by: PersonRef.nullable()
    .optional()
    .meta({ description: "The person who asked for it; null: the account's own link, or unknown." }),
});
export type OrderRequest = z.infer<typeof OrderRequest>;

/** What one event changed: the reference, line quantities (0 = not on the order), the total. */
export const OrderChangeSet = z.object({
  customer_reference: z.object({ from: z.string().nullable(), to: z.string().nullable() }).optional(),
  lines: z
    .array(
      z.object({
        product_id: Id,
        sku: z.string(),
        name: z.string(),
        uom: z.string(),
        from_quantity: z.int().min(0),
        to_quantity: z.int().min(0),
      }),
    )
    .optional(),
  total_minor: z.object({ from: Money, to: Money }).optional(),
  status: z.object({ from: OrderStatus, to: OrderStatus }).optional(),
});
export type OrderChangeSet = z.infer<typeof OrderChangeSet>;

/** One entry of an order's record: who did what, when, and what it changed. */
export const OrderEvent = z.object({
  at: DateTime,
  actor: z.enum(['customer', 'supplier']),
  actor_name: z.string(),
  action: z
    .enum([
      'placed',
      'updated',
      'cancelled',
      'update_requested',
      'cancel_requested',
      'request_approved',
      'request_rejected',
      'status_changed',
    ])
    .meta({
      description:
        "'status_changed' (added in 0.4): the supplier moved the order on; `changes.status` says from and to.",
    }),
  changes: OrderChangeSet.nullable(),
  note: z.string().nullable().meta({ description: 'A cancellation or rejection reason.' }),
});
export type OrderEvent = z.infer<typeof OrderEvent>;

export const OrderDetail = OrderSummary.extend({
  lines: z.array(DocumentLine),
  subtotal_minor: Money,
  freight_minor: Money,
  charges: z.array(OrderCharge).nullable().optional().meta({
    description:
      'Added in 0.6. The charges in the total besides freight; null: the supplier shows this customer totals only (absent from older servers: none).',
  }),
  supplier_charges: z.array(SupplierCharge).optional().meta({
    description:
      'Added in 0.7 (absent: none). Charges the supplier added after checkout, oldest first; only approved ones are in the total. Shown even where the customer sees totals only: they decide on them.',
  }),
  note: z.string().nullable(),
  deliveries: z.array(DeliverySummary),
  changes: OrderChanges,
  requests: z
    .array(OrderRequest)
    .meta({ description: 'Changes and cancellations asked for this order, newest first.' }),
  history: z.array(OrderEvent).meta({ description: 'Oldest first.' }),
  delivery_address: DeliveryAddress.nullable().optional().meta({
    description:
      'Added in 0.5 (absent from older servers). Where the order goes, as it was at checkout; null: none chosen (the account had no delivery address).',
  }),
  placed_by: PersonRef.nullable().optional().meta({
    description:
      "The person of the customer's account who placed it; null: the account's own link, or another channel.",
  }),
  contact: OrderContact.nullable().optional().meta({
    description:
      'Added in 0.6 (absent from older servers). Who to contact about it, as given at checkout; null: nobody.',
  }),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

export const OrderListQuery = PageQuery.extend({
  status_group: z
    .enum(Object.keys(ORDER_LIST_GROUPS) as [OrderListGroup, ...OrderListGroup[]])
    .optional()
    .meta({
      description:
        '`waiting`: the orders nobody has acted on yet (awaiting_supplier, awaiting_approval); `cancelled`: the cancelled ones. Absent: every order.',
    }),
  placed_by: z.enum(['me']).optional().meta({
    description: "`me`: only the orders placed by the link's person (422 `unknown_person` for a link without one).",
  }),
});

export const OrderList = listOf(OrderSummary);

export const Availability = z.discriminatedUnion('orderable', [
  z.object({ orderable: z.literal(true) }),
  z.object({
    orderable: z.literal(false),
    reason: z.enum(['inactive', 'out_of_stock', 'unpriced', 'uom_unavailable', 'not_found']),
  }),
]);
export type Availability = z.infer<typeof Availability>;

export const OrderHistoryItem = z.object({
  product_id: Id,
  sku: z.string(),
  name: z.string(),
  last_ordered_at: DateTime,
  times_ordered: z.int().min(1),
  last_quantity: z.int().min(1),
  last_uom: z.string(),
  availability: Availability,
});
export const OrderHistory = listOf(OrderHistoryItem);

export const CheckoutLine = z.object({
  product_id: Id,
  uom: Text(32).min(1).optional().meta({ description: "Defaults to the product's first unit." }),
  quantity: z.int().min(1).max(LIMITS.maxLineQuantity),
});
/**
 * A customer reference as the customer types it: trimmed, no control characters (newlines,
 * tabs), something visible. Uniqueness compares `referenceKey`s, never the text itself.
 */
export const CustomerReference = z
  .string()
  .max(LIMITS.maxReferenceLength)
  .regex(/^\P{Cc}*$/u, 'must not contain control characters (NUL, newlines, tabs)')
  .trim()
  .min(1)
  .refine((r) => r === '' || referenceKey(r) !== '', 'must contain visible characters'); // '' already fails min(1)

export const CheckoutRequest = z.object({
  lines: z.array(CheckoutLine).min(1).max(LIMITS.maxCheckoutLines),
  customer_reference: CustomerReference.optional(),
  note: Text(LIMITS.maxNoteLength).optional(),
  expected_total: Money.optional().meta({
    description: 'The total the customer saw, in minor units; when it differs the server answers 409 price_changed.',
  }),
  delivery_address_id: Id.optional().meta({
    description:
      "One of the account's delivery addresses (GET …/addresses); left out: the default one. An archived, billing or unknown address is 422 `unknown_address`.",
  }),
  delivery_service_id: Id.optional().meta({
    description:
      "One of the services of GET …/delivery-options; left out: the customer's default service, else the first offered (none when the workspace has none). Another is 422 `unknown_delivery_service`.",
  }),
  delivery_date: CalendarDate.optional().meta({
    description:
      'Left out: the earliest date the service allows now. A date its rules forbid now is 422 `cutoff_passed` with `details.next_allowed_date`.',
  }),
  contact: OrderContact.optional().meta({
    description: 'Added in 0.6. Who the supplier contacts about the order; left out: nobody named.',
  }),
});
export type CheckoutRequest = z.infer<typeof CheckoutRequest>;

/** Change an order's lines (the whole new set) or reference, or both. Re-priced by the server. */
export const OrderUpdateRequest = z
  .object({
    lines: z.array(CheckoutLine).min(1).max(LIMITS.maxCheckoutLines).optional(),
    customer_reference: CustomerReference.nullable().optional(),
    expected_total: Money.optional().meta({
      description: 'The new total the customer saw; when it differs the server answers 409 price_changed.',
    }),
    delivery_date: CalendarDate.optional().meta({
      description: "A new date for the order's delivery service; one its rules forbid now is 422 `cutoff_passed`.",
    }),
  })
  .refine((b) => b.lines !== undefined || b.customer_reference !== undefined || b.delivery_date !== undefined, {
    message: 'Change the lines, the reference, the delivery date, or some of them.',
  });
export type OrderUpdateRequest = z.infer<typeof OrderUpdateRequest>;
export const CancelOrderRequest = z.object({ reason: Text(LIMITS.maxReasonLength).trim().optional() });

/** `details` of a 422 `reference_required` or `reference_taken`: the field to point at. */
export const FieldErrorDetails = z.object({ field: z.string() });

/** `details` of a 409 `price_changed`: the prices the server resolved now. */
export const PriceChangedDetails = z.object({
  expected_total: Money,
  total_minor: Money,
  subtotal_minor: Money,
  freight_minor: Money,
  charges_minor: Money.optional().meta({ description: 'Added in 0.6: the charges besides freight in the total.' }),
  lines: z.array(
    z.object({ product_id: Id, uom: z.string(), quantity: z.int(), unit_price_minor: Money, line_total_minor: Money }),
  ),
});
export type PriceChangedDetails = z.infer<typeof PriceChangedDetails>;
/** `details` of a 422 `below_minimum`: the order's subtotal is below the customer's (or service's) minimum. */
export const BelowMinimumDetails = z.object({
  minimum_minor: Money,
  subtotal_minor: Money,
  shortfall_minor: Money.meta({ description: 'What the subtotal lacks: minimum less subtotal.' }),
  source: z.enum(['customer', 'service']).meta({ description: 'Whose minimum applies (the higher one).' }),
});
export type BelowMinimumDetails = z.infer<typeof BelowMinimumDetails>;
/** `details` of a 422 `credit_limit_exceeded`. */
export const CreditLimitDetails = z.object({
  credit_limit_minor: Money,
  available_credit_minor: z.int(),
  total_minor: Money,
});
export type CreditLimitDetails = z.infer<typeof CreditLimitDetails>;
/** `details` of a 422 `lines_not_orderable`: one entry per bad line. */
export const BadLinesDetails = z.object({
  lines: z.array(z.object({ index: z.int(), product_id: Id, uom: z.string().nullable(), reason: z.string() })),
});

/** `requested`: a portal checkout under the `quote` creation status, waiting for the supplier to price and send it. */
export const QuoteState = z.enum(['requested', 'sent', 'accepted', 'declined', 'expired']);
export type QuoteState = z.infer<typeof QuoteState>;
export const Quote = z.object({
  id: Id,
  number: z.string(),
  state: QuoteState,
  created_at: DateTime,
  valid_until: DateOnly,
  currency: Currency,
  lines: z.array(DocumentLine),
  subtotal_minor: Money,
  freight_minor: Money,
  charges: z.array(OrderCharge).nullable().optional().meta({
    description:
      "Added in 0.6 (absent: none). The charges besides freight in the total: a quote request's are the ones checkout computed (the cart's); the supplier's own quotes have none. null where the customer sees totals only (`show_charges` off).",
  }),
  total_minor: Money,
  answered_at: DateTime.nullable(),
  decline_reason: z.string().nullable(),
  order: DocumentRef.nullable().meta({ description: 'The sales order created on acceptance, if any.' }),
});
export type Quote = z.infer<typeof Quote>;
export const QuoteList = listOf(Quote);
/** What checkout answers when the order's creation status is `quote`: the quote request it made. */
export const QuoteRequested = z.object({
  kind: z.literal('quote_requested'),
  quote: Quote.meta({
    description: 'In state `requested` until the supplier sends it; accepting it then makes an order.',
  }),
});
export type QuoteRequested = z.infer<typeof QuoteRequested>;
/** Checkout's answer: the order placed, or (creation status `quote`) the quote request made. */
export const CheckoutAnswer = z.union([OrderDetail, QuoteRequested]);
export type CheckoutAnswer = z.infer<typeof CheckoutAnswer>;
export const QuoteQuery = PageQuery.extend({ state: QuoteState.optional() });
export const DeclineRequest = z.object({ reason: Text(LIMITS.maxReasonLength).trim().optional() });

export const PaymentState = z.enum(['not_paid', 'partial', 'paid']);
export const PaymentMethod = z
  .enum(['bank_transfer', 'card', 'cheque', 'cash', 'other'])
  .meta({ description: "'cash' and 'other' were added in 0.4." });
export type PaymentMethod = z.infer<typeof PaymentMethod>;
export const Invoice = z.object({
  id: Id,
  number: z.string(),
  order: DocumentRef.nullable(),
  issued_at: DateOnly,
  due_at: DateOnly,
  currency: Currency,
  total_minor: Money,
  paid_minor: Money,
  balance_minor: Money,
  payment_state: PaymentState,
});
export type Invoice = z.infer<typeof Invoice>;
export const InvoiceList = listOf(Invoice);
export const InvoiceDetail = Invoice.extend({
  lines: z.array(DocumentLine),
  subtotal_minor: Money,
  freight_minor: Money,
  payments: z
    .array(
      z.object({
        id: Id,
        number: z.string(),
        received_at: DateOnly,
        method: PaymentMethod,
        amount_minor: Money,
      }),
    )
    .meta({ description: 'Payments allocated to this invoice, with the amount allocated.' }),
});
export type InvoiceDetail = z.infer<typeof InvoiceDetail>;
export const InvoiceQuery = PageQuery.extend({
  payment_state: z
    .enum([...PaymentState.options, 'unpaid'])
    .optional()
    .meta({ description: '"unpaid": not_paid or partial.' }),
});

export const Payment = z.object({
  id: Id,
  number: z.string(),
  received_at: DateOnly,
  method: PaymentMethod,
  reference: z.string().nullable(),
  currency: Currency,
  amount_minor: Money,
  allocations: z.array(z.object({ invoice_id: Id, invoice_number: z.string(), amount_minor: Money })),
});
export const PaymentList = listOf(Payment);

export const Delivery = DeliverySummary.extend({
  order: DocumentRef,
  lines: z.array(
    z.object({ product_id: Id, sku: z.string(), name: z.string(), quantity: z.int().min(1), uom: z.string() }),
  ),
});
export const DeliveryList = listOf(Delivery);

export const Dashboard = z.object({
  currency: Currency,
  credit_limit_minor: Money,
  available_credit_minor: z.int().nullable().meta({
    description: 'Credit limit less outstanding balance; negative when over the limit. Null without view_invoices.',
  }),
  outstanding_balance_minor: Money.nullable().meta({
    description: 'Unpaid invoice balances. Null without view_invoices.',
  }),
  lifetime_orders: z.int().min(0).nullable().meta({ description: 'Null without view_orders.' }),
  lifetime_sales_minor: Money.nullable().meta({ description: 'Null without view_orders.' }),
  recent: z
    .object({
      orders: z.array(OrderSummary).nullable(),
      invoices: z.array(Invoice).nullable(),
      quotes: z.array(Quote).nullable(),
      deliveries: z.array(Delivery).nullable(),
    })
    .meta({ description: 'The latest few of each; null for a section this token cannot read.' }),
});
export type Dashboard = z.infer<typeof Dashboard>;
