import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../widget/elements/customer-portal/customer-portal.ts';
import type { CustomerPortal } from '../../../widget/elements/customer-portal/customer-portal.ts';
import type { ReorderCart } from '../../../widget/elements/reorder-cart/reorder-cart.ts';
import { IDS } from '../../../widget/mock/data.ts';
import {
  API_BASE,
  TOKEN,
  buttonCount,
  buttonName,
  cartCount,
  findByRole,
  getByRole,
  mockApi,
  mountCart,
  openCart,
  openPanel,
  pricesShown,
  productCard,
  requestsTo,
  startOrdering,
  storeCart,
  textOf,
} from './helpers.ts';

/** A <customer-portal> and a <reorder-cart> for the same customer on one page. */
async function portalAndCart(token = TOKEN): Promise<{ portal: CustomerPortal; cart: ReorderCart }> {
  const page = await fixture<HTMLDivElement>(html`<div>
    <reorder-cart api-base=${API_BASE} token=${TOKEN}></reorder-cart>
    <customer-portal api-base=${API_BASE} token=${token}></customer-portal>
  </div>`);
  return { portal: page.querySelector('customer-portal')!, cart: page.querySelector('reorder-cart')! };
}

describe('<reorder-cart> one cart everywhere', () => {
  const api = mockApi();

  describe('with a <customer-portal> of the same token on the page', () => {
    it('loads the session and the catalogue once for both', async () => {
      const state = api.serve();
      const { portal, cart } = await portalAndCart();
      await startOrdering(portal);
      await pricesShown(cart);
      expect(requestsTo(state, 'getSession')).to.have.length(1);
      expect(requestsTo(state, 'getCatalog')).to.have.length(1);
    });

    it('adding in the portal shows in the reorder-cart at once', async () => {
      api.serve();
      const { portal, cart } = await portalAndCart();
      await startOrdering(portal);
      await pricesShown(cart);
      getByRole(productCard(portal, 'Cold Brew Coffee 1 L'), 'button', {
        name: 'Add Cold Brew Coffee 1 L to cart',
      }).click();
      await cart.updateComplete;
      expect(buttonName(cart)).to.equal('Cart: 1 item, €14.45');
    });

    it('adding from "Buy again" shows in the portal at once', async () => {
      api.serve();
      const { portal, cart } = await portalAndCart();
      await startOrdering(portal);
      await pricesShown(cart);
      const panel = await openPanel(cart);
      const list = await findByRole(panel, 'list', { name: 'Buy again' });
      getByRole(list, 'button', { name: 'Add 4 × Green Tea, 20 bags to cart' }).click();
      await portal.updateComplete;
      expect(cartCount(portal)).to.equal(4);
    });

    it("an order placed in the reorder-cart empties the portal's cart", async () => {
      api.serve();
      storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }]);
      const { portal, cart } = await portalAndCart();
      await startOrdering(portal);
      await pricesShown(cart);
      expect(cartCount(portal)).to.equal(1);
      const panel = await openPanel(cart);
      (await findByRole(panel, 'button', { name: 'Place order' })).click();
      await waitUntil(() => textOf(panel).includes('Thank you!'), 'not placed');
      await portal.updateComplete;
      expect(cartCount(portal)).to.equal(0);
      const portalCart = await openCart(portal);
      expect(textOf(portalCart)).to.include('SO-2025-9001');
    });

    it("another customer's portal keeps its own cart", async () => {
      const state = api.serve();
      const { portal, cart } = await portalAndCart('cpt_another_customer_token');
      await pricesShown(cart);
      const panel = await openPanel(cart);
      const list = await findByRole(panel, 'list', { name: 'Buy again' });
      getByRole(list, 'button', { name: 'Add 4 × Green Tea, 20 bags to cart' }).click();
      await waitUntil(() => buttonCount(cart) === 4);
      // The mock accepts one token: the other customer's portal fails, with its own (empty) store.
      await findByRole(portal, 'alert');
      expect(requestsTo(state, 'getSession').map((r) => r.path.includes(TOKEN))).to.have.members([true, false]);
    });
  });

  describe("the page's link", () => {
    let original: string;
    beforeEach(() => {
      original = location.href;
    });
    afterEach(() => history.replaceState(history.state, '', original));

    it('a reorder-cart and a portal without a token attribute both take the token from the link', async () => {
      const state = api.serve();
      history.replaceState(history.state, '', `${location.pathname}${location.search}#portal_token=${TOKEN}`);
      const page = await fixture<HTMLDivElement>(html`<div>
        <reorder-cart api-base=${API_BASE}></reorder-cart>
        <customer-portal api-base=${API_BASE}></customer-portal>
      </div>`);
      const cart = page.querySelector('reorder-cart')!;
      const portal = page.querySelector('customer-portal')!;
      await pricesShown(cart);
      await startOrdering(portal);
      expect(location.href).not.to.include('portal_token');
      expect(requestsTo(state, 'getSession'), 'one shared session').to.have.length(1);
      expect(requestsTo(state, 'getSession')[0].path).to.include(TOKEN);
    });
  });

  describe('across tabs', () => {
    it("another tab's change to the cart (a storage event) updates the count", async () => {
      api.serve();
      const el = await mountCart();
      await pricesShown(el);
      expect(buttonCount(el)).to.equal(0);

      // What another tab does: it writes the cart; this tab hears a storage event for the key.
      const key = storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 3 }]);
      window.dispatchEvent(
        new StorageEvent('storage', { key, newValue: localStorage.getItem(key), storageArea: localStorage }),
      );
      await el.updateComplete;
      expect(buttonName(el)).to.equal('Cart: 3 items, €23.45');
    });

    it('ignores storage events for other keys', async () => {
      api.serve();
      const el = await mountCart();
      await pricesShown(el);
      const key = storeCart(
        [{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 3 }],
        'cpt_another_customer_token',
      );
      window.dispatchEvent(
        new StorageEvent('storage', { key, newValue: localStorage.getItem(key), storageArea: localStorage }),
      );
      await el.updateComplete;
      expect(buttonCount(el)).to.equal(0);
    });
  });
});
