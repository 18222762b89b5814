import { css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { z } from 'zod';
import { endpoints } from '../../api/contract.gen.ts';
import type { Delivery, DeliverySummary } from '../../contract/index.ts';
import { define } from '../../define.ts';
import { routeHref } from '../../state/route.ts';
import { DELIVERY_STATUS_LABEL, safeLink } from '../format.ts';
import { unitName } from '../order-detail.ts';
import { RetryCountdown } from '../retry-countdown.ts';
import { AccountView, PagedList, badge, type Tone } from './account-view.ts';

type DeliveryItem = z.output<typeof Delivery>;

const STATUS_TONE: Record<DeliverySummary['status'], Tone> = { preparing: 'neutral', in_transit: 'info', delivered: 'ok' };

/**
 * The portal's Deliveries section: the deliveries with their status, carrier, tracking and dates,
 * and one delivery's page with its lines and the order it belongs to. A tracking number is a link
 * only when the supplier gave a web address for it. Internal part of <customer-portal>.
 */
export class PortalDeliveriesView extends AccountView {
  static override styles = [AccountView.styles, css`
    .deliveries-table .row { grid-template-columns: minmax(0, 1.1fr) minmax(0, 1.1fr) minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.4fr) minmax(0, 1fr) minmax(0, 1fr); }
    .delivery-lines .row { grid-template-columns: minmax(0, 3fr) minmax(0, 1fr) minmax(0, 1fr); }
    .tracking { overflow-wrap: anywhere; }
  `];

  /** The delivery's number (or id) for its page; null for the list. */
  @property({ attribute: false }) deliveryKey: string | null = null;

  #listWanted = false;
  readonly #detailRetry = new RetryCountdown(this);

  readonly #list = new PagedList<DeliveryItem>(this, {
    args: () => [this.#listWanted, this.store],
    load: (cursor, signal) => this.store!.client.call(endpoints.listDeliveries, {}, { query: cursor ? { cursor } : {}, signal }),
    failed: (error, countdown, retry) => this.failed(error, countdown, retry),
  });

  readonly #detail = new Task(this, {
    args: () => [this.store, this.deliveryKey] as const,
    task: async ([store, key], { signal }) => (store && key ? store.client.call(endpoints.getDelivery, { id: key }, { signal }) : undefined),
    onError: (error) => this.failed(error, this.#detailRetry, () => this.#detail.run()),
  });

  protected override willUpdate(_changed: PropertyValues<this>): void {
    if (this.deliveryKey === null) this.#listWanted = true;
  }

  /** The tracking number, a link to the carrier's page when that is a web address; plain text otherwise. */
  #tracking(d: DeliverySummary) {
    const link = safeLink(d.tracking_url);
    if (link) {
      return html`<a class="tracking" href=${link} target="_blank" rel="noopener noreferrer">${d.tracking_number ?? 'Track the parcel'}<span
        class="visually-hidden"> (opens in a new tab)</span></a>`;
    }
    return d.tracking_number ? html`<span class="tracking">${d.tracking_number}</span>` : html`<span class="muted">—</span>`;
  }

  #when(iso: string | null) {
    return iso ? this.date(iso) : html`<span class="muted">—</span>`;
  }

  // --- rendering ------------------------------------------------------------------------------

  protected override render() {
    return this.deliveryKey === null ? this.#listPage() : this.#deliveryPage(this.deliveryKey);
  }

  #listPage() {
    return html`${this.pageHead('Deliveries')}
      ${this.#list.render({
        what: 'your deliveries',
        skeletonRows: 5,
        empty: () => this.empty('No deliveries yet', 'Once an order ships, its delivery and tracking show here.'),
        list: (deliveries) => this.#table(deliveries),
      })}`;
  }

  #table(deliveries: DeliveryItem[]) {
    return html`<div role="table" class="table data deliveries-table" aria-label="Deliveries">
      <div role="rowgroup">
        <div role="row" class="row head">
          <span role="columnheader">Delivery</span><span role="columnheader">Order</span><span role="columnheader">Status</span>
          <span role="columnheader">Carrier</span><span role="columnheader">Tracking</span>
          <span role="columnheader">Shipped</span><span role="columnheader">Delivered</span>
        </div>
      </div>
      <div role="rowgroup">${deliveries.map((d) => html`<div role="row" class="row">
        <span role="cell" class="c-key"><a class="key" data-item=${d.id} href=${routeHref('deliveries', d.number)}>${d.number}</a></span>
        <span role="cell"><span class="label" aria-hidden="true">Order </span>${this.docLink('orders', d.order.number)}</span>
        <span role="cell" class="c-status">${badge(DELIVERY_STATUS_LABEL[d.status], STATUS_TONE[d.status])}</span>
        <span role="cell"><span class="label" aria-hidden="true">Carrier </span>${d.carrier}</span>
        <span role="cell"><span class="label" aria-hidden="true">Tracking </span>${this.#tracking(d)}</span>
        <span role="cell"><span class="label" aria-hidden="true">Shipped </span>${this.#when(d.shipped_at)}</span>
        <span role="cell"><span class="label" aria-hidden="true">Delivered </span>${this.#when(d.delivered_at)}</span>
      </div>`)}</div>
    </div>`;
  }

  #deliveryPage(key: string) {
    const value = this.#detail.value;
    const shown = value && (value.number === key || value.id === key) ? value : undefined;
    return html`${this.pageHead(`Delivery ${shown?.number ?? key}`, { back: { href: routeHref('deliveries'), label: 'All deliveries' } })}
      ${this.#detail.render({
        initial: () => this.skeleton('the delivery', 3, true),
        pending: () => this.skeleton('the delivery', 3, true),
        error: (error) => this.errorPanel(error, this.#detailRetry, () => this.#detail.run()),
        complete: (delivery) => (delivery ? this.#delivery(delivery) : this.skeleton('the delivery', 3, true)),
      })}`;
  }

  #delivery(d: DeliveryItem) {
    return html`
      <dl class="facts">
        <div><dt>Status</dt><dd>${badge(DELIVERY_STATUS_LABEL[d.status], STATUS_TONE[d.status])}</dd></div>
        <div><dt>Carrier</dt><dd>${d.carrier}</dd></div>
        <div><dt>Tracking number</dt><dd>${this.#tracking(d)}</dd></div>
        <div><dt>Shipped</dt><dd>${this.#when(d.shipped_at)}</dd></div>
        <div><dt>Delivered</dt><dd>${this.#when(d.delivered_at)}</dd></div>
        <div><dt>Order</dt><dd>${this.docLink('orders', d.order.number)}</dd></div>
      </dl>
      <h3 id="lines-title">Lines</h3>
      ${d.lines.length ? html`<div role="table" class="table data delivery-lines" aria-labelledby="lines-title">
        <div role="rowgroup">
          <div role="row" class="row head">
            <span role="columnheader">Product</span><span role="columnheader" class="num">Quantity</span><span role="columnheader">Unit</span>
          </div>
        </div>
        <div role="rowgroup">${d.lines.map((line) => html`<div role="row" class="row">
          <span role="cell" class="c-key">${line.name} <span class="sku">SKU ${line.sku}</span></span>
          <span role="cell" class="num"><span class="label" aria-hidden="true">Quantity </span>${line.quantity}</span>
          <span role="cell"><span class="label" aria-hidden="true">Unit </span>${unitName(this.store, line.product_id, line.uom)}</span>
        </div>`)}</div>
      </div>` : html`<p class="muted">No lines listed.</p>`}`;
  }
}

define('portal-deliveries-view', PortalDeliveriesView);

declare global {
  interface HTMLElementTagNameMap {
    'portal-deliveries-view': PortalDeliveriesView;
  }
}
