/**
 * Parts the first paint does not need, loaded on demand: each module once, when it is first used
 * or, sooner, when the browser is idle after the first paint, so opening it rarely waits. A load
 * that fails (offline) is tried again on the next use.
 */
function lazy(load: () => Promise<unknown>): () => Promise<void> {
  let loading: Promise<void> | undefined;
  return () => {
    loading ??= load().then(
      () => undefined,
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
}

/** The catalogue (<portal-catalog>): asked for as the portal connects, so it comes in beside the session and catalogue answers. */
export const loadCatalog = lazy(() => import('./catalog.ts'));
/** The cart and checkout (<portal-cart>). */
export const loadCart = lazy(() => import('./cart.ts'));
/** The Quantity Grid's order pad (<portal-order-pad>), for the customers with that template. */
export const loadOrderPad = lazy(() => import('./order-pad.ts'));
/** The "Buy again" list of <reorder-cart>. */
export const loadBuyAgain = lazy(() => import('./buy-again.ts'));

/** <past-orders>: its own element, and the portal's Past Orders tab. */
export const loadPastOrders = lazy(() => import('../elements/past-orders/past-orders.ts'));

/** <reorder-cart>: a header cart, which pages with only the portal never load. */
export const loadReorderCart = lazy(() => import('../elements/reorder-cart/reorder-cart.ts'));

/**
 * The tags that a copy of the widget on this page autoloads: a second copy (another script tag,
 * another version) leaves them to the first, as it leaves the elements it defines at once, instead
 * of racing it to the definition and warning when it loses.
 */
const autoloading: Set<string> = ((globalThis as Record<symbol, Set<string> | undefined>)[
  Symbol.for('customer-portal-widget:autoload')
] ??= new Set());

/**
 * Defines an element when the page first uses it: at once if it is in the document already, else
 * when one is added (a framework rendering it later). Elements inside shadow roots are not seen:
 * their owner loads the definition itself.
 */
export function autoload(tag: string, load: () => Promise<void>): void {
  // On a server (Lit SSR, a framework's server build) there is no document to watch: the page's
  // own copy of the entry defines the element in the browser.
  if (typeof document === 'undefined' || customElements.get(tag) || autoloading.has(tag)) return;
  autoloading.add(tag);
  const start = () => {
    observer.disconnect();
    load().catch(() => observer.observe(document, { childList: true, subtree: true }));
  };
  const observer = new MutationObserver((records) => {
    const added = records.some((r) =>
      Array.from(r.addedNodes).some((n) => n instanceof Element && (n.localName === tag || n.querySelector(tag))),
    );
    if (added) start();
  });
  if (document.querySelector(tag)) start();
  else observer.observe(document, { childList: true, subtree: true });
}

/** Runs `load` when the browser is idle (or soon, where it has no idle callbacks); a failure waits for the next use. */
export function whenIdle(load: () => Promise<void>): void {
  const run = () => {
    load().catch(() => undefined);
  };
  if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}
