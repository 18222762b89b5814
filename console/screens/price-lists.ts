import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Answer } from '../api.ts';
import { amount, parseAmount, t } from '../i18n.ts';
import { ConsoleScreen } from '../screen.ts';
import { consoleStyles } from '../styles.ts';

type PriceList = Answer<'listPriceLists'>['items'][number];
type Entry = Answer<'getPriceList'>['entries'][number];
type Product = Answer<'listProducts'>['items'][number];

const ENTRIES_PAGE = 50;
/** One tier of a list, as an id safe in attributes: product, unit, quantity break. */
const entryKey = (e: Pick<Entry, 'product_id' | 'uom' | 'min_quantity'>) =>
  `${e.product_id}-${e.uom}-${e.min_quantity}`;
/** An amount as typed back into an input: digits and the decimal mark only. */
const typed = (minor: number) => amount(minor).replace(/[^\d.,]/g, '');

/**
 * The price lists (the default one and one per price group): open one to see its entries a page
 * at a time, change a price in place, add a tier for a product found by SKU, or remove one.
 *
 * @summary The console's price lists screen.
 */
@customElement('console-price-lists')
export class ConsolePriceLists extends ConsoleScreen {
  static override styles = [
    ...consoleStyles,
    css`
    .table-wrap { overflow-x: auto; }
    td input { width: 8em; max-width: 100%; box-sizing: border-box; }
    td .row { flex-wrap: nowrap; }
  `,
  ];

  @state() private lists: PriceList[] | null = null;
  @state() private open: PriceList | null = null;
  @state() private entries: Entry[] = [];
  @state() private entriesCursor: string | null = null;
  /** Products found by the add form's SKU search. */
  @state() private found: Product[] = [];
  @state() private pickedId = '';
  /** Problems by input id, shown under the input. */
  @state() private fieldErrors: Record<string, string> = {};

  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#loadLists();
  }

  async #loadLists() {
    const page = await this.run('load', () => this.client.call('listPriceLists', { query: { limit: 100 } }));
    if (!page) return;
    this.lists = page.items;
    this.announce(t('priceLists.count', { n: page.items.length }));
  }

  async #openList(list: PriceList, cursor?: string) {
    const detail = await this.run(`open-${list.id}`, () =>
      this.client.call('getPriceList', { params: { id: list.id }, query: { limit: ENTRIES_PAGE, cursor } }),
    );
    if (!detail) return;
    const { entries, next_cursor, ...summary } = detail;
    this.entries = cursor ? [...this.entries, ...entries] : entries;
    this.entriesCursor = next_cursor;
    if (cursor) return;
    this.open = summary;
    this.fieldErrors = {};
    this.found = [];
    this.pickedId = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#list-title')?.focus();
    this.announce(t('priceLists.opened', { name: summary.name, n: summary.entry_count }));
  }

  #setCount(delta: number) {
    if (!this.open) return;
    this.open = { ...this.open, entry_count: this.open.entry_count + delta };
    this.lists = (this.lists ?? []).map((l) => (l.id === this.open!.id ? this.open! : l));
  }

  async #savePrice(event: SubmitEvent, entry: Entry) {
    event.preventDefault();
    const key = entryKey(entry);
    const id = `price-${key}`;
    const minor = parseAmount(this.renderRoot.querySelector<HTMLInputElement>(`#${CSS.escape(id)}`)?.value ?? '');
    this.fieldErrors = { ...this.fieldErrors, [id]: minor === null ? t('settings.badMoney') : '' };
    if (minor === null) {
      this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`)?.focus();
      return;
    }
    const list = this.open!;
    const done = await this.run(`save-${key}`, () =>
      this.client.call('putPriceListEntries', {
        params: { id: list.id },
        body: {
          entries: [
            { product_id: entry.product_id, uom: entry.uom, min_quantity: entry.min_quantity, unit_price_minor: minor },
          ],
        },
      }),
    );
    if (!done) return;
    this.entries = this.entries.map((e) => (entryKey(e) === key ? { ...e, unit_price_minor: minor } : e));
    this.announce(t('priceLists.saved', { sku: entry.sku, unit: entry.uom, price: amount(minor) }));
  }

  async #remove(entry: Entry) {
    const key = entryKey(entry);
    const done = await this.run(`save-${key}`, () =>
      this.client.call('deletePriceListEntries', {
        params: { id: this.open!.id },
        body: { entries: [{ product_id: entry.product_id, uom: entry.uom, min_quantity: entry.min_quantity }] },
      }),
    );
    if (!done) return;
    this.entries = this.entries.filter((e) => entryKey(e) !== key);
    this.#setCount(-done.deleted);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#list-title')?.focus();
    this.announce(t('priceLists.removed', { sku: entry.sku, unit: entry.uom }));
  }

  #onSearch(event: InputEvent) {
    const q = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(async () => {
      if (!q) {
        this.found = [];
        this.pickedId = '';
        return;
      }
      const page = await this.run('search', () => this.client.call('listProducts', { query: { q, limit: 20 } }));
      if (!page) return;
      this.found = page.items;
      this.pickedId = page.items[0]?.id ?? '';
      this.announce(page.items.length ? t('products.count', { n: page.items.length }) : t('products.none'));
    }, 250);
  }

  async #add(event: SubmitEvent) {
    event.preventDefault();
    const root = this.renderRoot;
    const value = (id: string) =>
      root.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value.trim() ?? '';
    const product = this.found.find((p) => p.id === this.pickedId);
    const uom = value('add-unit');
    const quantity = Number(value('add-quantity') || '1');
    const price = parseAmount(value('add-price'));
    const problems: Record<string, string> = {};
    if (!product) problems['add-search'] = t('priceLists.pickProduct');
    if (!Number.isSafeInteger(quantity) || quantity < 1) problems['add-quantity'] = t('priceLists.badQuantity');
    if (price === null) problems['add-price'] = t('settings.badMoney');
    this.fieldErrors = problems;
    if (Object.keys(problems).length) {
      await this.updateComplete;
      root.querySelector<HTMLElement>(`#${Object.keys(problems)[0]!}`)?.focus();
      return;
    }
    const list = this.open!;
    const result = await this.run('add', () =>
      this.client.call('putPriceListEntries', {
        params: { id: list.id },
        body: { entries: [{ product_id: product!.id, uom, min_quantity: quantity, unit_price_minor: price! }] },
      }),
    );
    if (!result) return;
    const entry: Entry = {
      product_id: product!.id,
      sku: product!.sku,
      uom,
      min_quantity: quantity,
      unit_price_minor: price!,
    };
    const key = entryKey(entry);
    this.entries = [entry, ...this.entries.filter((e) => entryKey(e) !== key)];
    this.#setCount(result.created);
    this.announce(t('priceLists.added', { sku: product!.sku, unit: uom, price: amount(price!) }));
  }

  override render() {
    return html`
      <h1 tabindex="-1">${t('priceLists.title')}</h1>
      ${this.errorFor('load')}
      ${this.lists === null && !this.errors.load ? html`<p class="status">${t('common.loading')}</p>` : nothing}
      ${this.lists ? html`<ul class="cards lists">${this.lists.map((l) => this.#list(l))}</ul>` : nothing}
      ${this.open ? this.#detail(this.open) : nothing}
    `;
  }

  #list(list: PriceList) {
    const key = `open-${list.id}`;
    return html`
      <li class="card pricelist">
        <h2 id=${`list-${list.id}`}>${list.name}</h2>
        <p>${list.kind === 'default' ? t('priceLists.default') : t('priceLists.group', { group: list.price_group?.name ?? '' })}
          · ${t('priceLists.entries', { n: list.entry_count })}</p>
        <button type="button" aria-label=${t('priceLists.openFor', { name: list.name })} aria-describedby=${this.describedBy(key)}
          aria-disabled=${this.busy[key] ? 'true' : 'false'} @click=${() => this.#openList(list)}>${t('priceLists.open')}</button>
        ${this.errorFor(key)}
      </li>
    `;
  }

  #detail(list: PriceList) {
    return html`
      <section class="panel card" aria-labelledby="list-title">
        <h2 id="list-title" tabindex="-1">${t('priceLists.entriesOf', { name: list.name })}</h2>
        <p class="status">${t('priceLists.shown', { shown: this.entries.length, n: list.entry_count })}</p>
        ${this.#addForm()}
        ${
          this.entries.length
            ? html`
          <div class="table-wrap">
            <table aria-labelledby="list-title">
              <thead><tr>
                <th scope="col">${t('priceLists.product')}</th><th scope="col">${t('priceLists.unit')}</th>
                <th scope="col" class="num">${t('priceLists.fromQuantity')}</th><th scope="col">${t('priceLists.price')}</th>
                <th scope="col">${t('priceLists.remove')}</th>
              </tr></thead>
              <tbody>${this.entries.map((e) => this.#entry(e))}</tbody>
            </table>
          </div>`
            : html`<p>${t('priceLists.empty')}</p>`
        }
        ${this.errorFor(`open-${list.id}`)}
        ${this.entriesCursor ? html`<p><button type="button" @click=${() => this.#openList(list, this.entriesCursor!)}>${t('common.loadMore')}</button></p>` : nothing}
      </section>
    `;
  }

  #entry(e: Entry) {
    const key = entryKey(e);
    const id = `price-${key}`;
    const error = this.fieldErrors[id];
    const what = t('priceLists.tier', { sku: e.sku, unit: e.uom, q: e.min_quantity });
    const described = [error ? `${id}-error` : '', this.errors[`save-${key}`] ? `error-save-${key}` : '']
      .filter(Boolean)
      .join(' ');
    return html`
      <tr class="entry" data-entry=${key}>
        <th scope="row">${e.sku}</th><td>${e.uom}</td><td class="num">${e.min_quantity}</td>
        <td>
          <form novalidate @submit=${(event: SubmitEvent) => this.#savePrice(event, e)}>
            <label class="visually-hidden" for=${id}>${t('priceLists.priceOf', { what })}</label>
            <div class="row">
              <input id=${id} inputmode="decimal" .value=${typed(e.unit_price_minor)}
                aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described || nothing}>
              <button type="submit" aria-label=${t('priceLists.saveFor', { what })}
                aria-disabled=${this.busy[`save-${key}`] ? 'true' : 'false'}>${t('products.save')}</button>
            </div>
            ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing}
            ${this.errorFor(`save-${key}`)}
          </form>
        </td>
        <td><button type="button" aria-label=${t('priceLists.removeFor', { what })} @click=${() => this.#remove(e)}>${t('priceLists.remove')}</button></td>
      </tr>
    `;
  }

  #addForm() {
    const product = this.found.find((p) => p.id === this.pickedId);
    const field = (id: string, label: string, input: unknown) => {
      const error = this.fieldErrors[id];
      return html`<div class="field">
        <label for=${id}>${label}</label>${input}
        ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing}
      </div>`;
    };
    const invalid = (id: string) => (this.fieldErrors[id] ? 'true' : 'false');
    const describedBy = (id: string) => (this.fieldErrors[id] ? `${id}-error` : nothing);
    return html`
      <form novalidate @submit=${this.#add}>
        <fieldset>
          <legend>${t('priceLists.add')}</legend>
          <div class="form-grid">
            ${field(
              'add-search',
              t('priceLists.searchSku'),
              html`<input id="add-search" type="search" @input=${this.#onSearch}
              aria-invalid=${invalid('add-search')} aria-describedby=${describedBy('add-search')}>`,
            )}
            ${field(
              'add-product',
              t('priceLists.product'),
              html`<select id="add-product" ?disabled=${!this.found.length}
              @change=${(ev: Event) => {
                this.pickedId = (ev.target as HTMLSelectElement).value;
              }}>
              ${this.found.map((p) => html`<option value=${p.id} ?selected=${p.id === this.pickedId}>${p.sku} · ${p.name}</option>`)}
            </select>`,
            )}
            ${field(
              'add-unit',
              t('priceLists.unit'),
              html`<select id="add-unit" ?disabled=${!product}>
              ${(product?.units ?? []).map((u) => html`<option value=${u.code}>${u.name} (${u.code})</option>`)}
            </select>`,
            )}
            ${field(
              'add-quantity',
              t('priceLists.fromQuantity'),
              html`<input id="add-quantity" inputmode="numeric" value="1"
              aria-invalid=${invalid('add-quantity')} aria-describedby=${describedBy('add-quantity')}>`,
            )}
            ${field(
              'add-price',
              t('priceLists.price'),
              html`<input id="add-price" inputmode="decimal"
              aria-invalid=${invalid('add-price')} aria-describedby=${describedBy('add-price')}>`,
            )}
          </div>
          ${this.errorFor('search')}
          <button type="submit" class="primary" aria-describedby=${this.describedBy('add')}
            aria-disabled=${this.busy.add ? 'true' : 'false'}>${t('priceLists.addSubmit')}</button>
          ${this.errorFor('add')}
        </fieldset>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-price-lists': ConsolePriceLists;
  }
}
