import { expect } from '@open-wc/testing';
import { http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import { IDS, makeOrderHistory } from '../../../widget/mock/data.ts';
import { mockUrl } from '../../../widget/mock/handlers.ts';
import {
  accessibleName,
  buttonName,
  findByRole,
  findText,
  getByRole,
  mockApi,
  mountCart,
  openPanel,
  pricesShown,
  queryAllByRole,
  queryByRole,
  requestsTo,
  storeCart,
  textOf,
} from './helpers.ts';

/** The names of the "Buy again" products, in order. */
function buyAgainNames(panel: Element): string[] {
  return queryAllByRole(getByRole(panel, 'list', { name: 'Buy again' }), 'listitem').map(accessibleName);
}

/** What the closed button shows by its parts: the count, then the total. */
function shown(el: Element): string[] {
  return [...el.shadowRoot!.querySelectorAll('[part=count], [part=total]')].map((part) => part.textContent!.trim());
}

describe('<reorder-cart> rendering', () => {
  const api = mockApi();

  describe('closed', () => {
    it('shows the item count and the cart total in the workspace currency', async () => {
      api.serve();
      storeCart([
        { product_id: IDS.product.coldBrew, uom: 'each', quantity: 2 },
        { product_id: IDS.product.greenTea, uom: 'each', quantity: 1 },
      ]);
      const el = await mountCart();
      await pricesShown(el);
      // 2 × 4.50 + 2.75, and 9.95 freight under 150.00.
      expect(buttonName(el)).to.equal('Cart: 3 items, €21.70');
      expect(shown(el)).to.deep.equal(['3', '€21.70']);
      expect(queryByRole(el, 'dialog', { name: 'Cart' }), 'closed').to.equal(null);
    });

    it('shows the count only until the session and the catalogue have loaded', async () => {
      api.serve();
      storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }]);
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      api.worker.use(
        http.get(
          mockUrl(endpoints.getCatalog),
          async () => {
            await held;
            return undefined;
          },
          { once: true },
        ),
      );
      const el = await mountCart();
      expect(buttonName(el)).to.equal('Cart: 1 item');
      expect(shown(el)).to.deep.equal(['1']);
      release();
      await pricesShown(el);
      expect(buttonName(el)).to.equal('Cart: 1 item, €14.45');
    });

    it('an empty cart', async () => {
      api.serve();
      const el = await mountCart();
      await pricesShown(el);
      expect(buttonName(el)).to.equal('Cart: 0 items, €0.00');
    });

    it('asks for nothing before it is opened but the session and the catalogue', async () => {
      const state = api.serve();
      const el = await mountCart();
      await pricesShown(el);
      expect(state.requests.map((r) => r.endpoint)).to.deep.equal(['getSession', 'getCatalog']);
    });
  });

  describe('open', () => {
    it('shows the cart lines with their prices and the totals', async () => {
      api.serve();
      storeCart([
        { product_id: IDS.product.coldBrew, uom: 'each', quantity: 2 },
        { product_id: IDS.product.sparklingWater, uom: 'case12', quantity: 1 },
      ]);
      const el = await mountCart();
      await pricesShown(el);
      const panel = await openPanel(el);
      await findByRole(panel, 'heading', { name: 'Your cart' });
      const lines = getByRole(panel, 'list', { name: 'Your cart' });
      expect(textOf(lines)).to.equal(
        'Cold Brew Coffee 1 L BEV-CBC-1L Each €9.00 Remove Sparkling Water 500 ml BEV-SPW-500 Case of 12 €13.00 Remove',
      );
      expect(textOf(panel)).to.include('Subtotal €22.00 Freight €9.95 Total €31.95');
      expect(getByRole(panel, 'button', { name: 'Place order' })).to.have.property('disabled', false);
    });

    it('"Buy again": the most frequent products first, each at its last quantity and unit with today\'s price', async () => {
      const state = api.serve();
      const el = await mountCart();
      await pricesShown(el);
      const panel = await openPanel(el);
      await findByRole(panel, 'list', { name: 'Buy again' });
      expect(requestsTo(state, 'getOrderHistory')).to.have.length(1);
      expect(buyAgainNames(panel)).to.deep.equal([
        'Cold Brew Coffee 1 L', // 3 times
        'Sparkling Water 500 ml', // 2 times
        'Green Tea, 20 bags', // once, the most recent first
        'Sea Salt Crisps 150 g',
        'Classic Cola 330 ml',
        'All-Purpose Cleaner 750 ml',
      ]);
      const list = getByRole(panel, 'list', { name: 'Buy again' });
      expect(textOf(getByRole(list, 'listitem', { name: 'Cold Brew Coffee 1 L' }))).to.equal(
        'Cold Brew Coffee 1 L 12 × Each · €50.40 Available Add',
      );
      expect(textOf(getByRole(list, 'listitem', { name: 'Sparkling Water 500 ml' }))).to.equal(
        'Sparkling Water 500 ml 2 × Case of 12 · €26.00 Available Add',
      );
      expect(getByRole(list, 'button', { name: 'Add 12 × Cold Brew Coffee 1 L to cart' })).to.have.property(
        'disabled',
        false,
      );
      expect(
        getByRole(list, 'button', { name: 'Add 2 × Sparkling Water 500 ml (Case of 12) to cart' }),
      ).to.have.property('disabled', false);
    });

    it('"Buy again" shows the top 8', async () => {
      const history = makeOrderHistory();
      const extra = (productId: string, name: string, times: number, at: string) => ({
        product_id: productId,
        sku: 'X',
        name,
        last_ordered_at: at,
        times_ordered: times,
        last_quantity: 1,
        last_uom: 'each',
        availability: { orderable: true as const },
      });
      history.items.push(
        extra(IDS.product.orangeJuice, 'Orange Juice 1 L', 5, '2025-03-01T10:00:00.000Z'),
        extra(IDS.product.dishSoap, 'Dish Soap 500 ml', 4, '2025-03-01T10:00:00.000Z'),
        extra(IDS.product.trailMix, 'Trail Mix 250 g', 1, '2025-03-01T10:00:00.000Z'),
        extra(IDS.product.paperTowels, 'Paper Towels, 6 rolls', 1, '2025-02-01T10:00:00.000Z'),
      );
      api.serve({ orderHistory: history });
      const el = await mountCart();
      await pricesShown(el);
      const panel = await openPanel(el);
      await findByRole(panel, 'list', { name: 'Buy again' });
      expect(buyAgainNames(panel)).to.deep.equal([
        'Orange Juice 1 L',
        'Dish Soap 500 ml',
        'Cold Brew Coffee 1 L',
        'Sparkling Water 500 ml',
        'Green Tea, 20 bags',
        'Sea Salt Crisps 150 g',
        'Classic Cola 330 ml',
        'All-Purpose Cleaner 750 ml',
      ]);
    });

    it('"Buy again": products that cannot be ordered today say why, and cannot be added', async () => {
      api.serve();
      const el = await mountCart();
      await pricesShown(el);
      const panel = await openPanel(el);
      const list = await findByRole(panel, 'list', { name: 'Buy again' });
      const cola = getByRole(list, 'listitem', { name: 'Classic Cola 330 ml' });
      expect(textOf(cola)).to.include('No longer sold');
      expect(getByRole(cola, 'button', { name: 'Add 48 × Classic Cola 330 ml to cart' })).to.have.property(
        'disabled',
        true,
      );
      const cleaner = getByRole(list, 'listitem', { name: 'All-Purpose Cleaner 750 ml' });
      expect(textOf(cleaner)).to.include('Out of stock');
      expect(getByRole(cleaner, 'button', { name: /^Add/ })).to.have.property('disabled', true);
    });

    it('"Buy again" follows today\'s catalogue, not the history\'s snapshot', async () => {
      const state = api.serve();
      state.data.catalog.products.find((p) => p.id === IDS.product.coldBrew)!.stock = 'out_of_stock';
      const el = await mountCart();
      await pricesShown(el);
      const panel = await openPanel(el);
      const list = await findByRole(panel, 'list', { name: 'Buy again' });
      const coldBrew = getByRole(list, 'listitem', { name: 'Cold Brew Coffee 1 L' });
      expect(textOf(coldBrew)).to.include('Out of stock');
      expect(getByRole(coldBrew, 'button', { name: /^Add/ })).to.have.property('disabled', true);
    });

    it('no "Buy again" when the link may not read orders', async () => {
      const state = api.serve({ session: { permissions: { view_orders: false } } });
      const el = await mountCart();
      await pricesShown(el);
      const panel = await openPanel(el);
      await findText(panel, 'Your cart is empty.');
      await el.updateComplete;
      expect(queryByRole(panel, 'heading', { name: 'Buy again' })).to.equal(null);
      expect(requestsTo(state, 'getOrderHistory')).to.have.length(0);
    });

    it('without a token: asks for the personal link and calls no API', async () => {
      const state = api.serve();
      const el = await mountCart({ token: null });
      expect(buttonName(el)).to.equal('Cart: 0 items');
      const panel = await openPanel(el);
      await findText(panel, 'This cart needs your personal portal link');
      expect(state.requests).to.have.length(0);
    });
  });
});
