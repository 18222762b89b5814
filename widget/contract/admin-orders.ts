/**
 * The supplier's documents in the back office (issue 15): orders across customers and their
 * status, orders entered by phone, email or a sales rep, quotes (draft, send, convert),
 * invoices from orders and payments allocated to invoices.
 */
import { z } from 'zod';
import { AdminPageQuery } from './admin.ts';
import { DateOnly, Id, LIMITS, Money, Text, listOf } from './common.ts';
import {
  CheckoutLine,
  CustomerReference,
  Invoice,
  InvoiceDetail,
  OrderChannel,
  OrderDetail,
  OrderStatus,
  OrderSummary,
  Payment,
  PaymentMethod,
  PaymentState,
  Quote,
  QuoteState,
} from './portal.ts';
import { ORDER_TRANSITIONS } from './rules/order-status.ts';

export const CustomerRef = z.object({ id: Id, business_name: z.string() });

const graph = Object.entries(ORDER_TRANSITIONS)
  .map(([from, to]) => `${from} → ${to.length ? to.join(' | ') : '(final)'}`)
  .join('; ');

// --- orders ---------------------------------------------------------------------------------

export const AdminOrderSummary = OrderSummary.extend({ customer: CustomerRef });
export type AdminOrderSummary = z.infer<typeof AdminOrderSummary>;
export const AdminOrderList = listOf(AdminOrderSummary);
export const AdminOrderQuery = AdminPageQuery.extend({
  status: OrderStatus.optional(),
  channel: OrderChannel.optional(),
  customer_id: Id.optional(),
  from: DateOnly.optional().meta({ description: 'Orders created on or after this day (UTC).' }),
  to: DateOnly.optional().meta({ description: 'Orders created on or before this day (UTC).' }),
});

export const AdminOrderDetail = OrderDetail.extend({
  customer: CustomerRef,
  invoices: z.array(Invoice),
  allowed_transitions: z
    .array(OrderStatus)
    .meta({ description: `The statuses the order can move to now. The graph: ${graph}.` }),
});
export type AdminOrderDetail = z.infer<typeof AdminOrderDetail>;

export const Shipment = z.object({
  carrier: Text(100).trim().min(1),
  tracking_number: Text(100).trim().min(1).optional(),
  tracking_url: z
    .url({ protocol: /^https$/ })
    .max(2000)
    .optional()
    .meta({ description: 'An https address the customer can follow.' }),
});

export const OrderStatusChange = z
  .object({
    status: OrderStatus,
    reason: Text(LIMITS.maxReasonLength)
      .trim()
      .optional()
      .meta({ description: "Recorded on the order's record; the customer sees it." }),
    delivery: Shipment.optional().meta({ description: 'Required when shipping, refused otherwise.' }),
  })
  .refine((b) => b.status !== 'shipped' || b.delivery !== undefined, {
    path: ['delivery'],
    message: 'Shipping needs the delivery: carrier and tracking.',
  })
  .refine((b) => b.status === 'shipped' || b.delivery === undefined, {
    path: ['delivery'],
    message: 'A delivery is given only when shipping.',
  });

/** `details` of a 409 `invalid_transition`: an order's statuses, or a quote's states when sending one. */
export const InvalidTransitionDetails = z.object({ from: z.string(), to: z.string(), allowed: z.array(z.string()) });

export const AdminOrderChannel = z.enum(['phone', 'email', 'sales_rep']);
export const CreateOrderRequest = z.object({
  customer_id: Id,
  channel: AdminOrderChannel,
  lines: z.array(CheckoutLine).min(1).max(LIMITS.maxCheckoutLines),
  customer_reference: CustomerReference.optional(),
  note: Text(LIMITS.maxNoteLength).optional(),
  delivery_address_id: Id.optional().meta({
    description:
      "One of the customer's delivery addresses (GET /api/v1/customers/{id}/addresses); left out: their default one. " +
      "An archived, billing, unknown or another customer's address is 422 `unknown_address`. The order keeps a copy.",
  }),
});

export const OrderPath = z.object({ id: Id.meta({ description: "The order's id or its number." }) });
export const OrderChargePath = OrderPath.extend({ charge_id: Id });

/** The most one added charge may be: a million in the major unit. */
export const MAX_ADDED_CHARGE_MINOR = 100_000_000;
export const AddOrderChargeRequest = z
  .object({
    label: Text(100)
      .trim()
      .min(1)
      .meta({ description: 'What it is for, as the customer reads it ("Pallet wrapping").' }),
    amount_minor: Money.min(1).max(MAX_ADDED_CHARGE_MINOR),
    requires_approval: z.boolean().meta({
      description: 'True: it waits for the customer and counts only once approved; false: it counts at once.',
    }),
  })
  .strict();
export type AddOrderChargeRequest = z.infer<typeof AddOrderChargeRequest>;

// --- quotes ---------------------------------------------------------------------------------

/** The states the supplier sees: a draft is never shown to the customer. */
export const AdminQuoteState = z.enum(['draft', ...QuoteState.options]);
export const AdminQuote = Quote.extend({ state: AdminQuoteState, customer: CustomerRef });
export type AdminQuote = z.infer<typeof AdminQuote>;
export const AdminQuoteList = listOf(AdminQuote);
export const AdminQuoteQuery = AdminPageQuery.extend({ state: AdminQuoteState.optional(), customer_id: Id.optional() });
export const CreateQuoteRequest = z.object({
  customer_id: Id,
  lines: z.array(CheckoutLine).min(1).max(LIMITS.maxCheckoutLines),
  valid_until: DateOnly.optional().meta({ description: 'Today or later; absent: 30 days from today.' }),
});
export const QuotePath = z.object({ id: Id.meta({ description: "The quote's id or its number." }) });

// --- invoices and payments -----------------------------------------------------------------

export const CreateInvoiceRequest = z.object({
  due_days: z.int().min(0).max(365).optional().meta({ description: 'Days from today to the due date; absent: 30.' }),
});
export const AdminInvoice = Invoice.extend({ customer: CustomerRef });
export const AdminInvoiceList = listOf(AdminInvoice);
export const AdminInvoiceDetail = InvoiceDetail.extend({ customer: CustomerRef });
export const AdminInvoiceQuery = AdminPageQuery.extend({
  customer_id: Id.optional(),
  payment_state: z
    .enum([...PaymentState.options, 'unpaid'])
    .optional()
    .meta({ description: '"unpaid": not_paid or partial.' }),
});
export const InvoicePath = z.object({ id: Id.meta({ description: "The invoice's id or its number." }) });

/** A payment or allocation amount: bounded so that 100 allocations still add up to an exact integer. */
const PaymentAmount = Money.min(1).max(1e13);

export const CreatePaymentRequest = z.object({
  customer_id: Id,
  amount_minor: PaymentAmount,
  method: PaymentMethod,
  reference: Text(100).trim().min(1).optional(),
  received_at: DateOnly.optional().meta({ description: 'Absent: today.' }),
  allocations: z
    .array(z.object({ invoice_id: Id, amount_minor: PaymentAmount }))
    .max(100)
    .optional()
    .meta({
      description:
        "Each to one of the customer's invoices, at most its balance; together at most the amount. Absent: unallocated.",
    }),
});
export const AdminPayment = Payment.extend({ customer: CustomerRef });
export const AdminPaymentList = listOf(AdminPayment);
export const AdminPaymentQuery = AdminPageQuery.extend({ customer_id: Id.optional() });

/** `details` of a 422 `allocation_invalid`: every refused allocation, and the totals. */
export const AllocationErrorDetails = z.object({
  allocations: z.array(
    z.object({
      index: z.int(),
      invoice_id: Id,
      reason: z.enum(['not_found', 'other_customer', 'duplicate', 'over_balance']),
      balance_minor: Money.optional(),
    }),
  ),
  allocated_minor: Money,
  amount_minor: Money,
});
export type AllocationErrorDetails = z.infer<typeof AllocationErrorDetails>;
