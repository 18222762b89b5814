import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { LIMITS } from '../contract/limits.ts';
import type { Address, DeliveryOptions, PriceChangedDetails } from '../contract/index.ts';
import { relativeDay } from '../contract/rules/delivery-dates.ts';
import type { NotOrderableReason } from '../pricing/index.ts';
import { givenContact, minimumShortfall, toFreeDelivery } from '../contract/rules/checkout.ts';
import type { ApiError } from '../api/errors.ts';
import { endpoints } from '../api/contract.gen.ts';
import { define } from '../define.ts';
import { PortalOrderPlacedEvent } from '../events/index.ts';
import { intlLocaleOf } from '../i18n/locale.ts';
import { stateContext, storeContext } from '../state/context.ts';
import { canPlaceOrders } from '../state/permissions.ts';
import { chargeWith, type CartLine, type PortalState, type PortalStore } from '../state/store.ts';
import { withCharges } from '../pricing/charges.ts';
import { shared } from '../styles/shared.ts';
import { REASON_LABEL, chargeLabel, formatMoney } from './format.ts';
import { checkQuantity } from './quantity.ts';

// The totals this part shows include the customer's charges besides freight.
chargeWith(withCharges);

const REASONS = new Set<string>(Object.keys(REASON_LABEL));

/** The lines of a 422 `lines_not_orderable` (its `details`), with reasons the cart can name. */
function refusedLines(details: unknown): { index: number; reason: NotOrderableReason }[] {
  const lines = (details as { lines?: unknown } | null)?.lines;
  if (!Array.isArray(lines)) return [];
  return lines.flatMap((l: { index?: unknown; reason?: unknown }) =>
    Number.isSafeInteger(l?.index) && typeof l.reason === 'string'
      ? [
          {
            index: l.index as number,
            reason: (REASONS.has(l.reason) ? l.reason : 'out_of_stock') as NotOrderableReason,
          },
        ]
      : [],
  );
}

/** Refusals about the customer's reference: they show on the reference field, not as a failure of the order. */
const REFERENCE_CODES = new Set<ApiError['code']>(['reference_required', 'reference_taken']);
/** Refusals shown on a field of the form rather than as a failure of the order. */
const FIELD_CODES = new Set<ApiError['code']>([...REFERENCE_CODES, 'cutoff_passed']);

type DeliveryOption = DeliveryOptions['services'][number];

/**
 * The cart and checkout: lines with quantity and unit, totals with freight, reference and
 * note, and the order placed with one idempotency key per attempt. Internal part of the
 * portal and of <reorder-cart>.
 */
@localized()
export class PortalCart extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; padding: var(--_space); }
    .head { display: flex; justify-content: space-between; align-items: center; }
    h2 { margin: 0; font-size: 1.25rem; }
    .lines { list-style: none; padding: 0; margin: var(--_space) 0; display: grid; gap: 8px; }
    .line { display: grid; grid-template-columns: 1fr auto auto auto; gap: 8px; align-items: center; border-bottom: 1px solid var(--_border); padding-block-end: 8px; }
    .line .name { display: flex; flex-direction: column; }
    .line input { width: 5em; }
    .total-row { display: flex; justify-content: space-between; }
    .total-row.charge { color: var(--_muted); }
    .free-delivery { display: grid; gap: 4px; margin: 8px 0 0; font-size: .9rem; }
    .free-delivery progress { width: 100%; height: 6px; accent-color: var(--_primary); }
    .total-row.total { font-weight: 700; font-size: 1.1rem; border-top: 1px solid var(--_border); padding-top: 6px; }
    form { display: grid; gap: 8px; margin-top: var(--_space); }
    label { display: grid; gap: 2px; }
    .problem { color: var(--_warning); font-size: .85rem; }
    .field-error { color: var(--_danger); font-size: .9rem; margin: 0; }
    input[aria-invalid='true'] { border-color: var(--_danger); }
    .notice { border-inline-start: 4px solid var(--_warning); padding: 8px 12px; background: var(--_background); border-radius: var(--_radius); margin-block: 8px; }
    .notice.error { border-inline-start-color: var(--_danger); }
    .success { text-align: center; padding: var(--_space); }
    .success .number { font-size: 1.4rem; font-weight: 700; }
    .success h2:focus { outline: none; }
    .undo { display: flex; gap: 8px; align-items: center; justify-content: space-between; background: var(--_background); border-radius: var(--_radius); padding: 4px 8px; }
    .line .field-error { grid-column: 1 / -1; }
    fieldset.deliver-to { border: 1px solid var(--_border); border-radius: var(--_radius); margin: 0; padding: 8px 12px; display: grid; gap: 6px; }
    fieldset.deliver-to legend { padding: 0 4px; }
    .address-choice { display: flex; gap: 8px; align-items: flex-start; }
    .address-choice input { margin-top: 4px; }
    p.deliver-to { margin: 0; }
    fieldset.delivery { border: 1px solid var(--_border); border-radius: var(--_radius); margin: 0; padding: 8px 12px; display: grid; gap: 6px; }
    fieldset.delivery legend { padding: 0 4px; }
    .cutoff { margin: 0; font-size: .9rem; }
    @container portal (max-width: 599px) {
      .line { grid-template-columns: 1fr auto; }
    }
  `,
  ];

  @consume({ context: storeContext }) private store!: PortalStore;
  @consume({ context: stateContext, subscribe: true }) @state() private portal!: PortalState;

  @state() private reference = '';
  @state() private note = '';
  /** Who to contact about the order, as typed (pre-filled from the customer's default contact). */
  @state() private contact = { name: '', phone: '', email: '' };
  /** Why the email typed cannot be used. */
  @state() private contactError: string | undefined;
  /** Whether the reference and the note hold the customer's default order values (once per order). */
  #prefilled = false;
  /** The line taken out last, and where it was, for Undo. */
  @state() private removed: { index: number; line: CartLine; name: string } | undefined;
  /** Why a typed quantity was not taken, by line index. */
  @state() private quantityErrors = new Map<number, string>();
  /** Why the reference cannot be used: missing when the supplier requires one, or already on another order. */
  @state() private referenceError: string | undefined;
  /** The delivery address the customer picked; unset (or gone from the list): the default. */
  @state() private deliveryAddressId: string | undefined;
  /** The delivery service and date picked; unset (or no longer offered): the default service, its earliest date. */
  @state() private serviceId: string | undefined;
  @state() private deliveryDate: string | undefined;
  /** Why the date was moved: the cut-off passed while the customer was checking out. */
  @state() private dateError: string | undefined;
  /** Bumped to read the delivery options again (after a refusal: the dates moved on). */
  @state() private optionsRevision = 0;

  /** The supplier's delivery services and the dates each allows now; none: checkout asks for no date. */
  readonly #options = new Task(this, {
    args: () =>
      [
        this.store,
        !!this.portal?.session && canPlaceOrders(this.portal.session) && this.portal.cart.length > 0,
        this.optionsRevision,
      ] as const,
    task: async ([store, wanted], { signal }): Promise<DeliveryOptions | undefined> => {
      if (!store || !wanted) return this.#options?.value;
      // A server before delivery dates (404) asks for none; the order goes as before.
      return store.client.call(endpoints.getDeliveryOptions, {}, { signal }).catch(() => undefined);
    },
  });

  /** The service the order goes with: the one picked while offered, else the customer's default, else the first. */
  get #service(): DeliveryOption | undefined {
    const options = this.#options.value;
    const services = options?.services ?? [];
    return (
      services.find((s) => s.id === this.serviceId) ??
      services.find((s) => s.id === options?.default_service_id) ??
      services[0]
    );
  }

  /** The date picked while the service still offers it, else its earliest. */
  get #date(): string | undefined {
    const dates = this.#service?.dates ?? [];
    return dates.find((d) => d === this.deliveryDate) ?? dates[0];
  }

  /** The account's delivery addresses, for the picker: loaded once the cart has lines this link may order. */
  readonly #addresses = new Task(this, {
    args: () =>
      [
        this.store,
        !!this.portal?.session && canPlaceOrders(this.portal.session) && this.portal.cart.length > 0,
        this.portal?.addressesRevision,
      ] as const,
    task: async ([store, wanted], { signal }): Promise<Address[] | undefined> => {
      if (!store || !wanted) return this.#addresses?.value;
      // Checkout still works without them: the server sends the order to the default address.
      const list = await store.client.call(endpoints.listAddresses, {}, { signal }).catch(() => undefined);
      return list?.items.filter((a) => a.kind === 'delivery');
    },
  });

  /**
   * The delivery address the order goes to: the one picked while it still exists, else the
   * person's own default (their profile), else the customer's default order value, else the account's.
   */
  get #deliveryAddress(): Address | undefined {
    const delivery = this.#addresses.value ?? [];
    const own = this.portal?.session?.person?.default_delivery_address_id;
    const customers = this.portal?.session?.settings.order_defaults?.delivery_address_id;
    return (
      delivery.find((a) => a.id === this.deliveryAddressId) ??
      delivery.find((a) => a.id === own) ??
      delivery.find((a) => a.id === customers) ??
      delivery.find((a) => a.is_default) ??
      delivery[0]
    );
  }

  #money(minor: number): string {
    return formatMoney(minor, this.portal.session!.currency, intlLocaleOf(this));
  }

  #close(): void {
    this.dispatchEvent(new Event('portal-close', { bubbles: true, composed: true }));
  }

  get #referenceRequired(): boolean {
    return this.portal.session?.settings.require_unique_reference ?? false;
  }

  async #place(expectedTotal: number): Promise<void> {
    const supplier =
      this.portal.session?.workspace.name ??
      msg('your supplier', { desc: "Instead of the supplier's name, when it is not known yet" });
    if (this.#referenceRequired && !this.reference.trim()) {
      this.#referenceProblem(msg(str`Enter your reference: ${supplier} needs one on every order.`));
      return;
    }
    // As the contract refuses it: a pasted tab or line break would come back as 400.
    if (/\p{Cc}/u.test(this.reference)) {
      this.#referenceProblem(msg('Your reference cannot contain tabs or line breaks.'));
      return;
    }
    this.referenceError = undefined;
    this.dateError = undefined;
    const given = (value: string) => value.trim() || null;
    const contact = {
      name: given(this.contact.name),
      phone: given(this.contact.phone),
      email: given(this.contact.email),
    };
    // As the contract checks it (a 400 otherwise): said on the field, the keyboard taken to it.
    if (contact.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contact.email)) {
      this.contactError = msg('Enter an email address, e.g. name@example.com.');
      this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#contact-email')?.focus());
      return;
    }
    this.contactError = undefined;
    const service = this.#service;
    const answer = await this.store.checkout({
      customer_reference: this.reference,
      note: this.note,
      expectedTotal,
      deliveryAddressId: this.#deliveryAddress?.id,
      delivery: {
        ...(service && { delivery_service_id: service.id, delivery_date: this.#date }),
        ...(givenContact(contact) && { contact }),
      },
    });
    const checkout = this.store.state.checkout;
    if (answer) {
      this.reference = '';
      this.note = '';
      this.contact = { name: '', phone: '', email: '' };
      this.#prefilled = false;
      this.removed = undefined;
      // A quote request is not an order: the host hears of orders only.
      if (!('kind' in answer)) this.dispatchEvent(new PortalOrderPlacedEvent(answer));
      // The form and its button are gone: the keyboard and the screen reader go to the confirmation.
      this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#placed-title')?.focus());
    } else if (
      checkout.status === 'price_changed' ||
      (checkout.status === 'failed' && checkout.error.kind === 'not_orderable')
    ) {
      // The loaded prices or stock are out of date: the catalogue reloads behind the cart.
      this.dispatchEvent(new Event('portal-prices-stale', { bubbles: true, composed: true }));
    } else if (checkout.status === 'failed' && checkout.error.code === 'reference_taken') {
      this.#referenceProblem(
        msg(str`You have already used “${this.reference.trim()}” on another order. Enter a different reference.`, {
          desc: "The customer's reference (e.g. their purchase order number)",
        }),
      );
    } else if (checkout.status === 'failed' && checkout.error.code === 'credit_limit_exceeded') {
      void this.store.loadSession(true).catch(() => undefined); // the credit shown in the cart, as the server counts it now
    } else if (checkout.status === 'failed' && checkout.error.code === 'unknown_address') {
      // Archived meanwhile (another tab, a colleague): the picker reloads and shows what is left.
      this.deliveryAddressId = undefined;
      this.store.addressesChanged();
    } else if (checkout.status === 'failed' && checkout.error.code === 'reference_required') {
      this.#referenceProblem(msg(str`Enter your reference: ${supplier} needs one on every order.`));
    } else if (checkout.status === 'failed' && checkout.error.code === 'cutoff_passed') {
      this.#cutoffPassed(checkout.error.details);
    }
  }

  /** The cut-off passed meanwhile: the next allowed date is picked, said next to it, and the dates read again. */
  #cutoffPassed(details: unknown): void {
    const next = (details as { next_allowed_date?: unknown } | null)?.next_allowed_date;
    const date = typeof next === 'string' ? next : undefined;
    this.deliveryDate = date;
    this.dateError = date
      ? msg(
          str`The cut-off for that date has passed. The next date available is ${this.#day(date)}: check it and place the order again.`,
          {
            desc: 'A date',
          },
        )
      : msg('The cut-off for that date has passed, and no later date is available. Contact your supplier.');
    this.optionsRevision++;
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#delivery-date')?.focus());
  }

  /** A calendar date as the customer reads it: "Tue 16 Jun". */
  #day(date: string): string {
    const [y, m, d] = date.split('-').map(Number);
    return new Intl.DateTimeFormat(intlLocaleOf(this), {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(y!, m! - 1, d!)));
  }

  /** "Order by 14:00 for delivery tomorrow", in the supplier's calendar. */
  #cutoffText(service: DeliveryOption): string {
    const notice = service.notice;
    if (!notice) return '';
    const collection = service.kind === 'collection';
    const when = (date: string) => {
      const relative = relativeDay(notice.today, date);
      return relative === 'today'
        ? msg('today', { desc: 'When, relative to now (delivery today)' })
        : relative === 'tomorrow'
          ? msg('tomorrow', { desc: 'When, relative to now (delivery tomorrow)' })
          : msg(str`on ${this.#day(date)}`, { desc: 'When: on a date' });
    };
    if (!notice.order_by)
      return collection
        ? msg(str`Earliest collection ${when(notice.date)}`, { desc: 'When (today, tomorrow, on a date)' })
        : msg(str`Earliest delivery ${when(notice.date)}`, { desc: 'When (today, tomorrow, on a date)' });
    const time = notice.order_by.time;
    if (relativeDay(notice.today, notice.order_by.date) === 'today')
      return collection
        ? msg(str`Order by ${time} for collection ${when(notice.date)}`, { desc: 'A time, then when' })
        : msg(str`Order by ${time} for delivery ${when(notice.date)}`, { desc: 'A time, then when' });
    return collection
      ? msg(str`Order by ${time} ${when(notice.order_by.date)} for collection ${when(notice.date)}`, {
          desc: 'A time, the day of the cut-off, then when',
        })
      : msg(str`Order by ${time} ${when(notice.order_by.date)} for delivery ${when(notice.date)}`, {
          desc: 'A time, the day of the cut-off, then when',
        });
  }

  /**
   * The delivery service (a choice when there are several) and the date, offering only the dates
   * the supplier's cut-offs allow now, the earliest picked; nothing when the supplier has no services.
   */
  #deliveryPicker() {
    const options = this.#options.value;
    const service = this.#service;
    if (!options || !service) return nothing;
    const date = this.#date;
    const collection = service.kind === 'collection';
    return html`<fieldset class="delivery" id="delivery">
      <legend>${msg('Delivery', { id: 'checkout.delivery', desc: 'The choice of delivery service and date' })}</legend>
      ${
        options.services.length > 1
          ? html`<label>${msg('Delivery service')}
            <select id="delivery-service" @change=${(e: Event) => {
              this.serviceId = (e.target as HTMLSelectElement).value;
              this.deliveryDate = undefined;
              this.dateError = undefined;
            }}>
              ${options.services.map((s) => html`<option value=${s.id} ?selected=${s.id === service.id}>${s.name}</option>`)}
            </select></label>`
          : html`<p class="deliver-to">${msg('Delivery service:')} <strong>${service.name}</strong></p>`
      }
      ${
        service.dates.length
          ? html`<label>${collection ? msg('Collection date') : msg('Delivery date')}
            <select id="delivery-date" aria-invalid=${this.dateError ? 'true' : 'false'}
              aria-describedby=${this.dateError ? 'delivery-date-error cutoff' : 'cutoff'}
              @change=${(e: Event) => {
                this.deliveryDate = (e.target as HTMLSelectElement).value;
                this.dateError = undefined;
              }}>
              ${service.dates.map((d) => html`<option value=${d} ?selected=${d === date}>${this.#day(d)}</option>`)}
            </select></label>
          <p class="cutoff muted" id="cutoff">${this.#cutoffText(service)}</p>`
          : html`<p class="field-error">${msg('This service has no date available. Choose another or contact your supplier.')}</p>`
      }
      ${this.dateError ? html`<p class="field-error" id="delivery-date-error" role="alert">${this.dateError}</p>` : nothing}
    </fieldset>`;
  }

  #remove(index: number): void {
    const line = this.portal.cart[index];
    if (!line) return;
    this.removed = { index, line, name: this.store.product(line.product_id)?.name ?? msg('Unknown product') };
    this.quantityErrors = new Map();
    this.store.remove(index);
    // The line's buttons are gone: the keyboard goes to Undo.
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.undo button')?.focus());
  }

  #undo(): void {
    if (!this.removed) return;
    this.store.restoreLine(this.removed.index, this.removed.line);
    this.removed = undefined;
  }

  /** A quantity typed in the cart: taken when it is a whole number up to the limit; 0 takes the line out (with Undo). */
  #onQuantity(index: number, field: HTMLInputElement): void {
    const check = checkQuantity(field.value, 0, intlLocaleOf(this), field.validity.badInput);
    const errors = new Map(this.quantityErrors);
    if (!check.ok || field.value.trim() === '') {
      errors.set(index, check.ok ? msg('Enter a quantity of 1 or more.') : check.message);
      this.quantityErrors = errors;
      return;
    }
    errors.delete(index);
    this.quantityErrors = errors;
    if (check.quantity === 0) this.#remove(index);
    else this.store.setQuantity(index, check.quantity);
  }

  /** "Remove unavailable items": every line the supplier cannot deliver goes, in one step. */
  #removeUnavailable(indexes: number[]): void {
    for (const index of [...indexes].sort((a, b) => b - a)) this.store.remove(index);
    this.removed = undefined;
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#cart-title')?.focus());
  }

  /** The message goes on the field, and the keyboard to it; the cart stays as it is. */
  #referenceProblem(message: string): void {
    this.referenceError = message;
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#reference')?.focus());
  }

  /** The customer's default order values (their supplier's "Create order: default values"), typed in once per order. */
  protected override willUpdate(): void {
    const session = this.portal?.session;
    if (this.#prefilled || !session) return;
    this.#prefilled = true;
    const defaults = session.settings.order_defaults;
    if (!this.reference) this.reference = defaults?.reference_prefix ?? '';
    if (!this.note) this.note = defaults?.delivery_instructions ?? '';
    const contact = defaults?.contact;
    if (contact && !givenContact(this.contact))
      this.contact = { name: contact.name ?? '', phone: contact.phone ?? '', email: contact.email ?? '' };
  }

  protected override render() {
    const { session, cart, checkout } = this.portal;
    if (!session) return nothing;
    if (checkout.status === 'quote_requested') {
      const { quote } = checkout;
      return html`<div class="success" role="status">
        <h2 id="placed-title" tabindex="-1">${msg(str`Your quote request ${quote.number} was sent.`, { desc: 'Checkout made a quote request (the order becomes a quote the supplier prices) instead of an order' })}</h2>
        <p>${msg(str`${session.workspace.name} will price it and send it to you. You will find it under Quotes, where you can accept it.`)}</p>
        <p>${msg(str`Total ${this.#money(quote.total_minor)}`, { desc: "The placed order's total" })}</p>
        <button type="button" class="primary" part="button" @click=${() => {
          this.store.resetCheckout();
          this.#close();
        }}>${msg('Continue shopping')}</button>
      </div>`;
    }
    if (checkout.status === 'placed') {
      return html`<div class="success" role="status">
        ${
          checkout.order.status === 'awaiting_approval'
            ? html`<h2 id="placed-title" tabindex="-1">${msg('Your order is waiting for approval.')}</h2>
              <p>${msg("One of your account's Admins will approve or reject it; you will be told by email.")}</p>`
            : checkout.order.status === 'awaiting_supplier'
              ? html`<h2 id="placed-title" tabindex="-1">${msg(str`Your order is waiting for ${session.workspace.name}.`)}</h2>
              <p>${msg(str`${session.workspace.name} will create it; until then you can cancel it under Orders.`)}</p>`
              : html`<h2 id="placed-title" tabindex="-1">${msg('Thank you! Your order is placed.')}</h2>`
        }
        <p class="number">${checkout.order.number}</p>
        <p>${msg(str`Total ${this.#money(checkout.order.total_minor)}`, { desc: "The placed order's total" })}</p>
        ${checkout.order.delivery_address ? html`<p>${msg(str`Delivering to ${checkout.order.delivery_address.label}`, { desc: "The placed order's delivery site" })}</p>` : nothing}
        ${checkout.order.delivery ? html`<p id="placed-delivery">${msg(str`${checkout.order.delivery.service_name}: ${this.#day(checkout.order.delivery.date)}`, { desc: 'The delivery service, then the date' })}</p>` : nothing}
        <button type="button" class="primary" part="button" @click=${() => {
          this.store.resetCheckout();
          this.#close();
        }}>${msg('Continue shopping')}</button>
      </div>`;
    }
    const priced = this.store.pricedCart();
    const payNow = session.settings.checkout_mode === 'pay_now';
    const credit = session.settings.credit;
    const overCredit = !!(credit && priced && priced.total_minor > credit.available_minor);
    const mayOrder = canPlaceOrders(session);
    // As the server checks it: the higher of the customer's and the chosen service's minimums.
    const shortfall =
      priced &&
      minimumShortfall(priced.subtotal_minor, session.settings.minimum_order_minor, this.#service?.minimum_order_minor);
    const blocked = !session.settings.supplier_available || overCredit || !mayOrder || !!shortfall;
    const problems = new Map<number, NotOrderableReason>(priced?.problems.map((p) => [p.index, p.reason]) ?? []);
    // The server knows stock the loaded catalogue may not: its refusal names the lines.
    if (checkout.status === 'failed' && checkout.error.kind === 'not_orderable') {
      for (const line of refusedLines(checkout.error.details))
        if (!problems.has(line.index)) problems.set(line.index, line.reason);
    }
    return html`
      <div class="head">
        <h2 id="cart-title" tabindex="-1">${msg('Your cart')}</h2>
        <button type="button" class="link" @click=${this.#close}>${msg('Close')}</button>
      </div>
      ${
        this.removed
          ? html`<p class="undo" role="status"><span>${msg(str`Removed ${this.removed.name}.`, { id: 'cart.removed-line', desc: 'A product taken out of the cart' })}</span>
        <button type="button" class="link" @click=${this.#undo}>${msg('Undo')}</button></p>`
          : nothing
      }
      ${
        cart.length === 0
          ? html`<p class="muted">${msg('Your cart is empty. Add products from the catalogue.')}</p>`
          : html`
          <ul class="lines" aria-labelledby="cart-title">
            ${cart.map((line, index) => {
              const product = this.store.product(line.product_id);
              const pricedLine = priced?.lines[index];
              const reason = problems.get(index);
              return html`<li class="line">
                <span class="name"><strong>${product?.name ?? msg('Unknown product')}</strong>
                  <span class="muted">${product?.sku ?? ''}</span>
                  ${reason ? html`<span class="problem">${msg(str`${REASON_LABEL[reason]}: remove it to order`, { desc: 'Why a line of the cart cannot be ordered, then what to do' })}</span>` : nothing}</span>
                ${
                  product && product.units.length > 1
                    ? html`<select aria-label=${msg(str`Unit of ${product.name}`, { desc: 'A product' })} @change=${(e: Event) => this.store.setUom(index, (e.target as HTMLSelectElement).value)}>
                      ${product.units.map((u) => html`<option value=${u.code} ?selected=${u.code === line.uom}>${u.name}</option>`)}
                    </select>`
                    : html`<span class="muted">${product?.units.find((u) => u.code === line.uom)?.name ?? line.uom}</span>`
                }
                <input type="number" min="0" max=${LIMITS.maxLineQuantity} step="1" inputmode="numeric" aria-label=${product ? msg(str`Quantity of ${product.name}`, { desc: 'A product' }) : msg('Quantity of product')}
                  aria-invalid=${this.quantityErrors.has(index) ? 'true' : 'false'} aria-describedby=${this.quantityErrors.has(index) ? `qty-error-${index}` : nothing}
                  .value=${String(line.quantity)} @change=${(e: Event) => this.#onQuantity(index, e.target as HTMLInputElement)}>
                <span>${pricedLine?.resolution.price ? this.#money(pricedLine.resolution.price.line_total_minor) : '—'}
                  <button type="button" class="link" aria-label=${product ? msg(str`Remove ${product.name}`, { desc: 'A product' }) : msg('Remove line')}
                    @click=${() => this.#remove(index)}>${msg('Remove')}</button></span>
                ${this.quantityErrors.has(index) ? html`<p class="field-error" id=${`qty-error-${index}`} role="alert">${this.quantityErrors.get(index)}</p>` : nothing}
              </li>`;
            })}
          </ul>
          ${
            priced
              ? html`
            <div class="total-row"><span>${msg('Subtotal')}</span><span>${this.#money(priced.subtotal_minor)}</span></div>
            <div class="total-row"><span>${msg('Freight')}</span><span>${priced.freight_minor ? this.#money(priced.freight_minor) : msg('Free', { desc: 'No freight to pay' })}</span></div>
            ${
              session.settings.show_charges === false
                ? nothing
                : (priced.charges ?? []).map(
                    (c) =>
                      html`<div class="total-row charge"><span>${chargeLabel(c.kind, session.settings.charges?.percent_basis_points, intlLocaleOf(this))}</span><span>${this.#money(c.amount_minor)}</span></div>`,
                  )
            }
            <div class="total-row total" id="cart-total"><span>${msg('Total')}</span><span>${this.#money(priced.total_minor)}</span></div>
            ${this.#toFreeDelivery(priced.subtotal_minor)}`
              : nothing
          }
          ${
            shortfall
              ? html`<p class="notice" role="status" id="minimum-notice">${msg(
                  str`Add ${this.#money(shortfall.shortfall_minor)} more to reach the minimum order of ${this.#money(shortfall.minimum_minor)}.`,
                  { desc: 'What the cart lacks, then the minimum order value' },
                )}</p>`
              : nothing
          }
          ${
            problems.size
              ? html`<div class="notice" role="status">
            <p>${problems.size === 1 ? msg('1 line cannot be ordered.') : msg(str`${problems.size} lines cannot be ordered.`)}</p>
            <button type="button" class="primary" part="button" @click=${() => this.#removeUnavailable([...problems.keys()])}>${msg('Remove unavailable items')}</button>
          </div>`
              : nothing
          }
          ${checkout.status === 'price_changed' ? this.#priceChanged(checkout.details) : nothing}
          ${checkout.status === 'failed' && !FIELD_CODES.has(checkout.error.code) ? this.#failure(checkout.error, priced?.total_minor ?? 0) : nothing}
          ${!mayOrder ? html`<p class="notice" role="status" id="no-ordering">${msg(str`This link can browse and build a cart but not place orders. Ask ${session.workspace.name} for a link that can.`, { desc: "The supplier's name" })}</p>` : nothing}
          ${mayOrder && !session.settings.supplier_available ? html`<p class="notice" role="status">${msg(str`${session.workspace.name} is not taking orders right now. Your cart is kept.`)}</p>` : nothing}
          ${
            overCredit
              ? html`<p class="notice" role="status" id="credit-notice">${
                  credit!.available_minor > 0
                    ? msg(
                        str`This order is over your available credit of ${this.#money(credit!.available_minor)}. Make it smaller, or contact ${session.workspace.name}.`,
                        { desc: 'An amount, then the supplier' },
                      )
                    : msg(
                        str`You have no credit left to order on account. Pay your open invoices, or contact ${session.workspace.name}.`,
                      )
                }</p>`
              : nothing
          }
          ${
            mayOrder && checkout.status !== 'price_changed'
              ? html`<form @submit=${(e: Event) => {
                  e.preventDefault();
                  void this.#place(priced!.total_minor);
                }}>
            ${this.#picker()}
            ${this.#deliveryPicker()}
            <label>${this.#referenceRequired ? msg('Your reference') : msg('Your reference (optional)')}
              <input id="reference" maxlength=${LIMITS.maxReferenceLength} .value=${this.reference}
                aria-required=${this.#referenceRequired ? 'true' : 'false'} aria-invalid=${this.referenceError ? 'true' : 'false'}
                aria-describedby=${this.referenceError ? 'reference-error' : nothing}
                @input=${(e: Event) => {
                  this.reference = (e.target as HTMLInputElement).value;
                  this.referenceError = undefined;
                }}></label>
            ${this.referenceError ? html`<p class="field-error" id="reference-error">${this.referenceError}</p>` : nothing}
            <label>${msg('Note for the supplier (optional)')}
              <textarea maxlength=${LIMITS.maxNoteLength} rows="2" .value=${this.note} @input=${(e: Event) => {
                this.note = (e.target as HTMLTextAreaElement).value;
              }}></textarea></label>
            ${this.#contactFields()}
            <button type="submit" class="primary" part="button"
              ?disabled=${blocked || problems.size > 0 || !priced || checkout.status === 'placing' || (!!this.#service && !this.#date)}>
              ${checkout.status === 'placing' ? msg('Placing your order…') : payNow ? msg('Place order and pay') : msg('Place order')}
            </button>
          </form>`
              : nothing
          }`
      }`;
  }

  /** Who the supplier contacts about the order: each part optional, pre-filled from the customer's default. */
  #contactFields() {
    // The email's check is ours (said on the field), not the browser's bubble: a text field with the email keyboard.
    const field = (key: 'name' | 'phone' | 'email', label: string, mode: string, max: number, autocomplete: string) =>
      html`<label>${label}
        <input id=${`contact-${key}`} inputmode=${mode} maxlength=${max} autocomplete=${autocomplete} .value=${this.contact[key]}
          aria-invalid=${key === 'email' && this.contactError ? 'true' : 'false'}
          aria-describedby=${key === 'email' && this.contactError ? 'contact-email-error' : nothing}
          @input=${(e: Event) => {
            this.contact = { ...this.contact, [key]: (e.target as HTMLInputElement).value };
            if (key === 'email') this.contactError = undefined;
          }}></label>`;
    return html`<fieldset class="delivery" id="contact">
      <legend>${msg('Contact for this order (optional)', { desc: 'Who the supplier calls or writes to about the order' })}</legend>
      ${field('name', msg('Contact name'), 'text', 100, 'name')}
      ${field('phone', msg('Contact phone'), 'tel', 40, 'tel')}
      ${field('email', msg('Contact email'), 'email', 254, 'email')}
      ${this.contactError ? html`<p class="field-error" id="contact-email-error" role="alert">${this.contactError}</p>` : nothing}
    </fieldset>`;
  }

  /** "€25.76 to free delivery", with a bar, while the subtotal has not reached free delivery. */
  #toFreeDelivery(subtotal: number) {
    const freight = this.portal.session!.settings.freight;
    const missing = toFreeDelivery(subtotal, freight);
    if (!missing || freight.free_over_minor === null) return nothing;
    return html`<p class="free-delivery" id="free-delivery">
      <span>${msg(str`${this.#money(missing)} to free delivery`, { desc: 'What the cart lacks to be delivered free' })}</span>
      <progress max=${freight.free_over_minor} .value=${subtotal} aria-hidden="true"></progress>
    </p>`;
  }

  /**
   * Where the order goes: a choice when the account has several delivery addresses (the default
   * picked), a line of text when it has one, nothing when it has none (the order goes as before).
   */
  #picker() {
    const delivery = this.#addresses.value ?? [];
    const chosen = this.#deliveryAddress;
    if (!chosen) return nothing;
    const summary = (a: Address) => [a.line1, a.city].join(', ');
    if (delivery.length === 1) {
      return html`<p class="deliver-to" id="deliver-to">${msg('Deliver to:', { desc: "Before the order's delivery address" })}
        <strong>${chosen.label}</strong> <span class="muted">${summary(chosen)}</span></p>`;
    }
    return html`<fieldset class="deliver-to" id="deliver-to">
      <legend>${msg('Deliver to', { id: 'checkout.deliver-to', desc: "The choice of the order's delivery address" })}</legend>
      ${delivery.map(
        (a) => html`<label class="address-choice"><input type="radio" name="delivery-address" value=${a.id}
          .checked=${a.id === chosen.id} @change=${() => (this.deliveryAddressId = a.id)}>
          <span><strong>${a.label}</strong>${a.is_default ? html` <span class="muted">${msg('(default)', { desc: 'After the default delivery address in the choice' })}</span>` : nothing}<br>
          <span class="muted">${summary(a)}</span></span></label>`,
      )}
    </fieldset>`;
  }

  #priceChanged(details: PriceChangedDetails) {
    return html`<div class="notice" role="alert">
      <strong>${msg('Prices have changed since you filled your cart.')}</strong>
      <p>${msg(str`New total: ${this.#money(details.total_minor)} (you saw ${this.#money(details.expected_total)}).`, { desc: 'The new total, then the total the customer saw' })}</p>
      <ul>${details.lines.map((l) => html`<li>${this.store.product(l.product_id)?.name ?? l.product_id}: ${l.quantity} × ${this.#money(l.unit_price_minor)}</li>`)}</ul>
      <button type="button" class="primary" part="button" @click=${() => this.#place(details.total_minor)}>${msg('Confirm new total and place order')}</button>
      <button type="button" class="link" @click=${() => this.store.resetCheckout()}>${msg('Review cart')}</button>
    </div>`;
  }

  #failure(error: ApiError, total: number) {
    const seconds = error.retryAfterSeconds ?? 30;
    const supplier =
      this.portal.session?.workspace.name ??
      msg('your supplier', { desc: "Instead of the supplier's name, when it is not known yet" });
    const message: Partial<Record<ApiError['kind'], string>> = {
      forbidden: msg(
        str`This link can browse and build a cart but not place orders. Ask ${supplier} for a link that can.`,
        { desc: "The supplier's name" },
      ),
      network: msg('Your order could not be sent. Check your connection and retry: it will not be placed twice.'),
      server: msg('The supplier could not take the order just now. Retry: it will not be placed twice.'),
      in_flight: msg('Your order is still being placed. Wait a moment, then retry.'),
      rate_limited: msg(str`Too many attempts. Please wait ${seconds} seconds and retry.`),
      supplier_unavailable: msg('The supplier is not taking orders right now. Your cart is kept.'),
      unauthorized: msg(
        'This link has expired or was revoked. Please ask your supplier for a new one; your cart is kept.',
      ),
      not_orderable: msg('Some products can no longer be ordered. Remove them and try again.'),
    };
    const text =
      error.code === 'credit_limit_exceeded'
        ? msg(str`This order is over your available credit. Make it smaller, or contact ${supplier}.`)
        : error.code === 'below_minimum'
          ? msg('This order is below the minimum order value. Add more to it before placing it.')
          : error.code === 'unknown_address'
            ? msg('That delivery address is no longer available. Choose where the order goes and place it again.')
            : (message[error.kind] ?? error.message);
    return html`<div class="notice error" role="alert">
      <p>${text}</p>
      ${error.retryable ? html`<button type="button" class="primary" part="button" @click=${() => this.#place(total)}>${msg('Retry')}</button>` : nothing}
    </div>`;
  }
}

define('portal-cart', PortalCart);

declare global {
  interface HTMLElementTagNameMap {
    'portal-cart': PortalCart;
  }
}
