import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Answer, BodyOf } from '../api.ts';
import { amount, parseAmount, t } from '../i18n.ts';
import { ConsoleScreen } from '../screen.ts';

type Product = Answer<'listProducts'>['items'][number];
const STOCK = ['in_stock', 'low_stock', 'out_of_stock'] as const;

/**
 * The catalogue's products, searched by SKU or name: each one's base price per unit, stock and
 * whether customers see it, changed and saved in place (the portal shows it at its next load).
 *
 * @summary The console's products screen.
 */
@customElement('console-products')
export class ConsoleProducts extends ConsoleScreen {
  @state() private products: Product[] | null = null;
  @state() private nextCursor: string | null = null;
  @state() private search = '';
  /** Problems by input id, shown under the input. */
  @state() private fieldErrors: Record<string, string> = {};

  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(cursor?: string) {
    const q = this.search.trim() || undefined;
    const page = await this.run('load', () => this.client.call('listProducts', { query: { limit: 50, cursor, q } }));
    if (!page) return;
    this.products = cursor ? [...(this.products ?? []), ...page.items] : page.items;
    this.nextCursor = page.next_cursor;
    this.announce(this.products.length ? t('products.count', { n: this.products.length }) : t('products.none'));
  }

  #onSearch(event: InputEvent) {
    this.search = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => void this.#load(), 250);
  }

  async #save(event: SubmitEvent, p: Product) {
    event.preventDefault();
    const root = this.renderRoot;
    const problems: Record<string, string> = {};
    const basePrices: Record<string, number | null> = {};
    for (const unit of p.units) {
      const id = `price-${p.id}-${unit.code}`;
      const text = root.querySelector<HTMLInputElement>(`#${CSS.escape(id)}`)?.value.trim() ?? '';
      const minor = text === '' ? null : parseAmount(text);
      if (text !== '' && minor === null) problems[id] = t('settings.badMoney');
      if (minor !== unit.base_price_minor) basePrices[unit.code] = minor;
    }
    this.fieldErrors = problems;
    if (Object.keys(problems).length) {
      await this.updateComplete;
      root.querySelector<HTMLElement>(`#${CSS.escape(Object.keys(problems)[0]!)}`)?.focus();
      return;
    }
    const body: BodyOf<'patchProduct'> = {
      stock: root.querySelector<HTMLSelectElement>(`#${CSS.escape(`stock-${p.id}`)}`)!.value as Product['stock'],
      active: root.querySelector<HTMLInputElement>(`#${CSS.escape(`active-${p.id}`)}`)!.checked,
      ...(Object.keys(basePrices).length ? { base_prices: basePrices } : {}),
    };
    const saved = await this.run(`save-${p.id}`, () =>
      this.client.call('patchProduct', { params: { id: p.id }, body }),
    );
    if (!saved) return;
    this.products = (this.products ?? []).map((x) => (x.id === p.id ? saved : x));
    this.announce(t('products.saved', { name: p.name }));
  }

  override render() {
    return html`
      <h1 tabindex="-1">${t('products.title')}</h1>
      <div class="toolbar">
        <div class="field">
          <label for="search">${t('products.search')}</label>
          <input id="search" type="search" .value=${this.search} @input=${this.#onSearch}>
        </div>
      </div>
      ${this.errorFor('load')}
      ${this.products === null && !this.errors.load ? html`<p class="status">${t('common.loading')}</p>` : nothing}
      ${
        this.products
          ? html`
        <p class="status">${this.products.length ? t('products.count', { n: this.products.length }) : t('products.none')}</p>
        <ul class="cards">${this.products.map((p) => this.#product(p))}</ul>
        ${this.nextCursor ? html`<p><button type="button" @click=${() => this.#load(this.nextCursor!)}>${t('common.loadMore')}</button></p>` : nothing}
      `
          : nothing
      }
    `;
  }

  #product(p: Product) {
    const key = `save-${p.id}`;
    return html`
      <li class="card product" data-product=${p.id}>
        <article aria-labelledby=${`product-${p.id}`}>
          <h2 id=${`product-${p.id}`}>${p.name} <span class="muted">${p.sku}</span></h2>
          <form novalidate @submit=${(e: SubmitEvent) => this.#save(e, p)}>
            <div class="form-grid">
              ${p.units.map((unit) => {
                const id = `price-${p.id}-${unit.code}`;
                const error = this.fieldErrors[id];
                return html`<div class="field">
                  <label for=${id}>${t('products.basePrice', { unit: unit.name })}</label>
                  <input id=${id} inputmode="decimal" .value=${unit.base_price_minor === null ? '' : amount(unit.base_price_minor).replace(/[^\d.,]/g, '')}
                    aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : nothing}>
                  ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing}
                </div>`;
              })}
              <div class="field">
                <label for=${`stock-${p.id}`}>${t('products.stock')}</label>
                <select id=${`stock-${p.id}`}>${STOCK.map((s) => html`<option value=${s} ?selected=${p.stock === s}>${t(`stock.${s}`)}</option>`)}</select>
              </div>
            </div>
            <div class="check"><input type="checkbox" id=${`active-${p.id}`} .checked=${p.active}><label for=${`active-${p.id}`}>${t('products.active')}</label></div>
            <button type="submit" class="primary" aria-label=${t('products.saveFor', { name: p.name })} aria-describedby=${this.describedBy(key)}
              aria-disabled=${this.busy[key] ? 'true' : 'false'}>${t('products.save')}</button>
            ${this.errorFor(key)}
          </form>
        </article>
      </li>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-products': ConsoleProducts;
  }
}
