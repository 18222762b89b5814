import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Answer } from '../api.ts';
import { amount, t } from '../i18n.ts';
import { ConsoleScreen } from '../screen.ts';
import './links.ts';

type Customer = Answer<'listCustomers'>['items'][number];

/**
 * Customers: every page of `listCustomers`, searched by name or email, each with its settings and
 * its portal links (opened below the customer, focus moved there).
 *
 * @summary The console's customers screen.
 */
@customElement('console-customers')
export class ConsoleCustomers extends ConsoleScreen {
  @state() private customers: Customer[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loaded = false;
  @state() private search = '';
  /** The customer whose links are open. */
  @state() private openLinks: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(cursor?: string) {
    const page = await this.run('load', () => this.client.call('listCustomers', { query: { limit: 100, cursor } }));
    if (!page) return;
    this.customers = cursor ? [...this.customers, ...page.items] : page.items;
    this.nextCursor = page.next_cursor;
    this.loaded = true;
    this.announce(t('customers.count', { n: this.#shown().length }));
  }

  #shown(): Customer[] {
    const needle = this.search.trim().toLocaleLowerCase();
    if (!needle) return this.customers;
    return this.customers.filter((c) => c.business_name.toLocaleLowerCase().includes(needle) || (c.email ?? '').toLocaleLowerCase().includes(needle));
  }

  #onSearch(event: InputEvent) {
    this.search = (event.target as HTMLInputElement).value;
    this.announce(t('customers.count', { n: this.#shown().length }));
  }

  async #toggleLinks(id: string) {
    this.openLinks = this.openLinks === id ? null : id;
    await this.updateComplete;
    if (this.openLinks) this.renderRoot.querySelector<HTMLElement & { focusHeading(): Promise<void> }>('console-links')?.focusHeading();
    else this.renderRoot.querySelector<HTMLElement>(`#links-toggle-${CSS.escape(id)}`)?.focus();
  }

  override render() {
    const shown = this.#shown();
    return html`
      <h1 tabindex="-1">${t('customers.title')}</h1>
      <div class="toolbar">
        <div class="field">
          <label for="search">${t('customers.search')}</label>
          <input id="search" type="search" .value=${this.search} @input=${this.#onSearch} aria-describedby="search-hint">
          <p class="hint" id="search-hint">${t('customers.searchHint')}</p>
        </div>
      </div>
      ${this.errorFor('load')}
      ${this.errors.load && !this.loaded ? html`<button type="button" @click=${() => this.#load()}>${t('common.retry')}</button>` : nothing}
      ${!this.loaded && !this.errors.load ? html`<p class="status">${t('common.loading')}</p>` : nothing}
      ${this.loaded ? html`
        <p class="status">${shown.length ? t('customers.count', { n: shown.length }) : t('customers.none')}</p>
        <ul class="cards">${shown.map((c) => this.#customer(c))}</ul>
        ${this.nextCursor ? html`<p><button type="button" @click=${() => this.#load(this.nextCursor!)} aria-disabled=${this.busy.load ? 'true' : 'false'}>${t('common.loadMore')}</button></p>` : nothing}
      ` : nothing}
    `;
  }

  #customer(c: Customer) {
    const s = c.settings;
    const open = this.openLinks === c.id;
    const freight = s.freight
      ? s.freight.free_over_minor === null
        ? t('customers.freightFlat', { flat: amount(s.freight.flat_minor) })
        : t('customers.freightValue', { flat: amount(s.freight.flat_minor), over: amount(s.freight.free_over_minor) })
      : t('common.default');
    return html`
      <li class="card customer" data-customer=${c.id}>
        <article aria-labelledby=${`customer-${c.id}`}>
          <h2 id=${`customer-${c.id}`}>${c.business_name} ${c.archived_at ? html`<span class="badge warn">${t('customers.archived')}</span>` : nothing}</h2>
          <dl class="fields">
            <div class="wide"><dt>${t('customers.email')}</dt><dd>${c.email ?? '—'}</dd></div>
            <div><dt>${t('customers.priceGroup')}</dt><dd>${c.price_group?.name ?? t('common.none')}</dd></div>
            <div><dt>${t('customers.template')}</dt><dd>${s.order_template ? t(`template.${s.order_template}`) : t('common.default')}</dd></div>
            <div><dt>${t('customers.checkout')}</dt><dd>${s.checkout_mode ? t(`checkout.${s.checkout_mode}`) : t('common.default')}</dd></div>
            <div><dt>${t('customers.freight')}</dt><dd>${freight}</dd></div>
            <div><dt>${t('customers.creditLimit')}</dt><dd>${amount(c.credit_limit_minor)}</dd></div>
            <div><dt>${t('customers.language')}</dt><dd>${c.language ? { en: 'English', es: 'Español' }[c.language] : t('common.default')}</dd></div>
          </dl>
          <button type="button" id=${`links-toggle-${c.id}`} aria-expanded=${open ? 'true' : 'false'} aria-controls=${`links-${c.id}`}
            aria-label=${t('customers.linksFor', { name: c.business_name })} @click=${() => this.#toggleLinks(c.id)}>${t('customers.links')}</button>
          ${open ? html`<console-links id=${`links-${c.id}`} .client=${this.client} .language=${this.language} .customer=${c}
            @console-close=${() => this.#toggleLinks(c.id)}></console-links>` : nothing}
        </article>
      </li>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'console-customers': ConsoleCustomers }
}
