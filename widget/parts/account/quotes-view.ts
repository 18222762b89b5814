import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { endpoints } from '../../api/contract.gen.ts';
import type { Quote, QuoteState } from '../../contract/index.ts';
import { define } from '../../define.ts';
import { routeHref, sectionAllowed } from '../../state/route.ts';
import { errorCopy } from '../error-copy.ts';
import { linesTable, totalsList, unitName } from '../order-detail.ts';
import { RetryCountdown } from '../retry-countdown.ts';
import { AccountView, PagedList, apiError, badge, type Tone } from './account-view.ts';

type Filter = 'all' | QuoteState;

const FILTERS: readonly { value: Filter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'sent', label: 'Open' },
  { value: 'accepted', label: 'Accepted' },
  { value: 'declined', label: 'Declined' },
  { value: 'expired', label: 'Expired' },
];

const STATE_BADGE: Record<QuoteState, [string, Tone]> = {
  sent: ['Open', 'info'],
  accepted: ['Accepted', 'ok'],
  declined: ['Declined', 'neutral'],
  expired: ['Expired', 'warn'],
};

/** The most a decline reason may hold (the contract's limit). */
const REASON_MAX = 500;

interface Outcome {
  tone: 'ok' | 'error';
  text: string;
  /** The sales order the acceptance created. */
  order?: { number: string };
}

/**
 * The portal's Quotes section: the quotes with a state filter, and one quote's page with its
 * lines, totals and validity, where a customer allowed to (`accept_quotes`) accepts it (after
 * confirming) or declines it with an optional reason. The answer updates the page and the list in
 * place; an order created on acceptance is linked and the portal's order lists reload.
 * Internal part of <customer-portal>.
 */
export class PortalQuotesView extends AccountView {
  static override styles = [AccountView.styles, css`
    .quotes-table .row { grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr) minmax(0, 1fr) minmax(0, .9fr) minmax(0, 1fr); }
    .answer { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-block: var(--_space); }
    .answer .why { flex-basis: 100%; margin: 0; }
    dialog.sheet .body { padding: var(--_space); display: grid; gap: 8px; }
    dialog.sheet h3 { margin: 0; font-size: 1.15rem; }
    dialog.sheet p { margin: 0; }
    dialog.sheet label { display: grid; gap: 4px; }
    dialog.sheet textarea { resize: vertical; min-height: 4.5em; }
    dialog.sheet .count { font-size: .85rem; justify-self: end; }
    dialog.sheet .buttons { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; margin-top: 8px; }
    dialog.sheet .problem { color: var(--_danger); }
  `];

  /** The quote's number (or id) for its page; null for the list. */
  @property({ attribute: false }) quoteKey: string | null = null;

  @state() private filter: Filter = 'all';
  /** The quote on its page, as last read or answered. */
  @state() private quote: Quote | undefined;
  /** What the dialog asks: confirm an acceptance, or a decline with its reason. */
  @state() private asking: 'accept' | 'decline' | null = null;
  /** The answer on its way to the supplier: the buttons wait for it. */
  @state() private answering = false;
  @state() private reason = '';
  @state() private dialogProblem: string | undefined;
  @state() private outcome: Outcome | undefined;

  @query('dialog') private dialog!: HTMLDialogElement | null;

  /** The list loads once it is shown, not behind a quote opened from a link. */
  #listWanted = false;
  readonly #detailRetry = new RetryCountdown(this);

  readonly #list = new PagedList<Quote>(this, {
    args: () => [this.#listWanted, this.store, this.filter],
    load: (cursor, signal) => this.store!.client.call(endpoints.listQuotes, {}, {
      query: { ...(this.filter === 'all' ? {} : { state: this.filter }), ...(cursor ? { cursor } : {}) }, signal,
    }),
    failed: (error, countdown, retry) => this.failed(error, countdown, retry),
  });

  readonly #detail = new Task(this, {
    args: () => [this.store, this.quoteKey] as const,
    task: async ([store, key], { signal }) => {
      if (!store || !key) return undefined;
      const quote = await store.client.call(endpoints.getQuote, { id: key }, { signal });
      this.#show(quote);
      return quote;
    },
    onError: (error) => this.failed(error, this.#detailRetry, () => this.#detail.run()),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.quoteKey === null) this.#listWanted = true;
    if (changed.has('quoteKey')) {
      this.quote = undefined;
      this.outcome = undefined;
      this.asking = null;
    }
  }

  /** A quote as the supplier now has it: on its page and in the list. */
  #show(quote: Quote): void {
    this.quote = quote;
    this.#list.replace(quote);
  }

  #select(filter: Filter): void {
    this.filter = filter;
  }

  // --- answering ------------------------------------------------------------------------------

  async #ask(what: 'accept' | 'decline'): Promise<void> {
    this.asking = what;
    this.dialogProblem = undefined;
    if (what === 'decline') this.reason = '';
    await this.updateComplete;
    if (!this.dialog?.open) this.dialog?.showModal();
  }

  #closeDialog(): void {
    this.dialog?.close();
  }

  async #answer(what: 'accept' | 'decline'): Promise<void> {
    const store = this.store;
    const quote = this.quote;
    if (!store || !quote || this.answering) return;
    this.answering = true;
    this.dialogProblem = undefined;
    try {
      const reason = this.reason.trim();
      const answered = what === 'accept'
        ? await store.client.call(endpoints.acceptQuote, { id: quote.id })
        : await store.client.call(endpoints.declineQuote, { id: quote.id }, reason ? { body: { reason } } : {});
      this.#show(answered);
      this.#closeDialog();
      this.#tell(what === 'accept'
        ? { tone: 'ok', text: `Quote ${answered.number} accepted.`, ...(answered.order ? { order: answered.order } : {}) }
        : { tone: 'ok', text: `Quote ${answered.number} declined.` });
      // The new order belongs in every list of orders the portal shows (Past Orders, the dashboard).
      if (answered.order) store.ordersChanged();
    } catch (error) {
      const e = apiError(error);
      this.failed(e);
      if (e.code === 'quote_not_open') {
        // Expired or answered meanwhile: say so in the supplier's words, and show its state now.
        this.#closeDialog();
        this.#tell({ tone: 'error', text: e.message });
        void this.#detail.run();
      } else {
        const { title, body } = errorCopy(e, this.supplier);
        this.dialogProblem = `${title}. ${body}`;
      }
    } finally {
      this.answering = false;
    }
  }

  /** Shows what happened above the quote and moves the focus there (the buttons are gone). */
  #tell(outcome: Outcome): void {
    this.outcome = outcome;
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.feedback')?.focus());
  }

  // --- rendering ------------------------------------------------------------------------------

  protected override render() {
    return this.quoteKey === null ? this.#listPage() : this.#quotePage(this.quoteKey);
  }

  #listPage() {
    return html`${this.pageHead('Quotes')}
      ${this.filterTabs('Show quotes', FILTERS, this.filter, (f) => this.#select(f))}
      <div role="tabpanel" id="filter-panel" aria-labelledby=${`filter-${this.filter}`}>
        ${this.#list.render({
          what: 'your quotes',
          skeletonRows: 5,
          empty: () => this.filter === 'all'
            ? this.empty('No quotes yet', `Quotes ${this.supplier} sends you show here, ready to accept.`)
            : this.empty(`No ${FILTERS.find((f) => f.value === this.filter)!.label.toLowerCase()} quotes`, 'Choose All to see every quote.'),
          list: (quotes) => this.#table(quotes),
        })}
      </div>`;
  }

  #table(quotes: Quote[]) {
    return html`<div role="table" class="table data quotes-table" aria-label="Quotes">
      <div role="rowgroup">
        <div role="row" class="row head">
          <span role="columnheader">Quote</span><span role="columnheader">Date</span><span role="columnheader">Valid until</span>
          <span role="columnheader">Status</span><span role="columnheader" class="num">Total</span>
        </div>
      </div>
      <div role="rowgroup">${quotes.map((q) => html`<div role="row" class="row">
        <span role="cell" class="c-key"><a class="key" data-item=${q.id} href=${routeHref('quotes', q.number)}>${q.number}</a></span>
        <span role="cell"><span class="label" aria-hidden="true">Date </span>${this.date(q.created_at)}</span>
        <span role="cell"><span class="label" aria-hidden="true">Valid until </span>${this.day(q.valid_until)}</span>
        <span role="cell" class="c-status">${badge(...STATE_BADGE[q.state])}</span>
        <span role="cell" class="num"><span class="label" aria-hidden="true">Total </span>${this.money(q.total_minor, q.currency)}</span>
      </div>`)}</div>
    </div>`;
  }

  #quotePage(key: string) {
    return html`${this.pageHead(`Quote ${this.quote?.number ?? key}`, { back: { href: routeHref('quotes'), label: 'All quotes' } })}
      ${this.#feedback()}
      ${this.#detail.render({
        initial: () => this.skeleton('the quote', 3, true),
        pending: () => this.skeleton('the quote', 3, true),
        error: (error) => this.errorPanel(error, this.#detailRetry, () => this.#detail.run()),
        complete: () => (this.quote ? this.#quote(this.quote) : this.skeleton('the quote', 3, true)),
      })}
      ${this.quote ? this.#dialog(this.quote) : nothing}`;
  }

  /** Always in the page, so what is put in it is announced. */
  #feedback() {
    const o = this.outcome;
    return html`<div class=${`feedback ${o?.tone ?? ''}`} role=${o?.tone === 'error' ? 'alert' : 'status'} tabindex="-1">${o ? html`<p>${o.text}${o.order
      ? html` Order ${o.order.number} created.${sectionAllowed(this.portal?.session, 'orders')
        ? html` <a href=${routeHref('orders', o.order.number)}>View order ${o.order.number}</a>` : nothing}`
      : nothing}</p>` : nothing}</div>`;
  }

  #quote(quote: Quote) {
    const money = (minor: number) => this.money(minor, quote.currency);
    return html`
      <dl class="facts">
        <div><dt>Status</dt><dd>${badge(...STATE_BADGE[quote.state])}</dd></div>
        <div><dt>Date</dt><dd>${this.date(quote.created_at)}</dd></div>
        <div><dt>Valid until</dt><dd>${this.day(quote.valid_until)}</dd></div>
        ${quote.answered_at ? html`<div><dt>${quote.state === 'declined' ? 'Declined' : 'Answered'}</dt><dd>${this.date(quote.answered_at)}</dd></div>` : nothing}
        ${quote.order ? html`<div><dt>Order</dt><dd>${this.docLink('orders', quote.order.number)}</dd></div>` : nothing}
      </dl>
      ${quote.decline_reason ? html`<p><span class="muted">Your reason:</span> ${quote.decline_reason}</p>` : nothing}
      ${this.#answerButtons(quote)}
      <h3 id="lines-title">Lines</h3>
      ${linesTable(quote.lines, { money, unit: (id, uom) => unitName(this.store, id, uom) }, 'lines-title')}
      ${totalsList(quote, money)}`;
  }

  #answerButtons(quote: Quote) {
    if (quote.state !== 'sent') return nothing;
    if (!this.portal?.session?.permissions.accept_quotes) {
      return html`<p class="muted">Your portal link lets you read quotes but not answer them. To accept or decline this one, contact ${this.supplier}.</p>`;
    }
    return html`<div class="answer">
      <button type="button" class="primary" part="button" ?disabled=${this.answering} @click=${() => this.#ask('accept')}>Accept quote</button>
      <button type="button" part="button" ?disabled=${this.answering} @click=${() => this.#ask('decline')}>Decline</button>
    </div>`;
  }

  #dialog(quote: Quote) {
    const total = this.money(quote.total_minor, quote.currency);
    const body = this.asking === 'decline'
      ? html`<form class="body" @submit=${(e: Event) => { e.preventDefault(); void this.#answer('decline'); }}>
          <h3 id="dialog-title">Decline quote ${quote.number}</h3>
          <p>${this.supplier} will see that you declined it, and your reason if you give one.</p>
          <label>Reason (optional)
            <textarea maxlength=${REASON_MAX} rows="3" .value=${this.reason} aria-describedby="reason-count"
              @input=${(e: Event) => { this.reason = (e.target as HTMLTextAreaElement).value; }}></textarea></label>
          <span class="count muted" id="reason-count">${this.reason.length} of ${REASON_MAX} characters</span>
          ${this.#dialogProblem()}
          <div class="buttons">
            <button type="button" part="button" @click=${this.#closeDialog}>Cancel</button>
            <button type="submit" class="primary" part="button" ?disabled=${this.answering}>${this.answering ? 'Declining…' : 'Decline quote'}</button>
          </div>
        </form>`
      : html`<div class="body">
          <h3 id="dialog-title">Accept quote ${quote.number} for ${total}?</h3>
          <p>${quote.lines.length === 1 ? '1 line' : `${quote.lines.length} lines`}, valid until ${this.day(quote.valid_until)}. ${this.supplier} is told at once.</p>
          ${this.#dialogProblem()}
          <div class="buttons">
            <button type="button" part="button" @click=${this.#closeDialog}>Cancel</button>
            <button type="button" class="primary" part="button" ?disabled=${this.answering}
              @click=${() => this.#answer('accept')}>${this.answering ? 'Accepting…' : 'Accept quote'}</button>
          </div>
        </div>`;
    return html`<dialog class="sheet" part="dialog" aria-labelledby="dialog-title"
      @cancel=${(e: Event) => { if (this.answering) e.preventDefault(); }}
      @close=${() => { if (!this.dialog?.open) this.asking = null; }}>${this.asking ? body : nothing}</dialog>`;
  }

  #dialogProblem() {
    return this.dialogProblem ? html`<p class="problem" role="alert">${this.dialogProblem}</p>` : nothing;
  }
}

define('portal-quotes-view', PortalQuotesView);

declare global {
  interface HTMLElementTagNameMap {
    'portal-quotes-view': PortalQuotesView;
  }
}
