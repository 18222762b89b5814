import { expect, waitUntil } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import { IDS } from '../../../widget/mock/data.ts';
import { mockUrl, type MockState } from '../../../widget/mock/handlers.ts';
import {
  cartCount,
  findByRole,
  findText,
  getByRole,
  mockApi,
  mountPortal,
  openCart,
  productCard,
  selectTab,
  startOrdering,
} from './helpers.ts';

describe('<customer-portal> accessibility', () => {
  const api = mockApi();

  let state: MockState;

  async function catalogue(template: 'standard' | 'quantity_grid' = 'standard', supplierAvailable = true) {
    state = api.serve({
      session: {
        settings: { order_template: template, supplier_available: supplierAvailable, show_price_explanation: true },
      },
    });
    const el = await mountPortal();
    await startOrdering(el);
    return el;
  }

  async function withColdBrew() {
    const el = await catalogue();
    getByRole(productCard(el, 'Cold Brew Coffee 1 L'), 'button', { name: 'Add Cold Brew Coffee 1 L to cart' }).click();
    await waitUntil(() => cartCount(el) === 1);
    return el;
  }

  it('welcome', async () => {
    api.serve();
    const el = await mountPortal();
    await findByRole(el, 'button', { name: 'Yes, start ordering' });
    await expect(el).to.be.accessible();
  });

  it('"Not you?"', async () => {
    api.serve();
    const el = await mountPortal();
    (await findByRole(el, 'button', { name: 'Not you?' })).click();
    await findByRole(el, 'heading', { name: 'This link belongs to someone else' });
    await expect(el).to.be.accessible();
  });

  it('no token', async () => {
    api.serve();
    const el = await mountPortal({ token: null });
    await expect(el).to.be.accessible();
  });

  it('catalogue, Standard template (with "Why this price?" open)', async () => {
    const el = await catalogue();
    getByRole(productCard(el, 'Sea Salt Crisps 150 g'), 'button', { name: 'Why this price?' }).click();
    await expect(el).to.be.accessible();
  });

  it('catalogue, Quantity Grid template', async () => {
    const el = await catalogue('quantity_grid');
    await expect(el).to.be.accessible();
  });

  it('catalogue, Past Orders tab', async () => {
    const el = await catalogue();
    await selectTab(el, 'Past Orders');
    await expect(el).to.be.accessible();
  });

  it('catalogue, supplier unavailable', async () => {
    const el = await catalogue('standard', false);
    await expect(el).to.be.accessible();
  });

  it('cart open, with a product of two units', async () => {
    const el = await withColdBrew();
    const water = productCard(el, 'Sparkling Water 500 ml');
    getByRole(water, 'button', { name: 'Add Sparkling Water 500 ml to cart' }).click();
    await waitUntil(() => cartCount(el) === 2);
    await openCart(el);
    await expect(el).to.be.accessible();
  });

  it('cart, empty', async () => {
    const el = await catalogue();
    await openCart(el);
    await expect(el).to.be.accessible();
  });

  it('cart, prices changed', async () => {
    const el = await withColdBrew();
    const cart = await openCart(el);
    state.data.catalog.pricing.group_list!.entries.find(
      (e) => e.product_id === IDS.product.coldBrew,
    )!.tiers[0].unit_price_minor = 470;
    getByRole(cart, 'button', { name: 'Place order' }).click();
    await findByRole(cart, 'button', { name: 'Confirm new total and place order' });
    await expect(el).to.be.accessible();
  });

  it('order placed', async () => {
    const el = await withColdBrew();
    const cart = await openCart(el);
    getByRole(cart, 'button', { name: 'Place order' }).click();
    await findText(cart, 'Thank you! Your order is placed.');
    await expect(el).to.be.accessible();
  });

  it('error screen (401)', async () => {
    api.serve();
    const el = await mountPortal({ token: 'cpt_revoked_token' });
    await findByRole(el, 'alert');
    await expect(el).to.be.accessible();
  });

  it('error screen with Retry (network)', async () => {
    api.serve();
    api.worker.use(http.get(mockUrl(endpoints.getSession), () => HttpResponse.error()));
    const el = await mountPortal();
    await findByRole(el, 'button', { name: 'Retry' });
    await expect(el).to.be.accessible();
  });
});
