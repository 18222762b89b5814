import { expect, waitUntil } from '@open-wc/testing';
import {
  cartCount,
  getByRole,
  mockApi,
  mountPortal,
  openCart,
  productCard,
  queryAllByRole,
  startOrdering,
  expectBottomDrawer,
} from './helpers.ts';

/** A catalogue in a container of `width` px, with one product in the cart. */
async function shopAt(
  api: ReturnType<typeof mockApi>,
  width: number,
  template: 'standard' | 'quantity_grid' = 'standard',
) {
  api.serve({ session: { settings: { order_template: template } } });
  const el = await mountPortal({ width });
  await startOrdering(el);
  if (template === 'standard') {
    getByRole(productCard(el, 'Cold Brew Coffee 1 L'), 'button', { name: 'Add Cold Brew Coffee 1 L to cart' }).click();
    await waitUntil(() => cartCount(el) === 1);
  }
  return el;
}

/** Whether anything inside `container` sticks out sideways (and would make the page scroll). */
function overflowsSideways(container: HTMLElement): boolean {
  return container.scrollWidth > container.clientWidth;
}

describe('<customer-portal> layout', () => {
  const api = mockApi();

  it('narrow (360 px): the cart is a bottom drawer across the width', async () => {
    const el = await shopAt(api, 360);
    const dialog = await openCart(el);
    expect(getComputedStyle(dialog).marginBottom).to.equal('0px');
    expectBottomDrawer(dialog);
  });

  it('wide (1200 px): the cart is a centred modal', async () => {
    const el = await shopAt(api, 1200);
    const dialog = await openCart(el);
    const box = dialog.getBoundingClientRect();
    const viewport = { width: document.documentElement.clientWidth, height: window.innerHeight };
    expect(Math.abs(box.left - (viewport.width - box.right)), 'centred horizontally').to.be.below(1);
    expect(Math.abs(box.top - (viewport.height - box.bottom)), 'centred vertically').to.be.below(1);
    expect(box.top).to.be.above(0);
    expect(box.width).to.be.below(viewport.width);
    expect(getComputedStyle(dialog).borderBottomLeftRadius).not.to.equal('0px');
  });

  for (const template of ['standard', 'quantity_grid'] as const) {
    it(`nothing overflows sideways at 320 px (${template})`, async () => {
      const el = await shopAt(api, 320, template);
      const container = el.parentElement!;
      expect(el.getBoundingClientRect().width).to.equal(320);
      expect(overflowsSideways(container), 'the container scrolls sideways').to.equal(false);
      expect(el.scrollWidth, 'the element is wider than its box').to.be.at.most(el.clientWidth);
      // Every control is reachable without horizontal scrolling.
      const right = el.getBoundingClientRect().right;
      const outside = [
        ...queryAllByRole(el, 'button'),
        ...queryAllByRole(el, 'spinbutton'),
        ...queryAllByRole(el, 'searchbox'),
      ].filter((c) => !c.closest('[role=tablist]') && c.getBoundingClientRect().right > right + 0.5);
      expect(outside.map((c) => c.getAttribute('aria-label') ?? c.textContent?.trim())).to.deep.equal([]);
    });
  }

  it('nothing overflows sideways at 320 px with the cart open', async () => {
    const el = await shopAt(api, 320);
    const dialog = await openCart(el);
    expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth);
  });
});
