import { z } from 'zod';
import { Money, PersonRef, Text, listOf } from './common.ts';
import { DocumentLine, OrderSummary } from './portal.ts';

/** Order approvals and spending limits on a company account (issue 16). */

export const APPROVAL_RULES = ['none', 'buyers', 'over_amount'] as const;
export const ApprovalRule = z.enum(APPROVAL_RULES).meta({
  description:
    "Which orders wait for one of the account's Admins: none; every order from a Buyer; or orders over `amount_minor`. " +
    "A Buyer's order beyond their spending limit waits whatever the rule. An Admin's own order, or one placed with a link " +
    'that belongs to no person, never waits.',
});
export type ApprovalRule = z.infer<typeof ApprovalRule>;

/** Approval settings as answered (what a request may set is checked further: ApprovalSettings). */
export const ApprovalSettingsAnswer = z
  .object({
    required_for: ApprovalRule,
    amount_minor: Money.nullable().meta({
      description: 'With `over_amount`: orders whose total is over it wait (required then); ignored otherwise.',
    }),
  })
  .strict();

/** Approval settings as a request sets them: `over_amount` needs its amount (a rule JSON Schema cannot say, so answers do not carry it). */
export const ApprovalSettings = ApprovalSettingsAnswer.refine(
  (s) => s.required_for !== 'over_amount' || s.amount_minor !== null,
  { path: ['amount_minor'], message: 'over_amount needs an amount_minor' },
);
export type ApprovalSettings = z.infer<typeof ApprovalSettings>;

export const SpendingPeriod = z.enum(['week', 'month']).meta({
  description: 'A calendar week (Monday to Sunday) or month in UTC (the workspace keeps no time zone).',
});
export type SpendingPeriod = z.infer<typeof SpendingPeriod>;

export const SpendingLimitFields = {
  spending_limit_minor: Money.nullable().meta({
    description:
      "What the person's orders may total in each period before they wait for approval (awaiting ones count; " +
      'rejected and cancelled ones do not). null: no limit.',
  }),
  spending_period: SpendingPeriod,
};

/** The account's own settings, as its Admins change them in the portal. */
export const AccountSettings = z.object({ approval: ApprovalSettingsAnswer });
export type AccountSettings = z.infer<typeof AccountSettings>;
export const AccountSettingsPatch = z.object({ approval: ApprovalSettings }).partial().strict();
export type AccountSettingsPatch = z.infer<typeof AccountSettingsPatch>;

/** Why an order waits for the account's Admins (or why a Buyer may not raise one or accept a quote alone). */
export const ApprovalReasonCode = z.enum(['buyer', 'over_amount', 'over_spending_limit']);

/** `details` of a 422 `approval_required`. */
export const ApprovalRequiredDetails = z.object({ reasons: z.array(ApprovalReasonCode).min(1) });

/** An order waiting for the account's Admins. */
export const AwaitingOrder = OrderSummary.extend({
  lines: z.array(DocumentLine),
  placed_by: PersonRef.nullable().meta({ description: 'Who asked.' }),
  reasons: z.array(ApprovalReasonCode).meta({ description: 'Why it waits, as decided when it was placed.' }),
});
export type AwaitingOrder = z.infer<typeof AwaitingOrder>;
export const AwaitingOrderList = listOf(AwaitingOrder);

export const RejectApprovalRequest = z
  .object({ reason: Text(500).trim().min(1).meta({ description: 'Told to the person who placed it.' }) })
  .strict();
export type RejectApprovalRequest = z.infer<typeof RejectApprovalRequest>;
