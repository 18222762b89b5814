import { msg } from '@lit/localize';
import type { ShopCatalog, ShopProduct, Session, TabSettings } from '../contract/index.ts';
import type { Pricer } from '../pricing/index.ts';
import { buildsCart } from '../state/permissions.ts';

export interface CatalogTab {
  id: string;
  /** Read at render: the built-in tabs' labels follow the language on screen. */
  readonly label: string;
  /** Past Orders: the panel shows <past-orders> (the orders and the order history) instead of products. */
  history?: boolean;
  matches(product: ShopProduct): boolean;
}

type Visibility = TabSettings[keyof TabSettings];

/** "auto": shown when it has matching products; "show"/"hide": the workspace's override. */
function visible(setting: Visibility, hasMatches: boolean): boolean {
  return setting === 'show' || (setting === 'auto' && hasMatches);
}

/**
 * The navigation tabs, in order: All, New Arrivals, On Sale, Past Orders, then one per category
 * (its own `tab_visibility`, else the workspace's `tabs.categories`).
 * Only active products count as matches; Past Orders needs at least one order (and the orders section).
 */
export function catalogTabs(session: Session, catalog: ShopCatalog, pricer: Pricer, at: Date): CatalogTab[] {
  const settings = session.settings.tabs;
  // Whether an active product matches: asked once a tab, and stops at the first.
  const anyActive = (matches: (p: ShopProduct) => boolean) => catalog.products.some((p) => p.active && matches(p));
  const tabs: CatalogTab[] = [];
  const all: CatalogTab = {
    id: 'all',
    get label() {
      return msg('All', { desc: 'Catalogue tab: every product' });
    },
    matches: () => true,
  };
  if (settings.all !== 'hide') tabs.push(all);
  const newArrival = (p: ShopProduct) => p.new_arrival;
  if (visible(settings.new_arrivals, anyActive(newArrival)))
    tabs.push({
      id: 'new',
      get label() {
        return msg('New Arrivals', { desc: 'Catalogue tab' });
      },
      matches: newArrival,
    });
  const onSale = (p: ShopProduct) => pricer.isOnSale(p, at);
  if (visible(settings.on_sale, anyActive(onSale)))
    tabs.push({
      id: 'sale',
      get label() {
        return msg('On Sale', { desc: 'Catalogue tab' });
      },
      matches: onSale,
    });
  // Past Orders is for ordering again: not for a person who only looks (a Viewer, Finance).
  if (session.settings.sections.orders && buildsCart(session) && visible(settings.past_orders, session.has_orders)) {
    tabs.push({
      id: 'past',
      get label() {
        return msg('Past Orders', { desc: 'Catalogue tab: the orders and the order history' });
      },
      history: true,
      matches: () => false,
    });
  }
  for (const category of [...catalog.categories].sort((a, b) => a.position - b.position)) {
    const inCategory = (p: ShopProduct) => p.category_id === category.id;
    // Each category may override the workspace's default for category tabs (seed 003).
    const setting = category.tab_visibility === 'auto' ? settings.categories : category.tab_visibility;
    if (visible(setting, anyActive(inCategory)))
      tabs.push({ id: `category-${category.id}`, label: category.name, matches: inCategory });
  }
  return tabs.length ? tabs : [all];
}

/** Case and accents set aside: "Café" and "cafe" compare equal. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** Each product's name and SKU folded once, for every search after the first. */
const foldedProducts = new WeakMap<object, string>();

/**
 * Search by name or SKU, case and accent insensitive: the test for one search, to run over a
 * long catalogue (the search folded once, each product's text once a catalogue).
 */
export function productSearch(search: string): (product: Pick<ShopProduct, 'name' | 'sku'>) => boolean {
  const needle = fold(search.trim());
  if (!needle) return () => true;
  return (product) => {
    let text = foldedProducts.get(product);
    if (text === undefined) {
      // A separator no search holds: a match never spans the name and the SKU.
      text = `${fold(product.name)}\u0000${fold(product.sku)}`;
      foldedProducts.set(product, text);
    }
    return text.includes(needle);
  };
}

export function matchesText(texts: readonly (string | null | undefined)[], search: string): boolean {
  const needle = fold(search.trim());
  if (!needle) return true;
  return texts.some((text) => text != null && fold(text).includes(needle));
}
