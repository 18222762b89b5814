import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import type { ShopProduct, UnitOfMeasure } from '../contract/index.ts';
import { LIMITS } from '../contract/limits.ts';
import { define } from '../define.ts';
import { intlLocaleOf } from '../i18n/locale.ts';
import { stateContext, storeContext } from '../state/context.ts';
import { chargeWith, type PortalState, type PortalStore } from '../state/store.ts';
import { withCharges } from '../pricing/charges.ts';
import { shared } from '../styles/shared.ts';
import { formatMoney } from './format.ts';
import { LongList } from './long-list.ts';
import { availabilityBadge, cartLinesText, priceBlock } from './price-block.ts';
import { checkQuantity } from './quantity.ts';
import { domId } from './dom-id.ts';

// The totals this part shows include the customer's charges besides freight.
chargeWith(withCharges);

interface PadRow {
  product: ShopProduct;
  unit: UnitOfMeasure;
}

const rowKey = (product: ShopProduct, uom: string) => `${product.id}|${uom}`;

/**
 * The Quantity Grid template: an order pad. The quantity typed on a row is the cart's quantity for
 * that product and unit, as it is typed (0 or an empty field takes the line out when the field is
 * left), so a tab switch, a search, opening the cart or a reload loses nothing; − and + step it;
 * the price shown is the one for that quantity. A bar under the rows, always in view, shows the
 * cart and opens it. Internal part of <customer-portal>, loaded when a customer has this template.
 */
@localized()
export class PortalOrderPad extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; }
    .field-error { color: var(--_danger); font-size: .85rem; margin: 0; }
    input[aria-invalid='true'] { border-color: var(--_danger); }
    .sku { color: var(--_muted); font-size: .85rem; }
    .price { font-weight: 700; }
    s { color: var(--_muted); margin-inline-start: 6px; }
    .row { display: grid; grid-template-columns: 7em minmax(0, 1fr) 11em 8em 11.5em; gap: 8px; align-items: center; padding: 6px 8px; border-bottom: 1px solid var(--_border); background: var(--_surface); width: 100%; box-sizing: border-box; min-height: 48px; }
    .row.in-cart-row { background: color-mix(in srgb, var(--_primary) 6%, var(--_surface)); }
    .row.head { font-weight: 600; color: var(--_muted); }
    .row > [role='cell'], .row > [role='columnheader'] { min-width: 0; overflow-wrap: break-word; }
    .c-price .each { display: block; color: var(--_muted); font-size: .85rem; }
    .stepper { display: flex; align-items: center; gap: 4px; }
    .stepper button { padding: 4px 0; width: 2.25em; min-height: 36px; flex: none; font-weight: 700; }
    .stepper input { width: 4.5em; min-width: 0; flex: 1 1 auto; text-align: end; -moz-appearance: textfield; }
    .stepper input::-webkit-inner-spin-button, .stepper input::-webkit-outer-spin-button { -webkit-appearance: none; margin: 0; }
    .pad-bar { position: sticky; bottom: 0; z-index: 1; display: flex; gap: var(--_space); align-items: center; justify-content: space-between; flex-wrap: wrap; padding: 10px var(--_space); margin-top: 8px; background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: 0 -2px 8px rgb(0 0 0 / 8%); }
    /* A phone: the product's name across the row, its price and the stepper under it. */
    @container portal (max-width: 599px) {
      .row { grid-template-columns: minmax(0, 1fr) auto; grid-template-areas: 'name name' 'price qty'; padding: 8px 4px; gap: 4px 8px; }
      .row .c-sku, .row .c-badge { display: none; }
      .row > .c-name { grid-area: name; font-weight: 600; }
      .row > .c-price { grid-area: price; }
      .row > .c-qty { grid-area: qty; }
      .row.head { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); min-height: 0; padding: 0; }
      .stepper button { width: 2.5em; min-height: 40px; }
      .stepper input { width: 4em; flex: none; }
      .pad-bar { flex-wrap: nowrap; padding: 8px 12px; gap: 8px; font-size: .9rem; }
    }
  `,
  ];

  @consume({ context: storeContext }) private store!: PortalStore;
  @consume({ context: stateContext, subscribe: true }) @state() private portal!: PortalState;

  /** The products to list (the catalogue's tab and search). */
  @property({ attribute: false }) products: ShopProduct[] = [];
  /** Names the list (tab and search): a new list gets a container of its own. */
  @property({ attribute: false }) listKey = '';

  /** What is typed in a field until it is left (or, when it cannot be taken, until it is fixed). */
  @state() private drafts = new Map<string, string>();
  /** Why a typed quantity was not taken, by row. */
  @state() private errors = new Map<string, string>();
  /** What the cart held of each row when its field was entered: an edit that ends invalid goes back to it. */
  readonly #editStart = new Map<string, number>();
  readonly #list = new LongList(this);
  #rowsFor: { products: ShopProduct[]; rows: PadRow[] } | undefined;

  /** One row per product and unit; the same objects while the list is the same, so rows keep their elements. */
  #rows(): PadRow[] {
    if (this.#rowsFor?.products !== this.products) {
      this.#rowsFor = {
        products: this.products,
        rows: this.products.flatMap((product) => product.units.map((unit) => ({ product, unit }))),
      };
    }
    return this.#rowsFor.rows;
  }

  #money(minor: number): string {
    return formatMoney(minor, this.portal.session!.currency, intlLocaleOf(this));
  }

  #set(map: 'drafts' | 'errors', key: string, value: string | undefined): void {
    if (this[map].get(key) === value) return;
    const next = new Map(this[map]);
    if (value === undefined) next.delete(key);
    else next.set(key, value);
    this[map] = next;
  }

  #onFocus(product: ShopProduct, uom: string): void {
    const key = rowKey(product, uom);
    if (!this.errors.has(key)) this.#editStart.set(key, this.store.quantityInCart(product.id, uom));
  }

  #onInput(product: ShopProduct, uom: string, field: HTMLInputElement): void {
    const key = rowKey(product, uom);
    this.#set('drafts', key, field.value);
    const check = checkQuantity(field.value, 0, intlLocaleOf(this), field.validity.badInput);
    if (!check.ok) {
      // "9999999" passed through 99999 on its way: the cart goes back to what it held before this edit.
      const before = this.#editStart.get(key);
      if (before !== undefined) this.store.setProductQuantity(product.id, uom, before);
      return this.#set('errors', key, check.message);
    }
    this.#set('errors', key, undefined);
    // An empty field is someone between two numbers: it empties the line only when they leave it.
    if (field.value.trim() !== '') this.store.setProductQuantity(product.id, uom, check.quantity);
  }

  #onChange(product: ShopProduct, uom: string, field: HTMLInputElement): void {
    const key = rowKey(product, uom);
    const check = checkQuantity(field.value, 0, intlLocaleOf(this), field.validity.badInput);
    if (!check.ok) return; // the message stays, and so does the cart
    this.store.setProductQuantity(product.id, uom, check.quantity);
    this.#set('drafts', key, undefined); // the field shows the cart's quantity again
    this.#editStart.set(key, check.quantity);
  }

  #step(product: ShopProduct, uom: string, by: 1 | -1): void {
    const key = rowKey(product, uom);
    const next = Math.max(0, Math.min(LIMITS.maxLineQuantity, this.store.quantityInCart(product.id, uom) + by));
    this.store.setProductQuantity(product.id, uom, next);
    this.#set('drafts', key, undefined);
    this.#set('errors', key, undefined);
  }

  /** Enter goes to the next row's field, as in a spreadsheet (the quantity is already in). */
  #onKey(event: KeyboardEvent): void {
    const field = event.target as HTMLElement;
    if (event.key !== 'Enter' || !field.matches('input[data-qty]')) return;
    event.preventDefault();
    const fields = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[data-qty]:enabled')];
    fields[fields.indexOf(field as HTMLInputElement) + (event.shiftKey ? -1 : 1)]?.focus();
  }

  protected override render() {
    if (!this.portal?.session || !this.store.pricer) return nothing;
    return html`<div role="table" aria-label=${msg('Quick order: the quantities you type go straight into the cart', { desc: 'The name of the quick-order table, for screen readers' })}
        @keydown=${this.#onKey}>
        <div role="row" class="row head">
          <span role="columnheader" class="c-sku">${msg('SKU', { desc: "Column: a product's code (stock keeping unit)" })}</span><span role="columnheader" class="c-name">${msg('Product')}</span>
          <span role="columnheader" class="c-price">${msg('Price')}</span><span role="columnheader" class="c-badge">${msg('Availability')}</span><span role="columnheader" class="c-qty">${msg('Quantity')}</span>
        </div>
        ${keyed(
          this.listKey,
          html`<div role="rowgroup">${this.#list.rows(
            this.#rows(),
            (r) => rowKey(r.product, r.unit.code),
            (row) => this.#row(row),
          )}</div>`,
        )}
      </div>
      ${this.#bar()}`;
  }

  /** Under the rows, always in view: what the cart holds, and the way on to checkout. */
  #bar() {
    const lines = this.portal.cart.length;
    const total = this.store.pricedCart()?.total_minor ?? 0;
    return html`<div class="pad-bar">
      <span>${lines === 0 ? msg('Your cart is empty: type a quantity on any row.') : cartLinesText(lines, this.#money(total))}</span>
      <button type="button" class="primary" part="button" ?disabled=${lines === 0}
        @click=${() => this.dispatchEvent(new Event('portal-open-cart', { bubbles: true, composed: true }))}>${msg('Review order')}</button>
    </div>`;
  }

  #row({ product, unit }: PadRow) {
    const key = rowKey(product, unit.code);
    const inCart = this.store.quantityInCart(product.id, unit.code);
    // The price for the quantity in the cart (its tier), as the cart will charge it.
    const resolution = this.store.pricer!.resolve(product, unit.code, Math.max(1, inCart), new Date());
    const label = `${product.name}${product.units.length > 1 ? `, ${unit.name}` : ''}`;
    const error = this.errors.get(key);
    const errorId = domId('e', product.id, unit.code);
    const disabled = !resolution.orderable && !inCart;
    const price = resolution.price;
    return html`<div role="row" class=${inCart ? 'row in-cart-row' : 'row'}>
      <span role="cell" class="c-sku sku">${product.sku}</span>
      <span role="cell" class="c-name">${label}</span>
      <span role="cell" class="c-price">${priceBlock(resolution, undefined, (m) => this.#money(m))}${
        price && inCart
          ? html`<span class="each">${msg(str`${inCart} · ${this.#money(price.line_total_minor)}`, { desc: 'The quantity in the cart, then the line total' })}</span>`
          : nothing
      }</span>
      <span role="cell" class="c-badge">${availabilityBadge(resolution)}</span>
      <span role="cell" class="c-qty">
        <span class="stepper">
          <button type="button" tabindex="-1" ?disabled=${!inCart} aria-label=${msg(str`One less ${label}`, { desc: 'A product' })}
            @click=${() => this.#step(product, unit.code, -1)}>−</button>
          <input type="number" inputmode="numeric" min="0" max=${LIMITS.maxLineQuantity} step="1" data-qty=${key}
            aria-label=${msg(str`Quantity of ${label}`, { desc: 'A product' })} placeholder="0"
            aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? errorId : nothing}
            ?disabled=${disabled} .value=${this.drafts.get(key) ?? (inCart ? String(inCart) : '')}
            @focus=${() => this.#onFocus(product, unit.code)}
            @input=${(e: Event) => this.#onInput(product, unit.code, e.target as HTMLInputElement)}
            @change=${(e: Event) => this.#onChange(product, unit.code, e.target as HTMLInputElement)}>
          <button type="button" tabindex="-1" ?disabled=${disabled} aria-label=${msg(str`One more ${label}`, { desc: 'A product' })}
            @click=${() => this.#step(product, unit.code, 1)}>+</button>
        </span>
        ${error ? html`<p class="field-error" id=${errorId} role="alert">${error}</p>` : nothing}
      </span>
    </div>`;
  }
}

define('portal-order-pad', PortalOrderPad);

declare global {
  interface HTMLElementTagNameMap {
    'portal-order-pad': PortalOrderPad;
  }
}
