import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { OrderDelivery, OrderDetail, OrderEvent, OrderRequest, OrderSummary } from '../../contract/index.ts';
import { define } from '../../define.ts';
import { LIMITS } from '../../contract/limits.ts';
import { diffContent } from '../../contract/order-changes.ts';
import { routeHref } from '../../state/route.ts';
import type { PortalStore } from '../../state/store.ts';
import { buildsCart, canPlaceOrders } from '../../state/permissions.ts';
import { errorCopy } from '../error-copy.ts';
import { formatDateTime } from '../format.ts';
import {
  CHANNEL_LABEL,
  deliveriesList,
  deliveryAddress,
  linesTable,
  reorderCopy,
  reorderLines,
  saveFile,
  totalsList,
  unitName,
} from '../order-detail.ts';
import { AccountView, DocumentDetail, PagedList, apiError, charactersUsed } from './account-view.ts';
import {
  PENDING_LABEL,
  blockedText,
  changeFailure,
  eventDetails,
  eventTitle,
  orderBadges,
  type Format,
} from './order-changes.ts';
import './order-edit.ts';
import './supplier-charges.ts';
import type { ChargeDecidedEvent } from './supplier-charges.ts';
import type { OrderChangedEvent, OrderStaleEvent, PortalOrderEdit } from './order-edit.ts';
import { Busy } from '../busy.ts';
import type { OrderListGroup } from '../../contract/rules/order-creation.ts';

/** Whose orders the list shows, when the link belongs to a person. */
type Whose = 'company' | 'mine';
const WHOSE: readonly { value: Whose; readonly label: string }[] = [
  {
    value: 'company',
    get label() {
      return msg('Company orders', { desc: "Filter of the orders: every order of the customer's account" });
    },
  },
  {
    value: 'mine',
    get label() {
      return msg('My orders', { desc: 'Filter of the orders: those the person of the link placed' });
    },
  },
];

/** Which orders the list shows: every one, those waiting (for the supplier or the account's Admins), the cancelled ones. */
type Show = 'all' | OrderListGroup;
const SHOW: readonly { value: Show; readonly label: string }[] = [
  {
    value: 'all',
    get label() {
      return msg('All orders', { desc: 'Tab of the Orders section: every order' });
    },
  },
  {
    value: 'waiting',
    get label() {
      return msg('Waiting for approval', {
        desc: "Tab of the Orders section: orders the supplier has not created yet, or the account's Admins have not approved",
      });
    },
  },
  {
    value: 'cancelled',
    get label() {
      return msg('Cancelled', { desc: 'Tab of the Orders section: the cancelled orders' });
    },
  },
];

interface Outcome {
  tone: 'ok' | 'error';
  text: string;
  /** After a reorder: what went into the cart, and what was left out. */
  added?: string[];
  skipped?: string[];
}

/**
 * The portal's Orders section: the customer's orders (newest first, Load more; a table, cards on
 * narrow screens), and one order open over them (a modal, a drawer on narrow screens) with its lines, totals, source quote, deliveries and PDF, Reorder, and its record. When the
 * workspace lets customers change their orders (seed 002), the page has Edit and Cancel: applied
 * at once or sent to the supplier for approval, as the workspace says; a change waiting, or
 * refused, shows on the page. Internal part of <customer-portal>, mounted for `#portal/orders[/<number>]`.
 */
@localized()
export class PortalOrdersView extends AccountView {
  static override styles = [
    AccountView.styles,
    css`
    /* Three short tabs: wrapped on a phone rather than one scrolled out of sight. */
    .filters { flex-wrap: wrap; }
    .c-status { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
    .orders-table .c-status { flex-direction: column; align-items: flex-end; }
    @container account (min-width: 600px) {
      .orders-table .row { grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr) minmax(0, 1.5fr) minmax(0, 1fr) minmax(0, .9fr) minmax(0, .9fr); }
      .orders-table .c-status { align-items: flex-start; }
    }
    .channel { color: var(--_muted); }
    .orders-table .key { white-space: nowrap; }

    .banner { background: var(--_surface); border: 1px solid var(--_border); border-inline-start: 4px solid var(--_warning); border-radius: var(--_radius); padding: 12px var(--_space); margin-block: 0 var(--_space); display: grid; gap: 6px; }
    .banner.rejected { border-inline-start-color: var(--_danger); }
    .banner h3 { margin: 0; font-size: 1.05rem; }
    .banner p { margin: 0; }
    .compare .row { grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) minmax(0, 1fr); }
    .compare .changed { font-weight: 600; }

    .change { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-block: var(--_space); }
    .change .reason { flex: 1 1 16em; margin: 0; color: var(--_muted); }
    [aria-disabled='true'] { opacity: .55; cursor: not-allowed; }
    .feedback ul { margin: 4px 0; padding-inline-start: 1.2em; }
    .feedback .skipped { color: var(--_warning); }

    .record { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; border-inline-start: 2px solid var(--_border); padding-inline-start: var(--_space); }
    .record li { display: grid; gap: 2px; }
    .record p { margin: 0; }
    .record time { color: var(--_muted); }

    dialog.sheet .dialog-head { display: flex; justify-content: space-between; align-items: center; gap: var(--_space); padding: var(--_space) var(--_space) 0; }
    dialog.sheet .dialog-head h3 { margin: 0; font-size: 1.15rem; }
    dialog.sheet portal-order-edit { padding: 12px var(--_space) var(--_space); }
    dialog.sheet form.cancel { padding: 12px var(--_space) var(--_space); display: grid; gap: 8px; }
    dialog.sheet p { margin: 0; }
    dialog.sheet label { display: grid; gap: 4px; }
    dialog.sheet textarea { resize: vertical; min-height: 4.5em; }
    dialog.sheet .count { font-size: .85rem; justify-self: end; }
    dialog.sheet .buttons { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; margin-top: 8px; }
    dialog.sheet .problem { color: var(--_danger); }
  `,
  ];

  /** The order's number (or id) for its page; null for the list. */
  @property({ attribute: false }) orderKey: string | null = null;

  /** The order on its page, as last read or answered. */
  @state() private order: OrderDetail | undefined;
  @state() private outcome: Outcome | undefined;
  /** Which dialog is open. */
  @state() private asking: 'edit' | 'cancel' | null = null;
  @state() private cancelling = false;
  @state() private reason = '';
  @state() private cancelProblem: string | undefined;
  private readonly busy = new Busy<'pdf' | 'reorder'>(this);

  @query('dialog#edit-dialog') private editDialog!: HTMLDialogElement | null;
  @query('dialog#cancel-dialog') private cancelDialog!: HTMLDialogElement | null;

  #catalogFor: PortalStore | undefined;

  // Reloads when an order is placed or changed anywhere in the portal.
  /** "My orders" or "Company orders": offered when the link belongs to a person. */
  @state() private whose: Whose = 'company';
  /** All orders, the waiting ones or the cancelled ones. */
  @state() private show: Show = 'all';

  readonly #list = new PagedList<OrderSummary>(this, {
    args: () => [true, this.store, this.portal?.ordersRevision, this.#whose(), this.show],
    load: (cursor, signal) =>
      this.store!.client.orders(cursor, signal, {
        ...(this.#whose() === 'mine' ? { placed_by: 'me' } : {}),
        ...(this.show === 'all' ? {} : { status_group: this.show }),
      }),
    failed: (error, countdown, retry) => this.failed(error, countdown, retry),
  });

  readonly #detail = new DocumentDetail(this, {
    args: () => [this.store, this.orderKey],
    load: (store, key, signal) => store.client.order(key, signal),
    loaded: (order) => this.#show(order),
    failed: (error, countdown, retry) => this.failed(error, countdown, retry),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('orderKey')) {
      this.order = undefined;
      this.outcome = undefined;
      this.asking = null;
    }
    // Unit names, and the products the edit form adds from; shared, so fetched once for the portal.
    if (this.store && this.#catalogFor !== this.store) {
      this.#catalogFor = this.store;
      this.store.loadCatalog().catch(() => undefined);
    }
  }

  /** An order as the supplier now has it: on its page and in the list. */
  #show(order: OrderDetail): void {
    this.order = order;
    this.#list.replace(order);
  }

  get #format(): Format {
    const currency = this.order?.currency ?? this.portal?.session?.currency ?? 'EUR';
    return { money: (minor) => this.money(minor, currency), unit: (id, uom) => unitName(this.store, id, uom) };
  }

  #dateTime(iso: string): string {
    return formatDateTime(iso, this.locale);
  }

  /** Shows what happened above the order, in a live region. */
  #tell(outcome: Outcome): void {
    this.outcome = outcome;
  }

  // --- edit and cancel ------------------------------------------------------------------------

  async #ask(what: 'edit' | 'cancel'): Promise<void> {
    const order = this.order;
    if (!order || this.editDialog?.open || this.cancelDialog?.open) return;
    if (!this.#mayChange(order, what)) return;
    this.asking = what;
    this.cancelProblem = undefined;
    this.reason = '';
    await this.updateComplete;
    const dialog = what === 'edit' ? this.editDialog : this.cancelDialog;
    if (dialog && !dialog.open) dialog.showModal();
  }

  #closeDialogs(): void {
    this.editDialog?.close();
    this.cancelDialog?.close();
    this.asking = null;
  }

  /** Closed by Escape too; the event comes a moment later, when the dialog may be open again. */
  #onDialogClose(): void {
    if (!this.editDialog?.open && !this.cancelDialog?.open) this.asking = null;
  }

  /** A change or cancellation on its way to the supplier: its dialog stays open for the answer. */
  get #sending(): boolean {
    return this.cancelling || (this.renderRoot.querySelector<PortalOrderEdit>('portal-order-edit')?.busy ?? false);
  }

  /** Close, Discard or Keep order; Escape too (see #onDialogCancel). */
  #dismiss(): void {
    if (!this.#sending) this.#closeDialogs();
  }

  #onDialogCancel(event: Event): void {
    if (this.#sending) event.preventDefault();
  }

  #changed(order: OrderDetail, kind: 'update' | 'cancel'): void {
    this.#show(order);
    this.#closeDialogs();
    const waiting = order.pending_request === kind;
    const supplier = this.supplier;
    this.#tell({
      tone: 'ok',
      text:
        kind === 'update'
          ? waiting
            ? msg(str`Your change to ${order.number} was sent to ${supplier} for approval.`, {
                desc: "An order's number, then the supplier's name",
              })
            : msg(str`Your changes to ${order.number} are saved.`)
          : waiting
            ? msg(str`Your cancellation of ${order.number} was sent to ${supplier} for approval.`, {
                desc: "An order's number, then the supplier's name",
              })
            : msg(str`Order ${order.number} is cancelled.`),
    });
    void this.#keepFocus();
  }

  /**
   * The dialog gives the focus back to the button that opened it; when that button is gone (a
   * waiting order cancelled where changes are off has no Edit and Cancel), the focus goes to what happened.
   */
  async #keepFocus(): Promise<void> {
    await this.updateComplete;
    const root = this.renderRoot as ShadowRoot;
    if (root.activeElement?.isConnected) return;
    root.querySelector<HTMLElement>('.feedback p')?.focus();
  }

  /** The order is not as the customer saw it: say so, and read it again. */
  #stale(message: string): void {
    this.#closeDialogs();
    this.#tell({ tone: 'error', text: message });
    void this.#detail.run();
  }

  async #cancel(order: OrderDetail): Promise<void> {
    const store = this.store;
    if (!store || this.cancelling) return;
    this.cancelling = true;
    this.cancelProblem = undefined;
    try {
      this.#changed(await store.cancelOrder(order.id, this.reason), 'cancel');
    } catch (error) {
      const e = apiError(error);
      this.failed(e);
      const failure = changeFailure(e, this.supplier, 'cancellation');
      if (failure.stale) this.#stale(failure.text);
      else this.cancelProblem = failure.text;
    } finally {
      this.cancelling = false;
    }
  }

  /** A charge approved or rejected: the order (and its total) as it is now, and what happened, announced. */
  #chargeDecided({ order, charge }: ChargeDecidedEvent): void {
    this.#show(order);
    const total = this.#format.money(order.total_minor);
    this.#tell({
      tone: 'ok',
      text:
        charge.state === 'approved'
          ? msg(str`You approved ${charge.label}. The order's total is now ${total}.`, {
              desc: "The charge's name, then the order's new total",
            })
          : msg(str`You rejected ${charge.label}. ${this.supplier} sees your reason.`, {
              desc: "The charge's name, then the supplier's name",
            }),
    });
  }

  // --- reorder and PDF ------------------------------------------------------------------------

  #reorder(order: OrderDetail): Promise<void> {
    return this.busy.run('reorder', async () => {
      const store = this.store!;
      try {
        const result = await reorderLines(store, order.lines);
        this.#tell({ tone: 'ok', ...reorderCopy(store, order.number, order.lines, result) });
      } catch (error) {
        this.#actionFailed(
          error,
          msg(str`${order.number} could not be added to your cart.`, { desc: "An order's number or a product's name" }),
        );
      }
    });
  }

  #downloadPdf(order: OrderDetail): Promise<void> {
    return this.busy.run('pdf', async () => {
      try {
        saveFile(this.renderRoot, await this.store!.client.orderPdf(order.id), `${order.number}.pdf`);
        if (this.outcome?.tone === 'error') this.outcome = undefined;
      } catch (error) {
        this.#actionFailed(error, msg(str`The PDF of ${order.number} could not be downloaded.`));
      }
    });
  }

  #actionFailed(error: unknown, text: string): void {
    const e = apiError(error);
    this.failed(e);
    const copy =
      e.kind === 'not_found'
        ? {
            title: msg(str`${this.supplier} no longer has it`, { desc: 'The document the customer acted on is gone' }),
            body: msg('Please reload the page.'),
          }
        : errorCopy(e, this.supplier);
    this.#tell({ tone: 'error', text: `${text} ${copy.title}. ${copy.body}` });
  }

  // --- rendering ------------------------------------------------------------------------------

  protected override readonly section = 'orders' as const;

  protected override get documentKey(): string | null {
    return this.orderKey;
  }

  protected override render() {
    return html`${this.#listPage()}${this.#orderSheet()}`;
  }

  /** Whose orders are listed: the company's, unless the link's person asked for their own. */
  #whose(): Whose {
    return this.portal?.session?.person ? this.whose : 'company';
  }

  #empty() {
    if (this.show === 'waiting')
      return this.empty(
        msg('Nothing waiting'),
        msg(str`Orders waiting for approval, or for ${this.supplier} to create them, show here.`, {
          desc: "The supplier's name",
        }),
      );
    if (this.show === 'cancelled')
      return this.empty(msg('No cancelled orders'), msg('The orders that were cancelled show here.'));
    return this.#whose() === 'mine'
      ? this.empty(msg('None of your own yet'), msg('The orders you place show here.'))
      : this.empty(msg('No orders yet'), msg('Your orders show here once you have placed one.'));
  }

  #listPage() {
    const list = this.#list.render({
      what: msg('your orders', { desc: 'Completes "Loading …"' }),
      skeletonRows: 10,
      empty: () => this.#empty(),
      list: (orders) => this.#table(orders),
    });
    const whose = this.portal?.session?.person
      ? html`${this.filterTabs(
          msg('Show orders', { desc: 'The name of the filters of the orders (for screen readers)' }),
          WHOSE,
          this.whose,
          (w) => {
            this.whose = w;
          },
        )}
      <div role="tabpanel" id="filter-panel" aria-labelledby=${`filter-${this.whose}`}>${list}</div>`
      : list;
    return html`${this.pageHead(msg('Orders'))}
      ${this.filterTabs(
        msg('Orders by status', { desc: 'The name of the tabs of the Orders section (for screen readers)' }),
        SHOW,
        this.show,
        (show) => {
          this.show = show;
        },
        'status-panel',
      )}
      <div role="tabpanel" id="status-panel" aria-labelledby=${`filter-${this.show}`}>${whose}</div>`;
  }

  /** "Next-day: 8 Dec 2026": the service and the delivery or collection date. */
  #delivery(d: OrderDelivery) {
    return msg(str`${d.service_name}: ${this.day(d.date)}`, {
      desc: 'The delivery service, then the date',
    });
  }

  #table(orders: OrderSummary[]) {
    return html`<div role="table" class="table data orders-table" aria-label=${msg('Orders')}>
      <div role="rowgroup">
        <div role="row" class="row head">
          <span role="columnheader">${msg('Order')}</span><span role="columnheader">${msg('Date')}</span><span role="columnheader">${msg('Status')}</span>
          <span role="columnheader">${msg('Your reference')}</span><span role="columnheader">${msg('Placed through')}</span>
          <span role="columnheader" class="num">${msg('Total')}</span>
        </div>
      </div>
      <div role="rowgroup">${orders.map(
        (o) => html`<div role="row" class="row" @click=${this.openRow}>
        <span role="cell" class="c-key">${
          o.is_draft
            ? // A draft is not a document yet: listed and marked, but it does not open.
              html`<span class="key">${o.number}</span>`
            : html`<a class="key" data-item=${o.id} href=${routeHref('orders', o.number)}>${o.number}</a>`
        }</span>
        <span role="cell"><span class="label" aria-hidden="true">${msg('Date')} </span>${this.date(o.created_at)}${
          o.delivery ? html`<br><span class="muted delivery-date">${this.#delivery(o.delivery)}</span>` : nothing
        }</span>
        <span role="cell" class="c-status">${orderBadges(o)}</span>
        <span role="cell"><span class="label" aria-hidden="true">${msg('Your reference')} </span>${o.customer_reference ?? html`<span class="muted">${msg('None', { desc: 'No reference, no source quote' })}</span>`}</span>
        <span role="cell" class="channel"><span class="label" aria-hidden="true">${msg('Placed through')} </span>${
          o.source_quote
            ? html`${CHANNEL_LABEL.quote} ${this.docLink('quotes', o.source_quote.number)}`
            : CHANNEL_LABEL[o.channel]
        }</span>
        <span role="cell" class="num"><span class="label" aria-hidden="true">${msg('Total')} </span>${this.money(o.total_minor, o.currency)}</span>
      </div>`,
      )}</div>
    </div>`;
  }

  /** The order over the list: a modal, or a drawer on narrow screens. */
  #orderSheet() {
    const key = this.orderKey;
    const order = this.order;
    const number = order?.number ?? key ?? '';
    const loading = () => this.skeleton(msg('the order', { desc: 'Completes "Loading …"' }), 4, true);
    return this.documentSheet(
      msg(str`Order ${number}`, { desc: "An order's page: its number" }),
      this.#documentActions(order),
      () => html`
      ${this.#feedback()}
      ${this.#detail.render({
        loading,
        // While it is read again (a change refused), the order stays as the customer left it.
        pending: () => (order ? this.#orderBody(order) : loading()),
        complete: () => (order ? this.#orderBody(order) : loading()),
      })}
      ${order ? this.#dialogs(order) : nothing}`,
    );
  }

  /** There while the order loads too (disabled), so nothing moves when it arrives. */
  #documentActions(order: OrderDetail | undefined) {
    const unusable = !order || order.is_draft;
    const session = this.portal?.session;
    return html`
      ${
        session && buildsCart(session)
          ? html`<button type="button" part="button" ?disabled=${unusable || this.busy.has('reorder')} @click=${() => order && this.#reorder(order)}>${msg('Reorder')}</button>`
          : nothing
      }
      <button type="button" part="button" ?disabled=${unusable || this.busy.has('pdf')} @click=${() => order && this.#downloadPdf(order)}>${msg('Download PDF')}</button>`;
  }

  /** Always in the page, so what is put in it is announced. */
  #feedback() {
    const o = this.outcome;
    return html`<div class=${`feedback ${o?.tone ?? ''}`} role=${o?.tone === 'error' ? 'alert' : 'status'}>${
      o
        ? html`
      <p tabindex="-1">${o.text}</p>
      ${o.added?.length ? html`<ul aria-label=${msg('Added', { desc: 'The list of lines put in the cart by a reorder' })}>${o.added.map((t) => html`<li>${t}</li>`)}</ul>` : nothing}
      ${
        o.skipped?.length
          ? html`<p class="skipped">${msg('Left out, no longer orderable:')}</p>
        <ul class="skipped" aria-label=${msg('Left out', { desc: 'The list of lines a reorder could not put in the cart' })}>${o.skipped.map((t) => html`<li>${t}</li>`)}</ul>`
          : nothing
      }`
        : nothing
    }</div>`;
  }

  #orderBody(order: OrderDetail) {
    const { money } = this.#format;
    const changed = order.history.filter((e) => e.action !== 'placed').at(-1);
    return html`
      ${this.#requestBanner(order)}
      <dl class="facts">
        <div><dt>${msg('Status')}</dt><dd class="c-status">${orderBadges(order)}</dd></div>
        <div><dt>${msg('Date')}</dt><dd>${this.date(order.created_at)}</dd></div>
        ${changed ? html`<div><dt>${msg('Last change')}</dt><dd>${this.date(changed.at)}</dd></div>` : nothing}
        <div><dt>${msg('Your reference')}</dt><dd>${order.customer_reference ?? msg('None', { desc: 'No reference, no source quote' })}</dd></div>
        <div><dt>${msg('Placed through')}</dt><dd>${CHANNEL_LABEL[order.channel]}</dd></div>
        ${order.placed_by ? html`<div><dt>${msg('Placed by', { desc: 'The person of the account who placed an order' })}</dt><dd>${order.placed_by.name}</dd></div>` : nothing}
        ${order.contact ? html`<div><dt>${msg('Contact', { desc: 'Who the supplier contacts about the order' })}</dt><dd class="c-contact">${[order.contact.name, order.contact.phone, order.contact.email].filter(Boolean).join(', ')}</dd></div>` : nothing}
        <div><dt>${msg('Source quote')}</dt><dd>${order.source_quote ? this.docLink('quotes', order.source_quote.number) : msg('None', { desc: 'No reference, no source quote' })}</dd></div>
      </dl>
      ${this.#changeActions(order)}
      <h3 id="lines-title">${msg('Lines')}</h3>
      ${linesTable(order.lines, this.#format, 'lines-title')}
      ${totalsList(order, money)}
      <portal-supplier-charges exportparts="button" .order=${order} .money=${money} supplier=${this.supplier}
        ?can-decide=${!!this.portal?.session && canPlaceOrders(this.portal.session)}
        @portal-charge-decided=${(e: ChargeDecidedEvent) => this.#chargeDecided(e)}></portal-supplier-charges>
      ${order.note ? html`<p><span class="muted">${msg('Note:', { desc: "Before the customer's note on an order" })}</span> ${order.note}</p>` : nothing}
      <h3>${msg('Delivery')}</h3>
      ${order.delivery ? html`<p class="delivery-date">${this.#delivery(order.delivery)}</p>` : nothing}
      ${deliveryAddress(order, this.locale)}
      ${deliveriesList(order.deliveries, this.locale)}
      <h3 id="record-title">${msg('Order record', { desc: 'The history of an order: who did what, when' })}</h3>
      <ol class="record" aria-labelledby="record-title">${order.history.map((e) => this.#event(e))}</ol>`;
  }

  /** A request waiting for the supplier, or the supplier's refusal of the last one. */
  #requestBanner(order: OrderDetail) {
    const latest = order.requests[0];
    if (!latest) return nothing;
    if (latest.state === 'pending')
      return latest.kind === 'update' ? this.#pendingUpdate(order, latest) : this.#pendingCancel(latest);
    if (latest.state !== 'rejected') return nothing;
    const supplier = this.supplier;
    const reason = latest.rejection_reason;
    const update = latest.kind === 'update';
    return html`<section class="banner rejected" aria-labelledby="request-title">
      <h3 id="request-title">${update ? msg('Change not accepted') : msg('Cancellation not accepted')}</h3>
      <p>${
        reason
          ? update
            ? msg(str`${supplier} did not accept your change: ${reason}`, {
                desc: "The supplier's name, then the reason they gave",
              })
            : msg(str`${supplier} did not accept your cancellation: ${reason}`, {
                desc: "The supplier's name, then the reason they gave",
              })
          : update
            ? msg(str`${supplier} did not accept your change.`)
            : msg(str`${supplier} did not accept your cancellation.`)
      }</p>
      <p class="muted">${msg('The order stays as below.')}</p>
    </section>`;
  }

  #pendingUpdate(order: OrderDetail, request: OrderRequest) {
    const proposed = request.proposed;
    const format = this.#format;
    const changes = proposed ? diffContent(order, proposed) : undefined;
    return html`<section class="banner" aria-labelledby="request-title">
      <h3 id="request-title">${PENDING_LABEL.update}</h3>
      <p>${msg(str`You asked on ${this.#dateTime(request.created_at)} to change this order. ${this.supplier} will review it; until then the order stays as below.`, { desc: "A date and time, then the supplier's name" })}</p>
      ${
        changes?.lines?.length
          ? html`<div role="table" class="table compare" aria-label=${msg('Your change')}>
        <div role="rowgroup"><div role="row" class="row head">
          <span role="columnheader">${msg('Product')}</span><span role="columnheader">${msg('Now', { desc: 'Column: the quantity on the order now' })}</span><span role="columnheader">${msg('Proposed', { desc: 'Column: the quantity the customer asked for' })}</span>
        </div></div>
        <div role="rowgroup">${changes.lines.map((l) => {
          const unit = format.unit(l.product_id, l.uom);
          return html`<div role="row" class="row">
            <span role="cell" class="changed">${l.name}</span>
            <span role="cell"><span class="label" aria-hidden="true">${msg('Now', { desc: 'Column: the quantity on the order now' })} </span>${l.from_quantity ? `${l.from_quantity} ${unit}` : msg('Not on the order')}</span>
            <span role="cell"><span class="label" aria-hidden="true">${msg('Proposed', { desc: 'Column: the quantity the customer asked for' })} </span>${l.to_quantity ? `${l.to_quantity} ${unit}` : msg('Removed', { desc: 'A line the customer asked to remove from the order' })}</span>
          </div>`;
        })}</div>
      </div>`
          : nothing
      }
      ${changes?.customer_reference ? html`<p>${this.#referenceChange(changes.customer_reference)}</p>` : nothing}
      ${proposed ? html`<p><strong>${msg(str`Total: ${format.money(order.total_minor)} now → ${format.money(proposed.total_minor)} proposed`, { desc: "The order's total now, then the total the change proposes" })}</strong></p>` : nothing}
    </section>`;
  }

  /** "Your reference: PO-1 → PO-2". */
  #referenceChange(change: { from: string | null; to: string | null }): string {
    const none = msg('none', { desc: "In an order record: no customer's reference" });
    const from = change.from ?? none;
    const to = change.to ?? none;
    return msg(str`Your reference: ${from} → ${to}`, { desc: "The customer's reference on the order, now → proposed" });
  }

  #pendingCancel(request: OrderRequest) {
    return html`<section class="banner" aria-labelledby="request-title">
      <h3 id="request-title">${PENDING_LABEL.cancel}</h3>
      <p>${msg(str`You asked on ${this.#dateTime(request.created_at)} to cancel this order. ${this.supplier} will review it; until then the order stays as below.`, { desc: "A date and time, then the supplier's name" })}</p>
      ${request.reason ? html`<p>${msg('Your reason:')} ${request.reason}</p>` : nothing}
    </section>`;
  }

  /** Whether Edit and Cancel may be used now: the order allows it and the supplier takes changes. */
  #mayChange(order: OrderDetail, what: 'edit' | 'cancel'): boolean {
    return (
      (what === 'edit' ? order.changes.can_edit : order.changes.can_cancel) &&
      this.portal?.session?.settings.supplier_available !== false
    );
  }

  /**
   * Edit and Cancel: usable, or shown unusable with the reason; not there when the workspace does
   * not allow changes or the link may not place orders.
   */
  #changeActions(order: OrderDetail) {
    const session = this.portal?.session;
    // An order the supplier has not created yet may be cancelled even where changes are off.
    const waiting = order.status === 'awaiting_supplier';
    if (!session || !(session.settings.order_changes.enabled || waiting) || !canPlaceOrders(session)) return nothing;
    const canEdit = this.#mayChange(order, 'edit');
    const canCancel = this.#mayChange(order, 'cancel');
    const blocked = !canEdit || !canCancel;
    const described = blocked ? 'change-blocked' : nothing;
    const onlyCancelPast = order.changes.can_edit && order.changes.blocked_reason === 'past_allowed_status';
    const reason = onlyCancelPast
      ? msg(str`${this.supplier} has started preparing this order, so it can no longer be cancelled.`)
      : order.changes.blocked_reason !== null || !(order.changes.can_edit && order.changes.can_cancel)
        ? blockedText(order.changes.blocked_reason, this.supplier, order.channel)
        : msg(
            str`${this.supplier} is not taking orders right now, so orders can't be changed or cancelled. Please try again later.`,
            { desc: "The supplier's name" },
          );
    return html`<div class="change">
      <button type="button" class="primary" part="button" aria-disabled=${canEdit ? 'false' : 'true'} aria-describedby=${described}
        aria-haspopup="dialog" @click=${() => this.#ask('edit')}>${msg('Edit order')}</button>
      <button type="button" part="button" aria-disabled=${canCancel ? 'false' : 'true'} aria-describedby=${described}
        aria-haspopup="dialog" @click=${() => this.#ask('cancel')}>${msg('Cancel order')}</button>
      ${blocked ? html`<p class="reason" id="change-blocked">${reason}</p>` : nothing}
    </div>`;
  }

  #event(event: OrderEvent) {
    return html`<li>
      <p><strong>${eventTitle(event)}</strong>, <time datetime=${event.at}>${this.#dateTime(event.at)}</time></p>
      ${eventDetails(event, this.#format).map((line) => html`<p>${line}</p>`)}
    </li>`;
  }

  #dialogs(order: OrderDetail) {
    // Not created yet: the cancellation applies at once, with nothing for the supplier to approve.
    const waiting = order.status === 'awaiting_supplier';
    const automatic =
      waiting || (this.portal?.session?.settings.order_changes.apply_cancellations_automatically ?? false);
    return html`
      <dialog class="sheet" id="edit-dialog" part="dialog" aria-labelledby="edit-title"
        @cancel=${this.#onDialogCancel} @close=${this.#onDialogClose}>
        <div class="dialog-head">
          <h3 id="edit-title">${msg(str`Edit order ${order.number}`)}</h3>
          <button type="button" class="link" @click=${this.#dismiss}>${msg('Close')}</button>
        </div>
        ${
          this.asking === 'edit'
            ? html`<portal-order-edit exportparts="button" .order=${order}
          @portal-close=${this.#dismiss}
          @portal-order-changed=${(e: OrderChangedEvent) => this.#changed(e.order, 'update')}
          @portal-order-stale=${(e: OrderStaleEvent) => this.#stale(e.message)}></portal-order-edit>`
            : nothing
        }
      </dialog>
      <dialog class="sheet" id="cancel-dialog" part="dialog" aria-labelledby="cancel-title"
        @cancel=${this.#onDialogCancel} @close=${this.#onDialogClose}>
        <div class="dialog-head">
          <h3 id="cancel-title">${msg(str`Cancel order ${order.number}?`)}</h3>
          <button type="button" class="link" @click=${this.#dismiss}>${msg('Close')}</button>
        </div>
        ${
          this.asking === 'cancel'
            ? html`<form class="cancel" @submit=${(e: Event) => {
                e.preventDefault();
                void this.#cancel(order);
              }}>
          <p id="cancel-approval">${
            waiting
              ? msg(str`${this.supplier} has not created this order yet, so it is cancelled at once.`)
              : automatic
                ? msg(str`The order is cancelled at once, and ${this.supplier} is told.`)
                : msg(
                    str`${this.supplier} will review your cancellation before it applies. Until then the order stays as it is.`,
                  )
          }</p>
          <label>${msg('Reason (optional)')}
            <textarea maxlength=${LIMITS.maxReasonLength} rows="3" .value=${this.reason} aria-describedby="reason-count"
              @input=${(e: Event) => {
                this.reason = (e.target as HTMLTextAreaElement).value;
              }}></textarea></label>
          <span class="count muted" id="reason-count">${charactersUsed(this.reason.length, LIMITS.maxReasonLength)}</span>
          <div role="alert">${this.cancelProblem ? html`<p class="problem">${this.cancelProblem}</p>` : nothing}</div>
          <div class="buttons">
            <button type="button" part="button" @click=${this.#dismiss}>${msg('Keep order')}</button>
            <button type="submit" class="primary" part="button" ?disabled=${this.cancelling} aria-describedby="cancel-approval">
              ${this.cancelling ? msg('Sending…') : automatic ? msg('Cancel order') : msg('Request cancellation')}</button>
          </div>
        </form>`
            : nothing
        }
      </dialog>`;
  }
}

define('portal-orders-view', PortalOrdersView);

declare global {
  interface HTMLElementTagNameMap {
    'portal-orders-view': PortalOrdersView;
  }
}
