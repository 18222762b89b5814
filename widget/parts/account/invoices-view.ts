import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { endpoints } from '../../api/contract.gen.ts';
import type { Invoice, InvoiceDetail } from '../../contract/index.ts';
import { define } from '../../define.ts';
import { routeHref } from '../../state/route.ts';
import { errorCopy } from '../error-copy.ts';
import { today } from '../format.ts';
import { linesTable, saveFile, totalsList, unitName } from '../order-detail.ts';
import { canPayInvoice, requestInvoicePayment } from '../payment.ts';
import { RetryCountdown } from '../retry-countdown.ts';
import { AccountView, PAYMENT_METHOD_LABEL, PagedList, apiError, badge, type Tone } from './account-view.ts';

type Filter = 'all' | 'unpaid';

const FILTERS: readonly { value: Filter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'unpaid', label: 'Unpaid' },
];

const STATE_BADGE: Record<Invoice['payment_state'], [string, Tone]> = {
  paid: ['Paid', 'ok'],
  partial: ['Partly paid', 'warn'],
  not_paid: ['Unpaid', 'warn'],
};

/** Unpaid (in part or whole) after its due date. */
const overdue = (invoice: Invoice) => invoice.balance_minor > 0 && invoice.due_at < today();

/**
 * The portal's Invoices section: the invoices (all, or only those with a balance), and one
 * invoice's page with its lines, totals, what was paid, the balance and due date, the payments
 * allocated to it, its PDF, and "Pay" when there is a balance and the supplier takes payment
 * online (the same cancelable `portal-payment-required` as Pay Now at checkout, with the invoice).
 * Internal part of <customer-portal>.
 */
export class PortalInvoicesView extends AccountView {
  static override styles = [AccountView.styles, css`
    .invoices-table .row { grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr) minmax(0, 1.3fr) minmax(0, .9fr) minmax(0, 1fr) minmax(0, 1fr); }
    .due { display: inline-flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; }
    .balance { font-weight: 700; }
    .payments { list-style: none; padding: 0; margin: 0; display: grid; gap: 6px; }
    .payments li { display: flex; flex-wrap: wrap; gap: 4px 12px; }
  `];

  /** The invoice's number (or id) for its page; null for the list. */
  @property({ attribute: false }) invoiceKey: string | null = null;

  @state() private filter: Filter = 'all';
  @state() private busy = new Set<'pdf' | 'pay'>();
  @state() private feedback: string | undefined;

  #listWanted = false;
  readonly #detailRetry = new RetryCountdown(this);

  readonly #list = new PagedList<Invoice>(this, {
    args: () => [this.#listWanted, this.store, this.filter],
    load: (cursor, signal) => this.store!.client.call(endpoints.listInvoices, {}, {
      query: { ...(this.filter === 'unpaid' ? { payment_state: 'unpaid' } : {}), ...(cursor ? { cursor } : {}) }, signal,
    }),
    failed: (error, countdown, retry) => this.failed(error, countdown, retry),
  });

  readonly #detail = new Task(this, {
    args: () => [this.store, this.invoiceKey] as const,
    task: async ([store, key], { signal }) => (store && key ? store.client.call(endpoints.getInvoice, { id: key }, { signal }) : undefined),
    onError: (error) => this.failed(error, this.#detailRetry, () => this.#detail.run()),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.invoiceKey === null) this.#listWanted = true;
    if (changed.has('invoiceKey')) this.feedback = undefined;
  }

  async #busyWith(what: 'pdf' | 'pay', work: () => Promise<void> | void): Promise<void> {
    if (this.busy.has(what)) return;
    this.busy = new Set(this.busy).add(what);
    try {
      await work();
    } finally {
      const busy = new Set(this.busy);
      busy.delete(what);
      this.busy = busy;
    }
  }

  async #downloadPdf(invoice: InvoiceDetail): Promise<void> {
    const store = this.store;
    if (!store) return;
    await this.#busyWith('pdf', async () => {
      try {
        const pdf = await store.client.file(endpoints.getInvoicePdf, { id: invoice.id });
        saveFile(this.renderRoot as ShadowRoot, pdf, `${invoice.number}.pdf`);
        this.feedback = undefined;
      } catch (error) {
        const e = apiError(error);
        this.failed(e);
        const { title, body } = errorCopy(e, this.supplier);
        this.feedback = `The PDF of ${invoice.number} could not be downloaded. ${title}. ${body}`;
      }
    });
  }

  #pay(invoice: InvoiceDetail): void {
    const session = this.portal?.session;
    if (!session || !canPayInvoice(session, invoice)) return;
    void this.#busyWith('pay', () => {
      this.feedback = requestInvoicePayment(this, session, invoice)
        ? undefined
        : `${this.supplier} does not take payment online here yet. Please pay by bank transfer or contact them.`;
    });
  }

  // --- rendering ------------------------------------------------------------------------------

  protected override render() {
    return this.invoiceKey === null ? this.#listPage() : this.#invoicePage(this.invoiceKey);
  }

  #listPage() {
    return html`${this.pageHead('Invoices')}
      ${this.filterTabs('Show invoices', FILTERS, this.filter, (f) => { this.filter = f; })}
      <div role="tabpanel" id="filter-panel" aria-labelledby=${`filter-${this.filter}`}>
        ${this.#list.render({
          what: 'your invoices',
          skeletonRows: 5,
          empty: () => this.filter === 'unpaid'
            ? this.empty('Nothing to pay', 'Every invoice is paid. Thank you!')
            : this.empty('No invoices yet', `Invoices from ${this.supplier} show here once they are issued.`),
          list: (invoices) => this.#table(invoices),
        })}
      </div>`;
  }

  #dueDate(invoice: Invoice) {
    return html`<span class="due">${this.day(invoice.due_at)}${overdue(invoice) ? badge('Overdue', 'danger') : nothing}</span>`;
  }

  #table(invoices: Invoice[]) {
    return html`<div role="table" class="table data invoices-table" aria-label="Invoices">
      <div role="rowgroup">
        <div role="row" class="row head">
          <span role="columnheader">Invoice</span><span role="columnheader">Issued</span><span role="columnheader">Due</span>
          <span role="columnheader">Status</span><span role="columnheader" class="num">Total</span><span role="columnheader" class="num">Balance</span>
        </div>
      </div>
      <div role="rowgroup">${invoices.map((i) => html`<div role="row" class="row">
        <span role="cell" class="c-key"><a class="key" data-item=${i.id} href=${routeHref('invoices', i.number)}>${i.number}</a></span>
        <span role="cell"><span class="label" aria-hidden="true">Issued </span>${this.day(i.issued_at)}</span>
        <span role="cell"><span class="label" aria-hidden="true">Due </span>${this.#dueDate(i)}</span>
        <span role="cell" class="c-status">${badge(...STATE_BADGE[i.payment_state])}</span>
        <span role="cell" class="num"><span class="label" aria-hidden="true">Total </span>${this.money(i.total_minor, i.currency)}</span>
        <span role="cell" class="num"><span class="label" aria-hidden="true">Balance </span>${this.money(i.balance_minor, i.currency)}</span>
      </div>`)}</div>
    </div>`;
  }

  #invoicePage(key: string) {
    const invoice = this.#detail.value;
    const shown = invoice && (invoice.number === key || invoice.id === key) ? invoice : undefined;
    return html`${this.pageHead(`Invoice ${shown?.number ?? key}`, {
        back: { href: routeHref('invoices'), label: 'All invoices' },
        actions: shown ? this.#actions(shown) : nothing,
      })}
      <div class="feedback error" role="alert">${this.feedback ? html`<p>${this.feedback}</p>` : nothing}</div>
      ${this.#detail.render({
        initial: () => this.skeleton('the invoice', 3, true),
        pending: () => this.skeleton('the invoice', 3, true),
        error: (error) => this.errorPanel(error, this.#detailRetry, () => this.#detail.run()),
        complete: (detail) => (detail ? this.#invoice(detail) : this.skeleton('the invoice', 3, true)),
      })}`;
  }

  #actions(invoice: InvoiceDetail) {
    const session = this.portal?.session;
    return html`
      <button type="button" part="button" ?disabled=${this.busy.has('pdf')} @click=${() => this.#downloadPdf(invoice)}>
        ${this.busy.has('pdf') ? 'Downloading…' : 'Download PDF'}</button>
      ${canPayInvoice(session, invoice)
        ? html`<button type="button" class="primary" part="button" ?disabled=${this.busy.has('pay')} @click=${() => this.#pay(invoice)}>
            Pay ${this.money(invoice.balance_minor, invoice.currency)}</button>`
        : nothing}`;
  }

  #invoice(invoice: InvoiceDetail) {
    const money = (minor: number) => this.money(minor, invoice.currency);
    return html`
      <dl class="facts">
        <div><dt>Status</dt><dd>${badge(...STATE_BADGE[invoice.payment_state])}</dd></div>
        <div><dt>Issued</dt><dd>${this.day(invoice.issued_at)}</dd></div>
        <div><dt>Due</dt><dd>${this.#dueDate(invoice)}</dd></div>
        ${invoice.order ? html`<div><dt>Order</dt><dd>${this.docLink('orders', invoice.order.number)}</dd></div>` : nothing}
      </dl>
      <h3 id="lines-title">Lines</h3>
      ${invoice.lines.length
        ? linesTable(invoice.lines, { money, unit: (id, uom) => unitName(this.store, id, uom) }, 'lines-title')
        : html`<p class="muted">See the PDF for the invoice's lines.</p>`}
      ${totalsList(invoice, money)}
      <dl class="totals">
        <dt>Paid</dt><dd>${money(invoice.paid_minor)}</dd>
        <dt class="balance">Balance due</dt><dd class="balance">${money(invoice.balance_minor)}</dd>
      </dl>
      <h3 id="payments-title">Payments</h3>
      ${invoice.payments.length
        ? html`<ul class="payments" aria-labelledby="payments-title">${invoice.payments.map((p) => html`<li>
            <strong>${p.number}</strong>
            <span>${this.day(p.received_at)}</span>
            <span>${PAYMENT_METHOD_LABEL[p.method]}</span>
            <span>${money(p.amount_minor)}</span>
          </li>`)}</ul>`
        : html`<p class="muted">No payments yet.</p>`}`;
  }
}

define('portal-invoices-view', PortalInvoicesView);

declare global {
  interface HTMLElementTagNameMap {
    'portal-invoices-view': PortalInvoicesView;
  }
}
