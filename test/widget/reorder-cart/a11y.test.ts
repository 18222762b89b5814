import { expect } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import { IDS } from '../../../widget/mock/data.ts';
import { mockUrl } from '../../../widget/mock/handlers.ts';
import { findByRole, findText, getByRole, mockApi, mountCart, openPanel, pricesShown, storeCart } from './helpers.ts';

describe('<reorder-cart> accessibility', () => {
  const api = mockApi();

  async function withLines() {
    api.serve();
    storeCart([
      { product_id: IDS.product.coldBrew, uom: 'each', quantity: 2 },
      { product_id: IDS.product.sparklingWater, uom: 'case12', quantity: 1 },
    ]);
    const el = await mountCart();
    await pricesShown(el);
    return el;
  }

  it('closed', async () => {
    const el = await withLines();
    await expect(el).to.be.accessible();
  });

  it('closed, before prices load', async () => {
    api.serve();
    const el = await mountCart();
    await expect(el).to.be.accessible();
  });

  it('open, with lines and "Buy again"', async () => {
    const el = await withLines();
    const panel = await openPanel(el);
    await findByRole(panel, 'list', { name: 'Buy again' });
    await expect(el).to.be.accessible();
  });

  it('open, empty', async () => {
    api.serve();
    const el = await mountCart();
    await pricesShown(el);
    const panel = await openPanel(el);
    await findByRole(panel, 'list', { name: 'Buy again' });
    await expect(el).to.be.accessible();
  });

  it('open, prices changed', async () => {
    const state = api.serve();
    storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }]);
    const el = await mountCart();
    await pricesShown(el);
    const panel = await openPanel(el);
    state.data.catalog.pricing.group_list!.entries.find(
      (e) => e.product_id === IDS.product.coldBrew,
    )!.tiers[0].unit_price_minor = 470;
    (await findByRole(panel, 'button', { name: 'Place order' })).click();
    await findByRole(panel, 'button', { name: 'Confirm new total and place order' });
    await expect(el).to.be.accessible();
  });

  it('open, order placed', async () => {
    const el = await withLines();
    const panel = await openPanel(el);
    getByRole(panel, 'button', { name: 'Place order' }).click();
    await findText(panel, 'Thank you! Your order is placed.');
    await expect(el).to.be.accessible();
  });

  it('open, link expired (401)', async () => {
    api.serve();
    const el = await mountCart({ token: 'cpt_revoked_token' });
    const panel = await openPanel(el);
    await findByRole(panel, 'alert');
    await expect(el).to.be.accessible();
  });

  it('open, supplier unreachable (Retry)', async () => {
    api.serve();
    api.worker.use(http.get(mockUrl(endpoints.getSession), () => HttpResponse.error()));
    const el = await mountCart();
    const panel = await openPanel(el);
    await findByRole(panel, 'button', { name: 'Retry' });
    await expect(el).to.be.accessible();
  });
});
