import type { DeliveryOptions } from '../delivery.ts';
import type { RuleRefusal } from './refusal.ts';

// No zod here: the reference server, the mock API and the widget share it.

/**
 * When a delivery service may be ordered for. Dates are calendar dates `YYYY-MM-DD` in the
 * workspace's time zone; the clock is an instant passed in, never read here.
 *
 * A date D is allowed at an instant when D is one of the service's weekdays, not a closed date,
 * and the instant is before the order deadline of D:
 * - `none`: any time on day D − lead (lead 0: same day, any time);
 * - `day_before`: before the cut-off time on day D − max(lead, 1);
 * - `same_day_before`: before the cut-off time on day D − lead.
 * The cut-off minute itself is past ("by 16:00" means up to 15:59:59).
 */
export type CutoffRule = 'none' | 'day_before' | 'same_day_before';

export const CUTOFF_RULES: readonly CutoffRule[] = ['none', 'day_before', 'same_day_before'];

/** ISO weekday: 1 Monday … 7 Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface DeliveryRules {
  lead_days: number;
  weekdays: readonly number[];
  closed_dates: readonly string[];
  cutoff_rule: CutoffRule;
  /** `HH:MM` in the workspace's time zone; null for `none`. */
  cutoff_time: string | null;
}

/** Who may select a service: every customer, or the listed ones. */
export interface ServiceAudience {
  customers: 'all' | readonly string[];
}

/** How far ahead dates are looked for; a service with no weekday left in a year offers none. */
export const HORIZON_DAYS = 366;

export const DEFAULT_TIME_ZONE = 'Europe/Dublin';

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and minute of the day of an instant in a time zone. */
export function localTime(instant: Date, zone: string): { date: string; minutes: number } {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${part.year}-${part.month}-${part.day}`,
    minutes: Number(part.hour) * 60 + Number(part.minute),
  };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.toISOString().slice(0, 10) === value;
}

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date. */
export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
  return (day === 0 ? 7 : day) as Weekday;
}

export function parseTime(value: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** How many days before the delivery date the order must be in, and until which minute of that day. */
function deadlineOf(rules: DeliveryRules): { daysBefore: number; minute: number } {
  const cutoff = rules.cutoff_time === null ? null : parseTime(rules.cutoff_time);
  const lead = Math.max(0, Math.floor(rules.lead_days));
  if (rules.cutoff_rule === 'none' || cutoff === null) return { daysBefore: lead, minute: 24 * 60 };
  if (rules.cutoff_rule === 'day_before') return { daysBefore: Math.max(lead, 1), minute: cutoff };
  return { daysBefore: lead, minute: cutoff };
}

/** The first date the deadline still allows at this instant, weekdays and closed dates aside. */
function firstOpenDate(rules: DeliveryRules, instant: Date, zone: string): string {
  const now = localTime(instant, zone);
  const { daysBefore, minute } = deadlineOf(rules);
  return addDays(now.date, daysBefore + (now.minutes < minute ? 0 : 1));
}

function isDeliveryDay(rules: DeliveryRules, date: string): boolean {
  return rules.weekdays.includes(weekdayOf(date)) && !rules.closed_dates.includes(date);
}

/** Whether an order for `date` may be placed (or changed) at `instant`. */
export function isDateAllowed(rules: DeliveryRules, date: string, instant: Date, zone: string): boolean {
  if (!isCalendarDate(date)) return false;
  return date >= firstOpenDate(rules, instant, zone) && isDeliveryDay(rules, date);
}

/** The first `count` dates allowed at `instant`, earliest first, within HORIZON_DAYS. */
export function allowedDates(rules: DeliveryRules, instant: Date, zone: string, count: number): string[] {
  const dates: string[] = [];
  let date = firstOpenDate(rules, instant, zone);
  for (let i = 0; i < HORIZON_DAYS && dates.length < count; i++, date = addDays(date, 1)) {
    if (isDeliveryDay(rules, date)) dates.push(date);
  }
  return dates;
}

/** The earliest date allowed at `instant`; null when none is within HORIZON_DAYS. */
export function nextAllowedDate(rules: DeliveryRules, instant: Date, zone: string): string | null {
  return allowedDates(rules, instant, zone, 1)[0] ?? null;
}

/** How many dates the delivery options offer a service. */
export const OFFERED_DATES = 60;

/**
 * `GET …/delivery-options` for the services a customer may select, as the server and the mock
 * answer it: each with its next OFFERED_DATES dates and its notice; the customer's default service
 * when it is one of them.
 */
export function deliveryOptionsOf(
  offered: readonly (DeliveryRules & {
    id: string;
    name: string;
    kind: DeliveryOptions['services'][number]['kind'];
    minimum_order_minor: number | null;
  })[],
  preferredId: string | null,
  instant: Date,
  zone: string,
): DeliveryOptions {
  return {
    time_zone: zone,
    services: offered.map((service) => ({
      id: service.id,
      name: service.name,
      kind: service.kind,
      dates: allowedDates(service, instant, zone, OFFERED_DATES),
      notice: cutoffNotice(service, instant, zone),
      minimum_order_minor: service.minimum_order_minor,
    })),
    default_service_id: offered.some((s) => s.id === preferredId) ? preferredId : null,
  };
}

/**
 * What a checkout that names no service or date gets (a client from before delivery services, an
 * integration that leaves the choice to the supplier): the customer's default service when it is
 * offered, else the first offered; and that service's earliest allowed date (null: none left).
 */
export function impliedDelivery<S extends DeliveryRules & { id: string }>(
  offered: readonly S[],
  preferredId: string | null,
  instant: Date,
  zone: string,
): { service: S; date: string | null } | null {
  const service = offered.find((s) => s.id === preferredId) ?? offered[0];
  return service ? { service, date: nextAllowedDate(service, instant, zone) } : null;
}

/**
 * What to tell the customer: the earliest date, and until when it can still be ordered (absent
 * for `none`, whose deadline is the end of a day). `today` is the workspace's date at the instant,
 * so a client says "tomorrow" in the supplier's calendar, not its own.
 */
export interface CutoffNotice {
  today: string;
  date: string;
  order_by: { date: string; time: string } | null;
}

export function cutoffNotice(rules: DeliveryRules, instant: Date, zone: string): CutoffNotice | null {
  const date = nextAllowedDate(rules, instant, zone);
  if (date === null) return null;
  const today = localTime(instant, zone).date;
  const { daysBefore } = deadlineOf(rules);
  const hasCutoff = rules.cutoff_rule !== 'none' && rules.cutoff_time !== null;
  return {
    today,
    date,
    order_by: hasCutoff ? { date: addDays(date, -daysBefore), time: rules.cutoff_time! } : null,
  };
}

/** How a client names a date relative to the workspace's today. */
export function relativeDay(today: string, date: string): 'today' | 'tomorrow' | null {
  if (date === today) return 'today';
  if (date === addDays(today, 1)) return 'tomorrow';
  return null;
}

/** The notice in English (the server's own texts, the docs); the widget words it in the customer's language. */
export function cutoffMessage(notice: CutoffNotice, kind: 'delivery' | 'collection' = 'delivery'): string {
  const when = (date: string) => {
    const relative = relativeDay(notice.today, date);
    return relative ?? `on ${date}`;
  };
  const what = `for ${kind} ${when(notice.date)}`;
  if (!notice.order_by) return `Earliest ${kind} ${when(notice.date)}`;
  const by = relativeDay(notice.today, notice.order_by.date) === 'today' ? '' : ` ${when(notice.order_by.date)}`;
  return `Order by ${notice.order_by.time}${by} ${what}`;
}

/** Whether a customer may select a service. */
export function mayUseService(service: ServiceAudience, customerId: string): boolean {
  return service.customers === 'all' || service.customers.includes(customerId);
}

export const CUTOFF_PASSED_MESSAGE = 'Not allowed to create or update the order after the cutoff time';

/** 422 `cutoff_passed` with the next date the rules allow (null when none is within the horizon). */
export const cutoffPassed = (nextAllowed: string | null): RuleRefusal => ({
  status: 422,
  code: 'cutoff_passed',
  message: CUTOFF_PASSED_MESSAGE,
  details: { field: 'delivery_date', next_allowed_date: nextAllowed },
});

/** The refusal for ordering `date` at `instant`, or null when the rules allow it. */
export function deliveryDateRefusal(
  rules: DeliveryRules,
  date: string,
  instant: Date,
  zone: string,
): RuleRefusal | null {
  return isDateAllowed(rules, date, instant, zone) ? null : cutoffPassed(nextAllowedDate(rules, instant, zone));
}
