import { LitElement, html, isServer, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import type { z } from 'zod';
import { ApiError } from '../../api/errors.ts';
import type { OrderDetail, OrderSummary } from '../../contract/index.ts';
import type { OrderHistoryItem } from '../../contract/portal.ts';
import { define } from '../../define.ts';
import { matchesText } from '../../parts/tabs.ts';
import { checkQuantity } from '../../parts/quantity.ts';
import { PortalErrorEvent, PortalOpenCartEvent } from '../../events/index.ts';
import { LanguageController } from '../../i18n/language-controller.ts';
import { intlLocaleOf } from '../../i18n/locale.ts';
import { errorCopy } from '../../parts/error-copy.ts';
import {
  ORDER_STATUS_LABEL as STATUS_LABEL,
  REASON_LABEL,
  formatDate,
  formatMoney,
  skuText,
} from '../../parts/format.ts';
import {
  deliveriesList,
  deliveryAddress,
  itemCount,
  lineText,
  linesTable,
  reorderCopy,
  reorderLines,
  saveFile,
  totalsList,
  unitName,
} from '../../parts/order-detail.ts';
import { PortalShell } from '../../parts/shell.ts';
import { storeContext } from '../../state/context.ts';
import { StoreLink } from '../../state/store-link.ts';
import { buildsCart } from '../../state/permissions.ts';
import type { PortalState, PortalStore } from '../../state/store.ts';
import { styles } from './past-orders.styles.ts';
import { Busy } from '../../parts/busy.ts';
import { domId } from '../../parts/dom-id.ts';
import { DocumentSheet } from '../../parts/document-sheet.ts';

type HistoryItem = z.infer<typeof OrderHistoryItem>;

/** Where a message shows: by the orders, in the open order's dialog, or by the order history. */
type Where = 'orders' | 'detail' | 'history';

interface Feedback {
  where: Where;
  tone: 'ok' | 'error' | 'warn';
  text: string;
  added: string[];
  skipped: string[];
  /** A question's answer: a button that does what was held back ("Add them anyway"). */
  proceed?: { label: string; run: () => void };
}

/**
 * A customer's recent orders and the products they order, with one-tap reorder. Stands alone on
 * any page of the supplier's site, and is the portal's Past Orders tab. Elements with the same
 * API and token share one session and one cart (a `<customer-portal>` or `<reorder-cart>` on the
 * page shows what this one adds at once).
 *
 * @summary Past orders, order history and reorder.
 *
 * @attr {string} lang - The language of the words (English; Spanish for `es`, `es-MX`…; English for any other) and the locale of prices and dates (`es-MX`, `en-IE`). Unset: the nearest ancestor's `lang`, else the page's `<html lang>`. Follows changes at once.
 *
 * @fires portal-cart-change - The cart changed; `lines`, `itemCount`, `totalMinor`, `currency`. Inside a `<customer-portal>` the portal fires it.
 * @fires portal-open-cart - "Reorder with changes": the lines are in the cart, open it for editing. A `<customer-portal>` around this element opens its own cart; on a page, the `<reorder-cart>` opens.
 * @fires portal-error - A request failed; `event.error` (an ApiError with a `kind`).
 *
 * @csspart orders - The Recent orders section.
 * @csspart order - One order: a table row on wide screens, a card on narrow ones.
 * @csspart history - The Order history section.
 * @csspart history-item - One product ordered before.
 * @csspart badge - Availability badges.
 * @csspart button - Buttons.
 * @csspart notice - Error messages.
 * @csspart detail - The order's details: a bottom drawer on narrow screens, a modal on wide ones.
 *
 * @cssprop [--portal-color-primary=#0f766e] - Buttons and links.
 * @cssprop [--portal-color-on-primary=#ffffff] - Text on the primary colour.
 * @cssprop [--portal-color-surface=#ffffff] - Backgrounds of tables, cards and the details.
 * @cssprop [--portal-color-background=#f6f7f9] - A row under the pointer.
 * @cssprop [--portal-color-text=#1f2933] - Body text.
 * @cssprop [--portal-color-muted=#5f6b7a] - Secondary text, drafts.
 * @cssprop [--portal-color-border=#d9dee5] - Borders and dividers.
 * @cssprop [--portal-color-success=#1a7f37] - "Available" badges, added lines.
 * @cssprop [--portal-color-warning=#b45309] - "Not orderable" badges, lines left out.
 * @cssprop [--portal-color-danger=#b42318] - Errors.
 * @cssprop [--portal-font-family=system-ui, sans-serif] - The font.
 * @cssprop [--portal-radius=8px] - Corner radius of cards, buttons and the details.
 * @cssprop [--portal-space=16px] - The base spacing unit.
 */
@localized()
export class PastOrders extends LitElement {
  static override styles = styles;

  /** `lang` is observed too: the element's language, else the page's (see LanguageController). */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  /** Base URL of the supplier's portal API, e.g. `https://api.supplier.example`. Empty: this page's origin. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** The customer's portal token. When absent it is read from the page's link (`#portal_token=…`) and removed from the address bar. */
  @property() token = '';

  /** Shows only the orders (by number or reference) and the products (by name or SKU) that contain this text. The portal's search box sets it. */
  @property() filter = '';

  /** Inside a `<customer-portal>`: the portal's store (the portal announces the cart and opens it). */
  @consume({ context: storeContext, subscribe: true }) @state() private portalStore: PortalStore | undefined;

  @state() private store: PortalStore | undefined;
  @state() private snapshot: PortalState | undefined;
  @state() private orders: OrderSummary[] = [];
  @state() private nextCursor: string | null = null;
  @state() private openId: string | undefined;
  @state() private feedback: Feedback | undefined;
  /** The order guide's quantities as typed, by product|unit (untouched: last time's). */
  @state() private guide = new Map<string, string>();
  private readonly busy = new Busy(this);

  @query('dialog.detail') private detailDialog!: HTMLDialogElement | null;

  readonly #link = new StoreLink(this, () => this.#onStoreChange());
  /** The open order's dialog, as the portal's account sections show a document: open while there is an openId. */
  readonly #sheet = new DocumentSheet(this, {
    dialog: () => this.detailDialog,
    isOpen: () => this.openId !== undefined,
    dismissed: () => this.#onDetailClose(),
    opener: () => (this.openId ? this.#openButton(this.openId) : null),
  });
  readonly #language = new LanguageController(this);

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.#language.hostLangChanged();
  }

  /** The store is the surrounding portal's, which announces the cart and opens it. */
  get #borrowed(): boolean {
    return this.#link.borrowed;
  }
  /** Orders opened or reordered, by id, until an order is placed or changed. */
  readonly #details = new Map<string, OrderDetail>();
  readonly #shell = new PortalShell(this, () => this.store);
  // Each list loads and fails on its own, with its own countdown.
  readonly #ordersRetry = this.#shell.countdown();
  readonly #moreRetry = this.#shell.countdown();
  readonly #historyRetry = this.#shell.countdown();
  readonly #detailRetry = this.#shell.countdown();

  readonly #onStoreChange = () => {
    const previous = this.snapshot;
    this.snapshot = this.store!.state;
    if (!this.#borrowed && previous && previous.cart !== this.snapshot.cart) this.#shell.announceCart(true);
    // An order placed or changed through any element sharing this store (a <reorder-cart>, the
    // portal's cart, a quote accepted in the portal) belongs at the top of the list, and changes the history.
    if (previous && previous.ordersRevision !== this.snapshot.ordersRevision) {
      this.#details.clear();
      void this.#ordersTask.run();
      void this.#historyTask.run();
    }
  };

  readonly #ordersTask = new Task(this, {
    args: () => [this.store] as const,
    task: async ([store], { signal }) => {
      if (!store) return undefined;
      const page = await store.client.orders(undefined, signal);
      this.orders = page.items;
      this.nextCursor = page.next_cursor;
      return page;
    },
    onError: (error) => this.#shell.failed(error, () => this.#ordersTask.run(), this.#ordersRetry),
  });

  readonly #moreTask = new Task(this, {
    autoRun: false,
    args: () => [this.store, this.nextCursor] as const,
    task: async ([store, cursor], { signal }) => {
      if (!store || !cursor) return undefined;
      const page = await store.client.orders(cursor, signal);
      const first = page.items.find((o) => !o.is_draft);
      this.orders = [...this.orders, ...page.items];
      this.nextCursor = page.next_cursor;
      // The button may be gone (last page): keep the keyboard where the new orders start.
      if (first) this.updateComplete.then(() => this.#openButton(first.id)?.focus());
      return page;
    },
    onError: (error) => this.#shell.failed(error, () => this.#moreTask.run(), this.#moreRetry),
  });

  readonly #historyTask = new Task(this, {
    args: () => [this.store] as const,
    task: async ([store], { signal }) => (store ? (await store.client.orderHistory(signal)).items : undefined),
    onError: (error) => this.#shell.failed(error, () => this.#historyTask.run(), this.#historyRetry),
  });

  readonly #detailTask = new Task(this, {
    args: () => [this.store, this.openId] as const,
    task: async ([store, id], { signal }) => (store && id ? this.#detail(store, id, signal) : undefined),
    onError: (error) => this.#shell.failed(error, () => this.#detailTask.run(), this.#detailRetry),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.#link.sync(changed, this.portalStore)) return;
    this.#details.clear();
    this.store = this.#link.store;
    this.snapshot = this.store?.state;
    // Unit names now, and reorder needs it anyway; shared, so fetched once for the page.
    this.store?.loadCatalog().catch(() => undefined);
    // Whether this link orders (a Viewer's or Finance person's does not); shared too.
    this.store?.loadSession().catch(() => undefined);
  }

  /**
   * Whether to offer Reorder and Add to cart: not to a person whose role cannot order, as the
   * portal's own Orders section; until the session is known, as before.
   */
  get #ordering(): boolean {
    const session = this.snapshot?.session;
    return !session || buildsCart(session);
  }

  async #detail(store: PortalStore, id: string, signal?: AbortSignal): Promise<OrderDetail> {
    let detail = this.#details.get(id);
    if (!detail) {
      detail = await store.client.order(id, signal);
      this.#details.set(id, detail);
    }
    return detail;
  }

  // --- actions --------------------------------------------------------------------------------

  async #open(order: OrderSummary): Promise<void> {
    if (order.is_draft) return;
    this.openId = order.id;
    if (this.feedback?.where === 'detail') this.feedback = undefined;
    await this.updateComplete;
    this.#sheet.show();
  }

  #closeDetail(): void {
    this.#sheet.close();
  }

  #onDetailClose(): void {
    // The close event comes a moment later: the dialog may be open again by then.
    if (this.detailDialog?.open) return;
    this.openId = undefined;
    // What was said in the dialog stays in sight.
    if (this.feedback?.where === 'detail') this.feedback = { ...this.feedback, where: 'orders' };
  }

  async #reorder(order: OrderSummary, withChanges: boolean, where: Where, confirmed = false): Promise<void> {
    const store = this.store;
    if (!store || order.is_draft) return;
    await this.busy.run(`reorder:${order.id}`, async () => {
      try {
        const detail = await this.#detail(store, order.id);
        // A second press, or an order already put back: asked before its quantities double.
        const already = detail.lines.filter((l) => store.quantityInCart(l.product_id, l.uom) > 0);
        if (already.length && !confirmed) {
          this.#say(
            {
              where,
              tone: 'warn',
              text:
                already.length === 1
                  ? msg(str`Your cart already has 1 product of ${order.number}. Reorder adds to what is there:`, {
                      desc: "An order's number",
                    })
                  : msg(
                      str`Your cart already has ${already.length} products of ${order.number}. Reorder adds to what is there:`,
                      { desc: "A count, then an order's number" },
                    ),
              added: this.#inCart(store, already),
              skipped: [],
              proceed: {
                label: msg('Add them anyway'),
                run: () => void this.#reorder(order, withChanges, where, true),
              },
            },
            true,
          );
          return;
        }
        const result = await reorderLines(store, detail.lines);
        this.#say({ where, tone: 'ok', ...reorderCopy(store, order.number, detail.lines, result) });
        if (withChanges) {
          this.#closeDetail();
          this.dispatchEvent(new PortalOpenCartEvent(this.#borrowed ? '' : this.token));
        }
      } catch (error) {
        this.#actionFailed(
          error,
          where,
          msg(str`${order.number} could not be added to your cart.`, { desc: "An order's number or a product's name" }),
        );
      }
    });
  }

  /** "12 × Cold Brew Coffee 1 L in the cart", for the first few lines the cart already has; then how many more. */
  #inCart(store: PortalStore, lines: readonly { product_id: string; uom: string; name: string }[]): string[] {
    const shown = lines
      .slice(0, 5)
      .map((l) =>
        msg(
          str`${this.#lineText(l.product_id, l.uom, store.quantityInCart(l.product_id, l.uom), l.name)} in the cart`,
          { desc: 'A quantity and a product, e.g. "12 × Cold Brew Coffee 1 L"' },
        ),
      );
    return lines.length > 5
      ? [...shown, msg(str`and ${lines.length - 5} more`, { desc: 'After a list of products: how many more' })]
      : shown;
  }

  #guideKey(item: HistoryItem): string {
    return `${item.product_id}|${item.last_uom}`;
  }

  /** The guide's quantity for a product: what was typed, else last time's; undefined when what was typed is not a quantity. */
  #guideQuantity(item: HistoryItem): number | undefined {
    const check = checkQuantity(
      this.guide.get(this.#guideKey(item)) ?? String(item.last_quantity),
      1,
      intlLocaleOf(this),
    );
    return check.ok ? check.quantity : undefined;
  }

  /** "Add all": every orderable product of the guide at its quantity, asking first when the cart has some of them. */
  async #addAll(items: HistoryItem[], confirmed = false): Promise<void> {
    const store = this.store;
    if (!store) return;
    const lines = items
      .filter((item) => item.availability.orderable && this.#guideQuantity(item) !== undefined)
      .map((item) => ({
        product_id: item.product_id,
        name: item.name,
        sku: item.sku,
        uom: item.last_uom,
        quantity: this.#guideQuantity(item)!,
      }));
    if (!lines.length) return;
    const already = lines.filter((l) => store.quantityInCart(l.product_id, l.uom) > 0);
    if (already.length && !confirmed) {
      this.#say(
        {
          where: 'history',
          tone: 'warn',
          text:
            already.length === 1
              ? msg('Your cart already has 1 of these products. Adding all adds to what is there:')
              : msg(str`Your cart already has ${already.length} of these products. Adding all adds to what is there:`),
          added: this.#inCart(store, already),
          skipped: [],
          proceed: { label: msg('Add them anyway'), run: () => void this.#addAll(items, true) },
        },
        true,
      );
      return;
    }
    await this.busy.run('add-all', async () => {
      try {
        const result = await reorderLines(store, lines);
        this.#say({
          where: 'history',
          tone: 'ok',
          text:
            result.added.length === 1
              ? msg('Added 1 product to your cart.')
              : msg(str`Added ${result.added.length} products to your cart.`),
          added: result.added.map((l) =>
            this.#lineText(
              l.product_id,
              l.uom,
              l.quantity,
              lines.find((x) => x.product_id === l.product_id)?.name ?? '',
            ),
          ),
          skipped: result.skipped.map((s) => `${s.name}: ${REASON_LABEL[s.reason]}`),
        });
      } catch (error) {
        this.#actionFailed(error, 'history', msg('Your usual products could not be added to your cart.'));
      }
    });
  }

  async #addFromHistory(item: HistoryItem): Promise<void> {
    const store = this.store;
    if (!store) return;
    const quantity = this.#guideQuantity(item);
    if (quantity === undefined) return;
    await this.busy.run(`add:${item.product_id}:${item.last_uom}`, async () => {
      try {
        const { added, skipped } = await reorderLines(store, [
          { product_id: item.product_id, name: item.name, sku: item.sku, uom: item.last_uom, quantity },
        ]);
        this.#say(
          added.length
            ? {
                where: 'history',
                tone: 'ok',
                added: [],
                skipped: [],
                text: msg(
                  str`Added ${this.#lineText(item.product_id, item.last_uom, quantity, item.name)} to your cart.`,
                  { desc: 'A quantity and a product, e.g. "12 × Cold Brew Coffee 1 L"' },
                ),
              }
            : {
                where: 'history',
                tone: 'error',
                added: [],
                skipped: [],
                text: msg(str`${item.name} can no longer be ordered: ${REASON_LABEL[skipped[0].reason]}.`, {
                  desc: 'A product, then why it cannot be ordered',
                }),
              },
        );
      } catch (error) {
        this.#actionFailed(
          error,
          'history',
          msg(str`${item.name} could not be added to your cart.`, { desc: "An order's number or a product's name" }),
        );
      }
    });
  }

  async #downloadPdf(order: OrderSummary, where: Where): Promise<void> {
    const store = this.store;
    if (!store || order.is_draft) return;
    await this.busy.run(`pdf:${order.id}`, async () => {
      try {
        saveFile(this.renderRoot, await store.client.orderPdf(order.id), `${order.number}.pdf`);
        if (this.feedback?.where === where && this.feedback.tone === 'error') this.feedback = undefined;
      } catch (error) {
        this.#actionFailed(error, where, msg(str`The PDF of ${order.number} could not be downloaded.`));
      }
    });
  }

  #actionFailed(error: unknown, where: Where, text: string): void {
    const apiError = error instanceof ApiError ? error : new ApiError({ kind: 'network', message: String(error) });
    this.dispatchEvent(new PortalErrorEvent(apiError));
    const copy =
      apiError.kind === 'not_found'
        ? { title: msg('The supplier no longer has it'), body: msg('Please refresh the page.') }
        : errorCopy(apiError, this.#shell.supplier);
    this.#say({ where, tone: 'error', text: `${text} ${copy.title}. ${copy.body}`, added: [], skipped: [] });
  }

  /** Shows a message where the action happened, scrolled into sight (a long list may hide it). */
  /** Says what happened where it happened; with `focus`, the keyboard goes to the message's button. */
  #say(feedback: Feedback, focus = false): void {
    this.feedback = feedback;
    this.updateComplete.then(() => {
      const box = this.renderRoot.querySelector<HTMLElement>(`.feedback[data-where="${feedback.where}"]`);
      box?.scrollIntoView({ block: 'nearest' });
      if (focus) box?.querySelector<HTMLElement>('button')?.focus();
    });
  }

  // --- helpers --------------------------------------------------------------------------------

  #money(minor: number, currency: string): string {
    return formatMoney(minor, currency, intlLocaleOf(this));
  }

  #date(iso: string): string {
    return formatDate(iso, intlLocaleOf(this));
  }

  #unit(productId: string, uom: string): string {
    return unitName(this.store, productId, uom);
  }

  #lineText(productId: string, uom: string, quantity: number, name: string): string {
    return lineText(this.store, productId, uom, quantity, name);
  }

  #openButton(id: string): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>(`button[data-open="${CSS.escape(id)}"]`);
  }

  // --- rendering ------------------------------------------------------------------------------

  protected override render() {
    // A server renders the placeholder: the page's link, and so the store, exist only in the browser.
    if (!this.store && isServer) return this.#skeleton('orders', 10);
    if (!this.store) {
      return html`<div class="notice" part="notice" role="alert">
        <h2>${msg('This page needs your personal portal link')}</h2>
        <p>${msg('Open the link your supplier sent you, or ask them for one.')}</p>
      </div>`;
    }
    return html`
      <section part="orders" aria-labelledby="orders-title">
        <h2 id="orders-title">${msg('Recent orders')}</h2>
        ${this.#feedback('orders')}
        ${this.#ordersTask.render({
          initial: () => this.#skeleton('orders', 10),
          pending: () => this.#skeleton('orders', 10),
          error: (error) => this.#shell.errorNotice(error, () => this.#ordersTask.run(), this.#ordersRetry),
          complete: (page) => (page ? this.#orderList() : this.#skeleton('orders', 10)),
        })}
      </section>
      <section part="history" aria-labelledby="history-title">
        <h2 id="history-title">${msg('Order history')}</h2>
        <p class="intro muted">${
          this.#ordering
            ? msg(
                'Your usual products, the most recent first, at the quantities you ordered last time: change any, then add one or all.',
              )
            : msg('Your usual products, the most recent first, at the quantities you ordered last time.')
        }</p>
        ${this.#feedback('history')}
        ${this.#historyTask.render({
          initial: () => this.#skeleton('history', 6),
          pending: () => this.#skeleton('history', 6),
          error: (error) => this.#shell.errorNotice(error, () => this.#historyTask.run(), this.#historyRetry),
          complete: (items) => (items ? this.#history(items) : this.#skeleton('history', 6)),
        })}
      </section>
      <dialog class="detail sheet" id="detail" part="detail" aria-modal="true" aria-labelledby=${this.openId ? 'detail-title' : nothing}>
        ${this.#detailView()}
      </dialog>
      ${this.#shell.liveRegion()}`;
  }

  #skeleton(kind: 'orders' | 'history' | 'detail', rows: number) {
    const what = {
      orders: () => msg('your orders', { desc: 'Completes "Loading …"' }),
      history: () => msg('your order history', { desc: 'Completes "Loading …"' }),
      detail: () => msg('the order', { desc: 'Completes "Loading …"' }),
    }[kind]();
    return html`<div class=${`skeleton ${kind}`} aria-busy="true">
      <span class="visually-hidden">${msg(str`Loading ${what}…`, { desc: 'For screen readers while a list or document loads, e.g. "Loading your invoices…"' })}</span>
      ${Array.from({ length: rows }, () => html`<div class="bar"></div>`)}
    </div>`;
  }

  /** A live region that is always there (so it is announced), filled where the action happened. */
  #feedback(where: Where) {
    const f = this.feedback?.where === where ? this.feedback : undefined;
    return html`<div class=${`feedback ${f?.tone ?? ''}`} data-where=${where} role="status">${
      f
        ? html`
      <p>${f.text}</p>
      ${f.added.length ? html`<ul aria-label=${msg('Added', { desc: 'The list of lines put in the cart by a reorder' })}>${f.added.map((t) => html`<li>${t}</li>`)}</ul>` : nothing}
      ${
        f.skipped.length
          ? html`<p class="skipped">${msg('Left out, no longer orderable:')}</p>
        <ul class="skipped" aria-label=${msg('Left out', { desc: 'The list of lines a reorder could not put in the cart' })}>${f.skipped.map((t) => html`<li>${t}</li>`)}</ul>`
          : nothing
      }
      ${
        f.proceed
          ? html`<p class="actions"><button type="button" class="primary" part="button" @click=${() => {
              const run = f.proceed!.run;
              this.feedback = undefined;
              run();
            }}>${f.proceed.label}</button>
        <button type="button" class="link" @click=${() => {
          this.feedback = undefined;
        }}>${msg('Keep my cart as it is')}</button></p>`
          : nothing
      }`
        : nothing
    }</div>`;
  }

  #orderList() {
    if (!this.orders.length) {
      return html`<div class="empty"><strong>${msg('No orders yet')}</strong>
        <p class="muted">${msg('Your orders will show here once you have placed one.')}</p></div>`;
    }
    const more = this.#moreTask.status;
    const shown = this.orders.filter((o) => matchesText([o.number, o.customer_reference], this.filter));
    return html`
      <div role="table" class="table orders-table" aria-labelledby="orders-title">
        <div role="rowgroup">
          <div role="row" class="row head">
            <span role="columnheader">${msg('Order')}</span><span role="columnheader">${msg('Date')}</span><span role="columnheader">${msg('Status')}</span>
            <span role="columnheader" class="num">${msg('Total')}</span><span role="columnheader" class="num">${msg('Items', { desc: 'Column: how many products an order has' })}</span>
            <span role="columnheader"><span class="visually-hidden">${msg('Actions')}</span></span>
          </div>
        </div>
        <div role="rowgroup">${shown.map((order) => this.#orderRow(order))}</div>
      </div>
      ${shown.length ? nothing : html`<p class="empty">${msg(str`No orders loaded so far match “${this.filter}”.`, { desc: 'What the customer searched for' })}</p>`}
      ${
        more === TaskStatus.ERROR
          ? this.#shell.errorNotice(this.#moreTask.error, () => this.#moreTask.run(), this.#moreRetry)
          : this.nextCursor
            ? html`<div class="more"><button type="button" part="button" aria-disabled=${more === TaskStatus.PENDING ? 'true' : 'false'}
              @click=${() => {
                if (this.#moreTask.status !== TaskStatus.PENDING) void this.#moreTask.run();
              }}>
              ${more === TaskStatus.PENDING ? msg('Loading more orders…') : msg('Load more')}</button></div>`
            : nothing
      }`;
  }

  #orderRow(order: OrderSummary) {
    const draft = order.is_draft;
    const reasonId = domId('draft', order.id);
    const onRow = (event: Event) => {
      if (!draft && !(event.target as Element).closest('button, a')) void this.#open(order);
    };
    return html`<div role="row" class=${`row order-row${draft ? ' draft' : ''}`} part="order" @click=${onRow}>
      <span role="cell" class="c-number">
        <button type="button" class="link" data-open=${order.id} aria-label=${msg(str`Details of ${order.number}`, { desc: "An order's number" })}
          aria-haspopup="dialog" aria-controls="detail" aria-expanded=${this.openId === order.id ? 'true' : 'false'}
          ?disabled=${draft} aria-describedby=${draft ? reasonId : nothing}
          @click=${() => this.#open(order)}>${order.number}</button>
      </span>
      <span role="cell" class="c-date">${this.#date(order.created_at)}</span>
      <span role="cell" class="c-status"><span class="badge status">${STATUS_LABEL[order.status]}</span></span>
      <span role="cell" class="c-total num">${this.#money(order.total_minor, order.currency)}</span>
      <span role="cell" class="c-items num">${itemCount(order.item_count)}</span>
      <span role="cell" class="c-actions actions">
        ${this.#actions(order, 'orders')}
        ${draft ? html`<span class="reason muted" id=${reasonId}>${msg('A draft is not placed yet: it cannot be opened or reordered.')}</span>` : nothing}
      </span>
    </div>`;
  }

  #actions(order: OrderSummary, where: Where) {
    const draft = order.is_draft;
    const described = draft ? domId('draft', order.id) : nothing;
    const reordering = this.busy.has(`reorder:${order.id}`);
    return html`${
      this.#ordering
        ? html`
      <button type="button" class="primary" part="button" aria-label=${msg(str`Reorder ${order.number}`, { desc: "A button's name for screen readers: an order's number" })}
        ?disabled=${draft} aria-disabled=${reordering ? 'true' : 'false'} aria-describedby=${described} @click=${() => this.#reorder(order, false, where)}>${msg('Reorder')}</button>
      <button type="button" part="button" aria-label=${msg(str`Reorder with changes ${order.number}`, { desc: "A button's name for screen readers: an order's number" })}
        ?disabled=${draft} aria-disabled=${reordering ? 'true' : 'false'} aria-describedby=${described} @click=${() => this.#reorder(order, true, where)}>${msg('Reorder with changes')}</button>`
        : nothing
    }
      <button type="button" part="button" aria-label=${msg(str`Download PDF ${order.number}`, { desc: "A button's name for screen readers: an order's number" })}
        ?disabled=${draft} aria-disabled=${this.busy.has(`pdf:${order.id}`) ? 'true' : 'false'} aria-describedby=${described}
        @click=${() => this.#downloadPdf(order, where)}>${msg('Download PDF')}</button>`;
  }

  #detailView() {
    const order = this.orders.find((o) => o.id === this.openId);
    if (!order) return nothing;
    return html`<div class="body">
      <div class="head">
        <h2 id="detail-title">${msg(str`Order ${order.number}`, { desc: "An order's page: its number" })}</h2>
        <button type="button" class="link" @click=${this.#closeDetail}>${msg('Close')}</button>
      </div>
      ${this.#detailTask.render({
        initial: () => this.#skeleton('detail', 4),
        pending: () => this.#skeleton('detail', 4),
        error: (error) => this.#shell.errorNotice(error, () => this.#detailTask.run(), this.#detailRetry),
        complete: (detail) => (detail ? this.#detailBody(detail) : this.#skeleton('detail', 4)),
      })}
      ${this.#feedback('detail')}
      <div class="actions">${this.#actions(order, 'detail')}</div>
    </div>`;
  }

  #detailBody(order: OrderDetail) {
    const money = (minor: number) => this.#money(minor, order.currency);
    return html`
      <dl class="facts">
        <div><dt>${msg('Date')}</dt><dd>${this.#date(order.created_at)}</dd></div>
        <div><dt>${msg('Status')}</dt><dd>${STATUS_LABEL[order.status]}</dd></div>
        <div><dt>${msg('Source quote')}</dt><dd>${order.source_quote?.number ?? msg('None', { desc: 'No reference, no source quote' })}</dd></div>
        ${order.customer_reference ? html`<div><dt>${msg('Your reference')}</dt><dd>${order.customer_reference}</dd></div>` : nothing}
      </dl>
      <h3 id="lines-title">${msg('Lines')}</h3>
      ${linesTable(order.lines, { money, unit: (id, uom) => this.#unit(id, uom) }, 'lines-title')}
      ${totalsList(order, money)}
      ${order.note ? html`<p><span class="muted">${msg('Note:', { desc: "Before the customer's note on an order" })}</span> ${order.note}</p>` : nothing}
      <h3>${msg('Delivery')}</h3>
      ${deliveryAddress(order, intlLocaleOf(this))}
      ${deliveriesList(order.deliveries, intlLocaleOf(this))}`;
  }

  #history(items: HistoryItem[]) {
    if (!items.length) return html`<div class="empty"><strong>${msg('Nothing ordered yet')}</strong></div>`;
    const shown = items.filter((item) => matchesText([item.name, item.sku], this.filter));
    if (!shown.length)
      return html`<p class="empty">${msg(str`No products you ordered before match “${this.filter}”.`, { desc: 'What the customer searched for' })}</p>`;
    const orderable = shown.filter((item) => item.availability.orderable);
    return html`${
      this.#ordering
        ? html`<div class="guide-actions">
        <button type="button" class="primary" part="button" ?disabled=${!orderable.length} aria-disabled=${this.busy.has('add-all') ? 'true' : 'false'}
          @click=${() => this.#addAll(orderable)}>${orderable.length === 1 ? msg('Add 1 product to the cart') : msg(str`Add all ${orderable.length} to the cart`, { desc: 'A number of products' })}</button>
      </div>`
        : nothing
    }
      <div role="table" class="table history-table" aria-labelledby="history-title">
      <div role="rowgroup">
        <div role="row" class="row head">
          <span role="columnheader">${msg('Product')}</span><span role="columnheader">${msg('Last ordered')}</span><span role="columnheader">${msg('Quantity')}</span>
          <span role="columnheader" class="num">${msg('Your price', { desc: 'Column: what the quantity costs today' })}</span><span role="columnheader">${msg('Availability')}</span>
          <span role="columnheader"><span class="visually-hidden">${msg('Add to cart')}</span></span>
        </div>
      </div>
      <div role="rowgroup">${shown.map((item) => this.#historyRow(item))}</div>
    </div>`;
  }

  #historyRow(item: HistoryItem) {
    const { availability } = item;
    const key = this.#guideKey(item);
    const typed = this.guide.get(key) ?? String(item.last_quantity);
    const check = checkQuantity(typed, 1, intlLocaleOf(this));
    const quantity = check.ok ? check.quantity : item.last_quantity;
    const product = this.store?.product(item.product_id);
    // Today's price for that quantity (its tier), as the cart will charge it.
    const price = product && this.store?.pricer?.resolve(product, item.last_uom, quantity, new Date()).price;
    const errorId = domId('guide-error', item.product_id, item.last_uom);
    return html`<div role="row" class="row" part="history-item">
      <span role="cell" class="c-product"><strong>${item.name}</strong><span class="sku">${skuText(item.sku)}</span></span>
      <span role="cell" class="c-last"><span class="label" aria-hidden="true">${msg('Last ordered')} </span>${this.#date(item.last_ordered_at)}
        <span class="muted">· ${item.times_ordered === 1 ? msg('Once') : msg(str`${item.times_ordered} times`)}</span></span>
      <span role="cell" class="c-qty">${
        this.#ordering
          ? html`<label class="guide-qty"><input type="number" inputmode="numeric" min="1" step="1" .value=${typed}
          aria-label=${msg(str`Quantity of ${item.name}`, { desc: 'A product' })} ?disabled=${!availability.orderable}
          aria-invalid=${check.ok ? 'false' : 'true'} aria-describedby=${check.ok ? nothing : errorId}
          @input=${(e: Event) => {
            this.guide = new Map(this.guide).set(key, (e.target as HTMLInputElement).value);
          }}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void this.#addFromHistory(item);
            }
          }}>
        ${this.#unit(item.product_id, item.last_uom)}</label>
        ${check.ok ? nothing : html`<span class="field-error" id=${errorId} role="alert">${check.message}</span>`}`
          : `${item.last_quantity} ${this.#unit(item.product_id, item.last_uom)}`
      }</span>
      <span role="cell" class="c-times num">${price && this.snapshot?.catalog ? this.#money(price.line_total_minor, this.snapshot.catalog.currency) : '—'}</span>
      <span role="cell" class="c-badge">${
        availability.orderable
          ? html`<span class="badge ok" part="badge">${msg('Available')}</span>`
          : html`<span class="badge warn" part="badge">${REASON_LABEL[availability.reason]}</span>`
      }</span>
      <span role="cell" class="c-add">${
        this.#ordering
          ? html`<button type="button" class="primary" part="button" aria-label=${msg(str`Add to cart: ${this.#lineText(item.product_id, item.last_uom, quantity, item.name)}`, { desc: 'A quantity and a product, e.g. "12 × Cold Brew Coffee 1 L"' })}
        ?disabled=${!availability.orderable} aria-disabled=${this.busy.has(`add:${item.product_id}:${item.last_uom}`) || !check.ok ? 'true' : 'false'}
        @click=${() => this.#addFromHistory(item)}>${msg('Add to cart')}</button>`
          : nothing
      }</span>
    </div>`;
  }
}

define('past-orders', PastOrders);

declare global {
  interface HTMLElementTagNameMap {
    'past-orders': PastOrders;
  }
}
