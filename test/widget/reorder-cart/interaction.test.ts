import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HttpResponse, getResponse, http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import { PortalOpenCartEvent } from '../../../widget/events/index.ts';
import { IDS } from '../../../widget/mock/data.ts';
import { createHandlers, errorResponse, mockUrl, type MockState } from '../../../widget/mock/handlers.ts';
import {
  TOKEN,
  buttonCount,
  buttonName,
  cartButton,
  findByRole,
  findText,
  getByRole,
  mockApi,
  mountCart,
  openPanel,
  pricesShown,
  queryByRole,
  requestsTo,
  storeCart,
  textOf,
} from './helpers.ts';

const placeOrderUrl = mockUrl(endpoints.placeOrder);
const ordersIn = (state: MockState) => state.data.orders.filter((o) => o.status === 'pending');

describe('<reorder-cart> interaction', () => {
  const api = mockApi();

  /** A cart with one Cold Brew, prices loaded, opened. */
  async function openWithColdBrew(overrides?: Parameters<typeof api.serve>[0]) {
    const state = api.serve(overrides);
    storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }]);
    const el = await mountCart();
    await pricesShown(el);
    const panel = await openPanel(el);
    await findByRole(panel, 'button', { name: /^Place order/ });
    return { state, el, panel };
  }

  describe('opening and closing', () => {
    it('the button opens the cart and says so; Close and Escape close it', async () => {
      api.serve();
      const el = await mountCart();
      await pricesShown(el);
      expect(cartButton(el).getAttribute('aria-expanded')).to.equal('false');
      const panel = await openPanel(el);
      expect(panel.open).to.equal(true);
      expect(el.open).to.equal(true);
      await el.updateComplete;
      expect(cartButton(el).getAttribute('aria-expanded')).to.equal('true');

      (await findByRole(panel, 'button', { name: 'Close' })).click();
      await waitUntil(() => !panel.open, 'Close did not close the cart');
      expect(el.open).to.equal(false);

      await el.openCart();
      expect(panel.open).to.equal(true);
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !panel.open, 'Escape did not close the cart');
    });
  });

  describe('"Buy again"', () => {
    it('adds a product at its last quantity and unit', async () => {
      api.serve();
      const el = await mountCart();
      await pricesShown(el);
      const panel = await openPanel(el);
      const list = await findByRole(panel, 'list', { name: 'Buy again' });
      getByRole(list, 'button', { name: 'Add 2 × Sparkling Water 500 ml (Case of 12) to cart' }).click();
      await waitUntil(() => buttonCount(el) === 2, 'not added');
      expect(buttonName(el)).to.equal('Cart: 2 items, €35.95');
      await findText(
        getByRole(panel, 'list', { name: 'Your cart' }),
        'Sparkling Water 500 ml BEV-SPW-500 Case of 12 €26.00',
      );
      expect(textOf(getByRole(panel, 'status'))).to.equal('Added 2 × Sparkling Water 500 ml (Case of 12) to the cart');

      getByRole(list, 'button', { name: 'Add 12 × Cold Brew Coffee 1 L to cart' }).click();
      await waitUntil(() => buttonCount(el) === 14, 'not added');
      // 12 × 4.20 (the 12+ tier) + 26.00, and 9.95 freight under 150.00.
      expect(buttonName(el)).to.equal('Cart: 14 items, €86.35');
    });
  });

  describe('checkout', () => {
    it('places exactly one order, with an Idempotency-Key, and empties the cart', async () => {
      const { state, el, panel } = await openWithColdBrew();
      getByRole(panel, 'button', { name: 'Place order' }).click();
      await findText(panel, 'Thank you! Your order is placed. SO-2025-9001 Total €14.45');
      const requests = requestsTo(state, 'placeOrder');
      expect(requests).to.have.length(1);
      expect(requests[0].headers['idempotency-key']).to.match(/^[\x21-\x7e]{1,255}$/);
      expect(requests[0].body).to.deep.equal({
        lines: [{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }],
        expected_total: 1445,
      });
      expect(ordersIn(state).map((o) => o.number)).to.deep.equal(['SO-2025-9001']);
      await waitUntil(() => buttonCount(el) === 0, 'the cart was not emptied');

      getByRole(panel, 'button', { name: 'Continue shopping' }).click();
      await waitUntil(() => !panel.open, 'the cart did not close');
      await el.openCart();
      await findText(panel, 'Your cart is empty.');
    });

    it('a lost answer and Retry make one order: the same Idempotency-Key is sent again', async () => {
      const { state, panel } = await openWithColdBrew();
      const handlers = createHandlers(state);
      api.worker.use(
        http.post(
          placeOrderUrl,
          async ({ request }) => {
            await getResponse(handlers, request);
            return HttpResponse.error();
          },
          { once: true },
        ),
      );

      getByRole(panel, 'button', { name: 'Place order' }).click();
      await findText(
        panel,
        'Your order could not be sent. Check your connection and retry: it will not be placed twice.',
      );
      expect(ordersIn(state)).to.have.length(1);
      getByRole(panel, 'button', { name: 'Retry' }).click();

      await findText(panel, 'Thank you! Your order is placed. SO-2025-9001');
      const keys = requestsTo(state, 'placeOrder').map((r) => r.headers['idempotency-key']);
      expect(keys).to.have.length(2);
      expect(keys[1]).to.equal(keys[0]);
      expect(ordersIn(state), 'exactly one order').to.have.length(1);
    });

    it('a 500 and Retry make one order, with the same Idempotency-Key', async () => {
      const { state, panel } = await openWithColdBrew();
      const keys: string[] = [];
      api.worker.use(
        http.post(
          placeOrderUrl,
          ({ request }) => {
            keys.push(request.headers.get('idempotency-key')!);
            return errorResponse(500, 'internal_error', 'Something went wrong.');
          },
          { once: true },
        ),
      );
      getByRole(panel, 'button', { name: 'Place order' }).click();
      await findText(panel, 'The supplier could not take the order just now. Retry: it will not be placed twice.');
      getByRole(panel, 'button', { name: 'Retry' }).click();
      await findText(panel, 'Thank you! Your order is placed.');
      keys.push(...requestsTo(state, 'placeOrder').map((r) => r.headers['idempotency-key']));
      expect(keys).to.have.length(2);
      expect(keys[1]).to.equal(keys[0]);
      expect(ordersIn(state)).to.have.length(1);
    });

    it('price_changed: shows the new total, reloads prices, and places the order at it once the customer confirms', async () => {
      const { state, el, panel } = await openWithColdBrew();
      state.data.catalog.pricing.group_list!.entries.find(
        (e) => e.product_id === IDS.product.coldBrew,
      )!.tiers[0].unit_price_minor = 470;

      getByRole(panel, 'button', { name: 'Place order' }).click();
      const alert = await findByRole(panel, 'alert');
      await findText(alert, 'Prices have changed since you filled your cart.');
      expect(textOf(alert)).to.include('New total: €14.65 (you saw €14.45).');
      expect(textOf(alert)).to.include('Cold Brew Coffee 1 L: 1 × €4.70');
      expect(ordersIn(state)).to.have.length(0);
      await waitUntil(() => requestsTo(state, 'getCatalog').length === 2, 'the catalogue was not reloaded');
      await waitUntil(() => buttonName(el) === 'Cart: 1 item, €14.65', 'the button kept the old total');

      getByRole(panel, 'button', { name: 'Confirm new total and place order' }).click();
      await findText(panel, 'Thank you! Your order is placed.');
      expect(
        requestsTo(state, 'placeOrder').map((r) => (r.body as { expected_total: number }).expected_total),
      ).to.deep.equal([1445, 1465]);
      expect(ordersIn(state).map((o) => o.total_minor)).to.deep.equal([1465]);
    });

    it('price_changed: "Review cart" goes back to the cart with the new prices', async () => {
      const { state, panel } = await openWithColdBrew();
      state.data.catalog.pricing.group_list!.entries.find(
        (e) => e.product_id === IDS.product.coldBrew,
      )!.tiers[0].unit_price_minor = 470;
      getByRole(panel, 'button', { name: 'Place order' }).click();
      (await findByRole(panel, 'button', { name: 'Review cart' })).click();
      await findText(panel, 'Total €14.65');
      getByRole(panel, 'button', { name: 'Place order' }).click();
      await findText(panel, 'Thank you! Your order is placed.');
      expect(ordersIn(state).map((o) => o.total_minor)).to.deep.equal([1465]);
    });

    it('after an order, "Buy again" is fetched again', async () => {
      const { state, panel } = await openWithColdBrew();
      await findByRole(panel, 'list', { name: 'Buy again' });
      expect(requestsTo(state, 'getOrderHistory')).to.have.length(1);
      getByRole(panel, 'button', { name: 'Place order' }).click();
      await findText(panel, 'Thank you! Your order is placed.');
      await waitUntil(() => requestsTo(state, 'getOrderHistory').length === 2, 'not fetched again');
      getByRole(panel, 'button', { name: 'Continue shopping' }).click();
      await waitUntil(() => !panel.open);
      expect(requestsTo(state, 'getOrderHistory'), 'once per order').to.have.length(2);
    });
  });

  describe('portal-open-cart', () => {
    it('opens the cart when the event is for its token', async () => {
      api.serve();
      const el = await mountCart();
      document.dispatchEvent(new PortalOpenCartEvent(TOKEN));
      const panel = await findByRole(el, 'dialog', { name: 'Cart' });
      expect((panel as HTMLDialogElement).open).to.equal(true);
    });

    it('opens the cart when the event names no token (one cart on the page)', async () => {
      api.serve();
      const el = await mountCart();
      const from = document.createElement('div');
      document.body.append(from);
      try {
        from.dispatchEvent(new PortalOpenCartEvent());
        await findByRole(el, 'dialog', { name: 'Cart' });
      } finally {
        from.remove();
      }
    });

    it("stays closed for another customer's token", async () => {
      api.serve();
      const el = await mountCart();
      document.dispatchEvent(new PortalOpenCartEvent('cpt_someone_else'));
      await el.updateComplete;
      expect(queryByRole(el, 'dialog', { name: 'Cart' })).to.equal(null);
      expect(el.open).to.equal(false);
    });

    it('stops listening once removed', async () => {
      api.serve();
      const el = await mountCart();
      el.remove();
      document.dispatchEvent(new PortalOpenCartEvent(TOKEN));
      await el.updateComplete;
      expect(el.open).to.equal(false);
    });
  });
});
