import { z } from 'zod';
import { ErrorBody, type ErrorCode } from './common.ts';
import { AllocationErrorDetails, InvalidTransitionDetails } from './admin-orders.ts';
import { ApprovalRequiredDetails } from './approvals.ts';
import { CutoffPassedDetails } from './delivery.ts';
import {
  BadLinesDetails,
  BelowMinimumDetails,
  ChangeBlockedReason,
  CreditLimitDetails,
  FieldErrorDetails,
  OrderRequestState,
  OrderStatus,
  PriceChangedDetails,
  QuoteState,
  SupplierCharge,
} from './portal.ts';

/** `details` of a 400 `validation_failed`: every problem found, where and what. */
export const ValidationDetails = z.array(
  z.object({
    path: z
      .string()
      .meta({ description: 'Where: `path.`, `query.` or `body.` and the field, e.g. `body.lines.0.quantity`.' }),
    message: z.string(),
  }),
);
/** `details` of a 429 or a 503: when to try again (also in `Retry-After`). */
export const RetryDetails = z.object({ retry_after_seconds: z.int().min(1) });

/**
 * The shape of `details` for each error code that carries them; codes left out carry none. The
 * OpenAPI document shows them per code, and the fuzz suite checks every error the server answers
 * against them.
 */
export const ERROR_DETAILS: Partial<Record<ErrorCode, z.ZodType>> = {
  validation_failed: ValidationDetails,
  rate_limited: RetryDetails,
  service_unavailable: RetryDetails,
  price_changed: PriceChangedDetails,
  credit_limit_exceeded: CreditLimitDetails,
  below_minimum: BelowMinimumDetails,
  lines_not_orderable: BadLinesDetails,
  reference_required: FieldErrorDetails,
  reference_taken: FieldErrorDetails,
  order_not_editable: z.object({ reason: ChangeBlockedReason }),
  request_not_pending: z.object({ state: OrderRequestState }),
  quote_not_open: z.object({ state: QuoteState }),
  invalid_transition: InvalidTransitionDetails,
  allocation_invalid: AllocationErrorDetails,
  unknown_price_group: ValidationDetails,
  unknown_delivery_service: ValidationDetails,
  cutoff_passed: CutoffPassedDetails,
  rows_refused: z.array(
    z.object({
      row: z.int().min(0).optional().meta({ description: 'The index of the refused row in the call.' }),
      field: z.string().optional(),
      path: z.string(),
      message: z.string(),
    }),
  ),
  customer_archived: ValidationDetails,
  unknown_address: ValidationDetails,
  unknown_person: ValidationDetails,
  not_awaiting_approval: z.object({ status: OrderStatus }),
  not_awaiting_supplier: z.object({ status: OrderStatus }),
  approval_required: ApprovalRequiredDetails,
  order_closed: z.object({ status: OrderStatus }),
  charge_not_pending: z.object({ state: SupplierCharge.shape.state }),
};

/** The one status each error code is answered with. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_json: 400,
  idempotency_key_required: 400,
  unauthorized: 401,
  invalid_token: 401,
  permission_denied: 403,
  section_disabled: 403,
  supplier_unavailable: 403,
  not_found: 404,
  idempotency_in_flight: 409,
  price_changed: 409,
  request_pending: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  lines_not_orderable: 422,
  quote_not_open: 422,
  order_not_editable: 422,
  request_not_pending: 422,
  reference_required: 422,
  reference_taken: 422,
  credit_limit_exceeded: 422,
  below_minimum: 422,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
  // Links that reach the customer
  link_not_active: 422,
  customer_archived: 422,
  email_required: 422,
  link_not_resendable: 409,
  mail_failed: 502,
  // The back office's documents
  invalid_transition: 409,
  already_invoiced: 409,
  not_invoiceable: 409,
  quote_not_convertible: 409,
  allocation_invalid: 422,
  // Customers and admin keys
  unknown_price_group: 422,
  rows_refused: 422,
  key_not_revocable: 422,
  // Addresses
  unknown_address: 422,
  // Delivery services and dates
  unknown_delivery_service: 422,
  cutoff_passed: 422,
  // People of a company account
  unknown_person: 422,
  no_profile: 404,
  // Order approvals
  not_awaiting_approval: 409,
  // Orders waiting for the supplier (issue 17)
  not_awaiting_supplier: 409,
  approval_required: 422,
  // Charges the supplier adds to an order
  order_closed: 422,
  charge_not_pending: 409,
};

/**
 * An error answer as the contract has it, down to `details`: the shape of its code's details
 * (ERROR_DETAILS), where it carries any. Clients and test suites check answers with it.
 */
export const CheckedErrorBody = ErrorBody.superRefine((body, ctx) => {
  const schema = ERROR_DETAILS[body.error.code];
  if (!schema || body.error.details === undefined) return;
  const parsed = schema.safeParse(body.error.details);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({
        code: 'custom',
        path: ['error', 'details', ...issue.path],
        message: `${body.error.code} details: ${issue.message}`,
      });
    }
  }
});
