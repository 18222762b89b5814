import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import type { ShopProduct } from '../contract/index.ts';
import { LIMITS } from '../contract/limits.ts';
import type { PriceResolution } from '../pricing/index.ts';
import { define } from '../define.ts';
import { intlLocaleOf } from '../i18n/locale.ts';
import { loadOrderPad, loadPastOrders, whenIdle } from './lazy.ts';
import { LongList, isLong } from './long-list.ts';
import { availabilityBadge, cartLinesText, priceBlock } from './price-block.ts';
import { stateContext, storeContext } from '../state/context.ts';
import { chargeWith, type PortalState, type PortalStore } from '../state/store.ts';
import { withCharges } from '../pricing/charges.ts';
import { formatDay, formatMoney, skuText, sourceLabel } from './format.ts';
import { catalogTabs, productSearch, type CatalogTab } from './tabs.ts';
import { shared } from '../styles/shared.ts';
import { checkQuantity } from './quantity.ts';
import { buildsCart } from '../state/permissions.ts';
import { domId } from './dom-id.ts';

// The totals this part shows include the customer's charges besides freight.
chargeWith(withCharges);

/**
 * The catalogue: tabs, search, and the products in the customer's order template (Standard
 * cards or the Quantity Grid). Internal part of <customer-portal>.
 */
@localized()
export class PortalCatalog extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; }
    .toolbar { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: center; margin-block: var(--_space); }
    [role='tablist'] { display: flex; gap: 4px; overflow-x: auto; scrollbar-width: thin; flex: 1 1 auto; }
    [role='tab'] { border: 1px solid var(--_border); background: var(--_surface); color: var(--_text); border-radius: 999px; padding: 6px 14px; white-space: nowrap; cursor: pointer; font: inherit; }
    [role='tab'][aria-selected='true'] { background: var(--_primary); color: var(--_on-primary); border-color: var(--_primary); }
    input[type='search'] { flex: 1 1 220px; min-width: 0; }
    .list { display: grid; gap: var(--_space); }
    .card { display: grid; grid-template-columns: 72px 1fr; grid-template-areas: 'img name' 'img sku' 'img price' 'img tiers' 'why why' 'buy buy'; gap: 4px var(--_space); background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_space); min-height: 168px; box-sizing: border-box; width: 100%; margin-block-end: var(--_space); align-items: start; }
    .card > .image { grid-area: img; }
    .card > h3 { grid-area: name; }
    .card > .sku { grid-area: sku; }
    .card > .pricing { grid-area: price; }
    .card > .tiers { grid-area: tiers; }
    .card > details { grid-area: why; }
    .card > .buy { grid-area: buy; }
    /* Wide screens: one product a row, like a table. */
    @container portal (min-width: 900px) {
      .card { grid-template-columns: 56px minmax(10em, 2fr) minmax(11em, 1.3fr) 27em; grid-template-areas: 'img name price buy' 'img sku tiers buy' 'img why why buy'; min-height: 96px; margin-block-end: 8px; padding: 10px var(--_space); }
      .card > .image { width: 56px; height: 56px; }
      .card > .buy { justify-content: flex-end; align-self: center; }
    }
    .image { width: 72px; height: 72px; border-radius: var(--_radius); background: var(--_background); object-fit: cover; }
    .placeholder { display: grid; place-items: center; color: var(--_muted); font-size: 12px; }
    h3 { margin: 0; font-size: 1rem; }
    .sku { color: var(--_muted); font-size: .85rem; }
    .price { font-weight: 700; }
    s { color: var(--_muted); margin-inline-start: 6px; }
    .tiers { list-style: none; padding: 0; margin: 0; display: flex; gap: 8px; flex-wrap: wrap; color: var(--_muted); font-size: .85rem; }
    .buy { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    .buy input { width: 5.5em; }
    details { font-size: .9rem; }
    .field-error { color: var(--_danger); font-size: .85rem; margin: 0; flex-basis: 100%; }
    input[aria-invalid='true'] { border-color: var(--_danger); }
    .in-cart { color: var(--_success); font-size: .85rem; font-weight: 600; }
    .cart-bar { display: none; }
    .empty { padding: calc(var(--_space) * 2); text-align: center; color: var(--_muted); }
    @container portal (max-width: 599px) {
      .cart-bar { position: sticky; bottom: 0; z-index: 1; display: flex; gap: 8px; align-items: center; justify-content: space-between; padding: 8px 12px; background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: 0 -2px 8px rgb(0 0 0 / 8%); font-size: .9rem; }
      /* Compact cards: no "No image" box taking a phone's width. */
      .card.no-image { grid-template-columns: minmax(0, 1fr); grid-template-areas: 'name' 'sku' 'price' 'tiers' 'why' 'buy'; min-height: 0; }
      .card.no-image > .placeholder { display: none; }
    }
  `,
  ];

  @consume({ context: storeContext }) private store!: PortalStore;
  @consume({ context: stateContext, subscribe: true }) @state() private portal!: PortalState;

  @state() private tab = 'all';

  override connectedCallback(): void {
    super.connectedCallback();
    whenIdle(loadPastOrders); // the Past Orders tab's element, ready before the customer opens it
  }
  @state() private search = '';
  @state() private units = new Map<string, string>();
  /** What the customer typed on a card and has not (yet, or validly) added. */
  @state() private quantities = new Map<string, string>();
  /** Why a typed quantity was not taken, by field (product|unit). */
  @state() private errors = new Map<string, string>();
  @state() private announcement = '';
  readonly #long = new LongList(this);

  #tabsFor: { catalog: unknown; tabs: CatalogTab[] } | undefined;

  #tabs(): CatalogTab[] {
    const { session, catalog } = this.portal;
    if (!session || !catalog || !this.store.pricer) return [];
    if (this.#tabsFor?.catalog !== catalog) {
      this.#tabsFor = { catalog, tabs: catalogTabs(session, catalog, this.store.pricer, new Date()) };
    }
    return this.#tabsFor.tabs;
  }

  #products(tab: CatalogTab): ShopProduct[] {
    const products = this.portal.catalog?.products ?? [];
    // All, unsearched (the first paint, and every render after a change to the cart): the catalogue as it is, not a copy.
    if (tab.id === 'all' && !this.search.trim()) return products;
    const matches = productSearch(this.search);
    return products.filter((p) => tab.matches(p) && (tab.id === 'all' || p.active) && matches(p));
  }

  #unitOf(product: ShopProduct): string {
    return this.units.get(product.id) ?? product.units[0]?.code ?? '';
  }

  #resolve(product: ShopProduct, uom: string, quantity = 1): PriceResolution {
    return this.store.pricer!.resolve(product, uom, quantity, new Date());
  }

  #money(minor: number): string {
    return formatMoney(minor, this.portal.session!.currency, intlLocaleOf(this));
  }

  /** Standard card: Add puts the typed quantity (1 when untouched) into the cart, or says next to the field why not. */
  #add(product: ShopProduct, uom: string): void {
    const key = this.#qtyKey(product, uom);
    const check = checkQuantity(this.quantities.get(key) ?? '1', 1, intlLocaleOf(this));
    if (!check.ok) {
      this.#setError(key, check.message);
      this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLInputElement>(`[data-qty="${CSS.escape(key)}"]`)?.focus(),
      );
      return;
    }
    this.#setError(key, undefined);
    this.store.add(product.id, uom, check.quantity);
    const unit = product.units.find((u) => u.code === uom);
    // `label`, as in buy-again.ts: one message, so its placeholder reads the same wherever extraction meets it first.
    const label = `${check.quantity} × ${product.name}${unit && product.units.length > 1 ? ` (${unit.name})` : ''}`;
    this.announcement = msg(str`Added ${label} to the cart`, {
      desc: 'A quantity and a product, e.g. "12 × Cold Brew Coffee 1 L"',
    });
  }

  #qtyKey(product: ShopProduct, uom: string): string {
    return `${product.id}|${uom}`;
  }

  #setQty(key: string, value: string | undefined): void {
    const quantities = new Map(this.quantities);
    if (value === undefined) quantities.delete(key);
    else quantities.set(key, value);
    this.quantities = quantities;
  }

  #setError(key: string, message: string | undefined): void {
    if (this.errors.get(key) === message) return;
    const errors = new Map(this.errors);
    if (message === undefined) errors.delete(key);
    else errors.set(key, message);
    this.errors = errors;
  }

  #selectTab(id: string, focus = false): void {
    this.tab = id;
    if (focus)
      this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(domId('tab', id))}`)?.focus(),
      );
  }

  #onTabKey(event: KeyboardEvent, tabs: CatalogTab[]): void {
    const index = tabs.findIndex((t) => t.id === this.tab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.#selectTab(tabs[(next + tabs.length) % tabs.length].id, true);
  }

  protected override render() {
    const tabs = this.#tabs();
    const tab = tabs.find((t) => t.id === this.tab) ?? tabs[0];
    if (!tab) return nothing;
    // A person who only looks (a Viewer, Finance) gets the cards without their Add: no grid to fill in.
    const template = buildsCart(this.portal.session!) ? this.portal.session!.settings.order_template : 'standard';
    return html`
      <div class="toolbar">
        <div role="tablist" aria-label=${msg('Catalogue sections')} part="tabs">
          ${tabs.map(
            (t) => html`<button role="tab" type="button" part="tab" id=${domId('tab', t.id)} aria-controls="panel"
            aria-selected=${t.id === tab.id ? 'true' : 'false'} tabindex=${t.id === tab.id ? 0 : -1}
            @click=${() => this.#selectTab(t.id)} @keydown=${(e: KeyboardEvent) => this.#onTabKey(e, tabs)}>${t.label}</button>`,
          )}
        </div>
        <input type="search" part="search" placeholder=${msg('Search by name or SKU')} aria-label=${msg('Search products by name or SKU')}
          .value=${this.search} @input=${(e: Event) => {
            this.search = (e.target as HTMLInputElement).value;
          }}>
      </div>
      <div role="status" aria-live="polite" class="visually-hidden">${this.announcement}</div>
      <div role="tabpanel" id="panel" aria-labelledby=${domId('tab', tab.id)} part="product-list">
        ${tab.history ? this.#pastOrders() : this.#list(tab, template)}
      </div>`;
  }

  #list(tab: CatalogTab, template: 'standard' | 'quantity_grid') {
    const products = this.#products(tab);
    if (!products.length) {
      return html`<p class="empty">${
        this.search
          ? msg(str`No products match “${this.search}”.`, { desc: 'What the customer searched for' })
          : msg('No products here yet.')
      }</p>`;
    }
    // Each list (tab and search) gets a container of its own: a virtualizer lays out the children
    // of its container, and one left from the previous list would stack this list's rows on its positions.
    const listKey = `${template}\u0000${tab.id}\u0000${this.search}\u0000${isLong(products.length)}`;
    if (template === 'quantity_grid') {
      // Its own element, loaded (usually already, beside the catalogue) for the customers who order this way.
      loadOrderPad().catch(() => undefined);
      return html`<portal-order-pad exportparts="button, badge, price" .products=${products} .listKey=${listKey}></portal-order-pad>`;
    }
    return html`${keyed(
      listKey,
      html`<div class="list" role="list">${this.#long.rows(
        products,
        (p) => p.id,
        (p) => this.#card(p),
      )}</div>`,
    )}
      ${this.#cartBar()}`;
  }

  /** On a phone, under the cards and always in view once the cart has something: its lines, total and the way to it. */
  #cartBar() {
    const lines = this.portal.cart.length;
    if (!lines || !buildsCart(this.portal.session!)) return nothing;
    const total = this.#money(this.store.pricedCart()?.total_minor ?? 0);
    return html`<div class="cart-bar">
      <span>${cartLinesText(lines, total)}</span>
      <button type="button" class="primary" part="button"
        @click=${() => this.dispatchEvent(new Event('portal-open-cart', { bubbles: true, composed: true }))}>${msg('Review order')}</button>
    </div>`;
  }

  #pastOrders() {
    // Shows as soon as its code is in (usually already, from an idle moment); a failed load is retried on the next visit.
    loadPastOrders().catch(() => undefined);
    return html`<past-orders exportparts="orders, order, history, history-item, badge, button, notice, detail" .filter=${this.search}></past-orders>`;
  }

  /** The quantity field's message, when what was typed cannot be taken. */
  #fieldError(key: string, id: string) {
    const error = this.errors.get(key);
    return error ? html`<p class="field-error" id=${id} role="alert">${error}</p>` : nothing;
  }

  #card(product: ShopProduct) {
    const uom = this.#unitOf(product);
    const unit = product.units.find((u) => u.code === uom);
    const resolution = this.#resolve(product, uom);
    const price = resolution.price;
    const id = domId('p', product.id);
    return html`<div class=${product.image_url ? 'card' : 'card no-image'} part="product-card" role="listitem" aria-labelledby=${id}>
      ${
        product.image_url
          ? html`<img class="image" src=${product.image_url} alt="" loading="lazy" width="72" height="72">`
          : html`<div class="image placeholder" aria-hidden="true">${msg('No image')}</div>`
      }
      <h3 id=${id}>${product.name}</h3>
      <span class="sku">${skuText(product.sku)}</span>
      <div class="pricing">${priceBlock(resolution, unit, (m) => this.#money(m))} ${availabilityBadge(resolution)}</div>
      ${
        price && price.tiers.length > 1
          ? html`<ul class="tiers" aria-label=${msg('Quantity prices', { desc: 'A list of lower prices from a quantity on' })}>${price.tiers.map((t) => html`<li>${t.min_quantity}+ : ${this.#money(t.unit_price_minor)}</li>`)}</ul>`
          : nothing
      }
      ${
        price && this.portal.session!.settings.show_price_explanation
          ? html`<details>
        <summary>${msg('Why this price?')}</summary>
        <p>${sourceLabel(price.source)}.${price.promotion ? html` ${this.#promotion(price.promotion)}` : nothing}</p>
      </details>`
          : nothing
      }
      ${buildsCart(this.portal.session!) ? this.#buy(product, uom, resolution) : nothing}
    </div>`;
  }

  /** The unit, the quantity and Add: what puts the product in the cart. */
  #buy(product: ShopProduct, uom: string, resolution: PriceResolution) {
    const key = this.#qtyKey(product, uom);
    const qty = this.quantities.get(key) ?? '1';
    const error = this.errors.get(key);
    const inCart = this.store.quantityInCart(product.id, uom);
    const errorId = domId('e', product.id);
    return html`<div class="buy">
        ${
          product.units.length > 1
            ? html`<label>${msg('Unit')} <select @change=${(e: Event) => {
                this.units = new Map(this.units).set(product.id, (e.target as HTMLSelectElement).value);
              }}>
              ${product.units.map((u) => html`<option value=${u.code} ?selected=${u.code === uom}>${u.name}</option>`)}
            </select></label>`
            : nothing
        }
        <label>${msg('Quantity')} <input type="number" inputmode="numeric" min="1" max=${LIMITS.maxLineQuantity} step="1" .value=${qty} data-qty=${key}
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? errorId : nothing}
          @input=${(e: Event) => {
            this.#setQty(key, (e.target as HTMLInputElement).value);
            this.#setError(key, undefined);
          }}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              this.#add(product, uom);
            }
          }}></label>
        <button type="button" class="primary" part="button" ?disabled=${!resolution.orderable}
          aria-label=${addLabel(product.name)}
          @click=${() => this.#add(product, uom)}>${msg('Add')}</button>
        ${inCart ? html`<span class="in-cart">${msg(str`${inCart} in cart`, { desc: 'How many of this product the cart holds' })}</span>` : nothing}
        ${this.#fieldError(key, errorId)}
      </div>`;
  }

  /** "Promotion “Summer” lowers it from €4.50, until 30 Jun 2026." */
  #promotion(promotion: { name: string; original_unit_price_minor: number; ends_at: string }): string {
    const { name } = promotion;
    const was = this.#money(promotion.original_unit_price_minor);
    // ends_at is exclusive: the last day it applies is the day before, as a calendar day.
    const until = formatDay(new Date(Date.parse(promotion.ends_at) - 1).toISOString(), intlLocaleOf(this));
    return msg(str`Promotion “${name}” lowers it from ${was}, until ${until}.`, {
      desc: "A promotion's name, the price before it, and its last day",
    });
  }
}

/** "Add Cold Brew Coffee 1 L to cart": the Add button's name (one message with buy-again.ts's, `label` in both). */
function addLabel(label: string): string {
  return msg(str`Add ${label} to cart`, { desc: 'A product, or a quantity and a product' });
}

define('portal-catalog', PortalCatalog);

declare global {
  interface HTMLElementTagNameMap {
    'portal-catalog': PortalCatalog;
  }
}
