import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import type { Product, UnitOfMeasure } from '../contract/index.ts';
import type { PriceResolution } from '../pricing/index.ts';
import { define } from '../define.ts';
import { intlLocaleOf } from '../i18n/locale.ts';
import { loadPastOrders, whenIdle } from './lazy.ts';
import { stateContext, storeContext } from '../state/context.ts';
import type { PortalState, PortalStore } from '../state/store.ts';
import { REASON_LABEL, formatDay, formatMoney, skuText, sourceLabel } from './format.ts';
import { catalogTabs, matchesSearch, type CatalogTab } from './tabs.ts';
import { shared } from '../styles/shared.ts';

/** Lists longer than this are virtualized: only the rows on screen are in the DOM. */
const VIRTUALIZE_FROM = 40;
/** Rows a long list shows until the virtualizer has loaded: a tall screen's worth, and no more to lay out. */
const FIRST_ROWS = 12;
const VIRTUALIZER_RETRY_MS = 5_000;

type Virtualizer = Pick<typeof import('@lit-labs/virtualizer/virtualize.js'), 'virtualize'>
  & Pick<typeof import('@lit-labs/virtualizer/layouts/flow.js'), 'flow'>;
let virtualizer: Virtualizer | undefined;
let loadingVirtualizer: Promise<Virtualizer> | undefined;

/**
 * The virtualizer is a third of the widget's code and only long catalogues need it: it loads when
 * a long list first renders, which then shows its first rows (FIRST_ROWS) and swaps them for the
 * virtualized list a moment later. Loading it earlier, beside the catalogue, was measured slower:
 * its evaluation then sits between the catalogue's arrival and the first paint.
 */
export function loadVirtualizer(): Promise<Virtualizer> {
  loadingVirtualizer ??= Promise.all([
    import('@lit-labs/virtualizer/virtualize.js'),
    import('@lit-labs/virtualizer/layouts/flow.js'),
  ]).then(([{ virtualize }, { flow }]) => (virtualizer = { virtualize, flow }), (error: unknown) => {
    loadingVirtualizer = undefined; // offline: the next render tries again
    throw error;
  });
  return loadingVirtualizer;
}

interface GridRow {
  product: Product;
  unit: UnitOfMeasure;
}

/**
 * The catalogue: tabs, search, and the products in the customer's order template (Standard
 * cards or the Quantity Grid). Internal part of <customer-portal>.
 */
@localized()
export class PortalCatalog extends LitElement {
  static override styles = [shared, css`
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
    .row { display: grid; grid-template-columns: 7em 1fr 10em 9em 6em; gap: 8px; align-items: center; padding: 6px 8px; border-bottom: 1px solid var(--_border); background: var(--_surface); width: 100%; box-sizing: border-box; min-height: 44px; }
    .row.head { font-weight: 600; color: var(--_muted); }
    .row input { width: 5em; }
    .empty { padding: calc(var(--_space) * 2); text-align: center; color: var(--_muted); }
    @container portal (max-width: 599px) {
      .row { grid-template-columns: 1fr 6em 5em; }
      .row .c-sku, .row .c-badge { display: none; }
    }
  `];

  @consume({ context: storeContext }) private store!: PortalStore;
  @consume({ context: stateContext, subscribe: true }) @state() private portal!: PortalState;

  @state() private tab = 'all';

  override connectedCallback(): void {
    super.connectedCallback();
    whenIdle(loadPastOrders); // the Past Orders tab's element, ready before the customer opens it
  }
  @state() private search = '';
  @state() private units = new Map<string, string>();
  @state() private quantities = new Map<string, string>();
  @state() private announcement = '';
  /** The virtualizer was asked for (once, until it loads or fails). */
  #virtualizerAsked = false;

  #tabsFor: { catalog: unknown; tabs: CatalogTab[] } | undefined;

  #tabs(): CatalogTab[] {
    const { session, catalog } = this.portal;
    if (!session || !catalog || !this.store.pricer) return [];
    if (this.#tabsFor?.catalog !== catalog) {
      this.#tabsFor = { catalog, tabs: catalogTabs(session, catalog, this.store.pricer, new Date()) };
    }
    return this.#tabsFor.tabs;
  }

  #products(tab: CatalogTab): Product[] {
    const products = this.portal.catalog?.products ?? [];
    return products.filter((p) => tab.matches(p) && (tab.id === 'all' || p.active) && matchesSearch(p, this.search));
  }

  #unitOf(product: Product): string {
    return this.units.get(product.id) ?? product.units[0]?.code ?? '';
  }

  #resolve(product: Product, uom: string, quantity = 1): PriceResolution {
    return this.store.pricer!.resolve(product, uom, quantity, new Date());
  }

  #money(minor: number): string {
    return formatMoney(minor, this.portal.session!.currency, intlLocaleOf(this));
  }

  #add(product: Product, uom: string, quantity: number): void {
    if (!Number.isSafeInteger(quantity) || quantity < 1) return;
    this.store.add(product.id, uom, quantity);
    const unit = product.units.find((u) => u.code === uom);
    const line = `${quantity} × ${product.name}${unit && product.units.length > 1 ? ` (${unit.name})` : ''}`;
    this.announcement = msg(str`Added ${line} to the cart`, { desc: 'A quantity and a product, e.g. "12 × Cold Brew Coffee 1 L"' });
  }

  #qtyKey(product: Product, uom: string): string {
    return `${product.id}|${uom}`;
  }

  #setQty(key: string, value: string): void {
    this.quantities = new Map(this.quantities).set(key, value);
  }

  #selectTab(id: string, focus = false): void {
    this.tab = id;
    if (focus) this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${CSS.escape(id)}`)?.focus());
  }

  #onTabKey(event: KeyboardEvent, tabs: CatalogTab[]): void {
    const index = tabs.findIndex((t) => t.id === this.tab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.#selectTab(tabs[(next + tabs.length) % tabs.length].id, true);
  }

  /** Quantity Grid: Enter adds every quantity typed so far. */
  #addGrid(rows: GridRow[]): void {
    let lines = 0;
    for (const { product, unit } of rows) {
      const key = this.#qtyKey(product, unit.code);
      const quantity = Number(this.quantities.get(key));
      if (Number.isSafeInteger(quantity) && quantity > 0 && this.#resolve(product, unit.code, quantity).orderable) {
        this.store.add(product.id, unit.code, quantity);
        lines += 1;
      }
    }
    this.quantities = new Map();
    this.announcement = lines === 1 ? msg('Added 1 line to the cart')
      : lines ? msg(str`Added ${lines} lines to the cart`) : msg('Type a quantity first');
  }

  protected override render() {
    const tabs = this.#tabs();
    const tab = tabs.find((t) => t.id === this.tab) ?? tabs[0];
    if (!tab) return nothing;
    const template = this.portal.session!.settings.order_template;
    return html`
      <div class="toolbar">
        <div role="tablist" aria-label=${msg('Catalogue sections')} part="tabs">
          ${tabs.map((t) => html`<button role="tab" type="button" part="tab" id=${`tab-${t.id}`} aria-controls="panel"
            aria-selected=${t.id === tab.id ? 'true' : 'false'} tabindex=${t.id === tab.id ? 0 : -1}
            @click=${() => this.#selectTab(t.id)} @keydown=${(e: KeyboardEvent) => this.#onTabKey(e, tabs)}>${t.label}</button>`)}
        </div>
        <input type="search" part="search" placeholder=${msg('Search by name or SKU')} aria-label=${msg('Search products by name or SKU')}
          .value=${this.search} @input=${(e: Event) => { this.search = (e.target as HTMLInputElement).value; }}>
      </div>
      <div role="status" aria-live="polite" class="visually-hidden">${this.announcement}</div>
      <div role="tabpanel" id="panel" aria-labelledby=${`tab-${tab.id}`} part="product-list">
        ${tab.history ? this.#pastOrders() : this.#list(tab, template)}
      </div>`;
  }

  #list(tab: CatalogTab, template: 'standard' | 'quantity_grid') {
    const products = this.#products(tab);
    if (!products.length) {
      return html`<p class="empty">${this.search
        ? msg(str`No products match “${this.search}”.`, { desc: 'What the customer searched for' })
        : msg('No products here yet.')}</p>`;
    }
    if (template === 'quantity_grid') {
      const rows: GridRow[] = products.flatMap((product) => product.units.map((unit) => ({ product, unit })));
      return html`<div role="table" aria-label=${msg('Quick order: type quantities, Tab to the next, Enter to add', { desc: 'The name of the quick-order table, for screen readers; Tab and Enter are keys' })}
          @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter' && (e.target as HTMLElement).matches('input')) { e.preventDefault(); this.#addGrid(rows); } }}>
        <div role="row" class="row head">
          <span role="columnheader" class="c-sku">${msg('SKU', { desc: "Column: a product's code (stock keeping unit)" })}</span><span role="columnheader">${msg('Product')}</span>
          <span role="columnheader">${msg('Price')}</span><span role="columnheader" class="c-badge">${msg('Availability')}</span><span role="columnheader">${msg('Quantity')}</span>
        </div>
        <div role="rowgroup">${this.#rows(rows, (row) => this.#gridRow(row))}</div>
      </div>`;
    }
    return html`<div class="list" role="list">${this.#rows(products, (p) => this.#card(p))}</div>`;
  }

  #pastOrders() {
    // Shows as soon as its code is in (usually already, from an idle moment); a failed load is retried on the next visit.
    loadPastOrders().catch(() => undefined);
    return html`<past-orders exportparts="orders, order, history, history-item, badge, button, notice, detail"></past-orders>`;
  }

  /** Every item, or for a long list only those on screen (the first few until the virtualizer has loaded). */
  #rows<T>(items: T[], render: (item: T) => TemplateResult) {
    if (items.length <= VIRTUALIZE_FROM) return items.map(render);
    if (!virtualizer) {
      if (!this.#virtualizerAsked) {
        this.#virtualizerAsked = true;
        // Asked for after the next paint: starting the import costs milliseconds the first rows need.
        // Offline, it is asked for again a few seconds later.
        requestAnimationFrame(() => setTimeout(() => loadVirtualizer().then(() => this.requestUpdate(), () => {
          this.#virtualizerAsked = false;
          setTimeout(() => this.requestUpdate(), VIRTUALIZER_RETRY_MS);
        })));
      }
      return items.slice(0, FIRST_ROWS).map(render);
    }
    return virtualizer.virtualize({ items, layout: virtualizer.flow(), renderItem: render });
  }

  #badge(resolution: PriceResolution) {
    return resolution.orderable
      ? html`<span class="badge ok" part="badge">${msg('Available')}</span>`
      : html`<span class="badge warn" part="badge">${REASON_LABEL[resolution.reason!]}</span>`;
  }

  #priceBlock(resolution: PriceResolution, unit: UnitOfMeasure | undefined) {
    const price = resolution.price;
    if (!price) return html`<span class="price muted">—</span>`;
    return html`<span class="price" part="price">${this.#money(price.unit_price_minor)}</span>${price.promotion
      ? html`<s aria-label=${msg(str`was ${this.#money(price.promotion.original_unit_price_minor)}`, { desc: 'The price before a promotion, for screen readers' })}>${this.#money(price.promotion.original_unit_price_minor)}</s>`
      : nothing}${unit ? html` <span class="sku">/ ${unit.name}</span>` : nothing}`;
  }

  #card(product: Product) {
    const uom = this.#unitOf(product);
    const unit = product.units.find((u) => u.code === uom);
    const resolution = this.#resolve(product, uom);
    const key = this.#qtyKey(product, uom);
    const qty = this.quantities.get(key) ?? '1';
    const price = resolution.price;
    const id = `p-${product.id}`;
    return html`<div class="card" part="product-card" role="listitem" aria-labelledby=${id}>
      ${product.image_url
        ? html`<img class="image" src=${product.image_url} alt="" loading="lazy" width="72" height="72">`
        : html`<div class="image placeholder" aria-hidden="true">${msg('No image')}</div>`}
      <h3 id=${id}>${product.name}</h3>
      <span class="sku">${skuText(product.sku)}</span>
      <div class="pricing">${this.#priceBlock(resolution, unit)} ${this.#badge(resolution)}</div>
      ${price && price.tiers.length > 1
        ? html`<ul class="tiers" aria-label=${msg('Quantity prices', { desc: 'A list of lower prices from a quantity on' })}>${price.tiers.map((t) => html`<li>${t.min_quantity}+ : ${this.#money(t.unit_price_minor)}</li>`)}</ul>`
        : nothing}
      ${price ? html`<details>
        <summary>${msg('Why this price?')}</summary>
        <p>${sourceLabel(price.source)}.${price.promotion
          ? html` ${this.#promotion(price.promotion)}`
          : nothing}</p>
      </details>` : nothing}
      <div class="buy">
        ${product.units.length > 1
          ? html`<label>${msg('Unit')} <select @change=${(e: Event) => { this.units = new Map(this.units).set(product.id, (e.target as HTMLSelectElement).value); }}>
              ${product.units.map((u) => html`<option value=${u.code} ?selected=${u.code === uom}>${u.name}</option>`)}
            </select></label>`
          : nothing}
        <label>${msg('Quantity')} <input type="number" inputmode="numeric" min="1" step="1" .value=${qty}
          @input=${(e: Event) => this.#setQty(key, (e.target as HTMLInputElement).value)}></label>
        <button type="button" class="primary" part="button" ?disabled=${!resolution.orderable}
          aria-label=${msg(str`Add ${product.name} to cart`, { desc: 'A product, or a quantity and a product' })}
          @click=${() => this.#add(product, uom, Number(qty))}>${msg('Add')}</button>
      </div>
    </div>`;
  }

  /** "Promotion “Summer” lowers it from €4.50, until 30 Jun 2026." */
  #promotion(promotion: { name: string; original_unit_price_minor: number; ends_at: string }): string {
    const { name } = promotion;
    const was = this.#money(promotion.original_unit_price_minor);
    // ends_at is exclusive: the last day it applies is the day before, as a calendar day.
    const until = formatDay(new Date(Date.parse(promotion.ends_at) - 1).toISOString(), intlLocaleOf(this));
    return msg(str`Promotion “${name}” lowers it from ${was}, until ${until}.`, { desc: "A promotion's name, the price before it, and its last day" });
  }

  #gridRow({ product, unit }: GridRow) {
    const resolution = this.#resolve(product, unit.code);
    const key = this.#qtyKey(product, unit.code);
    const label = `${product.name}${product.units.length > 1 ? `, ${unit.name}` : ''}`;
    return html`<div role="row" class="row">
      <span role="cell" class="c-sku sku">${product.sku}</span>
      <span role="cell">${label}</span>
      <span role="cell">${this.#priceBlock(resolution, undefined)}</span>
      <span role="cell" class="c-badge">${this.#badge(resolution)}</span>
      <span role="cell"><input type="number" inputmode="numeric" min="0" step="1" aria-label=${msg(str`Quantity of ${label}`, { desc: 'A product' })}
        ?disabled=${!resolution.orderable} .value=${this.quantities.get(key) ?? ''}
        @input=${(e: Event) => this.#setQty(key, (e.target as HTMLInputElement).value)}></span>
    </div>`;
  }
}

define('portal-catalog', PortalCatalog);

declare global {
  interface HTMLElementTagNameMap {
    'portal-catalog': PortalCatalog;
  }
}
