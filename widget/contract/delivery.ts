import { z } from 'zod';
import { DateTime, Id, Money, Text } from './common.ts';
import { ORDER_CREATION_STATUSES } from './rules/order-creation.ts';
import { CUTOFF_RULES, isTimeZone } from './rules/delivery-dates.ts';

/**
 * Delivery services, their dates and cut-offs (issue 17). The rule deciding which dates a service
 * allows lives once in rules/delivery-dates.ts.
 */

// Patterns, not refinements: the widget's compiled checker (compile.ts) reads them as zod does.
export const CalendarDate = z.iso
  .date()
  .meta({ description: "A calendar date `YYYY-MM-DD` in the workspace's time zone." });

export const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Dublin')
  .meta({ description: 'An IANA time zone, e.g. `Europe/Dublin`.' });

export const CutoffRule = z.enum(CUTOFF_RULES as ['none', 'day_before', 'same_day_before']).meta({
  description:
    '`none`: no cut-off (same day allowed any time, after the lead time); `day_before`: at least one day before, by `cutoff_time`; ' +
    '`same_day_before`: same day (after the lead time) allowed before `cutoff_time`.',
});

export const CutoffTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (00:00 to 23:59)')
  .meta({ description: "`HH:MM` in the workspace's time zone; an order must be in before it." });

/** What a portal checkout makes (issue 17; portal.ts names it, which imports this module). */
const OrderCreationStatus = z.enum(ORDER_CREATION_STATUSES);

export const DeliveryKind = z.enum(['delivery', 'collection']).meta({
  description: '`collection`: the customer collects from the depot; the date is a collection date.',
});

const Weekdays = z
  .array(z.int().min(1).max(7))
  .min(1)
  .max(7)
  .refine((days) => new Set(days).size === days.length, 'must not repeat a weekday')
  .meta({ description: 'ISO weekdays the service delivers on: 1 Monday … 7 Sunday.' });

const Customers = z
  .union([z.literal('all'), z.array(Id).max(1000)])
  .meta({ description: '`all`, or the ids of the customers who may select it.' });

const ServiceFields = {
  name: Text(100).trim().min(1),
  kind: DeliveryKind,
  customers: Customers,
  lead_days: z.int().min(0).max(60).meta({ description: 'Days between the order day and the delivery date.' }),
  weekdays: Weekdays,
  closed_dates: z.array(CalendarDate).max(400).meta({ description: 'Dates without deliveries (holidays).' }),
  cutoff_rule: CutoffRule,
  cutoff_time: CutoffTime.nullable().meta({ description: 'Required unless `cutoff_rule` is `none` (then null).' }),
  order_creation_status: OrderCreationStatus.nullable().meta({
    description: "What a portal order for this service becomes when the customer sets none; null: the workspace's.",
  }),
  minimum_order_minor: Money.nullable().meta({ description: 'Minimum order value for this service; null: none.' }),
};

const cutoffTimeMatchesRule = (s: { cutoff_rule?: string; cutoff_time?: string | null }) =>
  s.cutoff_rule === undefined || s.cutoff_time === undefined || (s.cutoff_rule === 'none') === (s.cutoff_time === null);
const CUTOFF_TIME_MESSAGE = {
  message: 'cutoff_time is required with a cut-off rule, and null with `none`',
  path: ['cutoff_time'],
};

export const DeliveryService = z.object({
  id: Id,
  ...ServiceFields,
  position: z.int(),
  created_at: DateTime,
});
export type DeliveryService = z.infer<typeof DeliveryService>;
export const DeliveryServiceList = z.object({ data: z.array(DeliveryService) });

export const CreateDeliveryService = z
  .object({
    ...ServiceFields,
    kind: DeliveryKind.default('delivery'),
    customers: Customers.default('all'),
    lead_days: ServiceFields.lead_days.default(0),
    weekdays: Weekdays.default([1, 2, 3, 4, 5]),
    closed_dates: ServiceFields.closed_dates.default([]),
    cutoff_rule: CutoffRule.default('none'),
    cutoff_time: ServiceFields.cutoff_time.default(null),
    order_creation_status: ServiceFields.order_creation_status.default(null),
    minimum_order_minor: ServiceFields.minimum_order_minor.default(null),
    position: z.int().min(0).max(10_000).optional().meta({ description: 'Order in lists; default: last.' }),
  })
  .strict()
  .refine(cutoffTimeMatchesRule, CUTOFF_TIME_MESSAGE);
export type CreateDeliveryService = z.infer<typeof CreateDeliveryService>;

export const DeliveryServicePatch = z
  .object({ ...ServiceFields, position: z.int().min(0).max(10_000) })
  .partial()
  .strict()
  .refine(cutoffTimeMatchesRule, CUTOFF_TIME_MESSAGE);
export type DeliveryServicePatch = z.infer<typeof DeliveryServicePatch>;

export const DeliveryServicePath = z.object({ id: Id });

/** When the earliest date can still be ordered: "Order by 14:00 for delivery tomorrow". */
export const CutoffNotice = z.object({
  today: CalendarDate.meta({ description: "The workspace's date now: what “today” and “tomorrow” refer to." }),
  date: CalendarDate.meta({ description: 'The earliest date allowed now.' }),
  order_by: z
    .object({ date: CalendarDate, time: CutoffTime })
    .nullable()
    .meta({ description: "The last moment to order for `date`, in the workspace's time zone; null: no cut-off." }),
});

export const DeliveryOption = z.object({
  id: Id,
  name: z.string(),
  kind: DeliveryKind,
  dates: z.array(CalendarDate).meta({ description: 'The dates allowed now, earliest first (up to 60).' }),
  notice: CutoffNotice.nullable().meta({ description: 'null: the service offers no date within a year.' }),
  minimum_order_minor: Money.nullable().optional().meta({
    description:
      "Added in 0.6 (absent: none). This service's minimum subtotal; checkout with it is 422 `below_minimum` below the higher of this and the customer's minimum.",
  }),
});

export const DeliveryOptions = z.object({
  time_zone: z.string().meta({ description: "The workspace's IANA time zone, e.g. `Europe/Dublin`." }),
  services: z.array(DeliveryOption).meta({
    description: 'The services this customer may select; empty: the workspace has none, checkout asks for no date.',
  }),
  default_service_id: Id.nullable().meta({
    description: "The customer's default service, pre-selected; null: the first.",
  }),
});
export type DeliveryOptions = z.infer<typeof DeliveryOptions>;

/** What an order keeps of its service, whatever happens to the service later. */
export const OrderDelivery = z.object({
  service_id: Id,
  service_name: z.string(),
  kind: DeliveryKind,
  date: CalendarDate,
});
export type OrderDelivery = z.infer<typeof OrderDelivery>;

export const CutoffPassedDetails = z.object({
  field: z.literal('delivery_date'),
  next_allowed_date: CalendarDate.nullable(),
});
