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
