import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { Task } from '@lit/task';
import { define } from '../../define.ts';
import { buildsCart } from '../../state/permissions.ts';
import { PortalReadyEvent, type PortalOpenCartEvent, type PortalOrderPlacedEvent } from '../../events/index.ts';
import { LanguageController } from '../../i18n/language-controller.ts';
import { intlLocaleOf } from '../../i18n/locale.ts';
import { loadBuyAgain, loadCart, whenIdle } from '../../parts/lazy.ts';
import { formatMoney } from '../../parts/format.ts';
import { PortalShell } from '../../parts/shell.ts';
import { abortable } from '../../state/abortable.ts';
import { stateContext, storeContext } from '../../state/context.ts';
import { StoreLink } from '../../state/store-link.ts';
import type { PortalState, PortalStore } from '../../state/store.ts';
import { styles } from './reorder-cart.styles.ts';

/**
 * A compact cart for a supplier's header or sidebar: a button with the item count and the total
 * that opens the cart's lines, a "Buy again" list of the customer's most frequent products and
 * checkout (the portal's own checkout: idempotent, prices confirmed, Pay Now or Pay Later). It
 * is the same cart as a `<customer-portal>` or `<past-orders>` with the same token on the page,
 * and as in the customer's other tabs.
 *
 * Opens itself on a `portal-open-cart` event that reaches the document (e.g. "Reorder with changes"
 * in `<past-orders>`) when the event's `token` is this cart's, or when the event has no token.
 * Opens as a panel under the button; on screens narrower than 600 px, as a bottom drawer.
 *
 * @summary A header cart with "Buy again" and checkout.
 *
 * @attr {string} lang - The language of the words (English; Spanish for `es`, `es-MX`…; English for any other) and the locale of prices and dates (`es-MX`, `en-IE`). Unset: the nearest ancestor's `lang`, else the page's `<html lang>`. Follows changes at once.
 *
 * @fires portal-ready - The session loaded; `event.session` says who the customer is.
 * @fires portal-cart-change - The cart changed (here, in another element or another tab); `lines`, `itemCount`, `totalMinor`, `currency`.
 * @fires portal-order-placed - An order was placed; `event.order`.
 * @fires portal-payment-required - Pay Now: cancel it to take payment yourself, else the element goes to the payment URL.
 * @fires portal-error - Loading the session or the catalogue failed; `event.error` (an ApiError with a `kind`).
 *
 * @csspart cart-button - The button that opens the cart.
 * @csspart count - The item count on the button.
 * @csspart total - The cart total on the button, once prices have loaded.
 * @csspart panel - The open cart (a panel under the button, a bottom drawer on narrow screens).
 * @csspart notice - Messages in the panel: an expired link, the supplier unreachable.
 * @csspart button - Primary buttons in the panel.
 * @csspart badge - Availability badges of the "Buy again" products.
 *
 * @cssprop [--portal-color-primary=#0f766e] - The count, buttons and links.
 * @cssprop [--portal-color-on-primary=#ffffff] - Text on the primary colour.
 * @cssprop [--portal-color-surface=#ffffff] - The button's and the panel's background.
 * @cssprop [--portal-color-background=#f6f7f9] - Messages in the panel.
 * @cssprop [--portal-color-text=#1f2933] - Body text.
 * @cssprop [--portal-color-muted=#5f6b7a] - Secondary text.
 * @cssprop [--portal-color-border=#d9dee5] - Borders and dividers.
 * @cssprop [--portal-color-success=#1a7f37] - "Available" badges.
 * @cssprop [--portal-color-warning=#b45309] - "Not orderable" badges and warnings.
 * @cssprop [--portal-color-danger=#b42318] - Errors.
 * @cssprop [--portal-font-family=system-ui, sans-serif] - The cart's font.
 * @cssprop [--portal-radius=8px] - Corner radius of the button, the panel and its controls.
 * @cssprop [--portal-space=16px] - The base spacing unit.
 */
@localized()
export class ReorderCart extends LitElement {
  static override styles = styles;

  /** `lang` is observed too: the element's language, else the page's (see LanguageController). */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  /** Base URL of the supplier's portal API, e.g. `https://api.supplier.example`. Empty: this page's origin. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** The customer's portal token. When absent it is read from the page's link (`#portal_token=…`) and removed from the address bar. */
  @property() token = '';

  @provide({ context: storeContext }) @state() private store: PortalStore | undefined;
  @provide({ context: stateContext }) @state() private snapshot: PortalState | undefined;

  @state() private isOpen = false;
  /** Opened at least once: the panel's content (and its "Buy again" request) waits for the customer. */
  @state() private opened = false;

  @query('dialog') private panel!: HTMLDialogElement | null;

  /** The next load fetches the catalogue again (prices changed) instead of sharing the loaded one. */
  #reloadCatalog = false;
  /** The store portal-ready was fired for: once per store, not again on a Retry. */
  #readyFor: PortalStore | undefined;

  readonly #link = new StoreLink(this, () => this.#onStoreChange());
  readonly #shell = new PortalShell(this, () => this.store);
  readonly #language = new LanguageController(this);

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.#language.hostLangChanged();
  }

  readonly #onStoreChange = () => {
    const previous = this.snapshot;
    this.snapshot = this.store!.state;
    if (previous && previous.cart !== this.snapshot.cart) this.#shell.announceCart(true);
  };

  readonly #onOpenCart = (event: PortalOpenCartEvent) => {
    if (!event.token || event.token === this.token) void this.openCart();
  };

  // The session, then the catalogue that prices the cart; both shared with the page's other elements.
  readonly #load = new Task(this, {
    args: () => [this.store] as const,
    task: async ([store], { signal }) => {
      if (!store) return undefined;
      const session = await abortable(store.loadSession(), signal);
      if (this.#readyFor !== store) {
        this.#readyFor = store;
        this.dispatchEvent(new PortalReadyEvent(session));
      }
      await abortable(store.loadCatalog(this.#reloadCatalog), signal);
      this.#reloadCatalog = false;
      this.#shell.announceCart(false);
      return session;
    },
    onError: (error) => this.#shell.failed(error, () => this.#load.run()),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    whenIdle(loadCart);
    whenIdle(loadBuyAgain);
    document.addEventListener('portal-open-cart', this.#onOpenCart);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('portal-open-cart', this.#onOpenCart);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#link.sync(changed)) {
      this.store = this.#link.store;
      this.snapshot = this.store?.state;
    }
  }

  /** Whether the cart is open. */
  get open(): boolean {
    return this.panel?.open ?? false;
  }

  /** Opens the cart (also used by the host page, e.g. from its own button). */
  async openCart(): Promise<void> {
    // The cart's code loads on demand (usually already in, from an idle moment after the first paint).
    try {
      await Promise.all([loadCart(), loadBuyAgain()]);
    } catch {
      return; // offline: the next press tries again
    }
    this.opened = true;
    await this.updateComplete;
    if (this.isConnected && this.panel && !this.panel.open) {
      this.panel.showModal();
      this.isOpen = true;
    }
  }

  /** Closes the cart. */
  closeCart(): void {
    this.panel?.close();
  }

  #onClose(): void {
    this.isOpen = false;
    if (['placed', 'quote_requested'].includes(this.store?.state.checkout.status ?? '')) this.store?.resetCheckout();
  }

  #onOrderPlaced(event: PortalOrderPlacedEvent): void {
    this.#shell.payNow(this.snapshot?.session, event.order);
  }

  #reloadPrices(): void {
    this.#reloadCatalog = true;
    void this.#load.run();
  }

  protected override render() {
    const count = this.store?.itemCount ?? 0;
    const session = this.snapshot?.session;
    const priced = this.store?.pricedCart();
    const total = priced && session ? formatMoney(priced.total_minor, session.currency, intlLocaleOf(this)) : '';
    // A person whose role cannot order (a Viewer, Finance) has no cart: nothing to show.
    if (session && !buildsCart(session)) return this.#shell.liveRegion();
    // The name is read from the content ("Cart: 3 items, €42.10"), so what shows is what is announced.
    return html`
      <button type="button" class="cart-button" part="cart-button" aria-haspopup="dialog" aria-expanded=${this.isOpen ? 'true' : 'false'}
        @click=${this.openCart}>
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M3 4h2l2.4 10.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 1.9-1.5L21 8H6.2"/><circle cx="10" cy="20" r="1.4"/><circle cx="17" cy="20" r="1.4"/></svg>
        <span class="visually-hidden">${msg('Cart:', { desc: 'Read before the number of items in the cart' })} </span><span class="count" part="count">${count}</span><span
          class="visually-hidden"> ${count === 1 ? msg('item', { desc: 'After the number 1, in the cart button' }) : msg('items', { desc: 'After a number, in the cart button' })}${total ? ', ' : ''}</span>${total ? html`<span class="total" part="total">${total}</span>` : nothing}
      </button>
      <dialog class="panel" part="panel" aria-label=${msg('Cart')} closedby="any" @close=${this.#onClose}>
        ${this.opened ? this.#panel() : nothing}
      </dialog>
      ${this.#shell.liveRegion()}
    `;
  }

  #panel() {
    if (!this.store) {
      return html`${this.#head()}<div class="notice error" part="notice" role="alert">
        <h2>${msg('This cart needs your personal portal link')}</h2>
        <p>${msg('Open the link your supplier sent you, or ask them for one.')}</p>
      </div>`;
    }
    // Without a session, portal-cart shows nothing: the panel brings its own heading and Close.
    const session = this.snapshot?.session;
    return html`
      ${session ? nothing : this.#head()}
      ${this.#load.render({
        pending: () => (session ? nothing : html`<p class="loading" aria-busy="true">${msg('Loading your cart…')}</p>`),
        error: (error) => this.#shell.errorNotice(error, () => this.#load.run()),
      })}
      ${
        session
          ? html`
        <portal-cart exportparts="button"
          @portal-order-placed=${this.#onOrderPlaced}
          @portal-close=${this.closeCart}
          @portal-prices-stale=${this.#reloadPrices}></portal-cart>
        <portal-buy-again exportparts="button, badge" limit="8"></portal-buy-again>`
          : nothing
      }
    `;
  }

  #head() {
    return html`<div class="head">
      <h2>${msg('Your cart')}</h2>
      <button type="button" class="link" @click=${this.closeCart}>${msg('Close')}</button>
    </div>`;
  }
}

define('reorder-cart', ReorderCart);

declare global {
  interface HTMLElementTagNameMap {
    'reorder-cart': ReorderCart;
  }
}
