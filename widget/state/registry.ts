import { PortalClient } from '../api/client.ts';
import { forgetLink } from './page-token.ts';
import { PortalStore } from './store.ts';

const stores = new Map<string, { store: PortalStore; users: number }>();

/**
 * One store per API and token on a page: <customer-portal>, <past-orders> and <reorder-cart>
 * with the same link share the session, the catalogue and the cart. Pair every call with
 * releaseStore (elements do it when disconnected).
 */
export function acquireStore(apiBase: string, token: string): PortalStore {
  const key = `${apiBase}\u0000${token}`;
  let entry = stores.get(key);
  if (!entry) {
    // A link that answers 401 is forgotten at once: the next visit does not try it again.
    const client = new PortalClient({ apiBase, token, onUnauthorized: () => forgetLink(apiBase, token) });
    entry = { store: new PortalStore(client, token), users: 0 };
    stores.set(key, entry);
  }
  entry.users += 1;
  return entry.store;
}

export function releaseStore(store: PortalStore): void {
  for (const [key, entry] of stores) {
    if (entry.store === store && --entry.users <= 0) stores.delete(key);
  }
}
