import { msg } from '@lit/localize';
import type { Catalog, Product, Session, TabSettings } from '../contract/index.ts';
import type { Pricer } from '../pricing/index.ts';
import { buildsCart } from '../state/permissions.ts';

export interface CatalogTab {
  id: string;
  /** Read at render: the built-in tabs' labels follow the language on screen. */
  readonly label: string;
  /** Past Orders: the panel shows <past-orders> (the orders and the order history) instead of products. */
  history?: boolean;
  matches(product: Product): boolean;
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
export function catalogTabs(session: Session, catalog: Catalog, pricer: Pricer, at: Date): CatalogTab[] {
  const settings = session.settings.tabs;
  const active = catalog.products.filter((p) => p.active);
  const tabs: CatalogTab[] = [];
  const all: CatalogTab = {
    id: 'all',
    get label() {
      return msg('All', { desc: 'Catalogue tab: every product' });
    },
    matches: () => true,
  };
  if (settings.all !== 'hide') tabs.push(all);
  const newArrival = (p: Product) => p.new_arrival;
  if (visible(settings.new_arrivals, active.some(newArrival)))
    tabs.push({
      id: 'new',
      get label() {
        return msg('New Arrivals', { desc: 'Catalogue tab' });
      },
      matches: newArrival,
    });
  const onSale = (p: Product) => pricer.isOnSale(p, at);
  if (visible(settings.on_sale, active.some(onSale)))
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
    const inCategory = (p: Product) => p.category_id === category.id;
    // Each category may override the workspace's default for category tabs (seed 003).
    const setting = category.tab_visibility === 'auto' ? settings.categories : category.tab_visibility;
    if (visible(setting, active.some(inCategory)))
      tabs.push({ id: `category-${category.id}`, label: category.name, matches: inCategory });
  }
  return tabs.length ? tabs : [all];
}

/** Search by name or SKU, case and accent insensitive. */
export function matchesSearch(product: Pick<Product, 'name' | 'sku'>, search: string): boolean {
  return matchesText([product.name, product.sku], search);
}

/** Whether any of `texts` contains `search`, ignoring case and accents ("cafe" finds "Café"). */
export function matchesText(texts: readonly (string | null | undefined)[], search: string): boolean {
  if (!search.trim()) return true;
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const needle = fold(search.trim());
  return texts.some((text) => text != null && fold(text).includes(needle));
}
