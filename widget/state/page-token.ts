/** Reads `portal_token` from the page's link (`#portal_token=` preferred, `?portal_token=` too). */
export function tokenFromLocation(location: Location): string | null {
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  return hash.get('portal_token') || new URL(location.href).searchParams.get('portal_token') || null;
}

/**
 * The page's hash once a link's token is taken out of it. A link may name the portal page it
 * opens on (`#portal_token=…&portal=approvals`, as the approval mail does): that becomes the
 * portal's own route (`#portal/approvals`). Any other hash is left as it is.
 */
export function hashAfterLink(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (!params.has('portal_token')) return hash;
  const landing = params.get('portal');
  if (landing) return `#portal/${landing}`;
  params.delete('portal_token');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

/** Removes the token from the address bar, so it stays out of analytics, history and screenshots. */
export function scrubTokenFromLocation(location: Location, history: History): void {
  const url = new URL(location.href);
  url.searchParams.delete('portal_token');
  url.hash = hashAfterLink(url.hash);
  history.replaceState(history.state, '', url.pathname + url.search + (url.hash && url.hash !== '#' ? url.hash : ''));
}

let fromLink = '';

/**
 * The customer's link is kept after the first visit, so a reload, Back, a bookmark of the page
 * or the return from a payment page find it: in this page's localStorage (this browser profile,
 * the merchant's origin), one per API. "Not you?" and a 401 forget it.
 */
const LINK_KEY = 'customer-portal:v1:link:';

function linkStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled: the link lasts as long as the page
  }
}

function rememberLink(apiBase: string, token: string): void {
  try {
    linkStorage()?.setItem(LINK_KEY + apiBase, token);
  } catch {
    // quota or private mode: the link lasts as long as the page
  }
}

function rememberedLink(apiBase: string): string {
  try {
    return linkStorage()?.getItem(LINK_KEY + apiBase) ?? '';
  } catch {
    return '';
  }
}

/** Forgets the kept link for an API (only if it is still `token`, when given): "Not you?", a 401, signing out. */
export function forgetLink(apiBase: string, token?: string): void {
  if (token !== undefined && fromLink === token) fromLink = '';
  try {
    const storage = linkStorage();
    if (storage && (token === undefined || storage.getItem(LINK_KEY + apiBase) === token))
      storage.removeItem(LINK_KEY + apiBase);
  } catch {
    // nothing kept
  }
}

/**
 * The token of the page's link, for elements without a `token` attribute. The first element to
 * ask removes it from the address bar and keeps it for `apiBase`, so the page's other elements
 * (a portal, a header cart, past orders) and later visits still get it. Without a token in the
 * address, the one kept from an earlier visit.
 */
export function pageToken(apiBase: string): string {
  const token = tokenFromLocation(window.location);
  if (token) {
    scrubTokenFromLocation(window.location, window.history);
    fromLink = token;
    rememberLink(apiBase, token);
    return token;
  }
  return fromLink || rememberedLink(apiBase);
}
