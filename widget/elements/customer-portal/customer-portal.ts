import { LitElement, html, isServer, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { define } from '../../define.ts';
import { PortalReadyEvent, type PortalOrderPlacedEvent } from '../../events/index.ts';
import { LanguageController } from '../../i18n/language-controller.ts';
import { choosePersonLanguage, intlLocaleOf, prepareFormats } from '../../i18n/locale.ts';
import { PortalShell } from '../../parts/shell.ts';
import { loadCart, loadCatalog, loadOrderPad, whenIdle } from '../../parts/lazy.ts';
import { abortable } from '../../state/abortable.ts';
import { stateContext, storeContext } from '../../state/context.ts';
import {
  ROUTE_SECTIONS,
  isPortalHash,
  parseRoute,
  routeHref,
  sectionAllowed,
  sectionClosedBy,
  type Route,
  type RouteSection,
} from '../../state/route.ts';
import { StoreLink } from '../../state/store-link.ts';
import { forgetLink, hashAfterLink, pageToken, tokenFromLocation } from '../../state/page-token.ts';
import type { PortalState, PortalStore } from '../../state/store.ts';
import { buildsCart, firstName } from '../../state/permissions.ts';
import type { Session } from '../../contract/index.ts';
import { styles } from './customer-portal.styles.ts';

// Kept here too: pages and elements import them from the portal.
export { scrubTokenFromLocation, tokenFromLocation } from '../../state/page-token.ts';

type AccountSection = Exclude<RouteSection, 'shop'>;

/** The navigation's words, read at render (getters) so they follow the language. */
const SECTION_LABEL: Record<RouteSection, string> = {
  get shop() {
    return msg('Shop', { desc: 'The navigation: the catalogue, where the customer orders' });
  },
  get dashboard() {
    return msg('Dashboard');
  },
  get orders() {
    return msg('Orders');
  },
  get quotes() {
    return msg('Quotes');
  },
  get invoices() {
    return msg('Invoices');
  },
  get payments() {
    return msg('Payments');
  },
  get deliveries() {
    return msg('Deliveries');
  },
  get addresses() {
    return msg('Addresses', { desc: "The navigation: the account's delivery and billing addresses" });
  },
  get people() {
    return msg('People', { desc: "The navigation: the people of the customer's account (its Admins manage them)" });
  },
  get approvals() {
    return msg('Approvals');
  },
  get profile() {
    return msg('Profile', { desc: "The navigation: the person's own name, language and email choices" });
  },
};

/**
 * Why an account section cannot be opened: its heading and what to do, with the supplier's name.
 * A section the supplier switched off is theirs to explain, not a limit of the customer's link.
 */
function unavailableCopy(
  section: AccountSection,
  supplier: string,
  closedBy: 'workspace' | 'permission',
): [string, string] {
  if (closedBy === 'workspace') {
    const title = {
      dashboard: msg('Your account is not available here'),
      orders: msg('Orders are not available here'),
      quotes: msg('Quotes are not available here'),
      invoices: msg('Invoices are not available here'),
      payments: msg('Payments are not available here'),
      deliveries: msg('Deliveries are not available here'),
      addresses: msg('Addresses are not available here'),
      people: msg('People are not available here'),
      approvals: msg('Approvals are not available here'),
      profile: msg('Your profile is not available here'),
    }[section];
    return [
      title,
      msg(str`${supplier} does not show this in the portal. For anything about it, please contact ${supplier}.`),
    ];
  }
  switch (section) {
    case 'dashboard':
      return [
        msg('Your account is not available here'),
        msg(str`Your portal link does not include an account overview. If you need it, please ask ${supplier}.`),
      ];
    case 'orders':
      return [
        msg('Orders are not available here'),
        msg(str`Your portal link does not include orders. If you need them, please ask ${supplier}.`),
      ];
    case 'quotes':
      return [
        msg('Quotes are not available here'),
        msg(str`Your portal link does not include quotes. If you need them, please ask ${supplier}.`),
      ];
    case 'invoices':
      return [
        msg('Invoices are not available here'),
        msg(str`Your portal link does not include invoices. If you need them, please ask ${supplier}.`),
      ];
    case 'payments':
      return [
        msg('Payments are not available here'),
        msg(str`Your portal link does not include payments. If you need them, please ask ${supplier}.`),
      ];
    case 'deliveries':
      return [
        msg('Deliveries are not available here'),
        msg(str`Your portal link does not include deliveries. If you need them, please ask ${supplier}.`),
      ];
    case 'addresses':
      return [
        msg('Addresses are not available here'),
        msg(str`For your delivery and billing addresses, please contact ${supplier}.`),
      ];
    case 'people':
      return [
        msg('People are not available here'),
        msg("Only your account's Admins manage its people. If you need a change, please ask one of them."),
      ];
    case 'approvals':
      return [
        msg('Approvals are not available here'),
        msg("Only the account's Admins approve orders. Ask one of them if an order of yours waits."),
      ];
    case 'profile':
      return [
        msg('Your profile is not available here'),
        msg(str`This link belongs to the whole account, not to one person. For your own link, please ask ${supplier}.`),
      ];
  }
}

/** Each account section's view, loaded the first time it is opened: the shop's first paint does not wait for them. */
const VIEWS: Record<AccountSection, () => Promise<unknown>> = {
  dashboard: () => import('../../parts/account/dashboard-view.ts'),
  orders: () => import('../../parts/account/orders-view.ts'),
  quotes: () => import('../../parts/account/quotes-view.ts'),
  invoices: () => import('../../parts/account/invoices-view.ts'),
  payments: () => import('../../parts/account/payments-view.ts'),
  deliveries: () => import('../../parts/account/deliveries-view.ts'),
  addresses: () => import('../../parts/account/addresses-view.ts'),
  people: () => import('../../parts/account/people-view.ts'),
  approvals: () => import('../../parts/account/approvals-view.ts'),
  profile: () => import('../../parts/account/profile-view.ts'),
};

/**
 * Where the page's address puts the portal: a `#portal/…` hash, or the page a link names
 * (`#portal_token=…&portal=approvals`, before the token is taken out); else (and on a server,
 * which has no page) the shop.
 */
function routeOfPage(): Route {
  return (
    (typeof window === 'undefined' ? undefined : parseRoute(hashAfterLink(window.location.hash))) ?? {
      section: 'shop',
      key: null,
    }
  );
}

/**
 * The ordering portal a supplier's customer opens from their personal link: a welcome, the
 * catalogue with their own prices, a cart and checkout, and the customer's account: Dashboard,
 * Orders, Quotes, Invoices, Payments and Deliveries, each shown when the workspace enables it and
 * the token may read it, and the account's Addresses.
 *
 * The account is routed by the page's hash, `#portal/<section>[/<number>]` (e.g.
 * `#portal/quotes/QT-2026-0007`; `#portal` or no portal hash is the shop), so its links can be
 * opened in a new tab, bookmarked, reloaded and followed back; the page's other hashes are left
 * to the page. A deep link waits behind "Is this you?" and opens once the customer confirms.
 *
 * @summary A customer's personal ordering portal.
 *
 * @attr {string} lang - The language of the words (English; Spanish for `es`, `es-MX`…; English for any other) and the locale of prices and dates (`es-MX`, `en-IE`). Unset: the nearest ancestor's `lang`, else the page's `<html lang>`. Follows changes at once.
 *
 * @fires portal-ready - The session loaded; `event.session` says who the customer is.
 * @fires portal-cart-change - The cart changed; `lines`, `itemCount`, `totalMinor`, `currency`.
 * @fires portal-order-placed - An order was placed; `event.order`.
 * @fires portal-payment-required - Payment is due: after an order placed in Pay Now mode (`event.order`), or "Pay" on an invoice (`event.invoice`, its `balance_minor` due; `event.order` is null). Cancel it to take payment yourself, else the element goes to the payment URL with `order` or `invoice`, `amount_minor` and `currency`.
 * @fires portal-error - A request failed; `event.error` (an ApiError with a `kind`).
 *
 * @csspart header - The bar with the supplier's name and the cart button.
 * @csspart nav - The account navigation (Shop, Dashboard, Orders…): a row of links, a menu on narrow screens.
 * @csspart nav-link - One link of the navigation; the current one has `aria-current="page"`.
 * @csspart section - The account section on screen (Dashboard, Orders, Quotes…), below the navigation.
 * @csspart welcome - The "Is this you?" screen.
 * @csspart notice - Messages: errors, the supplier being unavailable, a section that is not available.
 * @csspart button - Primary buttons.
 * @csspart badge - Status badges: a product's availability, a document's status.
 * @csspart dialog - Confirmations in the account sections (e.g. accepting a quote).
 * @csspart cart-button - The button that opens the cart, with its count.
 * @csspart cart - The cart dialog (a bottom drawer on narrow screens, a modal on wide ones).
 * @csspart tabs - The catalogue's tab list (All, New Arrivals, On Sale, Past Orders, categories).
 * @csspart tab - One catalogue tab; the selected one has `aria-selected="true"`.
 * @csspart search - The catalogue's search box.
 * @csspart product-list - The list (or quick-order table) of products.
 * @csspart product-card - One product in the Standard template.
 * @csspart price - A product's price.
 * @csspart orders - In the Past Orders tab: the list of orders (as on <past-orders>).
 * @csspart order - In the Past Orders tab: one order.
 * @csspart history - In the Past Orders tab: the products bought before.
 * @csspart history-item - In the Past Orders tab: one product bought before.
 * @csspart detail - A document's details over its list (a modal on wide screens, a bottom drawer on narrow ones): an order, quote, invoice or delivery in the account sections, an order in the Past Orders tab.
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
 * @cssprop [--portal-min-height=80vh] - The smallest height the portal takes, from its first paint: reserve the same for `customer-portal:not(:defined)` so nothing on the page moves.
 */
@localized()
export class CustomerPortal extends LitElement {
  static override styles = styles;

  /** `lang` is observed too: the element's language, else the page's (see LanguageController). */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  /** Base URL of the supplier's portal API, e.g. `https://api.supplier.example`. Empty: this page's origin. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** The customer's portal token. When absent it is read from the page's link (`#portal_token=…`) and removed from the address bar. */
  @property() token = '';

  @state() private portal: PortalState | undefined;
  @state() private notMe = false;
  /** Where the customer is: the shop, or an account section (and document). */
  @state() private route: Route = routeOfPage();
  /** On a narrow screen the navigation is a menu: whether it is open. */
  @state() private menuOpen = false;

  @provide({ context: storeContext }) @state() private store: PortalStore | undefined;
  @provide({ context: stateContext }) @state() private snapshot: PortalState | undefined;

  @query('dialog') private cartDialog!: HTMLDialogElement | null;

  /** The next catalogue load fetches again (prices changed) instead of sharing the loaded one. */
  #reloadCatalog = false;

  readonly #link = new StoreLink(this, () => this.#onStoreChange());
  readonly #language = new LanguageController(this);
  readonly #shell = new PortalShell(this, () => this.store);

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.#language.hostLangChanged();
  }

  readonly #onStoreChange = () => {
    const previous = this.snapshot;
    this.snapshot = this.portal = this.store!.state;
    // The language the person chose in their profile, over the page's (and back when they clear it).
    const language = this.snapshot.session?.person?.language ?? null;
    if (this.snapshot.session && (!previous?.session || (previous.session.person?.language ?? null) !== language)) {
      choosePersonLanguage(language);
      this.#language.hostLangChanged();
    }
    if (previous && previous.cart !== this.snapshot.cart) this.#shell.announceCart(true);
  };

  readonly #sessionTask = new Task(this, {
    args: () => [this.store] as const,
    task: async ([store], { signal }) => {
      if (!store) return undefined;
      const session = await abortable(store.loadSession(), signal);
      this.dispatchEvent(new PortalReadyEvent(session));
      if (store.state.catalog) this.#shell.announceCart(false);
      return session;
    },
    onError: (error) => this.#shell.failed(error, () => this.#sessionTask.run()),
  });

  // Starts with the session when the customer confirmed before (no waiting for one to fetch the other).
  readonly #catalogTask = new Task(this, {
    args: () => [this.store, this.portal?.confirmed ?? false] as const,
    task: async ([store, confirmed], { signal }) => {
      if (!store || !confirmed) return undefined;
      const loading = store.loadCatalog(this.#reloadCatalog);
      // The request is out: the browser's formatting data loads while the answer downloads.
      setTimeout(() => prepareFormats(intlLocaleOf(this)));
      const catalog = await abortable(loading, signal);
      this.#reloadCatalog = false;
      this.#shell.announceCart(false);
      return catalog;
    },
    onError: (error) => this.#shell.failed(error, () => this.#catalogTask.run()),
  });

  /**
   * The catalogue's code, a chunk of its own, and the Quantity Grid's for the customers with that
   * template: asked for with the first requests (the grid's with the session that names it), so it
   * is in when the catalogue's answer arrives; the catalogue shows once both are.
   */
  readonly #catalogCode = new Task(this, {
    args: () => [this.portal?.session?.settings.order_template === 'quantity_grid'] as const,
    task: async ([grid]) => {
      // format.ts comes in the chunk of the parts the catalogue shares (vite.config.ts): asking for
      // it here brings that chunk beside the catalogue's, not after it.
      await Promise.all([import('../../parts/format.ts'), loadCatalog(), grid ? loadOrderPad() : undefined]);
    },
  });

  /** Loads the view of the account section on screen, once. */
  readonly #viewTask = new Task(this, {
    args: () => [this.#sectionToLoad()] as const,
    task: async ([section]) => {
      if (section) await VIEWS[section]();
      return section;
    },
  });

  /** After a navigation, the focus goes to the new page's heading once it is on screen. */
  #focusPending = false;

  override connectedCallback(): void {
    super.connectedCallback();
    whenIdle(loadCart);
    window.addEventListener('hashchange', this.#onLocation);
    window.addEventListener('popstate', this.#onLocation);
    // The address may have changed while the element was out of the page.
    this.route = routeOfPage();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onLocation);
    window.removeEventListener('popstate', this.#onLocation);
  }

  /**
   * A link, Back or Forward changed the address. Only the portal's own hashes move it; no hash at
   * all is the shop (where the page started); any other hash is the page's business.
   */
  readonly #onLocation = () => {
    // A personal link opened on this very page (only its hash differs, so the page did not reload).
    if (!this.hasAttribute('token') && tokenFromLocation(window.location)) {
      this.token = pageToken(this.apiBase || window.location.origin);
      this.notMe = false;
      this.route = routeOfPage();
      return;
    }
    const hash = window.location.hash;
    if (!isPortalHash(hash) && hash !== '' && hash !== '#') return;
    const next = routeOfPage();
    this.menuOpen = false;
    if (next.section === this.route.section && next.key === this.route.key) return;
    // Within a section, a document opens over its list and closes back to it: the view's dialog
    // takes the focus and gives it back to the row, so the heading does not take it.
    const sameList = next.section === this.route.section;
    this.route = next;
    this.#focusPending = !sameList;
  };

  /** The section whose view should be loaded now: an allowed account section, once the customer confirmed. */
  #sectionToLoad(): AccountSection | null {
    const { section } = this.route;
    if (section === 'shop' || !this.portal?.confirmed || !sectionAllowed(this.portal.session, section)) return null;
    return section;
  }

  protected override updated(): void {
    if (this.#focusPending && this.portal?.confirmed && this.portal.session) {
      this.#focusPending = false;
      void this.#focusHeading();
    }
  }

  /** Moves the focus to the heading of the page on screen (inside the section's view when there is one). */
  async #focusHeading(): Promise<void> {
    const route = this.route;
    await this.#viewTask.taskComplete.catch(() => undefined);
    await this.updateComplete;
    if (route !== this.route) return; // navigated again meanwhile: that navigation moves the focus
    const host = this.renderRoot.querySelector<HTMLElement>('[data-page]');
    const view = host?.firstElementChild;
    let heading: HTMLElement | null | undefined;
    if (view && view.localName.includes('-')) {
      await customElements.whenDefined(view.localName);
      await (view as Partial<LitElement>).updateComplete;
      // A document open over the list (a modal dialog): its heading, the rest of the page is inert.
      heading =
        view.shadowRoot?.querySelector<HTMLElement>('dialog[open] h2') ??
        view.shadowRoot?.querySelector<HTMLElement>('h1, h2');
    } else {
      heading = host?.querySelector<HTMLElement>('h1, h2');
    }
    if (!heading && route.section === 'shop') {
      // A shop with no other pages has no heading: the focus goes to the catalogue's selected tab once it is in.
      await this.#catalogTask.taskComplete.catch(() => undefined);
      await this.#catalogCode.taskComplete.catch(() => undefined);
      await this.updateComplete;
      const catalog = this.renderRoot.querySelector<LitElement>('portal-catalog');
      await catalog?.updateComplete;
      if (route !== this.route) return;
      const tab = catalog?.shadowRoot?.querySelector<HTMLElement>('[role=tab][aria-selected=true]');
      if (tab) return tab.focus();
      // Its code could not load: the notice saying so, and offering Retry, takes the focus.
      heading = this.renderRoot.querySelector<HTMLElement>('[role=alert] h2');
    }
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    heading.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#link.sync(changed)) {
      this.store = this.#link.store;
      this.snapshot = this.portal = this.store?.state;
    }
  }

  #confirm(): void {
    this.notMe = false;
    this.store?.confirmIdentity();
    // The welcome and its button are gone: the focus goes to the page the customer lands on (a deep
    // link's, or the shop's heading, from where Tab reaches the catalogue's tabs).
    this.#focusPending = true;
  }

  #notMe(): void {
    this.store?.forgetIdentity();
    // On a shared computer this is signing out: the next visit needs the link again.
    forgetLink(this.apiBase || window.location.origin, this.token);
    this.notMe = true;
  }

  /** Opens the cart (also used by the host page, e.g. from a header button). */
  openCart(): void {
    // The cart's code loads on demand (usually already in, from an idle moment after the first paint).
    loadCart().then(
      async () => {
        await (this.cartDialog?.querySelector('portal-cart') as LitElement | null)?.updateComplete;
        if (this.cartDialog && !this.cartDialog.open) this.cartDialog.showModal();
      },
      (error: unknown) => this.#shell.failed(error, () => this.openCart()),
    );
  }

  #onOrderPlaced(event: PortalOrderPlacedEvent): void {
    this.#shell.payNow(this.portal?.session, event.order);
  }

  protected override render() {
    // A server renders the placeholder: the page's link, and so the store, exist only in the browser.
    if (!this.store && isServer) return this.#skeleton();
    if (!this.store) {
      return html`<div class="notice" part="notice" role="alert">
        <h2>${msg('This page needs your personal portal link')}</h2>
        <p>${msg('Open the link your supplier sent you, or ask them for one.')}</p>
      </div>`;
    }
    const content = this.#sessionTask.render({
      initial: () => this.#skeleton(),
      pending: () => this.#skeleton(),
      error: (error) => this.#shell.errorNotice(error, () => this.#sessionTask.run()),
      complete: (session) => (session ? this.#afterSession() : this.#skeleton()),
    });
    return html`${content}${this.#shell.liveRegion()}`;
  }

  #afterSession() {
    const portal = this.portal!;
    const session = portal.session!;
    if (!portal.confirmed) return this.#welcome(session, session.workspace.name);
    const shopping = buildsCart(session);
    return html`
      <div class="header" part="header">
        <strong class="supplier">${session.workspace.name}</strong>
        <span class="customer">${session.person ? html`${session.person.name} · ` : nothing}${session.customer.business_name}
          <button type="button" class="link" @click=${this.#notMe}>${msg('Not you?')}</button></span>
        ${shopping ? this.#cartButton() : nothing}
      </div>
      ${
        session.settings.supplier_available
          ? nothing
          : html`<div class="notice warning" part="notice" role="status">
        <strong>${msg(str`${session.workspace.name} is not taking orders right now.`)}</strong>
        ${msg('You can keep browsing and filling your cart; it is kept until ordering is possible again.')}
      </div>`
      }
      ${this.#nav()}
      <div class="shop" ?hidden=${this.route.section !== 'shop'} data-page=${this.route.section === 'shop' ? 'shop' : nothing}>
        ${this.#hasAccount() ? html`<h2 class="visually-hidden">${SECTION_LABEL.shop}</h2>` : nothing}
        ${this.#catalogTask.render({
          initial: () => this.#skeleton(),
          // While prices reload (after price_changed), keep the catalogue as the customer left it.
          pending: () => (portal.catalog ? this.#catalogView() : this.#skeleton()),
          error: (error) => this.#shell.errorNotice(error, () => this.#catalogTask.run()),
          complete: (catalog) => (catalog ? this.#catalogView() : this.#skeleton()),
        })}
      </div>
      ${this.route.section === 'shop' ? nothing : html`<div class="section" part="section" data-page=${this.route.section}>${this.#section()}</div>`}
      ${shopping ? this.#cartDialog() : nothing}
    `;
  }

  /** The cart and checkout, over the page. */
  #cartDialog() {
    return html`<dialog class="cart-dialog" part="cart" aria-label=${msg('Cart')} @close=${() => ['placed', 'quote_requested'].includes(this.store?.state.checkout.status ?? '') && this.store?.resetCheckout()}>
        <portal-cart exportparts="button"
          @portal-order-placed=${this.#onOrderPlaced}
          @portal-close=${() => this.cartDialog?.close()}
          @portal-prices-stale=${() => {
            this.#reloadCatalog = true;
            void this.#catalogTask.run();
          }}></portal-cart>
      </dialog>`;
  }

  /** The button that opens the cart, with its count. */
  #cartButton() {
    return html`<button class="cart-button" part="cart-button" type="button" @click=${this.openCart}
          aria-label=${
            this.store!.itemCount === 1
              ? msg('Cart, 1 item', { desc: "The cart button's name for screen readers, with one item" })
              : msg(str`Cart, ${this.store!.itemCount} items`, {
                  desc: "The cart button's name for screen readers, with the number of items",
                })
          }>
          ${msg('Cart')} <span class="count">${this.store!.itemCount}</span>
        </button>`;
  }

  /** Whether the customer has an account section besides the shop (else no navigation is shown). */
  #hasAccount(): boolean {
    return sectionAllowed(this.portal?.session, 'dashboard');
  }

  #nav() {
    if (!this.#hasAccount()) return nothing;
    const session = this.portal!.session;
    const current = this.route.section;
    // Wide: one row of links. Narrow: a menu button naming the current page, opening the same links.
    return html`<nav class="nav" part="nav" aria-label=${msg('Account', { desc: "The name of the navigation of the customer's account" })} @keydown=${this.#onNavKey}>
      <button type="button" class="menu-button" aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls="account-links"
        @click=${() => {
          this.menuOpen = !this.menuOpen;
        }}><span class="muted">${msg('Menu')}</span> ${SECTION_LABEL[current]}</button>
      <div class=${this.menuOpen ? 'links open' : 'links'} id="account-links" @click=${() => {
        this.menuOpen = false;
      }}>
        ${ROUTE_SECTIONS.filter((s) => sectionAllowed(session, s)).map(
          (s) => html`<a part="nav-link" href=${routeHref(s)}
          aria-current=${s === current ? 'page' : nothing}>${SECTION_LABEL[s]}</a>`,
        )}
      </div>
    </nav>`;
  }

  /** Escape closes the open menu and gives the focus back to its button. */
  #onNavKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.menuOpen) return;
    this.menuOpen = false;
    this.renderRoot.querySelector<HTMLElement>('.menu-button')?.focus();
  }

  /** The account section on screen: its view once loaded, or why it cannot be opened. */
  #section() {
    const { section, key } = this.route;
    if (section === 'shop') return nothing;
    if (!sectionAllowed(this.portal?.session, section)) return this.#unavailable(section);
    return this.#viewTask.render({
      initial: () => this.#skeleton(),
      pending: () => this.#skeleton(),
      error: () => this.#codeFailed(() => this.#viewTask.run()),
      complete: (loaded) => (loaded === section ? this.#view(section, key) : this.#skeleton()),
    });
  }

  #view(section: AccountSection, key: string | null) {
    const parts = 'button, notice, badge, dialog, detail';
    switch (section) {
      case 'dashboard':
        return html`<portal-dashboard-view exportparts=${parts}></portal-dashboard-view>`;
      case 'orders':
        return html`<portal-orders-view exportparts=${parts} .orderKey=${key}></portal-orders-view>`;
      case 'quotes':
        return html`<portal-quotes-view exportparts=${parts} .quoteKey=${key}></portal-quotes-view>`;
      case 'invoices':
        return html`<portal-invoices-view exportparts=${parts} .invoiceKey=${key}></portal-invoices-view>`;
      case 'payments':
        return html`<portal-payments-view exportparts=${parts}></portal-payments-view>`;
      case 'deliveries':
        return html`<portal-deliveries-view exportparts=${parts} .deliveryKey=${key}></portal-deliveries-view>`;
      case 'addresses':
        return html`<portal-addresses-view exportparts=${parts}></portal-addresses-view>`;
      case 'people':
        return html`<portal-people-view exportparts=${parts}></portal-people-view>`;
      case 'approvals':
        return html`<portal-approvals-view exportparts=${parts}></portal-approvals-view>`;
      case 'profile':
        return html`<portal-profile-view exportparts=${parts}></portal-profile-view>`;
    }
  }

  /** A link to a section this customer may not open (switched off, or not in their link's permissions). */
  #unavailable(section: AccountSection) {
    const [title, body] = unavailableCopy(
      section,
      this.#shell.supplier,
      sectionClosedBy(this.portal?.session, section),
    );
    return html`<div class="notice warning" part="notice">
      <h2 tabindex="-1">${title}</h2>
      <p>${body}</p>
      <a class="back" href=${routeHref('shop')}>${msg('Back to the shop')}</a>
    </div>`;
  }

  /** One template for every state that shows the catalogue, so Lit keeps the same element (and its tab and search). */
  #catalogView() {
    // The skeleton holds the catalogue's place until its code is in (usually before its answer).
    return this.#catalogCode.render({
      initial: () => this.#skeleton(),
      pending: () => this.#skeleton(),
      error: () => this.#codeFailed(() => this.#catalogCode.run()),
      // "Reorder with changes" in the Past Orders tab: the lines are in this portal's cart, open it here.
      // Every part of the catalogue, and of <past-orders> in its Past Orders tab, is the portal's own.
      complete:
        () => html`<portal-catalog exportparts="tabs, tab, search, product-list, product-card, price, badge, button, notice, orders, order, history, history-item, detail"
      @portal-open-cart=${(event: Event) => {
        event.stopPropagation();
        this.openCart();
      }}></portal-catalog>`,
    });
  }

  /** A part of the portal whose code did not load (offline): what to do, and Retry. */
  #codeFailed(retry: () => unknown) {
    const onRetry = () => {
      this.#focusPending = true; // the Retry button goes with the notice
      void retry();
    };
    return html`<div class="notice error" part="notice" role="alert">
      <h2>${msg('This page could not be loaded')}</h2>
      <p>${msg('Check your connection, then try again.')}</p>
      <button type="button" class="primary" part="button" @click=${onRetry}>${msg('Retry')}</button>
    </div>`;
  }

  #welcome(session: Session, supplier: string) {
    const business = session.customer.business_name;
    if (this.notMe) {
      return html`<section class="welcome" part="welcome" aria-labelledby="welcome-title">
        <h1 id="welcome-title">${msg('This link belongs to someone else')}</h1>
        <p>${msg(str`Each customer of ${supplier} has a personal link. Please ask ${supplier} for your own.`)}</p>
        <button type="button" class="link" @click=${() => {
          this.notMe = false;
        }}>${msg('Back')}</button>
      </section>`;
    }
    return html`<section class="welcome" part="welcome" aria-labelledby="welcome-title">
      <p class="supplier">${supplier}</p>
      <h1 id="welcome-title">${
        session.person
          ? msg(str`Welcome back, ${firstName(session.person.name)} — ${business}`, {
              desc: "The person's first name, then the customer's business name",
            })
          : msg(str`Welcome back, ${business}`, { desc: "The customer's business name" })
      }</h1>
      <p>${msg('Is this you?')}</p>
      <div class="actions">
        <button type="button" class="primary" part="button" @click=${this.#confirm}>${msg('Yes, start ordering')}</button>
        <button type="button" class="link" @click=${this.#notMe}>${msg('Not you?')}</button>
      </div>
    </section>`;
  }

  #skeleton() {
    return html`<div class="skeleton" aria-busy="true" aria-label=${msg('Loading')}>
      <div class="bar"></div>
      <div class="cards">${Array.from({ length: 6 }, () => html`<div class="card"></div>`)}</div>
    </div>`;
  }
}

define('customer-portal', CustomerPortal);

declare global {
  interface HTMLElementTagNameMap {
    'customer-portal': CustomerPortal;
  }
}
