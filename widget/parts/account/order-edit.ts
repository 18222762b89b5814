import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { priceChangedDetails } from '../../api/client.ts';
import { ApiError } from '../../api/errors.ts';
import type { OrderDetail, OrderUpdateRequest, PriceChangedDetails, ShopProduct } from '../../contract/index.ts';
import { LIMITS } from '../../contract/limits.ts';
import { define } from '../../define.ts';
import { PortalErrorEvent } from '../../events/index.ts';
import { intlLocaleOf } from '../../i18n/locale.ts';
import type { NotOrderableReason, PricedOrder } from '../../pricing/index.ts';
import { stateContext, storeContext } from '../../state/context.ts';
import { chargeWith, type PortalState, type PortalStore } from '../../state/store.ts';
import { withCharges } from '../../pricing/charges.ts';
import { shared } from '../../styles/shared.ts';
import { REASON_LABEL, chargeLabel, formatMoney, skuText } from '../format.ts';
import { unitName } from '../order-detail.ts';
import { productSearch } from '../tabs.ts';
import { changeFailure } from './order-changes.ts';

// The totals this part shows include the customer's charges besides freight.
chargeWith(withCharges);

/** A line as the customer is editing it: the quantity as typed. */
interface DraftLine {
  key: number;
  product_id: string;
  name: string;
  sku: string;
  uom: string;
  quantity: string;
}

/** Products a search shows at most; a longer list is a sign to type more. */
const MAX_RESULTS = 8;

/** The change was answered: `order` is the order now, changed or with the change waiting for approval. */
export class OrderChangedEvent extends Event {
  constructor(readonly order: OrderDetail) {
    super('portal-order-changed');
  }
}

/** The order is no longer as the customer saw it (a change already waiting, or moved on): `message` says so. */
export class OrderStaleEvent extends Event {
  constructor(readonly message: string) {
    super('portal-order-stale');
  }
}

const quantityOf = (line: DraftLine) => (/^\d+$/.test(line.quantity.trim()) ? Number(line.quantity) : Number.NaN);

function isBadLines(details: unknown): details is { lines: { index: number; reason: NotOrderableReason }[] } {
  const lines = (details as { lines?: unknown } | null)?.lines;
  return Array.isArray(lines) && lines.every((l) => typeof l?.index === 'number' && typeof l?.reason === 'string');
}

/**
 * The form that changes a placed order: quantities and units of its lines, lines removed (one at
 * least stays) or added from the catalogue, and the customer's reference. The new total is priced
 * in the browser with the shared pricer and sent as `expected_total`; the server prices it again.
 * Fires `portal-order-changed` with the answer, `portal-order-stale` when the order can no longer
 * be changed as shown, and `portal-close`. Internal part of the Orders section; the dialog around
 * it belongs to the section.
 */
@localized()
export class PortalOrderEdit extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; container: order-edit / inline-size; }
    form { display: grid; gap: 12px; }
    p { margin: 0; }
    h4 { margin: 0; font-size: 1rem; }
    .approval { padding: 8px 12px; background: var(--_background); border-radius: var(--_radius); border-inline-start: 4px solid var(--_primary); }
    .lines, .results { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
    .line { display: grid; grid-template-columns: minmax(0, 1fr) 8.5em 5.5em 6em auto; gap: 4px 8px; align-items: center; border-bottom: 1px solid var(--_border); padding-block-end: 8px; }
    .line .name, .result .name { display: flex; flex-direction: column; min-width: 0; }
    .line input { width: 100%; box-sizing: border-box; }
    .line select { width: 100%; }
    .line .amount { text-align: end; font-variant-numeric: tabular-nums; }
    .line.bad { border-inline-start: 4px solid var(--_warning); padding-inline-start: 8px; }
    .sku { color: var(--_muted); font-size: .85rem; }
    .problem { color: var(--_warning); font-size: .85rem; }
    .hint { font-size: .85rem; }
    .add { display: grid; gap: 6px; }
    .add label { font-weight: 600; }
    .result { display: grid; grid-template-columns: minmax(0, 1fr) auto auto; gap: 8px; align-items: center; padding: 6px 0; border-bottom: 1px dashed var(--_border); }
    .result button { padding: 4px 12px; }
    .reference { display: grid; gap: 2px; }
    .field-error { color: var(--_danger); font-size: .9rem; }
    input[aria-invalid='true'] { border-color: var(--_danger); outline-color: var(--_danger); }
    .totals { margin: 0; display: grid; justify-content: end; grid-template-columns: auto auto; gap: 2px var(--_space); }
    .totals dt { text-align: end; }
    .totals dd { margin: 0; text-align: end; font-variant-numeric: tabular-nums; }
    .totals .total { font-weight: 700; }
    .notice { border-inline-start: 4px solid var(--_warning); padding: 8px 12px; background: var(--_background); border-radius: var(--_radius); display: grid; gap: 6px; }
    .notice.error { border-inline-start-color: var(--_danger); }
    .notice ul { margin: 0; padding-inline-start: 1.2em; }
    .buttons { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; }
    [aria-disabled='true'] { opacity: .55; cursor: not-allowed; }
    @container order-edit (max-width: 479px) {
      .line { grid-template-columns: minmax(0, 1fr) auto; }
      .line .name { grid-column: 1 / -1; }
      .line .amount { text-align: start; }
    }
  `,
  ];

  /** The order as it is now. The form starts from it when the element is created. */
  @property({ attribute: false }) order!: OrderDetail;

  @consume({ context: storeContext }) private store!: PortalStore;
  @consume({ context: stateContext, subscribe: true }) @state() private portal!: PortalState;

  @state() private lines: DraftLine[] = [];
  @state() private reference = '';
  @state() private search = '';
  @state() private saving = false;
  @state() private catalogFailed = false;
  /** A problem with the whole form (role alert). */
  @state() private problem: string | undefined;
  @state() private referenceError: string | undefined;
  /** Lines the server refused, by key, with its reason. */
  @state() private refused = new Map<number, NotOrderableReason>();
  @state() private priceChanged: PriceChangedDetails | undefined;
  @state() private announcement = '';

  #nextKey = 0;

  /** Whether a change is on its way to the supplier (the dialog stays open until it is answered). */
  get busy(): boolean {
    return this.saving;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#loadCatalog();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('order') && this.order && !changed.get('order')) {
      this.lines = this.order.lines.map((l) => ({
        key: this.#nextKey++,
        product_id: l.product_id,
        name: l.name,
        sku: l.sku,
        uom: l.uom,
        quantity: String(l.quantity),
      }));
      this.reference = this.order.customer_reference ?? '';
    }
  }

  #loadCatalog(): void {
    this.catalogFailed = false;
    this.store?.loadCatalog().catch(() => {
      this.catalogFailed = true;
    });
  }

  get #supplier(): string {
    return (
      this.portal.session?.workspace.name ??
      msg('your supplier', { desc: "Instead of the supplier's name, when it is not known yet" })
    );
  }

  get #automatic(): boolean {
    return this.portal.session?.settings.order_changes.apply_updates_automatically ?? false;
  }

  get #referenceRequired(): boolean {
    return this.portal.session?.settings.require_unique_reference ?? false;
  }

  #money(minor: number): string {
    return formatMoney(minor, this.order.currency, intlLocaleOf(this));
  }

  #priced(): PricedOrder | undefined {
    return this.store.priceLines(
      this.lines.map((l) => ({ product_id: l.product_id, uom: l.uom, quantity: quantityOf(l) })),
    );
  }

  #linesChanged(): boolean {
    const now = this.order.lines.map((l) => `${l.product_id}|${l.uom}|${l.quantity}`);
    const draft = this.lines.map((l) => `${l.product_id}|${l.uom}|${quantityOf(l)}`);
    return now.join('\n') !== draft.join('\n');
  }

  /** The new reference, null for none. */
  #newReference(): string | null {
    return this.reference.trim() || null;
  }

  /** What is wrong with a line now: the server's refusal, else the browser's pricing. */
  #lineProblem(line: DraftLine, index: number, priced: PricedOrder | undefined): string | undefined {
    const refused = this.refused.get(line.key);
    const fix = (why: NotOrderableReason) =>
      msg(str`${REASON_LABEL[why]}: change or remove it to save`, {
        desc: 'Why a line of an order cannot be ordered, then what to do',
      });
    if (refused) return fix(refused);
    const reason = priced?.problems.find((p) => p.index === index)?.reason;
    if (!reason) return undefined;
    if (reason === 'invalid_quantity') {
      const max = LIMITS.maxLineQuantity.toLocaleString(intlLocaleOf(this));
      return msg(str`Enter a whole number from 1 to ${max}`);
    }
    return fix(reason);
  }

  // --- editing ----------------------------------------------------------------------------------

  /** Any edit of the lines: answers about the old lines no longer apply. */
  #setLines(lines: DraftLine[], refusedKey?: number): void {
    this.lines = lines;
    this.priceChanged = undefined;
    this.problem = undefined;
    if (refusedKey !== undefined && this.refused.has(refusedKey)) {
      const refused = new Map(this.refused);
      refused.delete(refusedKey);
      this.refused = refused;
    }
  }

  #setQuantity(key: number, value: string): void {
    this.#setLines(
      this.lines.map((l) => (l.key === key ? { ...l, quantity: value } : l)),
      key,
    );
  }

  #setUnit(key: number, uom: string): void {
    const line = this.lines.find((l) => l.key === key);
    if (!line || line.uom === uom) return;
    const same = this.lines.find((l) => l.key !== key && l.product_id === line.product_id && l.uom === uom);
    if (same) {
      // Two lines of one product in one unit become one, as in the cart.
      const quantity = String((quantityOf(same) || 0) + (quantityOf(line) || 0));
      this.#setLines(
        this.lines.filter((l) => l.key !== key).map((l) => (l.key === same.key ? { ...l, quantity } : l)),
        key,
      );
      this.announcement = msg(
        str`${line.name} in ${unitName(this.store, line.product_id, uom)} is now one line of ${quantity}.`,
        { desc: 'A product, its unit, then a quantity' },
      );
      this.#focusQuantity(same.key);
    } else {
      this.#setLines(
        this.lines.map((l) => (l.key === key ? { ...l, uom } : l)),
        key,
      );
    }
  }

  #remove(key: number): void {
    if (this.lines.length <= 1) return;
    const index = this.lines.findIndex((l) => l.key === key);
    const line = this.lines[index];
    this.#setLines(
      this.lines.filter((l) => l.key !== key),
      key,
    );
    this.announcement = msg(str`Removed ${line.name}.`, { desc: 'A product removed from the order being edited' });
    // The keyboard stays in the lines: on the one that took its place, else the search.
    const next = this.lines[Math.min(index, this.lines.length - 1)];
    this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`button[data-remove="${next.key}"]`)?.focus(),
    );
  }

  #add(product: ShopProduct): void {
    const uom = product.units[0]?.code;
    if (!uom) return;
    const same = this.lines.find((l) => l.product_id === product.id && l.uom === uom);
    if (same) {
      this.#setLines(
        this.lines.map((l) => (l.key === same.key ? { ...l, quantity: String((quantityOf(l) || 0) + 1) } : l)),
      );
      this.announcement = msg(str`${product.name} is already on the order: its quantity went up by one.`);
      this.#focusQuantity(same.key);
    } else {
      const key = this.#nextKey++;
      this.#setLines([
        ...this.lines,
        { key, product_id: product.id, name: product.name, sku: product.sku, uom, quantity: '1' },
      ]);
      this.announcement = msg(str`Added ${product.name}. Set its quantity in the lines above.`);
      this.#focusQuantity(key);
    }
    this.search = '';
  }

  #focusQuantity(key: number): void {
    this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>(`input[data-quantity="${key}"]`)?.focus(),
    );
  }

  #focusReference(): void {
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#reference')?.focus());
  }

  #close(): void {
    this.dispatchEvent(new Event('portal-close'));
  }

  // --- saving -----------------------------------------------------------------------------------

  async #save(confirmedTotal?: number): Promise<void> {
    if (this.saving) return;
    this.problem = undefined;
    this.referenceError = undefined;
    const reference = this.#newReference();
    const referenceChanged = reference !== this.order.customer_reference;
    if (referenceChanged && reference === null && this.#referenceRequired) {
      this.referenceError = msg(str`Enter your reference: ${this.#supplier} needs one on every order.`);
      this.#focusReference();
      return;
    }
    const linesChanged = this.#linesChanged();
    if (!linesChanged && !referenceChanged) {
      this.problem = msg('Nothing has changed yet: change a quantity, a unit, a line or the reference first.');
      return;
    }
    const priced = linesChanged ? this.#priced() : undefined;
    if (linesChanged && !priced) {
      this.problem = msg('Prices are still loading. Please wait a moment, then save again.');
      return;
    }
    if (priced) {
      const bad = this.lines.find((line, index) => this.#lineProblem(line, index, priced));
      if (bad) {
        this.problem = msg('Some lines need your attention: see the marked lines.');
        this.#focusQuantity(bad.key);
        return;
      }
    }
    const body: OrderUpdateRequest = {
      ...(linesChanged && priced
        ? {
            lines: this.lines.map((l) => ({ product_id: l.product_id, uom: l.uom, quantity: quantityOf(l) })),
            expected_total: confirmedTotal ?? priced.total_minor,
          }
        : {}),
      ...(referenceChanged ? { customer_reference: reference } : {}),
    };
    this.saving = true;
    this.priceChanged = undefined;
    try {
      this.dispatchEvent(new OrderChangedEvent(await this.store.updateOrder(this.order.id, body)));
    } catch (error) {
      this.#failed(error instanceof ApiError ? error : new ApiError({ kind: 'network', message: String(error) }), body);
    } finally {
      this.saving = false;
    }
  }

  #failed(error: ApiError, sent: OrderUpdateRequest): void {
    this.dispatchEvent(new PortalErrorEvent(error));
    const details = priceChangedDetails(error);
    if (details) {
      this.priceChanged = details;
      // Today's prices for the form too, so what it shows next is what the supplier charges.
      this.store.loadCatalog(true).catch(() => undefined);
      this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#confirm-total')?.focus());
    } else if (error.code === 'lines_not_orderable' && isBadLines(error.details) && sent.lines) {
      const refused = new Map<number, NotOrderableReason>();
      for (const bad of error.details.lines) {
        const line = this.lines[bad.index];
        if (line) refused.set(line.key, bad.reason);
      }
      this.refused = refused;
      this.problem = msg('Some products can no longer be ordered. Change or remove the marked lines, then save again.');
      const first = this.lines.find((l) => refused.has(l.key));
      if (first) this.#focusQuantity(first.key);
    } else if (error.code === 'reference_taken' || error.code === 'reference_required') {
      this.referenceError =
        error.code === 'reference_taken'
          ? msg(str`You have already used “${this.reference.trim()}” on another order. Enter a different reference.`, {
              desc: "The customer's reference (e.g. their purchase order number)",
            })
          : msg(str`Enter your reference: ${this.#supplier} needs one on every order.`);
      this.#focusReference();
    } else {
      const failure = changeFailure(error, this.#supplier, 'change');
      if (failure.stale) this.dispatchEvent(new OrderStaleEvent(failure.text));
      else this.problem = failure.text;
    }
  }

  // --- rendering --------------------------------------------------------------------------------

  protected override render() {
    if (!this.order || !this.portal.session) return nothing;
    const priced = this.#priced();
    const automatic = this.#automatic;
    const action = automatic ? msg('Save changes') : msg('Send change for approval');
    return html`
      <form novalidate @submit=${(e: Event) => {
        e.preventDefault();
        void this.#save();
      }}>
        <p class="approval" id="approval">${
          automatic
            ? msg("Your change applies at once, at today's prices.")
            : msg(
                str`${this.#supplier} will review your change before it applies. Until then the order stays as it is.`,
              )
        }</p>
        <h4 id="edit-lines">${msg('Lines')}</h4>
        <ul class="lines" aria-labelledby="edit-lines">${this.lines.map((line, index) => this.#line(line, index, priced))}</ul>
        ${
          this.lines.length === 1
            ? html`<p class="hint muted" id="last-line">${msg('An order keeps at least one line. To remove everything, cancel the order instead.')}</p>`
            : nothing
        }
        ${this.#addProducts()}
        <label class="reference">${this.#referenceRequired ? msg('Your reference') : msg('Your reference (optional)')}
          <input id="reference" maxlength=${LIMITS.maxReferenceLength} autocomplete="off" .value=${this.reference}
            aria-invalid=${this.referenceError ? 'true' : 'false'} aria-describedby=${this.referenceError ? 'reference-error' : nothing}
            @input=${(e: Event) => {
              this.reference = (e.target as HTMLInputElement).value;
              this.referenceError = undefined;
            }}></label>
        ${this.referenceError ? html`<p class="field-error" id="reference-error">${this.referenceError}</p>` : nothing}
        ${this.#totals(priced)}
        ${this.priceChanged ? this.#priceChangedNotice(this.priceChanged, automatic) : nothing}
        <div role="alert">${this.problem ? html`<p class="notice error">${this.problem}</p>` : nothing}</div>
        ${
          this.priceChanged
            ? nothing
            : html`<div class="buttons">
          <button type="button" part="button" @click=${this.#close}>${msg('Discard changes')}</button>
          <button type="submit" class="primary" part="button" ?disabled=${this.saving} aria-describedby="approval">
            ${this.saving ? (automatic ? msg('Saving…') : msg('Sending…')) : action}</button>
        </div>`
        }
      </form>
      <div role="status" class="visually-hidden">${this.announcement}</div>`;
  }

  #line(line: DraftLine, index: number, priced: PricedOrder | undefined) {
    const product = this.store.product(line.product_id);
    const problem = this.#lineProblem(line, index, priced);
    const amount = priced?.lines[index]?.resolution.price;
    const only = this.lines.length === 1;
    const problemId = `problem-${line.key}`;
    return html`<li class=${problem ? 'line bad' : 'line'}>
      <span class="name"><strong>${line.name}</strong><span class="sku">${skuText(line.sku)}</span>
        ${problem ? html`<span class="problem" id=${problemId}>${problem}</span>` : nothing}</span>
      ${
        product && product.units.length > 1
          ? html`<select aria-label=${msg(str`Unit of ${line.name}`, { desc: 'A product' })} @change=${(e: Event) => this.#setUnit(line.key, (e.target as HTMLSelectElement).value)}>
            ${product.units.some((u) => u.code === line.uom) ? nothing : html`<option value=${line.uom} selected>${line.uom}</option>`}
            ${product.units.map((u) => html`<option value=${u.code} ?selected=${u.code === line.uom}>${u.name}</option>`)}
          </select>`
          : html`<span class="muted">${unitName(this.store, line.product_id, line.uom)}</span>`
      }
      <input type="number" min="1" max=${LIMITS.maxLineQuantity} step="1" inputmode="numeric" data-quantity=${line.key}
        aria-label=${msg(str`Quantity of ${line.name}`, { desc: 'A product' })} aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${problem ? problemId : nothing}
        .value=${line.quantity} @input=${(e: Event) => this.#setQuantity(line.key, (e.target as HTMLInputElement).value)}>
      <span class="amount">${amount ? this.#money(amount.line_total_minor) : '—'}</span>
      <button type="button" class="link" data-remove=${line.key} aria-label=${msg(str`Remove ${line.name}`, { desc: 'A product' })}
        aria-disabled=${only ? 'true' : 'false'} aria-describedby=${only ? 'last-line' : nothing}
        @click=${() => this.#remove(line.key)}>${msg('Remove')}</button>
    </li>`;
  }

  #addProducts() {
    const catalog = this.portal.catalog;
    const search = this.search.trim();
    let results: ShopProduct[] = [];
    if (catalog && search) {
      const matches = productSearch(search);
      results = catalog.products.filter((p) => p.active && matches(p)).slice(0, MAX_RESULTS);
    }
    return html`<div class="add">
      <label for="add-search">${msg('Add a product')}</label>
      <input id="add-search" type="search" placeholder=${msg('Search by name or SKU')} autocomplete="off" .value=${this.search}
        ?disabled=${!catalog} @input=${(e: Event) => {
          this.search = (e.target as HTMLInputElement).value;
        }}>
      ${
        !catalog
          ? this.catalogFailed
            ? html`<p class="muted">${msg('The products could not be loaded.')} <button type="button" class="link" @click=${this.#loadCatalog}>${msg('Retry')}</button></p>`
            : html`<p class="muted">${msg('Loading products…')}</p>`
          : !search
            ? nothing
            : results.length
              ? html`<ul class="results" aria-label=${msg(str`Products matching “${search}”`, { desc: 'What the customer searched for' })}>${results.map((p) => this.#result(p))}</ul>`
              : html`<p class="muted">${msg(str`No products match “${search}”.`, { desc: 'What the customer searched for' })}</p>`
      }
    </div>`;
  }

  #result(product: ShopProduct) {
    const uom = product.units[0]?.code ?? '';
    const resolution = this.store.priceLines([{ product_id: product.id, uom, quantity: 1 }])?.lines[0]?.resolution;
    const price = resolution?.price;
    return html`<li class="result">
      <span class="name"><strong>${product.name}</strong><span class="sku">${skuText(product.sku)}</span></span>
      ${
        resolution?.orderable
          ? html`<span>${price ? `${this.#money(price.unit_price_minor)} / ${unitName(this.store, product.id, uom)}` : ''}</span>`
          : html`<span class="badge warn">${REASON_LABEL[resolution?.reason ?? 'not_found']}</span>`
      }
      <button type="button" part="button" aria-label=${msg(str`Add ${product.name}`, { desc: 'A button: add a product to the order being edited' })} ?disabled=${!resolution?.orderable}
        @click=${() => this.#add(product)}>${msg('Add')}</button>
    </li>`;
  }

  #totals(priced: PricedOrder | undefined) {
    const changed = this.#linesChanged();
    const usable = priced && !this.lines.some((line, index) => this.#lineProblem(line, index, priced));
    const figures = !changed ? this.order : usable ? priced : undefined;
    const money = (minor: number | undefined) => (minor === undefined ? '—' : this.#money(minor));
    return html`<dl class="totals" aria-label=${msg('Totals')}>
      <dt>${msg('Total now')}</dt><dd>${this.#money(this.order.total_minor)}</dd>
      <dt>${msg('New subtotal')}</dt><dd>${money(figures?.subtotal_minor)}</dd>
      <dt>${msg('Freight')}</dt><dd>${figures && figures.freight_minor === 0 ? msg('Free', { desc: 'No freight to pay' }) : money(figures?.freight_minor)}</dd>
      ${
        this.order.charges === null
          ? nothing
          : (figures?.charges ?? []).map((c) => html`<dt>${chargeLabel(c.kind)}</dt><dd>${money(c.amount_minor)}</dd>`)
      }
      <dt class="total">${msg('New total')}</dt><dd class="total">${money(figures?.total_minor)}</dd>
    </dl>`;
  }

  #priceChangedNotice(details: PriceChangedDetails, automatic: boolean) {
    const name = (id: string) =>
      this.store.product(id)?.name ?? this.lines.find((l) => l.product_id === id)?.name ?? id;
    return html`<div class="notice" role="alert">
      <strong>${msg('Prices have changed since this order was priced.')}</strong>
      <p>${msg(str`New total: ${this.#money(details.total_minor)} (you saw ${this.#money(details.expected_total)}).`, { desc: 'The new total, then the total the customer saw' })}</p>
      <ul>${details.lines.map((l) => html`<li>${name(l.product_id)}: ${l.quantity} × ${this.#money(l.unit_price_minor)}</li>`)}</ul>
      <div class="buttons">
        <button type="button" part="button" @click=${() => {
          this.priceChanged = undefined;
        }}>${msg('Review changes')}</button>
        <button type="button" class="primary" part="button" id="confirm-total" ?disabled=${this.saving}
          @click=${() => this.#save(details.total_minor)}>${automatic ? msg('Confirm new total and save') : msg('Confirm new total and send')}</button>
      </div>
    </div>`;
  }
}

define('portal-order-edit', PortalOrderEdit);

declare global {
  interface HTMLElementTagNameMap {
    'portal-order-edit': PortalOrderEdit;
  }
}
