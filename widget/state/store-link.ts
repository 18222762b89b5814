import type { PropertyValues, ReactiveController, ReactiveControllerHost } from 'lit';
import { pageToken } from './page-token.ts';
import { acquireStore, releaseStore } from './registry.ts';
import type { PortalStore } from './store.ts';

export interface StoreHost extends ReactiveControllerHost, HTMLElement {
  apiBase: string;
  token: string;
}

/**
 * Links a public element to the page's shared store for its API and token: taken only while the
 * element is connected (a removed element must not keep one), released when it is removed,
 * changed when `token` or `api-base` change, and its cart reloaded when another tab changes it.
 * Inside a <customer-portal> an element may borrow the portal's store instead: not released by
 * it, and other tabs are the portal's to follow.
 */
export class StoreLink implements ReactiveController {
  store: PortalStore | undefined;
  borrowed = false;

  constructor(
    private readonly host: StoreHost,
    private readonly onChange: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('storage', this.#onStorage);
    // Connected (again, after a move in the page): take the store at the next update.
    if (!this.store) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    window.removeEventListener('storage', this.#onStorage);
    this.#use(undefined, false);
  }

  /** Call from willUpdate. True when the element now has another store (or none). */
  sync(changed: PropertyValues, borrow?: PortalStore): boolean {
    if (!this.host.isConnected) return false;
    if (borrow) {
      if (this.store === borrow) return false;
      this.#use(borrow, true);
      return true;
    }
    if (!(changed.has('token') || changed.has('apiBase') || !this.store || this.borrowed)) return false;
    // Without the attribute, the page's link (taken out of the address bar, shared with the page's other elements).
    const apiBase = this.host.apiBase || window.location.origin;
    const token = this.host.token || pageToken(apiBase);
    if (token && !this.host.token) this.host.token = token;
    this.#use(token ? acquireStore(apiBase, token) : undefined, false);
    return true;
  }

  #use(store: PortalStore | undefined, borrowed: boolean): void {
    if (this.store) {
      this.store.removeEventListener('change', this.onChange);
      if (!this.borrowed) releaseStore(this.store);
    }
    this.store = store;
    this.borrowed = borrowed;
    this.store?.addEventListener('change', this.onChange);
  }

  readonly #onStorage = (event: StorageEvent) => {
    if (!this.borrowed && this.store && event.key === this.store.cartStorageKey) this.store.reloadCart();
  };
}
