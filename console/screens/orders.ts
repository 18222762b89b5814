import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Answer } from '../api.ts';
import { amount, date, dateTime, lang, parseAmount, t } from '../i18n.ts';
import { addressLines } from '../../widget/parts/address.ts';
import { ConsoleScreen } from '../screen.ts';

type Summary = Answer<'adminListOrders'>['items'][number];
type Detail = Answer<'adminGetOrder'>;
type Status = Summary['status'];
type Channel = Summary['channel'];
type CustomerOption = Answer<'listCustomers'>['items'][number];

/** The list's filters, as the API's query names them; '' is no filter. */
interface Filters {
  status: Status | '';
  channel: Channel | '';
  customer_id: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { status: '', channel: '', customer_id: '', from: '', to: '' };

const STATUSES: Status[] = [
  'draft',
  'pending',
  'confirmed',
  'in_progress',
  'shipped',
  'delivered',
  'invoiced',
  'cancelled',
  'awaiting_approval',
  'rejected',
  'awaiting_supplier',
];
/** How a status's badge looks: what needs the supplier (warn), what ended without a sale (danger). */
const BADGE: Partial<Record<Status, string>> = {
  pending: 'warn',
  cancelled: 'danger',
  rejected: 'danger',
  awaiting_approval: 'waiting',
  awaiting_supplier: 'warn',
};
const CHANNELS: Channel[] = ['portal', 'quote', 'sales_rep', 'phone', 'email', 'integration'];
const METHODS = ['bank_transfer', 'card', 'cheque', 'cash', 'other'] as const;

/** The change requests screen, showing the pending request of this order. */
export const requestsHref = (o: Summary): string =>
  `#/requests?${new URLSearchParams({ order: o.id, customer: o.customer.id })}`;

/** The form open under an order: shipping, cancelling, paying one of its invoices, or adding a charge. */
type OpenForm = { kind: 'ship' } | { kind: 'cancel' } | { kind: 'pay'; invoiceId: string } | { kind: 'charge' } | null;

/**
 * Orders across customers, newest first, filtered by status, channel, customer and the days
 * placed (from / to, kept while paging); orders placed in the portal carry the Portal label, and
 * an order whose customer asks for a change links to that request. An order opens with its lines
 * and invoices, and the moves its
 * status allows: confirm, prepare, ship (carrier and tracking), deliver, cancel (with a reason),
 * invoice; an invoice takes a payment. Charges added after checkout are listed with the customer's
 * outcome (to approve, approved, rejected with their reason); "Add charge" adds one, and one still
 * waiting can be withdrawn.
 *
 * @summary The console's orders screen.
 */
@customElement('console-orders')
export class ConsoleOrders extends ConsoleScreen {
  @state() private filters: Filters = NO_FILTERS;
  /** The customers to filter by (the first 100 by name, archived ones too). */
  @state() private customers: CustomerOption[] = [];
  @state() private orders: Summary[] | null = null;
  @state() private nextCursor: string | null = null;
  @state() private openId: string | null = null;
  @state() private detail: Detail | null = null;
  @state() private form: OpenForm = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
    void this.#loadCustomers();
  }

  async #loadCustomers() {
    const page = await this.run('customers', () =>
      this.client.call('listCustomers', { query: { limit: 100, archived: 'any' } }),
    );
    if (page) this.customers = page.items;
  }

  async #load(cursor?: string): Promise<void> {
    const filters = this.filters;
    // Every page asks with the same filters: "Load more" continues the filtered list.
    const page = await this.run('load', () =>
      this.client.call('adminListOrders', { query: { limit: 50, cursor, ...filters } }),
    );
    // The filters changed while this page was on its way (a date typed digit by digit changes
    // several times, and a second load is refused while one runs): ask again for the last ones.
    if (filters !== this.filters) return this.#load();
    if (!page) return;
    this.orders = cursor ? [...(this.orders ?? []), ...page.items] : page.items;
    this.nextCursor = page.next_cursor;
    this.announce(this.orders.length ? t('orders.count', { n: this.orders.length }) : t('orders.none'));
  }

  #onFilter() {
    this.#apply({
      status: this.#value('status') as Status | '',
      channel: this.#value('channel') as Channel | '',
      customer_id: this.#value('customer'),
      from: this.#value('from'),
      to: this.#value('to'),
    });
  }

  #apply(filters: Filters) {
    this.filters = filters;
    this.orders = null;
    this.nextCursor = null;
    this.openId = null;
    this.detail = null;
    void this.#load();
  }

  async #clearFilters() {
    // The list's new count is announced when it arrives.
    this.#apply(NO_FILTERS);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#status')?.focus();
  }

  get #filtered(): boolean {
    return Object.values(this.filters).some((v) => v !== '');
  }

  async #toggle(id: string) {
    if (this.openId === id) {
      this.openId = null;
      this.detail = null;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#open-${CSS.escape(id)}`)?.focus();
      return;
    }
    this.openId = id;
    this.detail = null;
    this.form = null;
    const detail = await this.run(`detail-${id}`, () => this.client.call('adminGetOrder', { params: { id } }));
    if (!detail || this.openId !== id) return;
    this.detail = detail;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#detail-title')?.focus();
  }

  /** The answer of a move: the order's new state, here and in the list. */
  async #applied(detail: Detail, message: string) {
    this.detail = detail;
    this.form = null;
    this.orders = (this.orders ?? []).map((o) => (o.id === detail.id ? { ...o, status: detail.status } : o));
    this.announce(message);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#detail-status')?.focus();
  }

  async #move(
    status: Status,
    extra: { reason?: string; delivery?: { carrier: string; tracking_number?: string; tracking_url?: string } } = {},
  ) {
    const id = this.detail!.id;
    const detail = await this.run('move', () =>
      this.client.call('adminSetOrderStatus', { params: { id }, body: { status, ...extra } }),
    );
    if (detail)
      await this.#applied(detail, t('orders.moved', { number: detail.number, status: t(`status.${detail.status}`) }));
  }

  /** "Create order": an order waiting for the supplier becomes pending, here and in the list. */
  async #create(o: Pick<Summary, 'id' | 'number'>) {
    const created = await this.run(`create-${o.id}`, () =>
      this.client.call('createWaitingOrder', { params: { id: o.id } }),
    );
    if (!created) return;
    this.orders = (this.orders ?? []).map((x) => (x.id === created.id ? { ...x, status: created.status } : x));
    const message = t('orders.createdOrder', { number: created.number });
    if (this.openId === created.id) {
      const detail = await this.run(`detail-${created.id}`, () =>
        this.client.call('adminGetOrder', { params: { id: created.id } }),
      );
      if (detail) return this.#applied(detail, message);
    }
    this.announce(message);
    await this.updateComplete;
    // The button is gone: the focus goes to the order's heading, which now says Pending.
    this.renderRoot.querySelector<HTMLElement>(`#open-${CSS.escape(created.id)}`)?.focus();
  }

  async #openForm(form: OpenForm, focusId: string) {
    this.form = form;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${focusId}`)?.focus();
  }

  #value(id: string): string {
    return (
      this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`#${id}`)?.value ?? ''
    ).trim();
  }

  async #ship(event: SubmitEvent) {
    event.preventDefault();
    const carrier = this.#value('carrier');
    if (!carrier) {
      this.errors = { ...this.errors, move: t('orders.carrierRequired') };
      this.renderRoot.querySelector<HTMLElement>('#carrier')?.focus();
      return;
    }
    const trackingNumber = this.#value('tracking-number');
    const trackingUrl = this.#value('tracking-url');
    await this.#move('shipped', {
      delivery: {
        carrier,
        ...(trackingNumber ? { tracking_number: trackingNumber } : {}),
        ...(trackingUrl ? { tracking_url: trackingUrl } : {}),
      },
    });
  }

  async #cancel(event: SubmitEvent) {
    event.preventDefault();
    const reason = this.#value('cancel-reason');
    await this.#move('cancelled', reason ? { reason } : {});
  }

  async #invoice() {
    const id = this.detail!.id;
    const invoice = await this.run('invoice', () =>
      this.client.call('adminInvoiceOrder', { params: { id }, body: {} }),
    );
    if (!invoice) return;
    const detail = await this.run('invoice', () => this.client.call('adminGetOrder', { params: { id } }));
    if (detail) await this.#applied(detail, t('orders.invoiced', { number: invoice.number }));
  }

  async #addCharge(event: SubmitEvent) {
    event.preventDefault();
    const label = this.#value('charge-label');
    if (!label) {
      this.errors = { ...this.errors, charge: t('orders.chargeLabelRequired') };
      this.renderRoot.querySelector<HTMLElement>('#charge-label')?.focus();
      return;
    }
    const amountMinor = parseAmount(this.#value('charge-amount'));
    if (amountMinor === null || amountMinor < 1) {
      this.errors = { ...this.errors, charge: t('settings.badMoney') };
      this.renderRoot.querySelector<HTMLElement>('#charge-amount')?.focus();
      return;
    }
    const approval = this.renderRoot.querySelector<HTMLInputElement>('#charge-approval')?.checked ?? true;
    const detail = await this.run('charge', () =>
      this.client.call('adminAddOrderCharge', {
        params: { id: this.detail!.id },
        body: { label, amount_minor: amountMinor, requires_approval: approval },
      }),
    );
    if (detail) {
      this.#listTotal(detail);
      await this.#applied(detail, t('orders.chargeAdded', { label, number: detail.number }));
    }
  }

  async #withdrawCharge(charge: NonNullable<Detail['supplier_charges']>[number]) {
    const detail = await this.run('charge', () =>
      this.client.call('adminWithdrawOrderCharge', { params: { id: this.detail!.id, charge_id: charge.id } }),
    );
    if (detail) await this.#applied(detail, t('orders.chargeWithdrawn', { label: charge.label }));
  }

  /** The list shows the order's total as it is now (a charge that needs no approval counts at once). */
  #listTotal(detail: Detail) {
    this.orders = (this.orders ?? []).map((o) => (o.id === detail.id ? { ...o, total_minor: detail.total_minor } : o));
  }

  async #pay(event: SubmitEvent, invoice: Detail['invoices'][number]) {
    event.preventDefault();
    const amountMinor = parseAmount(this.#value('pay-amount'));
    if (amountMinor === null || amountMinor < 1) {
      this.errors = { ...this.errors, pay: t('settings.badMoney') };
      this.renderRoot.querySelector<HTMLElement>('#pay-amount')?.focus();
      return;
    }
    const reference = this.#value('pay-reference');
    const order = this.detail!;
    const payment = await this.run('pay', () =>
      this.client.call('adminCreatePayment', {
        body: {
          customer_id: order.customer.id,
          amount_minor: amountMinor,
          method: this.#value('pay-method') as (typeof METHODS)[number],
          ...(reference ? { reference } : {}),
          allocations: [{ invoice_id: invoice.id, amount_minor: amountMinor }],
        },
      }),
    );
    if (!payment) return;
    const detail = await this.run('pay', () => this.client.call('adminGetOrder', { params: { id: order.id } }));
    if (detail) await this.#applied(detail, t('orders.paid', { number: invoice.number, amount: amount(amountMinor) }));
  }

  override render() {
    return html`
      <h1 tabindex="-1">${t('orders.title')}</h1>
      <div class="toolbar filters" role="group" aria-label=${t('orders.filters')}>
        <div class="field">
          <label for="status">${t('orders.filterStatus')}</label>
          <select id="status" .value=${live(this.filters.status)} @change=${this.#onFilter}>
            <option value="">${t('orders.any')}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.filters.status}>${t(`status.${s}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="channel">${t('orders.filterChannel')}</label>
          <select id="channel" .value=${live(this.filters.channel)} @change=${this.#onFilter}>
            <option value="">${t('orders.any')}</option>
            ${CHANNELS.map((c) => html`<option value=${c} ?selected=${c === this.filters.channel}>${t(`channel.${c}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="customer">${t('orders.filterCustomer')}</label>
          <select id="customer" .value=${live(this.filters.customer_id)} @change=${this.#onFilter} aria-describedby=${this.describedBy('customers')}>
            <option value="">${t('orders.anyCustomer')}</option>
            ${this.customers.map((c) => html`<option value=${c.id} ?selected=${c.id === this.filters.customer_id}>${c.business_name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="from">${t('orders.filterFrom')}</label>
          <input id="from" type="date" .value=${live(this.filters.from)} @change=${this.#onFilter}>
        </div>
        <div class="field">
          <label for="to">${t('orders.filterTo')}</label>
          <input id="to" type="date" .value=${live(this.filters.to)} @change=${this.#onFilter}>
        </div>
        ${this.#filtered ? html`<button type="button" @click=${this.#clearFilters}>${t('orders.clearFilters')}</button>` : nothing}
      </div>
      ${this.errorFor('customers')}
      ${this.errorFor('load')}
      ${this.errors.load && !this.orders ? html`<button type="button" @click=${() => this.#load()}>${t('common.retry')}</button>` : nothing}
      ${this.orders === null && !this.errors.load ? html`<p class="status">${t('common.loading')}</p>` : nothing}
      ${
        this.orders
          ? html`
        <p class="status">${this.orders.length ? t('orders.count', { n: this.orders.length }) : t('orders.none')}</p>
        <ul class="cards">${this.orders.map((o) => this.#order(o))}</ul>
        ${this.nextCursor ? html`<p><button type="button" @click=${() => this.#load(this.nextCursor!)}>${t('common.loadMore')}</button></p>` : nothing}
      `
          : nothing
      }
    `;
  }

  #order(o: Summary) {
    const open = this.openId === o.id;
    return html`
      <li class="card order" data-order=${o.id}>
        <article aria-labelledby=${`order-${o.id}`}>
          <h2 id=${`order-${o.id}`}>${o.number}
            <span class="badge ${BADGE[o.status] ?? 'ok'}">${t(`status.${o.status}`)}</span>
            ${o.channel === 'portal' ? html`<span class="badge portal">${t('channel.portal')}</span>` : nothing}
            ${o.pending_request ? html`<span class="badge warn pending-request">${t(`orders.pending.${o.pending_request}`)}</span>` : nothing}</h2>
          <dl class="fields">
            <div class="wide"><dt>${t('requests.customer')}</dt><dd>${o.customer.business_name}</dd></div>
            <div><dt>${t('orders.created')}</dt><dd>${dateTime(o.created_at)}</dd></div>
            <div><dt>${t('diff.total')}</dt><dd>${amount(o.total_minor)} ${o.currency}</dd></div>
            <div><dt>${t('orders.channel')}</dt><dd>${t(`channel.${o.channel}`)}</dd></div>
            ${o.customer_reference ? html`<div><dt>${t('diff.reference')}</dt><dd>${o.customer_reference}</dd></div>` : nothing}
          </dl>
          ${
            o.pending_request
              ? html`<p><a class="request-link" href=${requestsHref(o)}>${t('orders.reviewRequest', { number: o.number })}</a></p>`
              : nothing
          }
          ${
            o.status === 'awaiting_supplier'
              ? html`<p class="hint">${t('orders.awaitingSupplier')}</p>
          <button type="button" class="primary create-order" aria-label=${t('orders.createFor', { number: o.number })}
            aria-describedby=${this.describedBy(`create-${o.id}`)} @click=${() => this.#create(o)}>${t('orders.createOrder')}</button>
          ${this.errorFor(`create-${o.id}`)}`
              : nothing
          }
          <button type="button" id=${`open-${o.id}`} aria-expanded=${open ? 'true' : 'false'} aria-label=${t(open ? 'orders.closeFor' : 'orders.openFor', { number: o.number })}
            @click=${() => this.#toggle(o.id)}>${open ? t('common.close') : t('orders.open')}</button>
          ${this.errorFor(`detail-${o.id}`)}
          ${open && this.detail?.id === o.id ? this.#detail(this.detail) : nothing}
        </article>
      </li>
    `;
  }

  /** Charges added after checkout, with the customer's outcome; Add charge; Withdraw while one waits. */
  #charges(d: Detail) {
    const charges = d.supplier_charges ?? [];
    const closed = d.status === 'cancelled' || d.status === 'rejected' || d.status === 'invoiced';
    return html`
      <div class="supplier-charges">
        <h4>${t('orders.charges')}</h4>
        ${charges.length ? nothing : html`<p class="muted">${t('orders.noCharges')}</p>`}
        <ul class="plain">${charges.map(
          (c) => html`<li data-charge=${c.id}>
            <strong>${c.label}</strong> — ${amount(c.amount_minor)} ${d.currency}
            <span class="badge ${c.state === 'pending' ? 'warn' : c.state === 'rejected' ? 'danger' : 'ok'}">${t(`orders.chargeState.${c.state}`)}</span>
            ${c.decided_by && c.decided_at ? html`<span class="muted">${t('orders.decidedBy', { name: c.decided_by, when: dateTime(c.decided_at) })}</span>` : nothing}
            ${c.reason ? html`<br><span>${t('orders.chargeReason', { reason: c.reason })}</span>` : nothing}
            ${
              c.state === 'pending'
                ? html`<button type="button" aria-label=${t('orders.withdrawFor', { label: c.label })} aria-describedby=${this.describedBy('charge')}
              @click=${() => this.#withdrawCharge(c)}>${t('orders.withdrawCharge')}</button>`
                : nothing
            }
          </li>`,
        )}</ul>
        ${
          closed
            ? nothing
            : html`<button type="button" aria-expanded=${this.form?.kind === 'charge' ? 'true' : 'false'}
          @click=${() => this.#openForm({ kind: 'charge' }, 'charge-label')}>${t('orders.addCharge')}</button>`
        }
        ${
          this.form?.kind === 'charge'
            ? html`
          <form novalidate class="panel" @submit=${this.#addCharge}>
            <div class="form-grid">
              <div class="field"><label for="charge-label">${t('orders.chargeLabel')}</label><input id="charge-label" maxlength="100" autocomplete="off"></div>
              <div class="field"><label for="charge-amount">${t('orders.chargeAmount', { currency: d.currency })}</label><input id="charge-amount" inputmode="decimal" autocomplete="off"></div>
            </div>
            <div class="check"><input id="charge-approval" type="checkbox" checked><label for="charge-approval">${t('orders.chargeApproval')}</label></div>
            <button type="submit" class="primary" aria-describedby=${this.describedBy('charge')}>${t('orders.chargeSubmit')}</button>
          </form>`
            : nothing
        }
        ${this.errorFor('charge')}
      </div>
    `;
  }

  #detail(d: Detail) {
    const moves = d.allowed_transitions.filter((s) => s !== 'shipped' && s !== 'cancelled' && s !== 'invoiced');
    return html`
      <section class="panel" aria-labelledby="detail-title">
        <h3 id="detail-title" tabindex="-1">${t('orders.detailTitle', { number: d.number })}</h3>
        <p id="detail-status" tabindex="-1">${t('orders.statusNow', { status: t(`status.${d.status}`) })}</p>
        ${d.status === 'awaiting_approval' ? html`<p class="hint">${t('orders.awaitingApproval')}</p>` : nothing}
        ${d.delivery ? html`<p class="delivery-date">${t('orders.delivery', { service: d.delivery.service_name, date: d.delivery.date })}</p>` : nothing}
        ${
          d.delivery_address
            ? html`<div class="deliver-to"><h4>${t('orders.deliverTo')}</h4>
          <address><strong>${d.delivery_address.label}</strong>${addressLines(d.delivery_address, lang()).map((line) => html`<br>${line}`)}${d.delivery_address.phone ? html`<br>${d.delivery_address.phone}` : nothing}</address></div>`
            : nothing
        }
        ${d.placed_by ? html`<p class="placed-by">${t('orders.placedByName', { name: d.placed_by.name })}</p>` : nothing}
        ${d.contact ? html`<p class="contact">${t('orders.contact', { contact: [d.contact.name, d.contact.phone, d.contact.email].filter(Boolean).join(', ') })}</p>` : nothing}
        <table>
          <caption class="visually-hidden">${t('orders.lines', { number: d.number })}</caption>
          <thead><tr><th scope="col">${t('diff.product')}</th><th scope="col" class="num">${t('orders.quantity')}</th><th scope="col" class="num">${t('diff.total')}</th></tr></thead>
          <tbody>
            ${d.lines.map((l) => html`<tr><th scope="row">${l.name} <span class="muted">${l.sku} · ${l.uom}</span></th><td class="num">${l.quantity}</td><td class="num">${amount(l.line_total_minor)}</td></tr>`)}
            <tr><th scope="row">${t('diff.total')}</th><td></td><td class="num">${amount(d.total_minor)} ${d.currency}</td></tr>
          </tbody>
        </table>
        ${this.#charges(d)}
        <div class="row actions">
          ${moves.map((s) => html`<button type="button" class="primary" aria-describedby=${this.describedBy('move')} @click=${() => this.#move(s)}>${t(`move.${s}`)}</button>`)}
          ${d.allowed_transitions.includes('shipped') ? html`<button type="button" class="primary" aria-expanded=${this.form?.kind === 'ship' ? 'true' : 'false'} @click=${() => this.#openForm({ kind: 'ship' }, 'carrier')}>${t('move.shipped')}</button>` : nothing}
          ${d.allowed_transitions.includes('invoiced') && d.invoices.length === 0 ? html`<button type="button" class="primary" aria-describedby=${this.describedBy('invoice')} @click=${this.#invoice}>${t('orders.invoice')}</button>` : nothing}
          ${d.allowed_transitions.includes('cancelled') ? html`<button type="button" aria-expanded=${this.form?.kind === 'cancel' ? 'true' : 'false'} @click=${() => this.#openForm({ kind: 'cancel' }, 'cancel-reason')}>${t('move.cancelled')}</button>` : nothing}
        </div>
        ${
          this.form?.kind === 'ship'
            ? html`
          <form novalidate class="panel" @submit=${this.#ship}>
            <div class="form-grid">
              <div class="field"><label for="carrier">${t('orders.carrier')}</label><input id="carrier" autocomplete="off"></div>
              <div class="field"><label for="tracking-number">${t('orders.trackingNumber')}</label><input id="tracking-number" autocomplete="off"></div>
              <div class="field"><label for="tracking-url">${t('orders.trackingUrl')}</label><input id="tracking-url" type="url" autocomplete="off"></div>
            </div>
            <button type="submit" class="primary" aria-describedby=${this.describedBy('move')}>${t('orders.shipSubmit')}</button>
          </form>`
            : nothing
        }
        ${
          this.form?.kind === 'cancel'
            ? html`
          <form novalidate class="panel" @submit=${this.#cancel}>
            <div class="field"><label for="cancel-reason">${t('orders.cancelReason')}</label><textarea id="cancel-reason" rows="2" maxlength="500"></textarea></div>
            <button type="submit" class="primary" aria-describedby=${this.describedBy('move')}>${t('orders.cancelSubmit')}</button>
          </form>`
            : nothing
        }
        ${this.errorFor('move')}
        ${this.errorFor('invoice')}
        ${
          d.invoices.length
            ? html`
          <h4>${t('orders.invoices')}</h4>
          <ul class="plain">${d.invoices.map(
            (inv) => html`
            <li>
              <strong>${inv.number}</strong> — ${t(`payment.${inv.payment_state}`)} · ${t('orders.balance', { balance: amount(inv.balance_minor), total: amount(inv.total_minor) })} · ${t('orders.due', { date: date(inv.due_at) })}
              ${
                inv.balance_minor > 0
                  ? html`<button type="button" aria-expanded=${this.form?.kind === 'pay' && this.form.invoiceId === inv.id ? 'true' : 'false'}
                aria-label=${t('orders.payFor', { number: inv.number })} @click=${() => this.#openForm({ kind: 'pay', invoiceId: inv.id }, 'pay-amount')}>${t('orders.pay')}</button>`
                  : nothing
              }
              ${
                this.form?.kind === 'pay' && this.form.invoiceId === inv.id
                  ? html`
                <form novalidate class="panel" @submit=${(e: SubmitEvent) => this.#pay(e, inv)}>
                  <div class="form-grid">
                    <div class="field"><label for="pay-amount">${t('orders.payAmount')}</label><input id="pay-amount" inputmode="decimal" .value=${amount(inv.balance_minor).replace(/[^\d.,]/g, '')}></div>
                    <div class="field"><label for="pay-method">${t('orders.payMethod')}</label>
                      <select id="pay-method">${METHODS.map((m) => html`<option value=${m}>${t(`method.${m}`)}</option>`)}</select></div>
                    <div class="field"><label for="pay-reference">${t('orders.payReference')}</label><input id="pay-reference" autocomplete="off"></div>
                  </div>
                  <button type="submit" class="primary" aria-describedby=${this.describedBy('pay')}>${t('orders.paySubmit')}</button>
                  ${this.errorFor('pay')}
                </form>`
                  : nothing
              }
            </li>`,
          )}
          </ul>`
            : nothing
        }
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-orders': ConsoleOrders;
  }
}
