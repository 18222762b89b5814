/**
 * What the <past-orders> tests share on top of the portal's helpers (mocked API, role queries
 * through shadow roots): mounting, the orders on screen, opening one.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../../widget/elements/past-orders/past-orders.ts';
import type { PastOrders } from '../../../widget/elements/past-orders/past-orders.ts';
import type { PortalCartChangeEvent } from '../../../widget/events/index.ts';
import {
  API_BASE,
  TOKEN,
  findByRole,
  getByRole,
  queryAllByRole,
  queryByRole,
  textOf,
} from '../customer-portal/helpers.ts';

export interface MountOptions {
  /** The `token` attribute; null leaves it out. */
  token?: string | null;
  /** Width in px of a container around the element; unset: the page's width. */
  width?: number;
}

/** Mounts `<past-orders api-base=… token=…>`, optionally in a container of a given width. */
export async function mountPastOrders(options: MountOptions = {}): Promise<PastOrders> {
  const token = options.token === undefined ? TOKEN : options.token;
  const element = html`<past-orders api-base=${API_BASE} token=${token ?? nothing}></past-orders>`;
  if (options.width === undefined) return fixture<PastOrders>(element);
  const container = await fixture<HTMLDivElement>(html`<div style=${`width: ${options.width}px`}>${element}</div>`);
  const el = container.querySelector('past-orders')!;
  await el.updateComplete;
  return el;
}

/** The Recent orders table. */
export function ordersTable(root: Element): HTMLElement {
  return getByRole(root, 'table', { name: 'Recent orders' });
}

/** The order rows on screen (not the header), in order. */
export function orderRows(root: Element): HTMLElement[] {
  return queryAllByRole(ordersTable(root), 'row').filter((row) => queryAllByRole(row, 'cell').length > 0);
}

/** The order numbers on screen, in order. */
export function orderNumbers(root: Element): string[] {
  return orderRows(root).map((row) => textOf(queryAllByRole(row, 'cell')[0]));
}

/** The row of one order. */
export function orderRow(root: Element, number: string): HTMLElement {
  const row = orderRows(root).find((r) => textOf(queryAllByRole(r, 'cell')[0]) === number);
  if (!row) throw new Error(`no order ${number} on screen; shown: ${orderNumbers(root).join(', ')}`);
  return row;
}

/**
 * The cells of order `number`'s row, or undefined while the list (or that row) is not on screen.
 * For waitUntil: its predicate must not throw while the list reloads, or the wait ends at once.
 */
export function rowCells(root: Element, number: string): string[] | undefined {
  const table = queryByRole(root, 'table', { name: 'Recent orders' });
  const row =
    table &&
    queryAllByRole(table, 'row').find((r) => {
      const rowCells = queryAllByRole(r, 'cell');
      return rowCells.length > 0 && textOf(rowCells[0]) === number;
    });
  return row ? queryAllByRole(row, 'cell').map(textOf) : undefined;
}

/** Waits until the first page of orders is on screen. */
export async function ordersShown(root: Element): Promise<void> {
  await waitUntil(
    () => queryByRole(root, 'table', { name: 'Recent orders' }) && orderRows(root).length > 0,
    'the orders did not show',
  );
}

/** Waits until the order history is on screen. */
export async function historyShown(root: Element): Promise<HTMLElement> {
  return findByRole(root, 'table', { name: 'Order history' });
}

/** The row of a product in the order history. */
export function historyRow(root: Element, name: string): HTMLElement {
  const table = getByRole(root, 'table', { name: 'Order history' });
  const row = queryAllByRole(table, 'row').find((r) => textOf(queryAllByRole(r, 'cell')[0] ?? r).startsWith(name));
  if (!row) throw new Error(`no ${name} in the order history`);
  return row;
}

/** Opens an order's details with its button; resolves with the open dialog once the lines show. */
export async function openOrder(root: Element, number: string): Promise<HTMLDialogElement> {
  getByRole(root, 'button', { name: `Details of ${number}` }).click();
  const dialog = (await findByRole(root, 'dialog', { name: `Order ${number}` })) as HTMLDialogElement;
  await findByRole(dialog, 'table', { name: 'Lines' });
  return dialog;
}

/** Records the `portal-cart-change` events that reach the document. */
export function cartChanges() {
  const seen: PortalCartChangeEvent[] = [];
  const record = (event: PortalCartChangeEvent) => seen.push(event);
  document.addEventListener('portal-cart-change', record);
  return {
    seen,
    /** The item count of the last change; 0 before any. */
    get itemCount() {
      return seen.at(-1)?.itemCount ?? 0;
    },
    stop: () => document.removeEventListener('portal-cart-change', record),
  };
}
