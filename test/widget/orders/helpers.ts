/**
 * What the Orders section's tests share on top of the portal's helpers (mocked API, role queries
 * through shadow roots): mounting `<portal-orders-view>` the way <customer-portal> does (the
 * store and its state in context, the session loaded first, the order from `#portal/orders/<number>`
 * in the address bar, following the hash), opening orders and their dialogs.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { LitElement, nothing } from 'lit';
import { PortalClient } from '../../../widget/api/client.ts';
import type { OrderChangeSettings, Session } from '../../../widget/contract/index.ts';
import '../../../widget/elements/past-orders/past-orders.ts';
import '../../../widget/parts/account/orders-view.ts';
import type { PortalOrdersView } from '../../../widget/parts/account/orders-view.ts';
import { stateContext, storeContext } from '../../../widget/state/context.ts';
import { parseRoute, routeHref } from '../../../widget/state/route.ts';
import { PortalStore } from '../../../widget/state/store.ts';
import { makeChangeOrders, makeOrders, NOW, type Overrides } from '../../../widget/mock/data.ts';
import type { MockState } from '../../../widget/mock/handlers.ts';
import {
  API_BASE,
  TOKEN,
  accessibleName,
  findByRole,
  getByRole,
  queryAllByRole,
  queryByRole,
  textOf,
} from '../customer-portal/helpers.ts';

/**
 * Stands in for <customer-portal>: one store for the page, provided with its state to the view,
 * which it shows once the session is loaded, for the order the address bar names.
 */
class OrdersTestHost extends LitElement {
  readonly store = new PortalStore(
    new PortalClient({ apiBase: API_BASE, token: TOKEN }),
    TOKEN,
    localStorage,
    () => new Date(NOW),
  );
  readonly #state = new ContextProvider(this, { context: stateContext, initialValue: this.store.state });
  readonly #storeProvider = new ContextProvider(this, { context: storeContext, initialValue: this.store });
  ready = false;
  key: string | null = null;

  readonly #onHash = () => this.#follow();
  readonly #onChange = () => this.#state.setValue(this.store.state);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#storeProvider;
    this.#follow();
    window.addEventListener('hashchange', this.#onHash);
    this.store.addEventListener('change', this.#onChange);
    this.store.loadSession().then(
      () => {
        this.ready = true;
        this.requestUpdate();
      },
      () => undefined,
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHash);
    this.store.removeEventListener('change', this.#onChange);
  }

  #follow(): void {
    const route = parseRoute(location.hash);
    this.key = route?.section === 'orders' ? route.key : null;
    this.requestUpdate();
  }

  protected override render() {
    // The slot: elements put in the host (e.g. a <past-orders>) share its store, as in the portal.
    return this.ready ? html`<portal-orders-view .orderKey=${this.key}></portal-orders-view><slot></slot>` : nothing;
  }
}
customElements.define('orders-test-host', OrdersTestHost);

/** Puts `hash` in the address bar without a history entry, as a page opened from a link would have it. */
export function setHash(hash: string): void {
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

/** Clears the address bar's hash after each test of the enclosing describe. */
export function keepAddress(): void {
  afterEach(() => setHash(''));
}

export interface MountOptions {
  /** An order number: its page; unset: the list. */
  order?: string;
  /** Width in px of a container around the section; unset: the page's width. */
  width?: number;
  /** A <past-orders> beside the section, sharing its store. */
  pastOrders?: boolean;
}

export interface Mounted {
  host: OrdersTestHost;
  view: PortalOrdersView;
  store: PortalStore;
}

/** Mounts the Orders section at `#portal/orders[/<number>]`; resolves once the view is on the page. */
export async function mountOrders(options: MountOptions = {}): Promise<Mounted> {
  setHash(routeHref('orders', options.order ?? null));
  const inside = options.pastOrders ? html`<past-orders></past-orders>` : nothing;
  const container = await fixture<HTMLDivElement>(
    options.width === undefined
      ? html`<div><orders-test-host>${inside}</orders-test-host></div>`
      : html`<div style=${`width: ${options.width}px`}><orders-test-host>${inside}</orders-test-host></div>`,
  );
  const host = container.querySelector<OrdersTestHost>('orders-test-host')!;
  await waitUntil(() => host.shadowRoot?.querySelector('portal-orders-view'), 'the Orders section did not show');
  const view = host.shadowRoot!.querySelector('portal-orders-view')!;
  await view.updateComplete;
  return { host, view, store: host.store };
}

/** The dataset with orders in every state of order changes, newest first (13 orders). */
export function allOrders() {
  return [...makeChangeOrders(), ...makeOrders()];
}

/** Mock overrides: every kind of order, and the workspace's change settings. */
export function withChanges(changes: Partial<OrderChangeSettings> = {}, session: Overrides<Session> = {}) {
  return { orders: allOrders(), session: { ...session, settings: { ...session.settings, order_changes: changes } } };
}

// ------------------------------------------------------------------ the list

export function ordersTable(root: Element): HTMLElement {
  return getByRole(root, 'table', { name: 'Orders' });
}

/** The order rows on screen (not the header), in order. */
export function orderRows(root: Element): HTMLElement[] {
  return queryAllByRole(ordersTable(root), 'row').filter((row) => queryAllByRole(row, 'cell').length > 0);
}

export const cells = (row: HTMLElement) => queryAllByRole(row, 'cell').map(textOf);

export function orderRow(root: Element, number: string): HTMLElement {
  const row = orderRows(root).find((r) => textOf(queryAllByRole(r, 'cell')[0]) === number);
  if (!row)
    throw new Error(
      `no order ${number} on screen; shown: ${orderRows(root)
        .map((r) => textOf(queryAllByRole(r, 'cell')[0]))
        .join(', ')}`,
    );
  return row;
}

/**
 * The cells of order `number`'s row, or undefined while the list (or that row) is not on screen.
 * For waitUntil: its predicate must not throw while the list reloads, or the wait ends at once.
 */
export function rowCells(root: Element, number: string): string[] | undefined {
  const table = queryByRole(root, 'table', { name: 'Orders' });
  const row =
    table &&
    queryAllByRole(table, 'row').find((r) => {
      const rowCells = queryAllByRole(r, 'cell');
      return rowCells.length > 0 && textOf(rowCells[0]) === number;
    });
  return row ? queryAllByRole(row, 'cell').map(textOf) : undefined;
}

/** Waits until the list of orders is on screen. */
export async function ordersShown(root: Element): Promise<void> {
  await waitUntil(
    () => queryByRole(root, 'table', { name: 'Orders' }) && orderRows(root).length > 0,
    'the orders did not show',
  );
}

// ------------------------------------------------------------------ an order's page

/** Waits until the page of order `number` shows its lines. */
export async function orderShown(root: Element, number: string): Promise<void> {
  await findByRole(root, 'heading', { name: `Order ${number}` });
  await findByRole(root, 'table', { name: 'Lines' });
}

/** Follows the order's link in the list; resolves when its page shows. */
export async function openOrder(root: Element, number: string): Promise<void> {
  getByRole(root, 'link', { name: number }).click();
  await orderShown(root, number);
}

/** The entries of the order's record, as read. */
export function record(root: Element): string[] {
  return queryAllByRole(getByRole(root, 'list', { name: 'Order record' }), 'listitem').map(textOf);
}

/** The banner (a section named by its heading) about a change: waiting, or not accepted. */
export function banner(root: Element, title: string): HTMLElement {
  const section = getByRole(root, 'heading', { name: title }).closest('section');
  if (!section) throw new Error(`the heading ${title} is not a banner's`);
  return section;
}

/** The element an element's aria-describedby points at (in the same shadow root). */
export function describedBy(el: Element): HTMLElement | null {
  const id = el.getAttribute('aria-describedby');
  return id ? (el.getRootNode() as ShadowRoot).getElementById(id) : null;
}

/** Opens the edit dialog with "Edit order"; resolves with the dialog once its form shows. */
export async function openEdit(root: Element, number: string): Promise<HTMLDialogElement> {
  getByRole(root, 'button', { name: 'Edit order' }).click();
  const dialog = (await findByRole(root, 'dialog', { name: `Edit order ${number}` })) as HTMLDialogElement;
  await findByRole(dialog, 'list', { name: 'Lines' });
  return dialog;
}

/** Opens the cancel dialog with "Cancel order"; resolves with the dialog. */
export async function openCancel(root: Element, number: string): Promise<HTMLDialogElement> {
  getByRole(root, 'button', { name: 'Cancel order' }).click();
  const dialog = (await findByRole(root, 'dialog', { name: `Cancel order ${number}?` })) as HTMLDialogElement;
  await findByRole(dialog, 'textbox', { name: 'Reason (optional)' });
  return dialog;
}

/** Waits until `dialog` has closed. */
export async function closed(dialog: HTMLDialogElement): Promise<void> {
  await waitUntil(() => !dialog.open, 'the dialog did not close');
}

/** The PATCH bodies the view sent, oldest first. */
export function patches(state: MockState): unknown[] {
  return state.requests.filter((r) => r.endpoint === 'updateOrder').map((r) => r.body);
}

/** Checks an Edit or Cancel button is shown but unusable, and reads the reason next to it. */
export function expectBlocked(button: HTMLElement, reason: string): void {
  expect(button.getAttribute('aria-disabled'), `${accessibleName(button)} is unusable`).to.equal('true');
  expect(textOf(describedBy(button)!), `${accessibleName(button)} says why`).to.equal(reason);
}
