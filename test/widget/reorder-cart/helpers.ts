/**
 * What the reorder-cart tests share: mounting the element, its closed button and its open panel.
 * The mocked API and the queries through shadow roots come from the customer-portal helpers.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../../widget/elements/reorder-cart/reorder-cart.ts';
import type { ReorderCart } from '../../../widget/elements/reorder-cart/reorder-cart.ts';
import { TokenStorage } from '../../../widget/state/persist.ts';
import type { CartLine } from '../../../widget/state/store.ts';
import { API_BASE, TOKEN, accessibleName, findByRole, getByRole } from '../customer-portal/helpers.ts';

export * from '../customer-portal/helpers.ts';

export interface CartMountOptions {
  /** The `token` attribute; null leaves it out (the element then reads the page's link). */
  token?: string | null;
  /** Width in px of a header around the element; unset: the page's width. */
  width?: number;
}

/** Mounts `<reorder-cart api-base=… token=…>`, optionally in a header of a given width. */
export async function mountCart(options: CartMountOptions = {}): Promise<ReorderCart> {
  const token = options.token === undefined ? TOKEN : options.token;
  const cart = html`<reorder-cart api-base=${API_BASE} token=${token ?? nothing}></reorder-cart>`;
  if (options.width === undefined) return fixture<ReorderCart>(cart);
  const header = await fixture<HTMLElement>(
    html`<header style=${`display: flex; width: ${options.width}px`}>${cart}</header>`,
  );
  const el = header.querySelector('reorder-cart')!;
  await el.updateComplete;
  return el;
}

const BUTTON_NAME = /^Cart: \d+ items?(, .+)?$/;

/** The closed cart's button. */
export function cartButton(el: Element): HTMLElement {
  return getByRole(el, 'button', { name: BUTTON_NAME });
}

/** What the cart button announces, e.g. "Cart: 3 items, €21.70". */
export function buttonName(el: Element): string {
  return accessibleName(cartButton(el));
}

/** The number the cart button announces. */
export function buttonCount(el: Element): number {
  return Number(/^Cart: (\d+)/.exec(buttonName(el))![1]);
}

/** Waits until the button shows the total (the session and the catalogue have loaded). */
export async function pricesShown(el: Element): Promise<void> {
  await waitUntil(() => buttonName(el).includes(','), 'the cart total did not show');
}

/** Clicks the cart button; resolves with the open panel. */
export async function openPanel(el: Element): Promise<HTMLDialogElement> {
  cartButton(el).click();
  return (await findByRole(el, 'dialog', { name: 'Cart' })) as HTMLDialogElement;
}

/** Puts a cart in this browser's storage for `token`, as a visit earlier (or another tab) left it. */
export function storeCart(lines: CartLine[], token = TOKEN): string {
  const storage = new TokenStorage(token);
  storage.write('cart', lines);
  return storage.keyOf('cart');
}
