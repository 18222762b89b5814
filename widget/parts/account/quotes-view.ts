import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { endpoints } from '../../api/contract.gen.ts';
import type { Quote, QuoteState } from '../../contract/index.ts';
import { LIMITS } from '../../contract/limits.ts';
import { define } from '../../define.ts';
import { routeHref, sectionAllowed } from '../../state/route.ts';
import { errorCopy } from '../error-copy.ts';
import { linesTable, totalsList, unitName } from '../order-detail.ts';
import { AccountView, DocumentDetail, PagedList, apiError, badge, charactersUsed, type Tone } from './account-view.ts';

type Filter = 'all' | QuoteState;

const STATE_LABEL: Record<QuoteState, string> = {
  get requested() {
    return msg('Requested', {
      id: 'quote-state.requested',
      desc: 'State of a quote: asked for at checkout, waiting for the supplier to price and send it',
    });
  },
  get sent() {
    return msg('Open', {
      id: 'quote-state.open',
      desc: 'State of a quote: waiting for the customer to accept or decline it',
    });
  },
  get accepted() {
    return msg('Accepted', { id: 'quote-state.accepted', desc: 'State of a quote' });
  },
  get declined() {
    return msg('Declined', { id: 'quote-state.declined', desc: 'State of a quote' });
  },
  get expired() {
    return msg('Expired', { id: 'quote-state.expired', desc: 'State of a quote: past its validity' });
  },
};

const FILTERS: readonly { value: Filter; readonly label: string }[] = [
  {
    value: 'all',
    get label() {
      return msg('All', { id: 'quotes-filter.all', desc: 'Filter of the quotes: every quote' });
    },
  },
  {
    value: 'sent',
    get label() {
      return STATE_LABEL.sent;
    },
  },
  {
    value: 'accepted',
    get label() {
      return STATE_LABEL.accepted;
    },
  },
  {
    value: 'declined',
    get label() {
      return STATE_LABEL.declined;
    },
  },
  {
    value: 'expired',
    get label() {
      return STATE_LABEL.expired;
    },
  },
];

const STATE_TONE: Record<QuoteState, Tone> = {
  requested: 'neutral',
  sent: 'info',
  accepted: 'ok',
  declined: 'neutral',
  expired: 'warn',
};

const stateBadge = (state: QuoteState) => badge(STATE_LABEL[state], STATE_TONE[state]);

/** The most a decline reason may hold (the contract's limit). */

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
@localized()
export class PortalQuotesView extends AccountView {
  static override styles = [
    AccountView.styles,
    css`
    .quotes-table .row { grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr) minmax(0, 1fr) minmax(0, .9fr) minmax(0, 1fr); }
    .answer { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-block: var(--_space); }
    .answer .why { flex-basis: 100%; margin: 0; }
    #answer-dialog .body { padding: var(--_space); display: grid; gap: 8px; }
    dialog.sheet h3 { margin: 0; font-size: 1.15rem; }
    dialog.sheet p { margin: 0; }
    dialog.sheet label { display: grid; gap: 4px; }
    dialog.sheet textarea { resize: vertical; min-height: 4.5em; }
    dialog.sheet .count { font-size: .85rem; justify-self: end; }
    dialog.sheet .buttons { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; margin-top: 8px; }
    dialog.sheet .problem { color: var(--_danger); }
  `,
  ];

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

  @query('dialog#answer-dialog') private dialog!: HTMLDialogElement | null;

  readonly #list = new PagedList<Quote>(this, {
    args: () => [true, this.store, this.filter],
    load: (cursor, signal) =>
      this.store!.client.call(
        endpoints.listQuotes,
        {},
        {
          query: { ...(this.filter === 'all' ? {} : { state: this.filter }), ...(cursor ? { cursor } : {}) },
          signal,
        },
      ),
    failed: (error, countdown, retry) => this.failed(error, countdown, retry),
  });

  readonly #detail = new DocumentDetail(this, {
    args: () => [this.store, this.quoteKey],
    load: (store, key, signal) => store.client.call(endpoints.getQuote, { id: key }, { signal }),
    loaded: (quote) => this.#show(quote),
    failed: (error, countdown, retry) => this.failed(error, countdown, retry),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
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
      const answered =
        what === 'accept'
          ? await store.client.call(endpoints.acceptQuote, { id: quote.id })
          : await store.client.call(endpoints.declineQuote, { id: quote.id }, reason ? { body: { reason } } : {});
      this.#show(answered);
      this.#closeDialog();
      this.#tell(
        what === 'accept'
          ? {
              tone: 'ok',
              text: msg(str`Quote ${answered.number} accepted.`),
              ...(answered.order ? { order: answered.order } : {}),
            }
          : { tone: 'ok', text: msg(str`Quote ${answered.number} declined.`) },
      );
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
      } else if (e.code === 'approval_required') {
        this.dialogProblem = msg(
          "Accepting this quote needs an Admin's approval. Ask one of your account's Admins to accept it.",
        );
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

  protected override readonly section = 'quotes' as const;

  protected override get documentKey(): string | null {
    return this.quoteKey;
  }

  protected override render() {
    return html`${this.#listPage()}${this.#quoteSheet()}`;
  }

  #listPage() {
    return html`${this.pageHead(msg('Quotes'))}
      ${this.filterTabs(msg('Show quotes', { desc: 'The name of the filters of the quotes (for screen readers)' }), FILTERS, this.filter, (f) => this.#select(f))}
      <div role="tabpanel" id="filter-panel" aria-labelledby=${`filter-${this.filter}`}>
        ${this.#list.render({
          what: msg('your quotes', { desc: 'Completes "Loading …"' }),
          skeletonRows: 5,
          empty: () =>
            this.filter === 'all'
              ? this.empty(
                  msg('No quotes yet'),
                  msg(str`Quotes ${this.supplier} sends you show here, ready to accept.`),
                )
              : this.empty(this.#noneIn(this.filter), msg('Choose All to see every quote.')),
          list: (quotes) => this.#table(quotes),
        })}
      </div>`;
  }

  /** "No open quotes": the filter on screen has none. */
  #noneIn(state: QuoteState): string {
    switch (state) {
      case 'requested':
        return msg('No quote requests waiting for prices');
      case 'sent':
        return msg('No open quotes');
      case 'accepted':
        return msg('No accepted quotes');
      case 'declined':
        return msg('No declined quotes');
      case 'expired':
        return msg('No expired quotes');
    }
  }

  #table(quotes: Quote[]) {
    return html`<div role="table" class="table data quotes-table" aria-label=${msg('Quotes')}>
      <div role="rowgroup">
        <div role="row" class="row head">
          <span role="columnheader">${msg('Quote')}</span><span role="columnheader">${msg('Date')}</span><span role="columnheader">${msg('Valid until')}</span>
          <span role="columnheader">${msg('Status')}</span><span role="columnheader" class="num">${msg('Total')}</span>
        </div>
      </div>
      <div role="rowgroup">${quotes.map(
        (q) => html`<div role="row" class="row" @click=${this.openRow}>
        <span role="cell" class="c-key"><a class="key" data-item=${q.id} href=${routeHref('quotes', q.number)}>${q.number}</a></span>
        <span role="cell"><span class="label" aria-hidden="true">${msg('Date')} </span>${this.date(q.created_at)}</span>
        <span role="cell"><span class="label" aria-hidden="true">${msg('Valid until')} </span>${this.day(q.valid_until)}</span>
        <span role="cell" class="c-status">${stateBadge(q.state)}</span>
        <span role="cell" class="num"><span class="label" aria-hidden="true">${msg('Total')} </span>${this.money(q.total_minor, q.currency)}</span>
      </div>`,
      )}</div>
    </div>`;
  }

  /** The quote over the list: a modal, or a drawer on narrow screens. */
  #quoteSheet() {
    const number = this.quote?.number ?? this.quoteKey ?? '';
    const loading = () => this.skeleton(msg('the quote', { desc: 'Completes "Loading …"' }), 3, true);
    return this.documentSheet(
      msg(str`Quote ${number}`, { desc: "A quote's page: its number" }),
      nothing,
      () => html`
      ${this.#feedback()}
      ${this.#detail.render({
        loading,
        complete: () => (this.quote ? this.#quote(this.quote) : loading()),
      })}
      ${this.quote ? this.#dialog(this.quote) : nothing}`,
    );
  }

  /** Always in the page, so what is put in it is announced. */
  #feedback() {
    const o = this.outcome;
    return html`<div class=${`feedback ${o?.tone ?? ''}`} role=${o?.tone === 'error' ? 'alert' : 'status'} tabindex="-1">${
      o
        ? html`<p>${o.text}${
            o.order
              ? html` ${msg(str`Order ${o.order.number} created.`)}${
                  sectionAllowed(this.portal?.session, 'orders')
                    ? html` <a href=${routeHref('orders', o.order.number)}>${msg(str`View order ${o.order.number}`)}</a>`
                    : nothing
                }`
              : nothing
          }</p>`
        : nothing
    }</div>`;
  }

  #quote(quote: Quote) {
    const money = (minor: number) => this.money(minor, quote.currency);
    return html`
      <dl class="facts">
        <div><dt>${msg('Status')}</dt><dd>${stateBadge(quote.state)}</dd></div>
        <div><dt>${msg('Date')}</dt><dd>${this.date(quote.created_at)}</dd></div>
        <div><dt>${msg('Valid until')}</dt><dd>${this.day(quote.valid_until)}</dd></div>
        ${
          quote.answered_at
            ? html`<div><dt>${
                quote.state === 'declined'
                  ? msg('Declined', { id: 'quote.declined-on', desc: 'Label: the date a quote was declined' })
                  : msg('Answered', { desc: 'Label: the date a quote was answered' })
              }</dt><dd>${this.date(quote.answered_at)}</dd></div>`
            : nothing
        }
        ${quote.order ? html`<div><dt>${msg('Order')}</dt><dd>${this.docLink('orders', quote.order.number)}</dd></div>` : nothing}
      </dl>
      ${quote.decline_reason ? html`<p><span class="muted">${msg('Your reason:')}</span> ${quote.decline_reason}</p>` : nothing}
      ${this.#answerButtons(quote)}
      <h3 id="lines-title">${msg('Lines')}</h3>
      ${linesTable(quote.lines, { money, unit: (id, uom) => unitName(this.store, id, uom) }, 'lines-title')}
      ${totalsList(quote, money)}`;
  }

  #answerButtons(quote: Quote) {
    if (quote.state === 'requested')
      return html`<p class="muted">${msg(str`${this.supplier} will price this quote request and send it to you; then you can accept it.`)}</p>`;
    if (quote.state !== 'sent') return nothing;
    if (!this.portal?.session?.permissions.accept_quotes) {
      return html`<p class="muted">${msg(str`Your portal link lets you read quotes but not answer them. To accept or decline this one, contact ${this.supplier}.`)}</p>`;
    }
    return html`<div class="answer">
      <button type="button" class="primary" part="button" ?disabled=${this.answering} @click=${() => this.#ask('accept')}>${msg('Accept quote')}</button>
      <button type="button" part="button" ?disabled=${this.answering} @click=${() => this.#ask('decline')}>${msg('Decline', { desc: 'A button: decline the quote' })}</button>
    </div>`;
  }

  #dialog(quote: Quote) {
    const total = this.money(quote.total_minor, quote.currency);
    const body =
      this.asking === 'decline'
        ? html`<form class="body" @submit=${(e: Event) => {
            e.preventDefault();
            void this.#answer('decline');
          }}>
          <h3 id="dialog-title">${msg(str`Decline quote ${quote.number}`)}</h3>
          <p>${msg(str`${this.supplier} will see that you declined it, and your reason if you give one.`)}</p>
          <label>${msg('Reason (optional)')}
            <textarea maxlength=${LIMITS.maxReasonLength} rows="3" .value=${this.reason} aria-describedby="reason-count"
              @input=${(e: Event) => {
                this.reason = (e.target as HTMLTextAreaElement).value;
              }}></textarea></label>
          <span class="count muted" id="reason-count">${charactersUsed(this.reason.length, LIMITS.maxReasonLength)}</span>
          ${this.#dialogProblem()}
          <div class="buttons">
            <button type="button" part="button" @click=${this.#closeDialog}>${msg('Cancel', { desc: 'A button: close the dialog without doing anything' })}</button>
            <button type="submit" class="primary" part="button" ?disabled=${this.answering}>${this.answering ? msg('Declining…') : msg('Decline quote')}</button>
          </div>
        </form>`
        : html`<div class="body">
          <h3 id="dialog-title">${msg(str`Accept quote ${quote.number} for ${total}?`, { desc: "The quote's number, then its total" })}</h3>
          <p>${
            quote.lines.length === 1
              ? msg(str`1 line, valid until ${this.day(quote.valid_until)}. ${this.supplier} is told at once.`, {
                  desc: "A quote's last valid day, then the supplier's name",
                })
              : msg(
                  str`${quote.lines.length} lines, valid until ${this.day(quote.valid_until)}. ${this.supplier} is told at once.`,
                  { desc: "A count of lines, the quote's last valid day, then the supplier's name" },
                )
          }</p>
          ${this.#dialogProblem()}
          <div class="buttons">
            <button type="button" part="button" @click=${this.#closeDialog}>${msg('Cancel', { desc: 'A button: close the dialog without doing anything' })}</button>
            <button type="button" class="primary" part="button" ?disabled=${this.answering}
              @click=${() => this.#answer('accept')}>${this.answering ? msg('Accepting…') : msg('Accept quote')}</button>
          </div>
        </div>`;
    return html`<dialog class="sheet" id="answer-dialog" part="dialog" aria-labelledby="dialog-title"
      @cancel=${(e: Event) => {
        if (this.answering) e.preventDefault();
      }}
      @close=${() => {
        if (!this.dialog?.open) this.asking = null;
      }}>${this.asking ? body : nothing}</dialog>`;
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
