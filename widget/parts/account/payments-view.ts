import { css, html } from 'lit';
import { localized, msg, str } from '@lit/localize';
import type { z } from 'zod';
import { endpoints } from '../../api/contract.gen.ts';
import type { Payment } from '../../contract/index.ts';
import { define } from '../../define.ts';
import { AccountView, PAYMENT_METHOD_LABEL, PagedList } from './account-view.ts';

type PaymentItem = z.output<typeof Payment>;

/**
 * The portal's Payments section: the payments received, each with the invoices it was allocated
 * to (links to them). Internal part of <customer-portal>.
 */
@localized()
export class PortalPaymentsView extends AccountView {
  static override styles = [
    AccountView.styles,
    css`
    .payments-table .row { grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.1fr) minmax(0, 1fr) minmax(0, 1.8fr); }
    .allocations { list-style: none; padding: 0; margin: 0; display: grid; gap: 2px; }
    .allocations li { display: flex; flex-wrap: wrap; gap: 0 8px; }
  `,
  ];

  readonly #list = new PagedList<PaymentItem>(this, {
    args: () => [true, this.store],
    load: (cursor, signal) =>
      this.store!.client.call(endpoints.listPayments, {}, { query: cursor ? { cursor } : {}, signal }),
    failed: (error, countdown, retry) => this.failed(error, countdown, retry),
  });

  protected override render() {
    return html`${this.pageHead(msg('Payments'))}
      ${this.#list.render({
        what: msg('your payments', { desc: 'Completes "Loading …"' }),
        skeletonRows: 5,
        empty: () =>
          this.empty(
            msg('No payments yet'),
            msg(str`Payments ${this.supplier} receives from you show here, with the invoices they paid.`),
          ),
        list: (payments) => this.#table(payments),
      })}`;
  }

  #table(payments: PaymentItem[]) {
    return html`<div role="table" class="table data payments-table" aria-label=${msg('Payments')}>
      <div role="rowgroup">
        <div role="row" class="row head">
          <span role="columnheader">${msg('Payment')}</span><span role="columnheader">${msg('Received', { desc: 'Column: the date a payment was received' })}</span><span role="columnheader">${msg('Method', { desc: 'Column: how a payment was made' })}</span>
          <span role="columnheader">${msg('Reference', { desc: "Column: a payment's reference (e.g. of the bank transfer)" })}</span><span role="columnheader" class="num">${msg('Amount')}</span><span role="columnheader">${msg('Paid invoices')}</span>
        </div>
      </div>
      <div role="rowgroup">${payments.map(
        (p) => html`<div role="row" class="row">
        <span role="cell" class="c-key"><strong data-item=${p.id} tabindex="-1">${p.number}</strong></span>
        <span role="cell"><span class="label" aria-hidden="true">${msg('Received', { desc: 'Column: the date a payment was received' })} </span>${this.day(p.received_at)}</span>
        <span role="cell">${PAYMENT_METHOD_LABEL[p.method]}</span>
        <span role="cell"><span class="label" aria-hidden="true">${msg('Reference', { desc: "Column: a payment's reference (e.g. of the bank transfer)" })} </span>${p.reference ?? '—'}</span>
        <span role="cell" class="c-status num">${this.money(p.amount_minor, p.currency)}</span>
        <span role="cell">${
          p.allocations.length
            ? html`<ul class="allocations" aria-label=${msg(str`Invoices paid by ${p.number}`, { desc: "A payment's number" })}>${p.allocations.map(
                (a) => html`<li>
              ${this.docLink('invoices', a.invoice_number)}<span class="muted">${this.money(a.amount_minor, p.currency)}</span></li>`,
              )}</ul>`
            : html`<span class="muted">${msg('Not allocated yet', { desc: 'A payment not yet applied to any invoice' })}</span>`
        }</span>
      </div>`,
      )}</div>
    </div>`;
  }
}

define('portal-payments-view', PortalPaymentsView);

declare global {
  interface HTMLElementTagNameMap {
    'portal-payments-view': PortalPaymentsView;
  }
}
