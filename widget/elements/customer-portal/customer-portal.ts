import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { Task } from '@lit/task';
import { ApiError } from '../../api/errors.ts';
import { define } from '../../define.ts';
import { PortalCartChangeEvent, PortalErrorEvent, PortalReadyEvent, type PortalOrderPlacedEvent } from '../../events/index.ts';
import { errorCopy } from '../../parts/error-copy.ts';
import { requestPayment } from '../../parts/payment.ts';
import '../../parts/catalog.ts';
import '../../parts/cart.ts';
import { abortable } from '../../state/abortable.ts';
import { stateContext, storeContext } from '../../state/context.ts';
import { StoreLink } from '../../state/store-link.ts';
import type { PortalState, PortalStore } from '../../state/store.ts';
import { styles } from './customer-portal.styles.ts';

// Kept here too: pages and elements import them from the portal.
export { scrubTokenFromLocation, tokenFromLocation } from '../../state/page-token.ts';

/**
 * The ordering portal a supplier's customer opens from their personal link: a welcome, the
 * catalogue with their own prices, a cart and checkout.
 *
 * @summary A customer's personal ordering portal.
 *
 * @fires portal-ready - The session loaded; `event.session` says who the customer is.
 * @fires portal-cart-change - The cart changed; `lines`, `itemCount`, `totalMinor`, `currency`.
 * @fires portal-order-placed - An order was placed; `event.order`.
 * @fires portal-payment-required - Pay Now: cancel it to take payment yourself, else the element goes to the payment URL.
 * @fires portal-error - A request failed; `event.error` (an ApiError with a `kind`).
 *
 * @csspart header - The bar with the supplier's name and the cart button.
 * @csspart welcome - The "Is this you?" screen.
 * @csspart notice - Messages: errors, the supplier being unavailable.
 * @csspart button - Primary buttons.
 * @csspart cart-button - The button that opens the cart, with its count.
 * @csspart cart - The cart dialog (a bottom drawer on narrow screens, a modal on wide ones).
 *
 * @cssprop [--portal-color-primary=#0f766e] - Buttons, links, the active tab.
 * @cssprop [--portal-color-on-primary=#ffffff] - Text on the primary colour.
 * @cssprop [--portal-color-surface=#ffffff] - Backgrounds of cards and panels.
 * @cssprop [--portal-color-background=#f6f7f9] - The portal's background.
 * @cssprop [--portal-color-text=#1f2933] - Body text.
 * @cssprop [--portal-color-muted=#5f6b7a] - Secondary text.
 * @cssprop [--portal-color-border=#d9dee5] - Borders and dividers.
 * @cssprop [--portal-color-success=#1a7f37] - "Available" badges.
 * @cssprop [--portal-color-warning=#b45309] - "Not orderable" badges and warnings.
 * @cssprop [--portal-color-danger=#b42318] - Errors.
 * @cssprop [--portal-font-family=system-ui, sans-serif] - The portal's font.
 * @cssprop [--portal-radius=8px] - Corner radius of cards, buttons and inputs.
 * @cssprop [--portal-space=16px] - The base spacing unit.
 */
export class CustomerPortal extends LitElement {
  static override styles = styles;

  /** Base URL of the supplier's portal API, e.g. `https://api.supplier.example`. Empty: this page's origin. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** The customer's portal token. When absent it is read from the page's link (`#portal_token=…`) and removed from the address bar. */
  @property() token = '';

  @state() private portal: PortalState | undefined;
  @state() private notMe = false;
  @state() private retryIn = 0;

  @provide({ context: storeContext }) @state() private store: PortalStore | undefined;
  @provide({ context: stateContext }) @state() private snapshot: PortalState | undefined;

  @query('dialog') private cartDialog!: HTMLDialogElement | null;

  #countdown: ReturnType<typeof setInterval> | undefined;
  /** The next catalogue load fetches again (prices changed) instead of sharing the loaded one. */
  #reloadCatalog = false;

  readonly #link = new StoreLink(this, () => this.#onStoreChange());

  readonly #onStoreChange = () => {
    const previous = this.snapshot;
    this.snapshot = this.portal = this.store!.state;
    if (previous && previous.cart !== this.snapshot.cart) this.#announceCart();
  };

  readonly #sessionTask = new Task(this, {
    args: () => [this.store] as const,
    task: async ([store], { signal }) => {
      if (!store) return undefined;
      const session = await abortable(store.loadSession(), signal);
      this.dispatchEvent(new PortalReadyEvent(session));
      if (store.state.catalog) this.#announceCart();
      return session;
    },
    onError: (error) => this.#failed(error, () => this.#sessionTask.run()),
  });

  // Starts with the session when the customer confirmed before (no waiting for one to fetch the other).
  readonly #catalogTask = new Task(this, {
    args: () => [this.store, this.portal?.confirmed ?? false] as const,
    task: async ([store, confirmed], { signal }) => {
      if (!store || !confirmed) return undefined;
      const catalog = await abortable(store.loadCatalog(this.#reloadCatalog), signal);
      this.#reloadCatalog = false;
      this.#announceCart();
      return catalog;
    },
    onError: (error) => this.#failed(error, () => this.#catalogTask.run()),
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#countdown);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#link.sync(changed)) {
      this.store = this.#link.store;
      this.snapshot = this.portal = this.store?.state;
    }
  }

  #failed(error: unknown, retry: () => void): void {
    if (!(error instanceof ApiError)) return;
    this.dispatchEvent(new PortalErrorEvent(error));
    if (error.kind === 'rate_limited') {
      clearInterval(this.#countdown);
      this.retryIn = error.retryAfterSeconds ?? 30;
      this.#countdown = setInterval(() => {
        this.retryIn -= 1;
        if (this.retryIn <= 0) {
          clearInterval(this.#countdown);
          retry();
        }
      }, 1000);
    }
  }

  #announceCart(): void {
    const store = this.store;
    const priced = store?.pricedCart();
    const currency = store?.state.session?.currency ?? '';
    if (!store) return;
    this.dispatchEvent(new PortalCartChangeEvent(store.state.cart, store.itemCount, priced?.total_minor ?? 0, currency));
  }

  #confirm(): void {
    this.notMe = false;
    this.store?.confirmIdentity();
  }

  #notMe(): void {
    this.store?.forgetIdentity();
    this.notMe = true;
  }

  /** Opens the cart (also used by the host page, e.g. from a header button). */
  openCart(): void {
    this.cartDialog?.showModal();
  }

  #onOrderPlaced(event: PortalOrderPlacedEvent): void {
    requestPayment(this, this.portal?.session, event.order);
  }

  protected override render() {
    if (!this.store) {
      return html`<div class="notice" part="notice" role="alert">
        <h2>This page needs your personal portal link</h2>
        <p>Open the link your supplier sent you, or ask them for one.</p>
      </div>`;
    }
    return this.#sessionTask.render({
      initial: () => this.#skeleton(),
      pending: () => this.#skeleton(),
      error: (error) => this.#errorPanel(error, () => this.#sessionTask.run()),
      complete: (session) => (session ? this.#afterSession() : this.#skeleton()),
    });
  }

  #afterSession() {
    const portal = this.portal!;
    const session = portal.session!;
    if (!portal.confirmed) return this.#welcome(session.customer.business_name, session.workspace.name);
    return html`
      <div class="header" part="header">
        <strong class="supplier">${session.workspace.name}</strong>
        <span class="customer">${session.customer.business_name}
          <button type="button" class="link" @click=${this.#notMe}>Not you?</button></span>
        <button class="cart-button" part="cart-button" type="button" @click=${this.openCart}
          aria-label=${`Cart, ${this.store!.itemCount} items`}>
          Cart <span class="count">${this.store!.itemCount}</span>
        </button>
      </div>
      ${session.settings.supplier_available ? nothing : html`<div class="notice warning" part="notice" role="status">
        <strong>${session.workspace.name} is not taking orders right now.</strong>
        You can keep browsing and filling your cart; it is kept until ordering is possible again.
      </div>`}
      ${this.#catalogTask.render({
        initial: () => this.#skeleton(),
        // While prices reload (after price_changed), keep the catalogue as the customer left it.
        pending: () => (portal.catalog ? this.#catalogView() : this.#skeleton()),
        error: (error) => this.#errorPanel(error, () => this.#catalogTask.run()),
        complete: (catalog) => (catalog ? this.#catalogView() : this.#skeleton()),
      })}
      <dialog class="cart-dialog" part="cart" aria-label="Cart" @close=${() => this.store?.state.checkout.status === 'placed' && this.store.resetCheckout()}>
        <portal-cart
          @portal-order-placed=${this.#onOrderPlaced}
          @portal-close=${() => this.cartDialog?.close()}
          @portal-prices-stale=${() => { this.#reloadCatalog = true; void this.#catalogTask.run(); }}></portal-cart>
      </dialog>
    `;
  }

  /** One template for every state that shows the catalogue, so Lit keeps the same element (and its tab and search). */
  #catalogView() {
    // "Reorder with changes" in the Past Orders tab: the lines are in this portal's cart, open it here.
    return html`<portal-catalog @portal-open-cart=${(event: Event) => { event.stopPropagation(); this.openCart(); }}></portal-catalog>`;
  }

  #welcome(business: string, supplier: string) {
    if (this.notMe) {
      return html`<section class="welcome" part="welcome" aria-labelledby="welcome-title">
        <h1 id="welcome-title">This link belongs to someone else</h1>
        <p>Each customer of ${supplier} has a personal link. Please ask ${supplier} for your own.</p>
        <button type="button" class="link" @click=${() => { this.notMe = false; }}>Back</button>
      </section>`;
    }
    return html`<section class="welcome" part="welcome" aria-labelledby="welcome-title">
      <p class="supplier">${supplier}</p>
      <h1 id="welcome-title">Welcome back, ${business}</h1>
      <p>Is this you?</p>
      <div class="actions">
        <button type="button" class="primary" part="button" @click=${this.#confirm}>Yes, start ordering</button>
        <button type="button" class="link" @click=${this.#notMe}>Not you?</button>
      </div>
    </section>`;
  }

  #skeleton() {
    return html`<div class="skeleton" aria-busy="true" aria-label="Loading">
      <div class="bar"></div>
      <div class="cards">${Array.from({ length: 6 }, () => html`<div class="card"></div>`)}</div>
    </div>`;
  }

  #errorPanel(error: unknown, retry: () => void) {
    const supplier = this.portal?.session?.workspace.name ?? 'your supplier';
    // A rate limit retries by itself after its countdown.
    const { title, body, canRetry } = errorCopy(error, supplier, this.retryIn);
    return html`<div class="notice error" part="notice" role="alert">
      <h2>${title}</h2>
      <p>${body}</p>
      ${canRetry ? html`<button type="button" class="primary" part="button" @click=${retry}>Retry</button>` : nothing}
    </div>`;
  }
}

define('customer-portal', CustomerPortal);

declare global {
  interface HTMLElementTagNameMap {
    'customer-portal': CustomerPortal;
  }
}

