/**
 * What the language tests share: mounting the public elements with a `lang`, the page's
 * `<html lang>` for one test, and formatting the way the widget should for a locale.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../../widget/elements/customer-portal/customer-portal.ts';
import '../../../widget/elements/past-orders/past-orders.ts';
import '../../../widget/elements/reorder-cart/reorder-cart.ts';
import type { CustomerPortal } from '../../../widget/elements/customer-portal/customer-portal.ts';
import type { PastOrders } from '../../../widget/elements/past-orders/past-orders.ts';
import type { ReorderCart } from '../../../widget/elements/reorder-cart/reorder-cart.ts';
import { API_BASE, TOKEN, catalogueShown, findByRole, textOf } from '../customer-portal/helpers.ts';

export * from '../customer-portal/helpers.ts';

/** `<customer-portal lang=…>`; no `lang` attribute when `lang` is undefined. */
export function mountPortalIn(lang?: string): Promise<CustomerPortal> {
  return fixture<CustomerPortal>(
    html`<customer-portal lang=${lang ?? nothing} api-base=${API_BASE} token=${TOKEN}></customer-portal>`,
  );
}

export function mountPastOrdersIn(lang?: string): Promise<PastOrders> {
  return fixture<PastOrders>(
    html`<past-orders lang=${lang ?? nothing} api-base=${API_BASE} token=${TOKEN}></past-orders>`,
  );
}

export function mountCartIn(lang?: string): Promise<ReorderCart> {
  return fixture<ReorderCart>(
    html`<reorder-cart lang=${lang ?? nothing} api-base=${API_BASE} token=${TOKEN}></reorder-cart>`,
  );
}

/**
 * Sets the page's `<html lang>` for the tests of the enclosing describe and puts back the en-IE the
 * mocked API's hooks pinned, so no other test reads prices in another locale.
 */
export function pageLang(): { set(lang: string): void } {
  afterEach(() => {
    document.documentElement.lang = 'en-IE';
  });
  return {
    set: (lang: string) => {
      document.documentElement.lang = lang;
    },
  };
}

/** Answers the Spanish welcome ("Sí, empezar a pedir") and waits for the catalogue. */
export async function empezarAPedir(el: Element): Promise<void> {
  (await findByRole(el, 'button', { name: 'Sí, empezar a pedir' })).click();
  await catalogueShown(el);
}

/** Waits until `text` is no longer part of what the customer reads in `root`. */
export async function textGone(root: Node, text: string): Promise<void> {
  await waitUntil(
    () => !textOf(root).includes(text),
    `the text ${text} stayed; the page reads: ${textOf(root).slice(0, 400)}`,
  );
}

/** As textOf reads it: Intl's no-break spaces are spaces. */
const spaced = (text: string) => text.replace(/\s+/g, ' ');

/** Money as Intl writes it for `locale`, e.g. money(450, 'es') → "4,50 €". */
export function money(minor: number, locale: string, currency = 'EUR'): string {
  return spaced(new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100));
}

/** A calendar date (`2025-06-22`) as the widget shows it for `locale`. */
export function day(isoDate: string, locale: string): string {
  return spaced(
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`)),
  );
}

/** An instant as the widget shows it for `locale`. */
export function date(iso: string, locale: string): string {
  return spaced(new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso)));
}
