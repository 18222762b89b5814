import { expect, waitUntil } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import { IDS } from '../../../widget/mock/data.ts';
import { errorResponse, mockUrl } from '../../../widget/mock/handlers.ts';
import {
  buttonName,
  fakeIntervals,
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

const sessionUrl = mockUrl(endpoints.getSession);
const catalogUrl = mockUrl(endpoints.getCatalog);

describe('<reorder-cart> errors', () => {
  const api = mockApi();

  it('401: the panel says the link expired, with no Retry; the button keeps the count', async () => {
    const state = api.serve();
    storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 2 }], 'cpt_revoked_token');
    const el = await mountCart({ token: 'cpt_revoked_token' });
    await waitUntil(() => requestsTo(state, 'getSession').length === 1);
    expect(buttonName(el)).to.equal('Cart: 2 items');
    const panel = await openPanel(el);
    const alert = await findByRole(panel, 'alert');
    expect(textOf(alert)).to.equal('This link has expired or was revoked Please ask your supplier for a new link.');
    expect(queryByRole(panel, 'button', { name: 'Retry' })).to.equal(null);
    getByRole(panel, 'button', { name: 'Close' }).click();
    await waitUntil(() => !panel.open, 'the cart did not close');
  });

  it('network: the panel offers Retry, which loads the cart', async () => {
    const state = api.serve();
    storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }]);
    api.worker.use(http.get(sessionUrl, () => HttpResponse.error(), { once: true }));
    const el = await mountCart();
    const panel = await openPanel(el);
    await findText(
      panel,
      'The supplier could not be reached Check your connection, then try again. Your cart is kept.',
    );
    expect(buttonName(el)).to.equal('Cart: 1 item');
    getByRole(panel, 'button', { name: 'Retry' }).click();
    await findByRole(panel, 'button', { name: 'Place order' });
    expect(queryByRole(panel, 'alert')).to.equal(null);
    // The session comes first, then the catalogue that prices the cart.
    await pricesShown(el);
    expect(buttonName(el)).to.equal('Cart: 1 item, €14.45');
    expect(requestsTo(state, 'getSession')).to.have.length(1);
  });

  it('429: the panel counts down from Retry-After, then loads by itself', async () => {
    const clock = fakeIntervals();
    try {
      const state = api.serve();
      storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }]);
      api.worker.use(
        http.get(
          sessionUrl,
          () => errorResponse(429, 'rate_limited', 'Too many requests.', undefined, { 'Retry-After': '2' }),
          { once: true },
        ),
      );
      const el = await mountCart();
      const panel = await openPanel(el);
      await findText(panel, 'Too many requests Trying again in 2 s…');
      expect(queryByRole(panel, 'button', { name: 'Retry' }), 'it retries by itself').to.equal(null);
      clock.tick(1000);
      await findText(panel, 'Trying again in 1 s…');
      expect(requestsTo(state, 'getSession'), 'not before the countdown ends').to.have.length(0);
      clock.tick(1000);
      await pricesShown(el);
      expect(requestsTo(state, 'getSession')).to.have.length(1);
      expect(queryByRole(panel, 'alert')).to.equal(null);
      expect(buttonName(el)).to.equal('Cart: 1 item, €14.45');
    } finally {
      clock.restore();
    }
  });

  it('network on the catalogue: the lines show without prices, checkout waits for Retry', async () => {
    api.serve();
    storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }]);
    api.worker.use(http.get(catalogUrl, () => HttpResponse.error(), { once: true }));
    const el = await mountCart();
    const panel = await openPanel(el);
    await findByRole(panel, 'alert');
    expect(getByRole(panel, 'button', { name: 'Place order' })).to.have.property('disabled', true);
    getByRole(panel, 'button', { name: 'Retry' }).click();
    await pricesShown(el);
    await waitUntil(() => !(getByRole(panel, 'button', { name: 'Place order' }) as HTMLButtonElement).disabled);
    expect(queryByRole(panel, 'alert')).to.equal(null);
  });

  it('supplier unavailable: the cart explains it and checkout is disabled', async () => {
    api.serve({ session: { settings: { supplier_available: false } } });
    storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }]);
    const el = await mountCart();
    await pricesShown(el);
    const panel = await openPanel(el);
    await findText(panel, 'Northwind Wholesale is not taking orders right now. Your cart is kept.');
    expect(getByRole(panel, 'button', { name: 'Place order' })).to.have.property('disabled', true);
  });

  it('supplier unavailable at checkout: the cart says so and keeps the cart', async () => {
    const state = api.serve();
    storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }]);
    const el = await mountCart();
    await pricesShown(el);
    const panel = await openPanel(el);
    state.data.session.settings.supplier_available = false;
    (await findByRole(panel, 'button', { name: 'Place order' })).click();
    await findText(panel, 'The supplier is not taking orders right now. Your cart is kept.');
    expect(buttonName(el)).to.equal('Cart: 1 item, €14.45');
  });

  it('"Buy again" that fails to load says so and offers to try again', async () => {
    api.serve();
    api.worker.use(
      http.get(mockUrl(endpoints.getOrderHistory), () => errorResponse(500, 'internal_error', 'Boom.'), { once: true }),
    );
    const el = await mountCart();
    await pricesShown(el);
    const panel = await openPanel(el);
    await findText(panel, 'Your usual products could not be loaded.');
    getByRole(panel, 'button', { name: 'Try again' }).click();
    await findByRole(panel, 'list', { name: 'Buy again' });
  });
});
