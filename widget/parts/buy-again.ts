import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import type { z } from 'zod';
import type { OrderHistoryItem } from '../contract/index.ts';
import { define } from '../define.ts';
import { intlLocaleOf } from '../i18n/locale.ts';
import type { NotOrderableReason } from '../pricing/index.ts';
import { stateContext, storeContext } from '../state/context.ts';
import type { PortalState, PortalStore } from '../state/store.ts';
import { shared } from '../styles/shared.ts';
import { REASON_LABEL, formatMoney } from './format.ts';
import { domId } from './dom-id.ts';

type Item = z.output<typeof OrderHistoryItem>;

/** The customer's most frequent products first; the most recent first among equals. */
export function mostFrequent(items: readonly Item[], limit: number): Item[] {
  return [...items]
    .sort((a, b) => b.times_ordered - a.times_ordered || Date.parse(b.last_ordered_at) - Date.parse(a.last_ordered_at))
    .slice(0, limit);
}

/**
 * "Buy again": the products the customer orders most, each added to the cart at its last
 * quantity and unit, with today's price and availability. Internal part of <reorder-cart>.
 */
@localized()
export class PortalBuyAgain extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; padding: 0 var(--_space) var(--_space); }
    h2 { margin: 0 0 8px; font-size: 1.1rem; }
    ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
    li { display: grid; grid-template-columns: 1fr auto auto; gap: 8px; align-items: center; border-bottom: 1px solid var(--_border); padding-block-end: 8px; }
    .name { display: flex; flex-direction: column; min-width: 0; overflow-wrap: anywhere; }
    .meta { font-size: .9rem; }
    @container portal (max-width: 359px) {
      li { grid-template-columns: 1fr auto; }
      .badge { grid-column: 1; justify-self: start; }
    }
  `,
  ];

  /** How many products to show at most. */
  @property({ type: Number }) limit = 8;

  @consume({ context: storeContext }) private store!: PortalStore;
  @consume({ context: stateContext, subscribe: true }) @state() private portal!: PortalState;

  @state() private announcement = '';

  /** The last order placed from this page: fetched again after one, as it changes what the customer orders most. */
  #lastOrder = '';

  readonly #history = new Task(this, {
    args: () => [this.store, this.#allowed(), this.#lastOrder] as const,
    task: async ([store, allowed], { signal }) =>
      store && allowed ? (await store.client.orderHistory(signal)).items : undefined,
  });

  protected override willUpdate(): void {
    const checkout = this.portal?.checkout;
    if (checkout?.status === 'placed') this.#lastOrder = checkout.order.id;
  }

  #allowed(): boolean {
    const session = this.portal?.session;
    return !!session && session.settings.sections.orders && session.permissions.view_orders;
  }

  #money(minor: number): string {
    return formatMoney(minor, this.portal.session!.currency, intlLocaleOf(this));
  }

  /** Today's availability from the catalogue once it is loaded; until then, the server's. */
  #availability(item: Item): { reason: NotOrderableReason | null; lineTotal: number | null } {
    const pricer = this.store.pricer;
    if (!pricer || !this.portal.catalog) {
      return { reason: item.availability.orderable ? null : item.availability.reason, lineTotal: null };
    }
    const product = this.store.product(item.product_id);
    if (!product) return { reason: 'not_found', lineTotal: null };
    const resolution = pricer.resolve(product, item.last_uom, item.last_quantity, new Date());
    return { reason: resolution.reason, lineTotal: resolution.price?.line_total_minor ?? null };
  }

  #add(item: Item, label: string): void {
    this.store.add(item.product_id, item.last_uom, item.last_quantity);
    this.announcement = msg(str`Added ${label} to the cart`, {
      desc: 'A quantity and a product, e.g. "12 × Cold Brew Coffee 1 L"',
    });
  }

  protected override render() {
    if (!this.#allowed()) return nothing;
    return html`<section aria-labelledby="buy-again-title" part="buy-again">
      <h2 id="buy-again-title">${msg('Buy again', { desc: "A list of the customer's usual products, to add to the cart" })}</h2>
      ${this.#history.render({
        initial: () => html`<p class="muted">${msg('Loading your usual products…')}</p>`,
        pending: () =>
          this.#history.value
            ? this.#list(this.#history.value)
            : html`<p class="muted">${msg('Loading your usual products…')}</p>`,
        error: () => html`<p class="muted" role="alert">${msg('Your usual products could not be loaded.')}
          <button type="button" class="link" @click=${() => this.#history.run()}>${msg('Try again')}</button></p>`,
        complete: (items) => (items ? this.#list(items) : nothing),
      })}
      <div role="status" aria-live="polite" class="visually-hidden">${this.announcement}</div>
    </section>`;
  }

  #list(items: readonly Item[]) {
    const top = mostFrequent(items, this.limit);
    if (!top.length) return html`<p class="muted">${msg('The products you order will show here.')}</p>`;
    return html`<ul aria-labelledby="buy-again-title">${top.map((item) => {
      const product = this.store.product(item.product_id);
      const unit = product?.units.find((u) => u.code === item.last_uom);
      const { reason, lineTotal } = this.#availability(item);
      const label = `${item.last_quantity} × ${item.name}${unit && product!.units.length > 1 ? ` (${unit.name})` : ''}`;
      const id = domId('buy', item.product_id);
      return html`<li aria-labelledby=${id}>
        <span class="name"><strong id=${id}>${item.name}</strong>
          <span class="muted meta">${item.last_quantity} × ${unit?.name ?? item.last_uom}${lineTotal !== null ? html` · ${this.#money(lineTotal)}` : nothing}</span></span>
        ${
          reason
            ? html`<span class="badge warn" part="badge">${REASON_LABEL[reason]}</span>`
            : html`<span class="badge ok" part="badge">${msg('Available')}</span>`
        }
        <button type="button" class="primary" part="button" ?disabled=${reason !== null}
          aria-label=${msg(str`Add ${label} to cart`, { desc: 'A product, or a quantity and a product' })} @click=${() => this.#add(item, label)}>${msg('Add')}</button>
      </li>`;
    })}</ul>`;
  }
}

define('portal-buy-again', PortalBuyAgain);

declare global {
  interface HTMLElementTagNameMap {
    'portal-buy-again': PortalBuyAgain;
  }
}
