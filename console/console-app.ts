import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { AdminClient } from './api.ts';
import { LANGS, lang as currentLang, setLang, t, type Lang, type MessageKey } from './i18n.ts';
import { errorText, type AnnounceEvent, type ConsoleScreen } from './screen.ts';
import { consoleStyles } from './styles.ts';
import './screens/customers.ts';
import './screens/delivery-services.ts';
import './screens/orders.ts';
import './screens/price-lists.ts';
import './screens/products.ts';
import './screens/promotions.ts';
import './screens/quotes.ts';
import './screens/requests.ts';
import './screens/settings.ts';

/** Where the admin key lives: this tab only, gone when it closes. */
const KEY_STORAGE = 'portal-console-key';
const LANG_STORAGE = 'portal-console-lang';

const ROUTES = [
  'customers',
  'orders',
  'quotes',
  'requests',
  'products',
  'price-lists',
  'promotions',
  'delivery-services',
  'settings',
] as const;
type Route = (typeof ROUTES)[number];
const ROUTE_LABEL: Record<Route, MessageKey> = {
  customers: 'nav.customers',
  orders: 'nav.orders',
  quotes: 'nav.quotes',
  products: 'nav.products',
  'price-lists': 'nav.priceLists',
  promotions: 'nav.promotions',
  'delivery-services': 'nav.deliveryServices',
  requests: 'nav.requests',
  settings: 'nav.settings',
};

const routeFromHash = (): Route => {
  const name = location.hash.replace(/^#\/?/, '').split('?')[0]!;
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'customers';
};

/** What follows `?` in the hash: `#/requests?order=…&customer=…` opens one order's request. */
const hashParams = (): URLSearchParams => new URLSearchParams(location.hash.split('?')[1] ?? '');

const LANG_NAMES: Record<Lang, string> = { en: 'English', es: 'Español' };

/**
 * The supplier console: sign-in with the admin key, then one screen per part of the back office,
 * chosen by the URL's hash (`#/customers`), so Back and reload keep the place.
 *
 * @summary The supplier console's shell: sign-in, navigation, language, live region.
 */
@customElement('portal-console')
export class PortalConsole extends LitElement {
  static override styles = [
    consoleStyles,
    css`
    :host { min-height: 100vh; background: var(--_background); }
    .skip { position: absolute; left: 8px; top: -48px; background: var(--_surface); padding: 8px; border-radius: var(--_radius); }
    .skip:focus { top: 8px; }
    header { background: var(--_surface); border-bottom: 1px solid var(--_border); }
    .bar { max-width: 1200px; margin: 0 auto; padding: 10px var(--_space); display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
    .bar .name { font-weight: 700; font-size: 1.1rem; margin: 0; flex: 1 1 auto; }
    .bar .lang { display: flex; gap: 6px; align-items: center; }
    nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px; margin: 0 auto; padding: 0 var(--_space) 8px; max-width: 1200px; }
    nav a { display: inline-block; padding: 8px 12px; border-radius: var(--_radius); color: var(--_text); text-decoration: none; }
    nav a[aria-current='page'] { background: var(--_primary); color: var(--_on-primary); font-weight: 600; }
    main { max-width: 1200px; margin: 0 auto; padding: var(--_space); box-sizing: border-box; }
    .signin { max-width: 420px; margin: 10vh auto 0; }
    .signin .hint { margin-bottom: 12px; }
  `,
  ];

  @state() private key = sessionStorage.getItem(KEY_STORAGE) ?? '';
  @state() private route: Route = routeFromHash();
  @state() private params = hashParams();
  @state() private language: Lang = currentLang();
  /** Why the sign-in shows (the key was refused, the person signed out), or ''. */
  @state() private signInNotice = '';
  @state() private signInError = '';
  @state() private signingIn = false;
  @state() private liveMessage = '';

  @query('#key') private keyInput?: HTMLInputElement;

  #client?: AdminClient;

  constructor() {
    super();
    const saved = localStorage.getItem(LANG_STORAGE);
    setLang(saved === 'es' || saved === 'en' ? saved : navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en');
    this.language = currentLang();
    this.addEventListener('console-announce', (event: AnnounceEvent) => this.#say(event.message));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
  }

  protected override willUpdate(): void {
    document.title = t('app.title');
  }

  #onHashChange = () => {
    const route = routeFromHash();
    const params = hashParams();
    if (route === this.route && params.toString() === this.params.toString()) return;
    this.route = route;
    this.params = params;
    void this.#focusScreen();
  };

  get #adminClient(): AdminClient {
    this.#client ??= new AdminClient({ key: this.key, onUnauthorized: () => this.#signOut('signIn.expired') });
    return this.#client;
  }

  async #focusScreen() {
    await this.updateComplete;
    await this.renderRoot.querySelector<ConsoleScreen>('main > *')?.focusHeading();
  }

  #say(message: string) {
    // Emptied first, so the same message said twice is announced twice.
    this.liveMessage = '';
    requestAnimationFrame(() => {
      this.liveMessage = message;
    });
  }

  async #signIn(event: SubmitEvent) {
    event.preventDefault();
    const key = this.keyInput?.value.trim() ?? '';
    if (!key) {
      this.signInError = t('signIn.empty');
      this.keyInput?.focus();
      return;
    }
    this.signingIn = true;
    this.signInError = '';
    try {
      await new AdminClient({ key }).call('getWorkspaceSettings');
      sessionStorage.setItem(KEY_STORAGE, key);
      this.#client = undefined;
      this.signInNotice = '';
      this.key = key;
      if (!location.hash) history.replaceState(null, '', '#/customers');
      this.route = routeFromHash();
      this.params = hashParams();
      await this.#focusScreen();
    } catch (error) {
      this.signInError = (error as { status?: number }).status === 401 ? t('signIn.refused') : errorText(error);
      this.keyInput?.focus();
    } finally {
      this.signingIn = false;
    }
  }

  async #signOut(notice: MessageKey) {
    if (!this.key) return;
    sessionStorage.removeItem(KEY_STORAGE);
    this.#client = undefined;
    this.key = '';
    this.signInNotice = t(notice);
    this.signInError = '';
    await this.updateComplete;
    this.keyInput?.focus();
  }

  #changeLang(event: Event) {
    const value = (event.target as HTMLSelectElement).value as Lang;
    setLang(value);
    localStorage.setItem(LANG_STORAGE, value);
    this.language = value;
    this.signInNotice = '';
  }

  override render() {
    return html`
      <button type="button" class="skip" @click=${this.#skip}>${t('app.skip')}</button>
      <header>
        <div class="bar">
          <p class="name">${t('app.title')}</p>
          <div class="lang">
            <label for="lang">${t('app.language')}</label>
            <select id="lang" @change=${this.#changeLang}>
              ${LANGS.map((l) => html`<option value=${l} lang=${l} ?selected=${l === this.language}>${LANG_NAMES[l]}</option>`)}
            </select>
          </div>
          ${this.key ? html`<button type="button" @click=${() => this.#signOut('signIn.signedOut')}>${t('app.signOut')}</button>` : nothing}
        </div>
        ${
          this.key
            ? html`
          <nav aria-label=${t('app.nav')}>
            <ul>
              ${ROUTES.map((route) => html`<li><a href=${`#/${route}`} aria-current=${route === this.route ? 'page' : nothing}>${t(ROUTE_LABEL[route])}</a></li>`)}
            </ul>
          </nav>`
            : nothing
        }
      </header>
      <main id="main" tabindex="-1">${this.key ? this.#screen() : this.#signInForm()}</main>
      <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.liveMessage}</p>
    `;
  }

  /** A button, not a link: the hash is the console's route. */
  #skip() {
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  #screen() {
    const client = this.#adminClient;
    switch (this.route) {
      case 'customers':
        return html`<console-customers .client=${client} .language=${this.language}></console-customers>`;
      case 'orders':
        return html`<console-orders .client=${client} .language=${this.language}></console-orders>`;
      case 'products':
        return html`<console-products .client=${client} .language=${this.language}></console-products>`;
      case 'price-lists':
        return html`<console-price-lists .client=${client} .language=${this.language}></console-price-lists>`;
      case 'promotions':
        return html`<console-promotions .client=${client} .language=${this.language}></console-promotions>`;
      case 'delivery-services':
        return html`<console-delivery-services .client=${client} .language=${this.language}></console-delivery-services>`;
      case 'quotes':
        return html`<console-quotes .client=${client} .language=${this.language}></console-quotes>`;
      case 'requests':
        // Keyed by the order: another order's link makes a fresh screen.
        return keyed(
          this.params.get('order') ?? '',
          html`<console-requests .client=${client} .language=${this.language}
            .orderId=${this.params.get('order')} .customerId=${this.params.get('customer')}></console-requests>`,
        );
      case 'settings':
        return html`<console-settings .client=${client} .language=${this.language}></console-settings>`;
    }
  }

  #signInForm() {
    return html`
      <section class="signin card" aria-labelledby="signin-title">
        <h1 id="signin-title" tabindex="-1">${t('signIn.title')}</h1>
        ${this.signInNotice ? html`<p class="notice" role="alert">${this.signInNotice}</p>` : nothing}
        <p class="hint" id="key-hint">${t('signIn.intro')}</p>
        <form novalidate @submit=${this.#signIn}>
          <div class="field">
            <label for="key">${t('signIn.key')}</label>
            <input id="key" name="key" type="password" autocomplete="off" spellcheck="false" required
              aria-describedby=${this.signInError ? 'key-hint key-error' : 'key-hint'} aria-invalid=${this.signInError ? 'true' : 'false'}>
            ${this.signInError ? html`<p class="error" role="alert" id="key-error">${this.signInError}</p>` : nothing}
          </div>
          <button class="primary" type="submit" aria-disabled=${this.signingIn ? 'true' : 'false'}>${t('signIn.submit')}</button>
        </form>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-console': PortalConsole;
  }
}
