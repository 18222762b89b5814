import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Answer, BodyOf } from '../api.ts';
import { amount, dateTime, parseAmount, t } from '../i18n.ts';
import { ConsoleScreen } from '../screen.ts';

type Promotion = Answer<'listPromotions'>['items'][number];
type Product = Answer<'listProducts'>['items'][number];
const STATES = ['all', 'scheduled', 'running', 'ended'] as const;
type StateFilter = (typeof STATES)[number];

/** Not started, running or ended, now. */
const stateOf = (p: Promotion, now = Date.now()): Exclude<StateFilter, 'all'> =>
  Date.parse(p.starts_at) > now ? 'scheduled' : Date.parse(p.ends_at) <= now ? 'ended' : 'running';

/** A `datetime-local` input's value for an instant, in this browser's time zone. */
const localInput = (at: Date) => {
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
};

/**
 * Promotions: listed by state (scheduled, running, ended), created with a percentage or an amount
 * off for products picked by SKU between two instants, and ended now.
 *
 * @summary The console's promotions screen.
 */
@customElement('console-promotions')
export class ConsolePromotions extends ConsoleScreen {
  @state() private promotions: Promotion[] | null = null;
  @state() private nextCursor: string | null = null;
  @state() private filter: StateFilter = 'all';
  @state() private found: Product[] = [];
  @state() private picked: Product[] = [];
  @state() private fieldErrors: Record<string, string> = {};

  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(cursor?: string) {
    const state = this.filter === 'all' ? undefined : this.filter;
    const page = await this.run('load', () =>
      this.client.call('listPromotions', { query: { limit: 50, cursor, state } }),
    );
    if (!page) return;
    this.promotions = cursor ? [...(this.promotions ?? []), ...page.items] : page.items;
    this.nextCursor = page.next_cursor;
    this.announce(this.promotions.length ? t('promotions.count', { n: this.promotions.length }) : t('promotions.none'));
  }

  #onFilter(event: Event) {
    this.filter = (event.target as HTMLSelectElement).value as StateFilter;
    void this.#load();
  }

  #onSearch(event: InputEvent) {
    const q = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(async () => {
      if (!q) {
        this.found = [];
        return;
      }
      const page = await this.run('search', () => this.client.call('listProducts', { query: { q, limit: 10 } }));
      if (!page) return;
      this.found = page.items;
      this.announce(page.items.length ? t('products.count', { n: page.items.length }) : t('products.none'));
    }, 250);
  }

  #pick(p: Product) {
    if (!this.picked.some((x) => x.id === p.id)) this.picked = [...this.picked, p];
    this.fieldErrors = { ...this.fieldErrors, 'promo-search': '' };
    this.announce(t('promotions.picked', { sku: p.sku, n: this.picked.length }));
  }

  async #unpick(p: Product) {
    this.picked = this.picked.filter((x) => x.id !== p.id);
    this.announce(t('promotions.unpicked', { sku: p.sku, n: this.picked.length }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#promo-search')?.focus();
  }

  async #create(event: SubmitEvent) {
    event.preventDefault();
    const root = this.renderRoot;
    const value = (id: string) =>
      root.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value.trim() ?? '';
    const name = value('promo-name');
    const kind = value('promo-kind');
    const off = parseAmount(value('promo-off'));
    const starts = Date.parse(value('promo-starts'));
    const ends = Date.parse(value('promo-ends'));
    const problems: Record<string, string> = {};
    if (!name) problems['promo-name'] = t('promotions.needName');
    if (off === null || off < 1 || (kind === 'percent' && off > 10_000))
      problems['promo-off'] = kind === 'percent' ? t('promotions.badPercent') : t('settings.badMoney');
    if (Number.isNaN(starts)) problems['promo-starts'] = t('promotions.badDate');
    if (Number.isNaN(ends)) problems['promo-ends'] = t('promotions.badDate');
    else if (!Number.isNaN(starts) && ends <= starts) problems['promo-ends'] = t('promotions.endsBeforeStarts');
    if (!this.picked.length) problems['promo-search'] = t('promotions.needProducts');
    this.fieldErrors = problems;
    if (Object.keys(problems).length) {
      await this.updateComplete;
      root.querySelector<HTMLElement>(`#${Object.keys(problems)[0]!}`)?.focus();
      return;
    }
    const body: BodyOf<'createPromotion'> = {
      name,
      discount:
        kind === 'percent' ? { type: 'percent', basis_points: off! } : { type: 'amount_off', amount_minor: off! },
      starts_at: new Date(starts).toISOString(),
      ends_at: new Date(ends).toISOString(),
      product_ids: this.picked.map((p) => p.id),
    };
    const created = await this.run('create', () => this.client.call('createPromotion', { body }));
    if (!created) return;
    this.picked = [];
    this.found = [];
    (root.querySelector('#promo-form') as HTMLFormElement | null)?.reset();
    if (this.filter === 'all' || this.filter === stateOf(created))
      this.promotions = [created, ...(this.promotions ?? [])];
    this.announce(t('promotions.created', { name: created.name }));
  }

  async #end(p: Promotion) {
    const ended = await this.run(`end-${p.id}`, () => this.client.call('endPromotion', { params: { id: p.id } }));
    if (!ended) return;
    this.promotions = (this.promotions ?? []).map((x) => (x.id === p.id ? ended : x));
    this.announce(t('promotions.ended', { name: p.name }));
  }

  #discount(p: Promotion) {
    return p.discount.type === 'percent'
      ? t('promotions.percentOff', {
          n: amount(p.discount.basis_points)
            .replace(/([.,]\d)0$/, '$1')
            .replace(/[.,]0$/, ''),
        })
      : t('promotions.amountOff', { amount: amount(p.discount.amount_minor) });
  }

  override render() {
    return html`
      <h1 tabindex="-1">${t('promotions.title')}</h1>
      ${this.#form()}
      <div class="toolbar">
        <div class="field">
          <label for="filter">${t('promotions.show')}</label>
          <select id="filter" @change=${this.#onFilter}>
            ${STATES.map((s) => html`<option value=${s} ?selected=${s === this.filter}>${t(`promoState.${s}`)}</option>`)}
          </select>
        </div>
      </div>
      ${this.errorFor('load')}
      ${this.promotions === null && !this.errors.load ? html`<p class="status">${t('common.loading')}</p>` : nothing}
      ${
        this.promotions
          ? html`
        <p class="status">${this.promotions.length ? t('promotions.count', { n: this.promotions.length }) : t('promotions.none')}</p>
        <ul class="cards">${this.promotions.map((p) => this.#promotion(p))}</ul>
        ${this.nextCursor ? html`<p><button type="button" @click=${() => this.#load(this.nextCursor!)}>${t('common.loadMore')}</button></p>` : nothing}
      `
          : nothing
      }
    `;
  }

  #promotion(p: Promotion) {
    const key = `end-${p.id}`;
    const state = stateOf(p);
    return html`
      <li class="card promotion" data-promotion=${p.id}>
        <h2>${p.name} <span class=${`badge ${state === 'running' ? 'ok' : state === 'scheduled' ? 'warn' : ''}`}>${t(`promoState.${state}`)}</span></h2>
        <dl class="fields">
          <div><dt>${t('promotions.discount')}</dt><dd>${this.#discount(p)}</dd></div>
          <div><dt>${t('promotions.starts')}</dt><dd>${dateTime(p.starts_at)}</dd></div>
          <div><dt>${t('promotions.ends')}</dt><dd>${dateTime(p.ends_at)}</dd></div>
          <div><dt>${t('promotions.products')}</dt><dd>${p.product_ids.length}</dd></div>
        </dl>
        ${
          state === 'ended'
            ? nothing
            : html`
          <button type="button" aria-label=${t('promotions.endFor', { name: p.name })} aria-describedby=${this.describedBy(key)}
            aria-disabled=${this.busy[key] ? 'true' : 'false'} @click=${() => this.#end(p)}>${t('promotions.end')}</button>`
        }
        ${this.errorFor(key)}
      </li>
    `;
  }

  #form() {
    const field = (id: string, label: string, input: unknown) => {
      const error = this.fieldErrors[id];
      return html`<div class="field">
        <label for=${id}>${label}</label>${input}
        ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing}
      </div>`;
    };
    const invalid = (id: string) => (this.fieldErrors[id] ? 'true' : 'false');
    const describedBy = (id: string) => (this.fieldErrors[id] ? `${id}-error` : nothing);
    const now = new Date();
    return html`
      <form id="promo-form" novalidate @submit=${this.#create}>
        <fieldset>
          <legend>${t('promotions.new')}</legend>
          <div class="form-grid">
            ${field('promo-name', t('promotions.name'), html`<input id="promo-name" autocomplete="off" aria-invalid=${invalid('promo-name')} aria-describedby=${describedBy('promo-name')}>`)}
            ${field(
              'promo-kind',
              t('promotions.kind'),
              html`<select id="promo-kind">
              <option value="percent">${t('promotions.kindPercent')}</option>
              <option value="amount_off">${t('promotions.kindAmount')}</option>
            </select>`,
            )}
            ${field('promo-off', t('promotions.off'), html`<input id="promo-off" inputmode="decimal" aria-invalid=${invalid('promo-off')} aria-describedby=${describedBy('promo-off')}>`)}
            ${field(
              'promo-starts',
              t('promotions.starts'),
              html`<input id="promo-starts" type="datetime-local" value=${localInput(now)}
              aria-invalid=${invalid('promo-starts')} aria-describedby=${describedBy('promo-starts')}>`,
            )}
            ${field(
              'promo-ends',
              t('promotions.ends'),
              html`<input id="promo-ends" type="datetime-local" value=${localInput(new Date(now.getTime() + 7 * 86_400_000))}
              aria-invalid=${invalid('promo-ends')} aria-describedby=${describedBy('promo-ends')}>`,
            )}
            ${field(
              'promo-search',
              t('promotions.searchSku'),
              html`<input id="promo-search" type="search" @input=${this.#onSearch}
              aria-invalid=${invalid('promo-search')} aria-describedby=${describedBy('promo-search')}>`,
            )}
          </div>
          ${this.errorFor('search')}
          ${
            this.found.length
              ? html`
            <h2>${t('promotions.found')}</h2>
            <ul class="plain">${this.found.map(
              (p) => html`<li class="row">
              <button type="button" aria-label=${t('promotions.pickFor', { sku: p.sku })} @click=${() => this.#pick(p)}>${t('promotions.pick')}</button>
              <span>${p.sku} · ${p.name}</span></li>`,
            )}</ul>`
              : nothing
          }
          <h2>${t('promotions.picked.title', { n: this.picked.length })}</h2>
          ${
            this.picked.length
              ? html`<ul class="plain">${this.picked.map(
                  (p) => html`<li class="row">
              <button type="button" aria-label=${t('promotions.unpickFor', { sku: p.sku })} @click=${() => this.#unpick(p)}>${t('priceLists.remove')}</button>
              <span>${p.sku} · ${p.name}</span></li>`,
                )}</ul>`
              : html`<p class="hint">${t('promotions.nonePicked')}</p>`
          }
          <button type="submit" class="primary" aria-describedby=${this.describedBy('create')}
            aria-disabled=${this.busy.create ? 'true' : 'false'}>${t('promotions.create')}</button>
          ${this.errorFor('create')}
        </fieldset>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-promotions': ConsolePromotions;
  }
}
