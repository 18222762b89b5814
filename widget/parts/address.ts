import { html } from 'lit';
import type { PostalAddress } from '../contract/index.ts';

/** A country's name in the page's language; the code where the browser knows none. */
export function countryName(code: string, locale: string | undefined): string {
  try {
    return (
      new Intl.DisplayNames(locale ? [locale, 'en'] : ['en'], { type: 'region', fallback: 'code' }).of(code) ?? code
    );
  } catch {
    return code;
  }
}

/** An address as lines, the way a label prints it: recipient, street, city, country (the site's label and phone left to the caller). */
export function addressLines(a: PostalAddress, locale: string | undefined): string[] {
  const city = [a.postal_code, a.city].filter(Boolean).join(' ') + (a.region ? `, ${a.region}` : '');
  return [a.name, a.line1, a.line2, city, countryName(a.country, locale)].filter((l): l is string => Boolean(l));
}

/**
 * An address block: one line per part (`.postal .line` is a block: see orderStyles), in an
 * <address>; its site's label is for the caller to show. The spaces between the lines keep them
 * apart for screen readers and copied text.
 */
export const postalAddress = (a: PostalAddress, locale: string | undefined) =>
  html`<address class="postal">${addressLines(a, locale).map((line) => html`<span class="line">${line}</span> `)}${
    a.phone ? html`<span class="line muted">${a.phone}</span>` : ''
  }</address>`;
