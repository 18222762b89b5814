import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { UnitOfMeasure } from '../contract/index.ts';
import type { PriceResolution } from '../pricing/index.ts';
import { REASON_LABEL } from './format.ts';

/** "3 lines in your cart · €120.50": the cart bars under the cards and the order pad. */
export function cartLinesText(lines: number, total: string): string {
  return lines === 1
    ? msg(str`1 line in your cart · ${total}`)
    : msg(str`${lines} lines in your cart · ${total}`, { desc: 'Number of lines, then the total' });
}

/** A product's availability badge: "Available", or why it cannot be ordered. */
export function availabilityBadge(resolution: PriceResolution) {
  return resolution.orderable
    ? html`<span class="badge ok" part="badge">${msg('Available')}</span>`
    : html`<span class="badge warn" part="badge">${REASON_LABEL[resolution.reason!]}</span>`;
}

/** A resolved unit price, the price before a promotion struck through, and "/ unit" when given; a dash without a price. */
export function priceBlock(
  resolution: PriceResolution,
  unit: UnitOfMeasure | undefined,
  money: (minor: number) => string,
) {
  const price = resolution.price;
  if (!price) return html`<span class="price muted">—</span>`;
  return html`<span class="price" part="price">${money(price.unit_price_minor)}</span>${
    price.promotion
      ? html`<s aria-label=${msg(str`was ${money(price.promotion.original_unit_price_minor)}`, { desc: 'The price before a promotion, for screen readers' })}>${money(price.promotion.original_unit_price_minor)}</s>`
      : nothing
  }${unit ? html` <span class="sku">/ ${unit.name}</span>` : nothing}`;
}
