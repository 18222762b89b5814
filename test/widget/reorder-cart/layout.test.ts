import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { ReorderCart } from '../../../widget/elements/reorder-cart/reorder-cart.ts';
import { IDS } from '../../../widget/mock/data.ts';
import {
  API_BASE,
  TOKEN,
  cartButton,
  findByRole,
  mockApi,
  mountCart,
  openPanel,
  pricesShown,
  requestsTo,
  storeCart,
  expectBottomDrawer,
} from './helpers.ts';

/** A site header of the page's width with the cart at its right end, as merchants place it. */
async function inHeader(): Promise<ReorderCart> {
  const header =
    await fixture<HTMLElement>(html`<header style="display: flex; justify-content: space-between; align-items: center; padding: 8px 16px">
    <strong>Harbour &amp; Vine</strong>
    <reorder-cart api-base=${API_BASE} token=${TOKEN}></reorder-cart>
  </header>`);
  return header.querySelector('reorder-cart')!;
}

describe('<reorder-cart> layout', () => {
  const api = mockApi();

  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('narrow screen (360 px): the cart is a bottom drawer across the width', async () => {
    await setViewport({ width: 360, height: 640 });
    api.serve();
    storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }]);
    const el = await inHeader();
    await pricesShown(el);
    const panel = await openPanel(el);
    await findByRole(panel, 'list', { name: 'Buy again' });
    expectBottomDrawer(panel);
    expect(panel.scrollWidth, 'nothing sticks out sideways').to.be.at.most(panel.clientWidth);
  });

  it('wide screen (1200 px): the cart is a panel hanging from the button', async () => {
    await setViewport({ width: 1200, height: 800 });
    api.serve();
    storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }]);
    const el = await inHeader();
    await pricesShown(el);
    const panel = await openPanel(el);
    await findByRole(panel, 'list', { name: 'Buy again' });
    const box = panel.getBoundingClientRect();
    const button = cartButton(el).getBoundingClientRect();
    expect(box.top - button.bottom, 'just under the button').to.be.within(0, 12);
    expect(Math.abs(box.right - button.right), "aligned with the button's end").to.be.below(1);
    expect(box.width).to.be.within(300, 460);
    expect(box.bottom).to.be.below(window.innerHeight);
    expect(getComputedStyle(panel).borderBottomLeftRadius).not.to.equal('0px');
    expect(panel.scrollWidth, 'nothing sticks out sideways').to.be.at.most(panel.clientWidth);
  });

  it('wide screen, cart at the left of a sidebar: the panel opens towards the page', async () => {
    await setViewport({ width: 1200, height: 800 });
    api.serve();
    const aside = await fixture<HTMLElement>(html`<aside style="width: 220px; padding: 8px">
      <reorder-cart api-base=${API_BASE} token=${TOKEN}></reorder-cart>
    </aside>`);
    const el = aside.querySelector('reorder-cart')!;
    await pricesShown(el);
    const panel = await openPanel(el);
    const box = panel.getBoundingClientRect();
    const button = cartButton(el).getBoundingClientRect();
    expect(box.left, 'inside the viewport').to.be.at.least(0);
    expect(Math.abs(box.left - button.left), "aligned with the button's start").to.be.below(1);
  });

  it('the closed button keeps to the space it is given, even with an error', async () => {
    const state = api.serve();
    storeCart(Array.from({ length: 3 }, () => ({ product_id: IDS.product.coldBrew, uom: 'each', quantity: 99_999 })));
    const ok = await mountCart({ width: 110 });
    await pricesShown(ok);
    const failing = await mountCart({ width: 110, token: 'cpt_revoked_token' });
    await waitUntil(() => requestsTo(state, 'getSession').length === 2);
    for (const el of [ok, failing]) {
      const header = el.parentElement!;
      expect(el.getBoundingClientRect().width).to.be.at.most(110);
      expect(header.scrollWidth, 'the header scrolls sideways').to.be.at.most(header.clientWidth);
      expect(el.getBoundingClientRect().height, 'one line').to.be.below(48);
    }
  });
});
