import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { z } from 'zod';
import { endpoints } from '../../api/contract.gen.ts';
import type { Delivery, DeliverySummary } from '../../contract/index.ts';
import { define } from '../../define.ts';
import { routeHref } from '../../state/route.ts';
import { DELIVERY_STATUS_LABEL, safeLink, skuText } from '../format.ts';
import { unitName } from '../order-detail.ts';
import { AccountView, DocumentDetail, PagedList, badge, type Tone } from './account-view.ts';

type DeliveryItem = z.output<typeof Delivery>;

const STATUS_TONE: Record<DeliverySummary['status'], Tone> = {
  preparing: 'neutral',
  in_transit: 'info',
  delivered: 'ok',
};

/**
 * The portal's Deliveries section: the deliveries with their status, carrier, tracking and dates,
 * and one delivery's page with its lines and the order it belongs to. A tracking number is a link
 * only when the supplier gave a web address for it. Internal part of <customer-portal>.
 */
@localized()
export class PortalDeliveriesView extends AccountView {
  static override styles = [
    AccountView.styles,
    css`
    .deliveries-table .row { grid-template-columns: minmax(0, 1.1fr) minmax(0, 1.1fr) minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.4fr) minmax(0, 1fr) minmax(0, 1fr); }
    .delivery-lines .row { grid-template-columns: minmax(0, 3fr) minmax(0, 1fr) minmax(0, 1fr); }
    .tracking { overflow-wrap: anywhere; }
  `,
  ];

  /** The delivery's number (or id) for its page; null for the list. */
  @property({ attribute: false }) deliveryKey: string | null = null;

  readonly #list = new PagedList<DeliveryItem>(this, {
    args: () => [true, this.store],
    load: (cursor, signal) =>
      this.store!.client.call(endpoints.listDeliveries, {}, { query: cursor ? { cursor } : {}, signal }),
    failed: (error, countdown, retry) => this.failed(error, countdown, retry),
  });

  readonly #detail = new DocumentDetail(this, {
    args: () => [this.store, this.deliveryKey],
    load: (store, key, signal) => store.client.call(endpoints.getDelivery, { id: key }, { signal }),
    failed: (error, countdown, retry) => this.failed(error, countdown, retry),
  });

  /** The tracking number, a link to the carrier's page when that is a web address; plain text otherwise. */
  #tracking(d: DeliverySummary) {
    const link = safeLink(d.tracking_url);
    if (link) {
      return html`<a class="tracking" href=${link} target="_blank" rel="noopener noreferrer">${d.tracking_number ?? msg('Track the parcel', { desc: "A link to the carrier's tracking page" })}<span
        class="visually-hidden"> ${msg('(opens in a new tab)')}</span></a>`;
    }
    return d.tracking_number
      ? html`<span class="tracking">${d.tracking_number}</span>`
      : html`<span class="muted">—</span>`;
  }

  #when(iso: string | null) {
    return iso ? this.date(iso) : html`<span class="muted">—</span>`;
  }

  // --- rendering ------------------------------------------------------------------------------

  protected override readonly section = 'deliveries' as const;

  protected override get documentKey(): string | null {
    return this.deliveryKey;
  }

  protected override render() {
    return html`${this.#listPage()}${this.#deliverySheet()}`;
  }

  #listPage() {
    return html`${this.pageHead(msg('Deliveries'))}
      ${this.#list.render({
        what: msg('your deliveries', { desc: 'Completes "Loading …"' }),
        skeletonRows: 5,
        empty: () =>
          this.empty(msg('No deliveries yet'), msg('Once an order ships, its delivery and tracking show here.')),
        list: (deliveries) => this.#table(deliveries),
      })}`;
  }

  #table(deliveries: DeliveryItem[]) {
    return html`<div role="table" class="table data deliveries-table" aria-label=${msg('Deliveries')}>
      <div role="rowgroup">
        <div role="row" class="row head">
          <span role="columnheader">${msg('Delivery')}</span><span role="columnheader">${msg('Order')}</span><span role="columnheader">${msg('Status')}</span>
          <span role="columnheader">${msg('Carrier')}</span><span role="columnheader">${msg('Tracking')}</span>
          <span role="columnheader">${msg('Shipped', { id: 'delivery.shipped-on', desc: 'Column or label: the date a delivery left' })}</span><span role="columnheader">${msg('Delivered', { id: 'delivery.delivered-on', desc: 'Column or label: the date a delivery arrived' })}</span>
        </div>
      </div>
      <div role="rowgroup">${deliveries.map(
        (d) => html`<div role="row" class="row" @click=${this.openRow}>
        <span role="cell" class="c-key"><a class="key" data-item=${d.id} href=${routeHref('deliveries', d.number)}>${d.number}</a></span>
        <span role="cell"><span class="label" aria-hidden="true">${msg('Order')} </span>${this.docLink('orders', d.order.number)}</span>
        <span role="cell" class="c-status">${badge(DELIVERY_STATUS_LABEL[d.status], STATUS_TONE[d.status])}</span>
        <span role="cell"><span class="label" aria-hidden="true">${msg('Carrier')} </span>${d.carrier}</span>
        <span role="cell"><span class="label" aria-hidden="true">${msg('Tracking')} </span>${this.#tracking(d)}</span>
        <span role="cell"><span class="label" aria-hidden="true">${msg('Shipped', { id: 'delivery.shipped-on', desc: 'Column or label: the date a delivery left' })} </span>${this.#when(d.shipped_at)}</span>
        <span role="cell"><span class="label" aria-hidden="true">${msg('Delivered', { id: 'delivery.delivered-on', desc: 'Column or label: the date a delivery arrived' })} </span>${this.#when(d.delivered_at)}</span>
      </div>`,
      )}</div>
    </div>`;
  }

  /** The delivery over the list: a modal, or a drawer on narrow screens. */
  #deliverySheet() {
    const key = this.deliveryKey ?? '';
    const value = this.#detail.value;
    const shown = value && (value.number === key || value.id === key) ? value : undefined;
    const number = shown?.number ?? key;
    const loading = () => this.skeleton(msg('the delivery', { desc: 'Completes "Loading …"' }), 3, true);
    return this.documentSheet(msg(str`Delivery ${number}`, { desc: "A delivery's page: its number" }), nothing, () =>
      this.#detail.render({
        loading,
        complete: (delivery) => (delivery ? this.#delivery(delivery) : loading()),
      }),
    );
  }

  #delivery(d: DeliveryItem) {
    return html`
      <dl class="facts">
        <div><dt>${msg('Status')}</dt><dd>${badge(DELIVERY_STATUS_LABEL[d.status], STATUS_TONE[d.status])}</dd></div>
        <div><dt>${msg('Carrier')}</dt><dd>${d.carrier}</dd></div>
        <div><dt>${msg('Tracking number')}</dt><dd>${this.#tracking(d)}</dd></div>
        <div><dt>${msg('Shipped', { id: 'delivery.shipped-on', desc: 'Column or label: the date a delivery left' })}</dt><dd>${this.#when(d.shipped_at)}</dd></div>
        <div><dt>${msg('Delivered', { id: 'delivery.delivered-on', desc: 'Column or label: the date a delivery arrived' })}</dt><dd>${this.#when(d.delivered_at)}</dd></div>
        <div><dt>${msg('Order')}</dt><dd>${this.docLink('orders', d.order.number)}</dd></div>
      </dl>
      <h3 id="lines-title">${msg('Lines')}</h3>
      ${
        d.lines.length
          ? html`<div role="table" class="table data delivery-lines" aria-labelledby="lines-title">
        <div role="rowgroup">
          <div role="row" class="row head">
            <span role="columnheader">${msg('Product')}</span><span role="columnheader" class="num">${msg('Quantity')}</span><span role="columnheader">${msg('Unit')}</span>
          </div>
        </div>
        <div role="rowgroup">${d.lines.map(
          (line) => html`<div role="row" class="row">
          <span role="cell" class="c-key">${line.name} <span class="sku">${skuText(line.sku)}</span></span>
          <span role="cell" class="num"><span class="label" aria-hidden="true">${msg('Quantity')} </span>${line.quantity}</span>
          <span role="cell"><span class="label" aria-hidden="true">${msg('Unit')} </span>${unitName(this.store, line.product_id, line.uom)}</span>
        </div>`,
        )}</div>
      </div>`
          : html`<p class="muted">${msg('No lines listed.')}</p>`
      }`;
  }
}

define('portal-deliveries-view', PortalDeliveriesView);

declare global {
  interface HTMLElementTagNameMap {
    'portal-deliveries-view': PortalDeliveriesView;
  }
}
