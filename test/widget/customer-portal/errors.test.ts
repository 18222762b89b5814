import { expect, waitUntil } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import { errorResponse, mockUrl } from '../../../widget/mock/handlers.ts';
import {
  cartCount,
  catalogueShown,
  fakeIntervals,
  findByRole,
  findText,
  getByRole,
  mockApi,
  mountPortal,
  openCart,
  productCard,
  productNames,
  queryByRole,
  requestsTo,
  selectTab,
  startOrdering,
  textOf,
} from './helpers.ts';

const sessionUrl = mockUrl(endpoints.getSession);
const catalogUrl = mockUrl(endpoints.getCatalog);

async function addColdBrew(el: Element) {
  const before = cartCount(el);
  getByRole(productCard(el, 'Cold Brew Coffee 1 L'), 'button', { name: 'Add Cold Brew Coffee 1 L to cart' }).click();
  await waitUntil(() => cartCount(el) === before + 1);
}

describe('<customer-portal> errors', () => {
  const api = mockApi();

  it('401: the link expired or was revoked; ask for a new one, no Retry', async () => {
    api.serve();
    const el = await mountPortal({ token: 'cpt_revoked_token' });
    const alert = await findByRole(el, 'alert');
    expect(textOf(alert)).to.equal('This link has expired or was revoked Please ask your supplier for a new link.');
    expect(queryByRole(el, 'button', { name: 'Retry' })).to.equal(null);
  });

  it('401 at checkout: the cart says so and keeps the cart', async () => {
    const state = api.serve();
    const el = await mountPortal();
    await startOrdering(el);
    await addColdBrew(el);
    const cart = await openCart(el);
    state.token = 'cpt_rotated_token';
    getByRole(cart, 'button', { name: 'Place order' }).click();
    await findText(
      cart,
      'This link has expired or was revoked. Please ask your supplier for a new one; your cart is kept.',
    );
    expect(queryByRole(cart, 'button', { name: 'Retry' })).to.equal(null);
    expect(cartCount(el)).to.equal(1);
  });

  it("403: says the link does not allow it, with the supplier's reason", async () => {
    api.serve();
    api.worker.use(
      http.get(sessionUrl, () =>
        errorResponse(403, 'permission_denied', 'This portal link does not allow that (view_orders).'),
      ),
    );
    const el = await mountPortal();
    const alert = await findByRole(el, 'alert');
    expect(textOf(alert)).to.include(
      'This link does not allow that This portal link does not allow that (view_orders).',
    );
    expect(queryByRole(el, 'button', { name: 'Yes, start ordering' })).to.equal(null);
    expect(queryByRole(el, 'button', { name: 'Retry' }), 'retrying cannot change a permission').to.equal(null);
  });

  it('429: counts down from Retry-After, then retries by itself', async () => {
    const clock = fakeIntervals();
    try {
      const state = api.serve();
      api.worker.use(
        http.get(
          sessionUrl,
          () => errorResponse(429, 'rate_limited', 'Too many requests.', undefined, { 'Retry-After': '2' }),
          { once: true },
        ),
      );
      const el = await mountPortal();
      await findText(el, 'Too many requests Trying again in 2 s…');
      expect(queryByRole(el, 'button', { name: 'Retry' }), 'it retries by itself').to.equal(null);

      clock.tick(1000);
      await findText(el, 'Trying again in 1 s…');
      expect(requestsTo(state, 'getSession'), 'not before the countdown ends').to.have.length(0);

      clock.tick(1000);
      await findByRole(el, 'heading', { name: 'Welcome back, Harbour Café Ltd' });
      expect(requestsTo(state, 'getSession')).to.have.length(1);
    } finally {
      clock.restore();
    }
  });

  it('429 on the catalogue: counts down, then loads it', async () => {
    const clock = fakeIntervals();
    try {
      api.serve();
      api.worker.use(
        http.get(
          catalogUrl,
          () => errorResponse(429, 'rate_limited', 'Too many requests.', undefined, { 'Retry-After': '1' }),
          { once: true },
        ),
      );
      const el = await mountPortal();
      (await findByRole(el, 'button', { name: 'Yes, start ordering' })).click();
      await findText(el, 'Trying again in 1 s…');
      clock.tick(1000);
      await catalogueShown(el);
    } finally {
      clock.restore();
    }
  });

  it('network error: the supplier could not be reached; Retry works once the network is back', async () => {
    api.serve();
    api.worker.use(http.get(sessionUrl, () => HttpResponse.error(), { once: true }));
    const el = await mountPortal();
    const alert = await findByRole(el, 'alert');
    expect(textOf(alert)).to.equal(
      'The supplier could not be reached Check your connection, then try again. Your cart is kept. Retry',
    );
    getByRole(el, 'button', { name: 'Retry' }).click();
    await findByRole(el, 'heading', { name: 'Welcome back, Harbour Café Ltd' });
  });

  it('a catalogue that cannot load says so, with a Retry that loads it', async () => {
    api.serve();
    api.worker.use(http.get(catalogUrl, () => HttpResponse.error(), { once: true }));
    const el = await mountPortal();
    (await findByRole(el, 'button', { name: 'Yes, start ordering' })).click();
    await findText(el, 'The supplier could not be reached');
    expect(textOf(el), 'the header stays').to.include('Northwind Wholesale Harbour Café Ltd');
    getByRole(el, 'button', { name: 'Retry' }).click();
    await catalogueShown(el);
  });

  describe('offline', () => {
    afterEach(() => {
      delete (navigator as { onLine?: boolean }).onLine;
    });

    it('says the customer is offline; Retry works once they are back online', async () => {
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      api.serve();
      const el = await mountPortal();
      await startOrdering(el);
      await addColdBrew(el);
      el.remove();

      api.worker.use(http.get(sessionUrl, () => HttpResponse.error(), { once: true }));
      const again = await mountPortal();
      const alert = await findByRole(again, 'alert');
      expect(textOf(alert)).to.equal('You are offline Check your connection, then try again. Your cart is kept. Retry');

      delete (navigator as { onLine?: boolean }).onLine;
      getByRole(again, 'button', { name: 'Retry' }).click();
      await catalogueShown(again);
      expect(cartCount(again)).to.equal(1);
    });
  });

  describe('supplier unavailable', () => {
    const unavailable = { session: { settings: { supplier_available: false } } };

    it('shows a banner, browsing and filling the cart work, Place order is disabled with the reason', async () => {
      const state = api.serve(unavailable);
      const el = await mountPortal();
      await startOrdering(el);
      const banner = getByRole(el, 'status', { name: /not taking orders/ });
      expect(textOf(banner)).to.equal(
        'Northwind Wholesale is not taking orders right now. You can keep browsing and filling your cart; it is kept until ordering is possible again.',
      );

      await selectTab(el, 'Snacks');
      expect(productNames(el)).to.deep.equal(['Sea Salt Crisps 150 g', 'Dark Chocolate 100 g', 'Trail Mix 250 g']);
      await selectTab(el, 'All');
      await addColdBrew(el);

      const cart = await openCart(el);
      expect(getByRole(cart, 'button', { name: 'Place order' })).to.have.property('disabled', true);
      expect(textOf(cart)).to.include('Northwind Wholesale is not taking orders right now. Your cart is kept.');
      expect(requestsTo(state, 'placeOrder')).to.have.length(0);
    });

    it('keeps the cart across a reload, and the customer can order once the supplier is back', async () => {
      const state = api.serve(unavailable);
      const el = await mountPortal();
      await startOrdering(el);
      await addColdBrew(el);
      el.remove();

      const later = await mountPortal();
      await catalogueShown(later);
      expect(cartCount(later)).to.equal(1);
      later.remove();

      state.data.session.settings.supplier_available = true;
      const back = await mountPortal();
      await catalogueShown(back);
      expect(textOf(back)).not.to.include('not taking orders');
      expect(cartCount(back)).to.equal(1);
      const cart = await openCart(back);
      getByRole(cart, 'button', { name: 'Place order' }).click();
      await findText(cart, 'Thank you! Your order is placed.');
    });

    it('when checkout finds the supplier unavailable, the cart says so and keeps the cart', async () => {
      const state = api.serve();
      const el = await mountPortal();
      await startOrdering(el);
      await addColdBrew(el);
      const cart = await openCart(el);
      state.data.session.settings.supplier_available = false;
      getByRole(cart, 'button', { name: 'Place order' }).click();
      await findText(cart, 'The supplier is not taking orders right now. Your cart is kept.');
      expect(cartCount(el)).to.equal(1);
      el.remove();
      const again = await mountPortal();
      await catalogueShown(again);
      expect(cartCount(again)).to.equal(1);
    });
  });
});
