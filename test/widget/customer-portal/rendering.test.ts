import { expect } from '@open-wc/testing';
import { endpoints } from '../../../widget/contract/index.ts';
import { IDS, makeCatalog, testId } from '../../../widget/mock/data.ts';
import {
  API_BASE,
  TOKEN,
  accessibleName,
  findByRole,
  findText,
  getByRole,
  getByText,
  mockApi,
  mountPortal,
  productCard,
  productNames,
  queryAllByRole,
  queryByRole,
  requestsTo,
  selectTab,
  startOrdering,
  textOf,
  type MockApi,
} from './helpers.ts';

const WARNING = 'rgb(180, 83, 9)';
const SUCCESS = 'rgb(26, 127, 55)';

describe('<customer-portal> rendering', () => {
  const api = mockApi();

  describe('entry', () => {
    it('welcomes the customer by business name and asks whether it is them, before loading the catalogue', async () => {
      const state = api.serve();
      const el = await mountPortal();
      await findByRole(el, 'heading', { name: 'Welcome back, Harbour Café Ltd' });
      const text = textOf(el);
      expect(text).to.include('Northwind Wholesale');
      expect(text).to.include('Is this you?');
      expect(getByRole(el, 'button', { name: 'Yes, start ordering' })).to.exist;
      expect(getByRole(el, 'button', { name: 'Not you?' })).to.exist;
      expect(requestsTo(state, 'getCatalog'), 'the catalogue waits for the confirmation').to.have.length(0);
    });

    it('without a token, asks for the personal portal link and calls no API', async () => {
      const state = api.serve();
      const el = await mountPortal({ token: null });
      const alert = getByRole(el, 'alert');
      expect(textOf(alert)).to.equal(
        'This page needs your personal portal link Open the link your supplier sent you, or ask them for one.',
      );
      expect(state.requests).to.have.length(0);
    });

    describe('token from the page link', () => {
      let original: string;
      beforeEach(() => {
        original = location.href;
      });
      afterEach(() => history.replaceState(history.state, '', original));

      it('reads #portal_token= and removes it from the address bar, keeping the rest of the link', async () => {
        const state = api.serve();
        history.replaceState(
          history.state,
          '',
          `${location.pathname}${location.search}#portal_token=${TOKEN}&section=shop`,
        );
        const el = await mountPortal({ token: null });
        await findByRole(el, 'heading', { name: 'Welcome back, Harbour Café Ltd' });
        expect(requestsTo(state, 'getSession')[0].path).to.include(`/view/${TOKEN}/session`);
        expect(location.href).not.to.include('portal_token');
        expect(location.hash).to.equal('#section=shop');
        expect(location.search).to.equal(new URL(original).search);
      });

      it('reads ?portal_token= too and removes it, keeping the other parameters', async () => {
        const state = api.serve();
        const url = new URL(location.href);
        url.searchParams.set('portal_token', TOKEN);
        history.replaceState(history.state, '', url);
        const el = await mountPortal({ token: null });
        await findByRole(el, 'heading', { name: 'Welcome back, Harbour Café Ltd' });
        expect(requestsTo(state, 'getSession')).to.have.length(1);
        expect(location.href).not.to.include('portal_token');
        expect([...new URL(location.href).searchParams]).to.deep.equal([...new URL(original).searchParams]);
      });

      it('prefers the token in the hash over the one in the query', async () => {
        const state = api.serve();
        const url = new URL(location.href);
        url.searchParams.set('portal_token', 'cpt_stale_query_token');
        url.hash = `portal_token=${TOKEN}`;
        history.replaceState(history.state, '', url);
        const el = await mountPortal({ token: null });
        await findByRole(el, 'heading', { name: 'Welcome back, Harbour Café Ltd' });
        expect(requestsTo(state, 'getSession')[0].path).to.include(TOKEN);
        expect(location.href).not.to.include('portal_token');
      });
    });
  });

  describe('tabs', () => {
    const tabNames = (el: Element) => queryAllByRole(el, 'tab').map(accessibleName);

    async function tabsFor(overrides: Parameters<MockApi['serve']>[0]): Promise<string[]> {
      api.serve(overrides);
      const el = await mountPortal();
      await startOrdering(el);
      return tabNames(el);
    }

    it('shows All, New Arrivals, On Sale, Past Orders, then each category in its position', async () => {
      const shuffled = makeCatalog().categories.map((c) => ({ ...c, position: 10 - c.position }));
      expect(await tabsFor({ catalog: { categories: shuffled } })).to.deep.equal([
        'All',
        'New Arrivals',
        'On Sale',
        'Past Orders',
        'Cleaning supplies',
        'Snacks',
        'Beverages',
      ]);
    });

    it('auto: hides New Arrivals when no active product is new', async () => {
      const products = makeCatalog().products.map((p) => (p.new_arrival ? { ...p, active: false } : p));
      expect(await tabsFor({ catalog: { products } })).to.deep.equal([
        'All',
        'On Sale',
        'Past Orders',
        'Beverages',
        'Snacks',
        'Cleaning supplies',
      ]);
    });

    it('auto: hides On Sale when no promotion is active now', async () => {
      const promotions = makeCatalog().pricing.promotions.filter((p) => p.id !== IDS.promotion.summerCrisps);
      expect(await tabsFor({ catalog: { pricing: { promotions } } })).not.to.include('On Sale');
    });

    it('auto: hides a category without active products', async () => {
      const categories = [
        ...makeCatalog().categories,
        { id: testId(2, 9), name: 'Frozen', position: 4, tab_visibility: 'auto' as const },
      ];
      const products = makeCatalog().products.map((p) =>
        p.category_id === IDS.category.cleaning ? { ...p, active: false } : p,
      );
      expect(await tabsFor({ catalog: { categories, products } })).to.deep.equal([
        'All',
        'New Arrivals',
        'On Sale',
        'Past Orders',
        'Beverages',
        'Snacks',
      ]);
    });

    it('show: the workspace setting shows tabs that have nothing to match, with an empty state', async () => {
      const catalog = {
        categories: [
          ...makeCatalog().categories,
          { id: testId(2, 9), name: 'Frozen', position: 4, tab_visibility: 'auto' as const },
        ],
        products: makeCatalog().products.map((p) => ({ ...p, new_arrival: false })),
        pricing: { promotions: [] },
      };
      api.serve({
        catalog,
        session: { settings: { tabs: { new_arrivals: 'show', on_sale: 'show', categories: 'show' } } },
      });
      const el = await mountPortal();
      await startOrdering(el);
      expect(tabNames(el)).to.deep.equal([
        'All',
        'New Arrivals',
        'On Sale',
        'Past Orders',
        'Beverages',
        'Snacks',
        'Cleaning supplies',
        'Frozen',
      ]);
      await selectTab(el, 'Frozen');
      await findText(getByRole(el, 'tabpanel'), 'No products here yet.');
    });

    it('hide: the workspace setting hides each tab even when it has products', async () => {
      expect(
        await tabsFor({
          session: {
            settings: {
              tabs: { all: 'hide', new_arrivals: 'hide', on_sale: 'show', past_orders: 'hide', categories: 'hide' },
            },
          },
        }),
      ).to.deep.equal(['On Sale']);
    });

    it('per category (seed 003): "show" has a tab though the workspace hides category tabs', async () => {
      const categories = makeCatalog().categories.map((c) =>
        c.id === IDS.category.snacks ? { ...c, tab_visibility: 'show' as const } : c,
      );
      expect(
        await tabsFor({ catalog: { categories }, session: { settings: { tabs: { categories: 'hide' } } } }),
      ).to.deep.equal(['All', 'New Arrivals', 'On Sale', 'Past Orders', 'Snacks']);
    });

    it('per category: "hide" has no tab though it has products; they stay under All', async () => {
      const hidden = makeCatalog().categories.map((c) =>
        c.id === IDS.category.beverages ? { ...c, tab_visibility: 'hide' as const } : c,
      );
      api.serve({ catalog: { categories: hidden } });
      const el = await mountPortal();
      await startOrdering(el);
      expect(tabNames(el)).to.deep.equal([
        'All',
        'New Arrivals',
        'On Sale',
        'Past Orders',
        'Snacks',
        'Cleaning supplies',
      ]);
      // Still in the catalogue: under All, and found by search.
      await findText(getByRole(el, 'tabpanel'), 'Cold Brew Coffee 1 L');
    });

    it('Past Orders: only when the customer has ordered before', async () => {
      expect(await tabsFor({ session: { has_orders: false } })).not.to.include('Past Orders');
    });

    it('Past Orders: not when the orders section is off, even with orders', async () => {
      expect(
        await tabsFor({ session: { has_orders: true, settings: { sections: { orders: false } } } }),
      ).not.to.include('Past Orders');
    });

    it('each tab lists its products; All includes those no longer sold', async () => {
      api.serve();
      const el = await mountPortal();
      await startOrdering(el);
      expect(productNames(el)).to.have.length(12);
      const open = async (name: string) => {
        await selectTab(el, name);
        return productNames(el);
      };
      expect(await open('New Arrivals')).to.deep.equal(['Dark Chocolate 100 g', 'Trail Mix 250 g']);
      expect(await open('On Sale')).to.deep.equal(['Sea Salt Crisps 150 g']);
      expect(await open('Beverages')).to.deep.equal([
        'Sparkling Water 500 ml',
        'Cold Brew Coffee 1 L',
        'Orange Juice 1 L',
        'Green Tea, 20 bags',
      ]);
    });

    it("Past Orders shows the recent orders and the order history (<past-orders>, on the portal's store)", async () => {
      const state = api.serve();
      const el = await mountPortal();
      await startOrdering(el);
      await selectTab(el, 'Past Orders');
      const panel = getByRole(el, 'tabpanel');
      await findByRole(panel, 'table', { name: 'Order history' });
      await findText(panel, 'SO-2025-0003');
      expect(requestsTo(state, 'getOrderHistory')).to.have.length(1);
      expect(requestsTo(state, 'listOrders')).to.have.length(1);
      expect(requestsTo(state, 'getSession'), "the portal's session is shared").to.have.length(1);
      expect(requestsTo(state, 'getCatalog'), 'and so is its catalogue').to.have.length(1);
      const history = getByRole(panel, 'table', { name: 'Order history' });
      for (const name of [
        'Sparkling Water 500 ml',
        'Cold Brew Coffee 1 L',
        'Green Tea, 20 bags',
        'Sea Salt Crisps 150 g',
        'Classic Cola 330 ml',
        'All-Purpose Cleaner 750 ml',
      ]) {
        expect(textOf(history)).to.include(name);
      }
    });
  });

  describe('prices', () => {
    /** With "Why this price?" on (a workspace setting, off by default). */
    async function catalogue() {
      api.serve({ session: { settings: { show_price_explanation: true } } });
      const el = await mountPortal();
      await startOrdering(el);
      return el;
    }

    /** Opens "Why this price?" on a card and returns what it says. */
    async function why(card: HTMLElement): Promise<string> {
      const summary = getByRole(card, 'button', { name: 'Why this price?' });
      summary.click();
      const details = summary.parentElement!;
      expect((details as HTMLDetailsElement).open).to.equal(true);
      return textOf(details).replace('Why this price? ', '');
    }

    it("1. the customer's price-group list, with its quantity tiers as hints", async () => {
      const card = productCard(await catalogue(), 'Cold Brew Coffee 1 L');
      expect(textOf(card)).to.include('€4.50 / Each');
      const tiers = getByRole(card, 'list', { name: 'Quantity prices' });
      expect(queryAllByRole(tiers, 'listitem').map((li) => textOf(li))).to.deep.equal([
        '1+ : €4.50',
        '12+ : €4.20',
        '48+ : €3.90',
      ]);
      expect(await why(card)).to.equal('Your price list (Hospitality Gold).');
    });

    it('2. else the workspace default list', async () => {
      const card = productCard(await catalogue(), 'Orange Juice 1 L');
      expect(textOf(card)).to.include('€2.99 / Each');
      expect(queryByRole(card, 'list', { name: 'Quantity prices' }), 'one tier: no hints').to.equal(null);
      expect(await why(card)).to.equal('Workspace price (Standard 2025).');
    });

    it("3. else the product's base price", async () => {
      const card = productCard(await catalogue(), 'Green Tea, 20 bags');
      expect(textOf(card)).to.include('€2.75 / Each');
      expect(await why(card)).to.equal('Base price of the product.');
    });

    it('4. an active promotion lowers it: the original struck through, the promotion named', async () => {
      const card = productCard(await catalogue(), 'Sea Salt Crisps 150 g');
      expect(textOf(card)).to.match(/^No image Sea Salt Crisps 150 g SKU SNK-SSC-150 €2\.00 ?€2\.50 \/ Each Available/);
      const original = getByText(card, '€2.50');
      expect(getComputedStyle(original).textDecorationLine).to.include('line-through');
      // It ends (exclusively) at 2035-01-01T00:00Z: the last day it applies is 31 Dec 2034, wherever the customer is.
      expect(await why(card)).to.equal(
        'Base price of the product. Promotion “Summer crisps” lowers it from €2.50, until 31 Dec 2034.',
      );
    });

    it('a promotion that has not started yet changes nothing', async () => {
      const card = productCard(await catalogue(), 'Dark Chocolate 100 g');
      expect(textOf(card)).to.include('€1.99 / Each');
      expect(textOf(card)).not.to.include('€2.49');
      expect(await why(card)).to.equal('Base price of the product.');
    });

    it('the chosen unit of measure has its own price', async () => {
      const card = productCard(await catalogue(), 'Sparkling Water 500 ml');
      expect(textOf(card)).to.include('€1.20 / Each');
      const unit = getByRole(card, 'combobox', { name: 'Unit' }) as HTMLSelectElement;
      unit.value = 'case12';
      unit.dispatchEvent(new Event('change'));
      await findText(card, '€13.00 / Case of 12');
    });

    it('orderable products have a green "Available" badge and an enabled Add button', async () => {
      const card = productCard(await catalogue(), 'Cold Brew Coffee 1 L');
      expect(getComputedStyle(getByText(card, 'Available')).color).to.equal(SUCCESS);
      expect(getByRole(card, 'button', { name: 'Add Cold Brew Coffee 1 L to cart' })).to.have.property(
        'disabled',
        false,
      );
    });

    for (const [name, reason] of [
      ['Classic Cola 330 ml', 'No longer sold'],
      ['All-Purpose Cleaner 750 ml', 'Out of stock'],
      ['Microfibre Cloths, 10 pack', 'No price set'],
    ]) {
      it(`an orange badge says why ${name} cannot be ordered ("${reason}"), and Add is disabled`, async () => {
        const card = productCard(await catalogue(), name);
        expect(getComputedStyle(getByText(card, reason)).color).to.equal(WARNING);
        expect(textOf(card)).not.to.include('Available');
        expect(getByRole(card, 'button', { name: `Add ${name} to cart` })).to.have.property('disabled', true);
      });
    }

    it('an unpriced product shows a dash, not a price', async () => {
      const card = productCard(await catalogue(), 'Microfibre Cloths, 10 pack');
      expect(textOf(card)).to.include('SKU CLN-MFC-10 — No price set');
      expect(queryByRole(card, 'button', { name: 'Why this price?' })).to.equal(null);
    });

    it("formats money in the page's locale", async () => {
      document.documentElement.lang = 'de-DE';
      try {
        const card = productCard(await catalogue(), 'Cold Brew Coffee 1 L');
        expect(textOf(card)).to.match(/4,50\s€ \/ Each/);
        expect(textOf(card)).to.match(/12\+ : 4,20\s€/);
      } finally {
        document.documentElement.lang = 'en-IE';
      }
    });
  });

  describe('"Why this price?" is the supplier\'s choice', () => {
    it('off (the default): no card explains, and nothing received names a price list', async () => {
      api.serve();
      const el = await mountPortal();
      await startOrdering(el);
      expect(queryAllByRole(el, 'button', { name: 'Why this price?' })).to.deep.equal([]);
      const answer = await (await fetch(`${API_BASE}${endpoints.getCatalog.path.replace('{token}', TOKEN)}`)).text();
      expect(answer).to.include('Cold Brew Coffee 1 L');
      expect(answer).not.to.include('Hospitality Gold');
      expect(answer).not.to.include('Standard 2025');
    });

    it('on: each priced card explains where its price comes from', async () => {
      api.serve({ session: { settings: { show_price_explanation: true } } });
      const el = await mountPortal();
      await startOrdering(el);
      expect(queryAllByRole(el, 'button', { name: 'Why this price?' }).length).to.be.greaterThan(3);
    });
  });

  describe('order templates', () => {
    it('Standard: a card per product with name, SKU, image placeholder and quantity', async () => {
      api.serve();
      const el = await mountPortal();
      await startOrdering(el);
      expect(queryByRole(el, 'table')).to.equal(null);
      const card = productCard(el, 'Green Tea, 20 bags');
      expect(textOf(card)).to.equal('No image Green Tea, 20 bags SKU BEV-GT-20 €2.75 / Each Available Quantity Add');
      expect(getByRole(card, 'spinbutton', { name: 'Quantity' })).to.have.property('value', '1');
    });

    it('Quantity Grid: a table with a row per product and unit, a quantity field in each', async () => {
      api.serve({ session: { settings: { order_template: 'quantity_grid' } } });
      const el = await mountPortal();
      await startOrdering(el);
      const table = getByRole(el, 'table', { name: 'Quick order: the quantities you type go straight into the cart' });
      expect(queryAllByRole(table, 'columnheader').map((h) => textOf(h))).to.deep.equal([
        'SKU',
        'Product',
        'Price',
        'Availability',
        'Quantity',
      ]);
      expect(queryAllByRole(table, 'row')).to.have.length(1 + 13);
      const fields = queryAllByRole(table, 'spinbutton');
      expect(fields.slice(0, 3).map(accessibleName)).to.deep.equal([
        'Quantity of Sparkling Water 500 ml, Each',
        'Quantity of Sparkling Water 500 ml, Case of 12',
        'Quantity of Cold Brew Coffee 1 L',
      ]);
      const row = (name: string) => getByRole(el, 'spinbutton', { name: `Quantity of ${name}` }).closest('[role=row]')!;
      expect(textOf(row('Sparkling Water 500 ml, Case of 12'))).to.equal(
        'BEV-SPW-500 Sparkling Water 500 ml, Case of 12 €13.00 Available − +',
      );
      expect(textOf(row('All-Purpose Cleaner 750 ml'))).to.equal(
        'CLN-APC-750 All-Purpose Cleaner 750 ml €4.50 Out of stock − +',
      );
      expect(getByRole(el, 'spinbutton', { name: 'Quantity of All-Purpose Cleaner 750 ml' })).to.have.property(
        'disabled',
        true,
      );
    });
  });
});
