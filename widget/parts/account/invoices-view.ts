import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { endpoints } from '../../api/contract.gen.ts';
import type { Invoice, InvoiceDetail } from '../../contract/index.ts';
import { define } from '../../define.ts';
import { routeHref } from '../../state/route.ts';
import { errorCopy } from '../error-copy.ts';
import { today } from '../format.ts';
import { linesTable, saveFile, totalsList, unitName } from '../order-detail.ts';
import { canPayInvoice, requestInvoicePayment } from '../payment.ts';
import {
  AccountView,
  DocumentDetail,
  PAYMENT_METHOD_LABEL,
  PagedList,
  apiError,
  badge,
  type Tone,
} from './account-view.ts';
import { Busy } from '../busy.ts';

type Filter = 'all' | 'unpaid';

const FILTERS: readonly { value: Filter; readonly label: string }[] = [
  {
    value: 'all',
    get label() {
      return msg('All', { id: 'invoices-filter.all', desc: 'Filter of the invoices: every invoice' });
    },
  },
  {
    value: 'unpaid',
    get label() {
      return msg('Unpaid', { id: 'invoices-filter.unpaid', desc: 'Filter of the invoices: those with a balance' });
    },
  },
];

const STATE_BADGE: Record<Invoice['payment_state'], readonly [string, Tone]> = {
  get paid() {
    return [msg('Paid', { id: 'invoice-state.paid', desc: 'Payment state of an invoice' }), 'ok'] as const;
  },
  get partial() {
    return [msg('Partly paid', { id: 'invoice-state.partial', desc: 'Payment state of an invoice' }), 'warn'] as const;
  },
  get not_paid() {
    return [msg('Unpaid', { id: 'invoice-state.unpaid', desc: 'Payment state of an invoice' }), 'warn'] as const;
  },
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
@localized()
export class PortalInvoicesView extends AccountView {
  static override styles = [
    AccountView.styles,
    css`
    .invoices-table .row { grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr) minmax(0, 1.3fr) minmax(0, .9fr) minmax(0, 1fr) minmax(0, 1fr); }
    .due { display: inline-flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; }
    .balance { font-weight: 700; }
    .payments { list-style: none; padding: 0; margin: 0; display: grid; gap: 6px; }
    .payments li { display: flex; flex-wrap: wrap; gap: 4px 12px; }
  `,
  ];

  /** The invoice's number (or id) for its page; null for the list. */
  @property({ attribute: false }) invoiceKey: string | null = null;

  @state() private filter: Filter = 'all';
  private readonly busy = new Busy<'pdf' | 'pay'>(this);
  @state() private feedback: string | undefined;

  readonly #list = new PagedList<Invoice>(this, {
    args: () => [true, this.store, this.filter],
    load: (cursor, signal) =>
      this.store!.client.call(
        endpoints.listInvoices,
        {},
        {
          query: { ...(this.filter === 'unpaid' ? { payment_state: 'unpaid' } : {}), ...(cursor ? { cursor } : {}) },
          signal,
        },
      ),
    failed: (error, countdown, retry) => this.failed(error, countdown, retry),
  });

  readonly #detail = new DocumentDetail(this, {
    args: () => [this.store, this.invoiceKey],
    load: (store, key, signal) => store.client.call(endpoints.getInvoice, { id: key }, { signal }),
    failed: (error, countdown, retry) => this.failed(error, countdown, retry),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('invoiceKey')) this.feedback = undefined;
  }

  async #downloadPdf(invoice: InvoiceDetail): Promise<void> {
    const store = this.store;
    if (!store) return;
    await this.busy.run('pdf', async () => {
      try {
        const pdf = await store.client.file(endpoints.getInvoicePdf, { id: invoice.id });
        saveFile(this.renderRoot as ShadowRoot, pdf, `${invoice.number}.pdf`);
        this.feedback = undefined;
      } catch (error) {
        const e = apiError(error);
        this.failed(e);
        const { title, body } = errorCopy(e, this.supplier);
        this.feedback = `${msg(str`The PDF of ${invoice.number} could not be downloaded.`)} ${title}. ${body}`;
      }
    });
  }

  #pay(invoice: InvoiceDetail): void {
    const session = this.portal?.session;
    if (!session || !canPayInvoice(session, invoice)) return;
    void this.busy.run('pay', () => {
      this.feedback = requestInvoicePayment(this, session, invoice)
        ? undefined
        : msg(
            str`${this.supplier} does not take payment online here yet. Please pay by bank transfer or contact them.`,
          );
    });
  }

  // --- rendering ------------------------------------------------------------------------------

  protected override readonly section = 'invoices' as const;

  protected override get documentKey(): string | null {
    return this.invoiceKey;
  }

  protected override render() {
    return html`${this.#listPage()}${this.#invoiceSheet()}`;
  }

  #listPage() {
    return html`${this.pageHead(msg('Invoices'))}
      ${this.filterTabs(
        msg('Show invoices', { desc: 'The name of the filters of the invoices (for screen readers)' }),
        FILTERS,
        this.filter,
        (f) => {
          this.filter = f;
        },
      )}
      <div role="tabpanel" id="filter-panel" aria-labelledby=${`filter-${this.filter}`}>
        ${this.#list.render({
          what: msg('your invoices', { desc: 'Completes "Loading …"' }),
          skeletonRows: 5,
          empty: () =>
            this.filter === 'unpaid'
              ? this.empty(msg('Nothing to pay'), msg('Every invoice is paid. Thank you!'))
              : this.empty(
                  msg('No invoices yet'),
                  msg(str`Invoices from ${this.supplier} show here once they are issued.`),
                ),
          list: (invoices) => this.#table(invoices),
        })}
      </div>`;
  }

  #dueDate(invoice: Invoice) {
    return html`<span class="due">${this.day(invoice.due_at)}${overdue(invoice) ? badge(msg('Overdue', { desc: 'An invoice unpaid after its due date' }), 'danger') : nothing}</span>`;
  }

  #table(invoices: Invoice[]) {
    return html`<div role="table" class="table data invoices-table" aria-label=${msg('Invoices')}>
      <div role="rowgroup">
        <div role="row" class="row head">
          <span role="columnheader">${msg('Invoice')}</span><span role="columnheader">${msg('Issued', { desc: 'Column or label: the date an invoice was issued' })}</span><span role="columnheader">${msg('Due', { desc: "Column or label: an invoice's due date" })}</span>
          <span role="columnheader">${msg('Status')}</span><span role="columnheader" class="num">${msg('Total')}</span><span role="columnheader" class="num">${msg('Balance', { desc: 'What is left to pay of an invoice' })}</span>
        </div>
      </div>
      <div role="rowgroup">${invoices.map(
        (i) => html`<div role="row" class="row" @click=${this.openRow}>
        <span role="cell" class="c-key"><a class="key" data-item=${i.id} href=${routeHref('invoices', i.number)}>${i.number}</a></span>
        <span role="cell"><span class="label" aria-hidden="true">${msg('Issued', { desc: 'Column or label: the date an invoice was issued' })} </span>${this.day(i.issued_at)}</span>
        <span role="cell"><span class="label" aria-hidden="true">${msg('Due', { desc: "Column or label: an invoice's due date" })} </span>${this.#dueDate(i)}</span>
        <span role="cell" class="c-status">${badge(...STATE_BADGE[i.payment_state])}</span>
        <span role="cell" class="num"><span class="label" aria-hidden="true">${msg('Total')} </span>${this.money(i.total_minor, i.currency)}</span>
        <span role="cell" class="num"><span class="label" aria-hidden="true">${msg('Balance', { desc: 'What is left to pay of an invoice' })} </span>${this.money(i.balance_minor, i.currency)}</span>
      </div>`,
      )}</div>
    </div>`;
  }

  /** The invoice over the list: a modal, or a drawer on narrow screens. */
  #invoiceSheet() {
    const key = this.invoiceKey ?? '';
    const invoice = this.#detail.value;
    const shown = invoice && (invoice.number === key || invoice.id === key) ? invoice : undefined;
    const number = shown?.number ?? key;
    const loading = () => this.skeleton(msg('the invoice', { desc: 'Completes "Loading …"' }), 3, true);
    return this.documentSheet(
      msg(str`Invoice ${number}`, { desc: "An invoice's page: its number" }),
      shown ? this.#actions(shown) : nothing,
      () => html`
      <div class="feedback error" role="alert">${this.feedback ? html`<p>${this.feedback}</p>` : nothing}</div>
      ${this.#detail.render({
        loading,
        complete: (detail) => (detail ? this.#invoice(detail) : loading()),
      })}`,
    );
  }

  #actions(invoice: InvoiceDetail) {
    const session = this.portal?.session;
    return html`
      <button type="button" part="button" ?disabled=${this.busy.has('pdf')} @click=${() => this.#downloadPdf(invoice)}>
        ${this.busy.has('pdf') ? msg('Downloading…') : msg('Download PDF')}</button>
      ${
        canPayInvoice(session, invoice)
          ? html`<button type="button" class="primary" part="button" ?disabled=${this.busy.has('pay')} @click=${() => this.#pay(invoice)}>
            ${msg(str`Pay ${this.money(invoice.balance_minor, invoice.currency)}`, { desc: 'A button: pay the amount of an invoice' })}</button>`
          : nothing
      }`;
  }

  #invoice(invoice: InvoiceDetail) {
    const money = (minor: number) => this.money(minor, invoice.currency);
    return html`
      <dl class="facts">
        <div><dt>${msg('Status')}</dt><dd>${badge(...STATE_BADGE[invoice.payment_state])}</dd></div>
        <div><dt>${msg('Issued', { desc: 'Column or label: the date an invoice was issued' })}</dt><dd>${this.day(invoice.issued_at)}</dd></div>
        <div><dt>${msg('Due', { desc: "Column or label: an invoice's due date" })}</dt><dd>${this.#dueDate(invoice)}</dd></div>
        ${invoice.order ? html`<div><dt>${msg('Order')}</dt><dd>${this.docLink('orders', invoice.order.number)}</dd></div>` : nothing}
      </dl>
      <h3 id="lines-title">${msg('Lines')}</h3>
      ${
        invoice.lines.length
          ? linesTable(invoice.lines, { money, unit: (id, uom) => unitName(this.store, id, uom) }, 'lines-title')
          : html`<p class="muted">${msg("See the PDF for the invoice's lines.")}</p>`
      }
      ${totalsList(invoice, money)}
      <dl class="totals">
        <dt>${msg('Paid', { desc: 'How much of an invoice was paid (an amount follows)' })}</dt><dd>${money(invoice.paid_minor)}</dd>
        <dt class="balance">${msg('Balance due')}</dt><dd class="balance">${money(invoice.balance_minor)}</dd>
      </dl>
      <h3 id="payments-title">${msg('Payments')}</h3>
      ${
        invoice.payments.length
          ? html`<ul class="payments" aria-labelledby="payments-title">${invoice.payments.map(
              (p) => html`<li>
            <strong>${p.number}</strong>
            <span>${this.day(p.received_at)}</span>
            <span>${PAYMENT_METHOD_LABEL[p.method]}</span>
            <span>${money(p.amount_minor)}</span>
          </li>`,
            )}</ul>`
          : html`<p class="muted">${msg('No payments yet.')}</p>`
      }`;
  }
}

define('portal-invoices-view', PortalInvoicesView);

declare global {
  interface HTMLElementTagNameMap {
    'portal-invoices-view': PortalInvoicesView;
  }
}
