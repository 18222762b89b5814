import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Answer, BodyOf } from '../api.ts';
import { amount, date, t } from '../i18n.ts';
import { ConsoleScreen } from '../screen.ts';

type Quote = Answer<'adminListQuotes'>['items'][number];
type Customer = Answer<'listCustomers'>['items'][number];
type Product = Answer<'listProducts'>['items'][number];
type Line = { product: Product; quantity: number };

/**
 * Quotes: new ones made from products for a customer (a draft the customer does not see), sent,
 * and an accepted one turned into an order.
 *
 * @summary The console's quotes screen.
 */
@customElement('console-quotes')
export class ConsoleQuotes extends ConsoleScreen {
  @state() private quotes: Quote[] | null = null;
  @state() private creating = false;
  @state() private customers: Customer[] = [];
  @state() private products: Product[] = [];
  @state() private lines: Line[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load() {
    const page = await this.run('load', () => this.client.call('adminListQuotes', { query: { limit: 50 } }));
    if (!page) return;
    this.quotes = page.items;
    this.announce(this.quotes.length ? t('quotes.count', { n: this.quotes.length }) : t('quotes.none'));
  }

  async #toggleNew() {
    this.creating = !this.creating;
    this.lines = [];
    if (this.creating && !this.customers.length) {
      const [customers, products] = await Promise.all([
        this.run('options', () => this.client.call('listCustomers', { query: { limit: 100 } })),
        this.run('products', () => this.client.call('listProducts', { query: { limit: 100, active: 'true' } })),
      ]);
      this.customers = customers?.items ?? [];
      this.products = products?.items ?? [];
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(this.creating ? '#quote-customer' : '#new-quote')?.focus();
  }

  #addLine() {
    const id = this.renderRoot.querySelector<HTMLSelectElement>('#quote-product')?.value;
    const quantity = Number(this.renderRoot.querySelector<HTMLInputElement>('#quote-quantity')?.value);
    const product = this.products.find((p) => p.id === id);
    if (!product || !Number.isInteger(quantity) || quantity < 1) {
      this.errors = { ...this.errors, line: t('quotes.badLine') };
      return;
    }
    this.errors = { ...this.errors, line: '' };
    this.lines = [...this.lines.filter((l) => l.product.id !== product.id), { product, quantity }];
    this.announce(t('quotes.lineAdded', { name: product.name, quantity }));
  }

  async #create(event: SubmitEvent) {
    event.preventDefault();
    const customerId = this.renderRoot.querySelector<HTMLSelectElement>('#quote-customer')?.value ?? '';
    if (!this.lines.length) {
      this.errors = { ...this.errors, create: t('quotes.noLines') };
      return;
    }
    const body: BodyOf<'adminCreateQuote'> = {
      customer_id: customerId,
      lines: this.lines.map((l) => ({ product_id: l.product.id, quantity: l.quantity })),
    };
    const quote = await this.run('create', () => this.client.call('adminCreateQuote', { body }));
    if (!quote) return;
    this.creating = false;
    this.lines = [];
    this.quotes = [quote, ...(this.quotes ?? [])];
    this.announce(t('quotes.created', { number: quote.number }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#quote-${CSS.escape(quote.id)}`)?.focus();
  }

  async #act(quote: Quote, action: 'adminSendQuote' | 'adminConvertQuote') {
    const updated = await this.run(`act-${quote.id}`, () => this.client.call(action, { params: { id: quote.id } }));
    if (!updated) return;
    this.quotes = (this.quotes ?? []).map((q) => (q.id === quote.id ? updated : q));
    this.announce(
      t(action === 'adminSendQuote' ? 'quotes.sent' : 'quotes.converted', {
        number: quote.number,
        order: updated.order?.number ?? '',
      }),
    );
    // The pressed button is gone with the quote's old state: the focus stays on this quote.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#quote-${CSS.escape(quote.id)}`)?.focus();
  }

  override render() {
    return html`
      <h1 tabindex="-1">${t('quotes.title')}</h1>
      <div class="toolbar">
        <button id="new-quote" type="button" class="primary" aria-expanded=${this.creating ? 'true' : 'false'} @click=${this.#toggleNew}>${t('quotes.new')}</button>
      </div>
      ${this.creating ? this.#form() : nothing}
      ${this.errorFor('load')}
      ${this.quotes === null && !this.errors.load ? html`<p class="status">${t('common.loading')}</p>` : nothing}
      ${
        this.quotes
          ? html`
        <p class="status">${this.quotes.length ? t('quotes.count', { n: this.quotes.length }) : t('quotes.none')}</p>
        <ul class="cards">${this.quotes.map((q) => this.#quote(q))}</ul>`
          : nothing
      }
    `;
  }

  #form() {
    return html`
      <section class="card panel" aria-labelledby="new-quote-title">
        <h3 id="new-quote-title">${t('quotes.new')}</h3>
        ${this.errorFor('options')}
        ${this.errorFor('products')}
        <form novalidate @submit=${this.#create}>
          <div class="form-grid">
            <div class="field"><label for="quote-customer">${t('requests.customer')}</label>
              <select id="quote-customer">${this.customers.map((c) => html`<option value=${c.id}>${c.business_name}</option>`)}</select></div>
            <div class="field"><label for="quote-product">${t('diff.product')}</label>
              <select id="quote-product">${this.products.map((p) => html`<option value=${p.id}>${p.name} (${p.sku})</option>`)}</select></div>
            <div class="field"><label for="quote-quantity">${t('orders.quantity')}</label>
              <input id="quote-quantity" type="number" min="1" step="1" value="1" inputmode="numeric"></div>
          </div>
          <button type="button" aria-describedby=${this.describedBy('line')} @click=${this.#addLine}>${t('quotes.addLine')}</button>
          ${this.errorFor('line')}
          ${this.lines.length ? html`<ul class="plain lines">${this.lines.map((l) => html`<li>${l.quantity} × ${l.product.name} <span class="muted">${l.product.sku}</span></li>`)}</ul>` : nothing}
          <div class="row actions">
            <button type="submit" class="primary" aria-describedby=${this.describedBy('create')}>${t('quotes.create')}</button>
            <button type="button" @click=${this.#toggleNew}>${t('common.cancel')}</button>
          </div>
          ${this.errorFor('create')}
        </form>
      </section>`;
  }

  #quote(q: Quote) {
    const key = `act-${q.id}`;
    return html`
      <li class="card quote">
        <article aria-labelledby=${`quote-${q.id}`}>
          <h2 id=${`quote-${q.id}`} tabindex="-1">${q.number} <span class="badge ${q.state === 'accepted' ? 'ok' : q.state === 'draft' || q.state === 'requested' || q.state === 'sent' ? 'warn' : 'danger'}">${t(`quoteState.${q.state}`)}</span></h2>
          <dl class="fields">
            <div class="wide"><dt>${t('requests.customer')}</dt><dd>${q.customer.business_name}</dd></div>
            <div><dt>${t('diff.total')}</dt><dd>${amount(q.total_minor)} ${q.currency}</dd></div>
            <div><dt>${t('quotes.validUntil')}</dt><dd>${date(q.valid_until)}</dd></div>
            <div><dt>${t('quotes.lines')}</dt><dd>${q.lines.length}</dd></div>
            ${q.order ? html`<div><dt>${t('quotes.order')}</dt><dd>${q.order.number}</dd></div>` : nothing}
          </dl>
          <div class="row">
            ${q.state === 'draft' || q.state === 'requested' ? html`<button type="button" class="primary" aria-describedby=${this.describedBy(key)} aria-label=${t('quotes.sendFor', { number: q.number })} @click=${() => this.#act(q, 'adminSendQuote')}>${t('quotes.send')}</button>` : nothing}
            ${q.state === 'accepted' && !q.order ? html`<button type="button" class="primary" aria-describedby=${this.describedBy(key)} aria-label=${t('quotes.convertFor', { number: q.number })} @click=${() => this.#act(q, 'adminConvertQuote')}>${t('quotes.convert')}</button>` : nothing}
          </div>
          ${this.errorFor(key)}
        </article>
      </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-quotes': ConsoleQuotes;
  }
}
