import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from './locale-codes.ts';

/**
 * The widget's language. Every UI string goes through @lit/localize's `msg()`; English is built
 * in and other languages load on demand (one small chunk each). The language comes from the
 * element's `lang` (or the nearest ancestor's), else the page's `<html lang>`; a language the
 * widget does not have falls back to English. Numbers, dates and money are formatted with `Intl`
 * in the full locale (es-MX, en-IE), so the region still decides separators and date order.
 */
const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => import(`./locales/${locale}.ts`),
});

export { getLocale };

const supported = new Set<string>([sourceLocale, ...targetLocales]);

/** The language of `tag` that the widget has: es-MX -> es; unknown -> en. */
export function widgetLanguage(tag: string | null | undefined): string {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return supported.has(base) ? base : sourceLocale;
}

/**
 * The BCP 47 tag that applies to `element`: its own or nearest `lang`, else the page's; '' when none.
 * The search goes out through shadow roots, so the parts inside an element follow its `lang`.
 */
export function localeTagOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const tag = node.closest('[lang]')?.getAttribute('lang')?.trim();
    if (tag) return tag;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return document.documentElement.lang.trim();
}

/** The language the link's person chose in their profile (over the page's); null: the page's. */
let chosen: string | null = null;

/** Sets (or clears, with null) the person's own language; call applyLanguageOf after. */
export function choosePersonLanguage(language: string | null): void {
  chosen = language ? widgetLanguage(language) : null;
}

/**
 * Switches the widget to `element`'s language (the person's own, when they chose one). The language is one per page (as @lit/localize
 * works): the element that connects or changes its `lang` last decides.
 */
export function applyLanguageOf(element: Element): Promise<void> {
  // setLocale itself does nothing for the language already there or on its way, and a later call
  // wins over a load still running (es requested, then en: en), which a check of getLocale() would miss.
  return setLocale(chosen ?? widgetLanguage(localeTagOf(element)));
}

const intlLocales = new Map<string, string | undefined>();

/**
 * The locale for Intl formatting near `element`: its full tag, or the browser's when none is set
 * or the tag is not one Intl accepts (`en_GB` is read as en-GB; Intl would throw on a bad tag).
 */
export function intlLocaleOf(element: Element): string | undefined {
  const own = localeTagOf(element);
  // The person's language over the page's, keeping the page's region when it is the same language (es-MX).
  const tag = chosen && widgetLanguage(own) !== chosen ? chosen : own;
  if (!tag) return undefined;
  if (!intlLocales.has(tag)) intlLocales.set(tag, canonicalLocale(tag) ?? canonicalLocale(tag.replaceAll('_', '-')));
  return intlLocales.get(tag);
}

let prepared = false;

/**
 * Loads the browser's number and date formatting data before anything needs it: a page's first
 * Intl.NumberFormat, whatever its locale and currency, costs 10 to 50 ms in Chromium (the next ones
 * almost nothing), time better spent while the catalogue downloads than between its arrival and
 * its first paint. Here, in the first script, so that it needs no chunk to have arrived; once a page.
 */
export function prepareFormats(locale: string | undefined): void {
  if (prepared) return;
  prepared = true;
  new Intl.NumberFormat(locale).format(0);
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(0);
}

function canonicalLocale(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}
