/** Reads `portal_token` from the page's link (`#portal_token=` preferred, `?portal_token=` too). */
export function tokenFromLocation(location: Location): string | null {
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  return hash.get('portal_token') || new URL(location.href).searchParams.get('portal_token') || null;
}

/** Removes the token from the address bar, so it stays out of analytics, history and screenshots. */
export function scrubTokenFromLocation(location: Location, history: History): void {
  const url = new URL(location.href);
  url.searchParams.delete('portal_token');
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
  if (hash.has('portal_token')) {
    hash.delete('portal_token');
    url.hash = hash.toString();
  }
  history.replaceState(history.state, '', url.pathname + url.search + (url.hash && url.hash !== '#' ? url.hash : ''));
}

let fromLink = '';

/**
 * The token of the page's link, for elements without a `token` attribute. The first element to
 * ask removes it from the address bar; it is kept here so the other elements of the page (a
 * portal, a header cart, past orders) still get it.
 */
export function pageToken(): string {
  const token = tokenFromLocation(window.location);
  if (token) {
    scrubTokenFromLocation(window.location, window.history);
    fromLink = token;
  }
  return fromLink;
}
