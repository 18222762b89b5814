import type { DeliverySummary, OrderStatus } from '../contract/index.ts';
import type { NotOrderableReason, PriceSource } from '../pricing/index.ts';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, f);
  }
  return f;
}

/** Integer minor units → "4,20 €" / "€4.20" in the page's locale; formatting happens only here. */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const f = formatter(currency, locale);
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(minor / 10 ** digits);
}

export function formatDate(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

/** "10 Jun 2026, 09:05": when something happened to a document, in the page's time zone. */
export function formatDateTime(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export const REASON_LABEL: Record<NotOrderableReason, string> = {
  inactive: 'No longer sold',
  out_of_stock: 'Out of stock',
  unpriced: 'No price set',
  uom_unavailable: 'Unit no longer available',
  invalid_quantity: 'Invalid quantity',
  not_found: 'No longer in the catalogue',
};

export function sourceLabel(source: PriceSource): string {
  switch (source.kind) {
    case 'group_list':
      return `Your price list (${source.price_list_name})${source.tier_min_quantity > 1 ? `, from ${source.tier_min_quantity} units` : ''}`;
    case 'default_list':
      return `Workspace price (${source.price_list_name})${source.tier_min_quantity > 1 ? `, from ${source.tier_min_quantity} units` : ''}`;
    case 'base':
      return 'Base price of the product';
  }
}

export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  draft: 'Draft', pending: 'Pending', confirmed: 'Confirmed', in_progress: 'In progress', shipped: 'Shipped',
  delivered: 'Delivered', invoiced: 'Invoiced', cancelled: 'Cancelled',
};

export const DELIVERY_STATUS_LABEL: Record<DeliverySummary['status'], string> = {
  preparing: 'Preparing', in_transit: 'In transit', delivered: 'Delivered',
};

/** Only web links become links: a URL from the supplier's data (e.g. tracking) may be `javascript:` or worse. */
export function safeLink(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A calendar date without a time (`2025-06-22`: a due date, a validity): the same day wherever the customer is. */
export function formatDay(isoDate: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** Today in the customer's time zone, as a calendar date (`2025-06-22`), to compare with due dates. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
