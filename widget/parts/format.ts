import { msg, str } from '@lit/localize';
import type { ChargeKind, DeliverySummary, OrderStatus } from '../contract/index.ts';
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

/** The name of a charge on a cart or an order, with the rate of a percentage where it is known. */
export function chargeLabel(kind: ChargeKind, percentBasisPoints?: number, locale?: string): string {
  if (kind === 'small_order') return msg('Small-order surcharge');
  if (kind === 'per_unit') return msg('Handling fee per unit');
  if (!percentBasisPoints) return msg('Surcharge', { desc: 'A percentage of the goods added to an order' });
  const rate = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    percentBasisPoints / 10_000,
  );
  return msg(str`Surcharge (${rate})`, { desc: 'A percentage of the goods added to an order, e.g. "2.5 %"' });
}

const DATE_STYLES = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  day: { dateStyle: 'medium', timeZone: 'UTC' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Formatters are costly to make (a list of a hundred dates would make a hundred): one per style and locale. */
function dateFormat(style: keyof typeof DATE_STYLES, locale: string | undefined): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, DATE_STYLES[style]);
    dateFormats.set(key, f);
  }
  return f;
}

/** "10 Jun 2026": the day of an instant, in the page's time zone. */
export function formatDate(iso: string, locale?: string): string {
  return dateFormat('date', locale).format(new Date(iso));
}

/** "10 Jun 2026, 09:05": when something happened to a document, in the page's time zone. */
export function formatDateTime(iso: string, locale?: string): string {
  return dateFormat('dateTime', locale).format(new Date(iso));
}

// The label tables are getters: each read is in the language on screen now.
export const REASON_LABEL: Record<NotOrderableReason, string> = {
  get inactive() {
    return msg('No longer sold', { desc: 'Why a product cannot be ordered (a badge)' });
  },
  get out_of_stock() {
    return msg('Out of stock', { desc: 'Why a product cannot be ordered (a badge)' });
  },
  get unpriced() {
    return msg('No price set', { desc: 'Why a product cannot be ordered (a badge)' });
  },
  get uom_unavailable() {
    return msg('Unit no longer available', { desc: 'Why a product cannot be ordered (a badge)' });
  },
  get invalid_quantity() {
    return msg('Invalid quantity', { desc: 'Why a product cannot be ordered (a badge)' });
  },
  get not_found() {
    return msg('No longer in the catalogue', { desc: 'Why a product cannot be ordered (a badge)' });
  },
};

/** "SKU CLN-MFC-10": a product's code. */
export const skuText = (sku: string) => msg(str`SKU ${sku}`, { desc: "A product's code (stock keeping unit)" });

export function sourceLabel(source: PriceSource): string {
  switch (source.kind) {
    case 'group_list':
      return source.tier_min_quantity > 1
        ? msg(str`Your price list (${source.price_list_name}), from ${source.tier_min_quantity} units`, {
            desc: 'Where the price comes from; the name of the price list, then a quantity',
          })
        : msg(str`Your price list (${source.price_list_name})`, {
            desc: 'Where the price comes from; the name of the price list',
          });
    case 'default_list':
      return source.tier_min_quantity > 1
        ? msg(str`Workspace price (${source.price_list_name}), from ${source.tier_min_quantity} units`, {
            desc: "Where the price comes from: the supplier's general price list, its name, then a quantity",
          })
        : msg(str`Workspace price (${source.price_list_name})`, {
            desc: "Where the price comes from: the supplier's general price list, its name",
          });
    case 'base':
      return msg('Base price of the product');
  }
}

export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  get draft() {
    return msg('Draft', { id: 'order-status.draft', desc: 'Status of an order' });
  },
  get pending() {
    return msg('Pending', { id: 'order-status.pending', desc: 'Status of an order' });
  },
  get confirmed() {
    return msg('Confirmed', { id: 'order-status.confirmed', desc: 'Status of an order' });
  },
  get in_progress() {
    return msg('In progress', { id: 'order-status.in-progress', desc: 'Status of an order' });
  },
  get shipped() {
    return msg('Shipped', { id: 'order-status.shipped', desc: 'Status of an order' });
  },
  get delivered() {
    return msg('Delivered', { id: 'order-status.delivered', desc: 'Status of an order' });
  },
  get invoiced() {
    return msg('Invoiced', { id: 'order-status.invoiced', desc: 'Status of an order' });
  },
  get cancelled() {
    return msg('Cancelled', { id: 'order-status.cancelled', desc: 'Status of an order' });
  },
  get awaiting_approval() {
    return msg('Waiting for approval', {
      id: 'order-status.awaiting-approval',
      desc: "Status of an order that one of the account's Admins must approve",
    });
  },
  get rejected() {
    return msg('Rejected', { id: 'order-status.rejected', desc: "Status of an order the account's Admins rejected" });
  },
  get awaiting_supplier() {
    return msg('Waiting for the supplier', {
      id: 'order-status.awaiting-supplier',
      desc: 'Status of a placed order the supplier has not created yet ("Automatically create orders" off)',
    });
  },
};

export const DELIVERY_STATUS_LABEL: Record<DeliverySummary['status'], string> = {
  get preparing() {
    return msg('Preparing', { id: 'delivery-status.preparing', desc: 'Status of a delivery (a shipment)' });
  },
  get in_transit() {
    return msg('In transit', { id: 'delivery-status.in-transit', desc: 'Status of a delivery (a shipment)' });
  },
  get delivered() {
    return msg('Delivered', { id: 'delivery-status.delivered', desc: 'Status of a delivery (a shipment)' });
  },
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
  return dateFormat('day', locale).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** Today in the customer's time zone, as a calendar date (`2025-06-22`), to compare with due dates. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
