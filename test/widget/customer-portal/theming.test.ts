import { expect, waitUntil } from '@open-wc/testing';
import { allElements, getByRole, mockApi, mountPortal, openCart, selectTab, startOrdering } from './helpers.ts';

// A merchant themes the portal from outside with ::part() only: the parts of the catalogue, of
// the cart and of <past-orders> in the Past Orders tab are reachable from <customer-portal>.
describe('<customer-portal> parts for theming', () => {
  const api = mockApi();
  let style: HTMLStyleElement;
  const MARK = 'rgb(1, 2, 3)';

  before(() => {
    style = document.createElement('style');
    style.textContent = [
      'tabs',
      'tab',
      'search',
      'product-list',
      'product-card',
      'price',
      'badge',
      'button',
      'orders',
      'order',
      'history',
      'history-item',
    ]
      .map((part) => `customer-portal::part(${part}) { outline: 1px solid ${MARK}; }`)
      .join('\n');
    document.head.append(style);
  });
  after(() => style.remove());

  const marked = (el: Element) => getComputedStyle(el).outlineColor === MARK;
  const withPart = (el: Element, part: string) =>
    allElements(el).filter((e) => e.getAttribute('part')?.split(' ').includes(part));

  it('reach the catalogue, the cart and the Past Orders tab', async () => {
    api.serve();
    const el = await mountPortal();
    await startOrdering(el);
    for (const part of ['tabs', 'tab', 'search', 'product-list', 'product-card', 'price', 'badge', 'button']) {
      const found = withPart(el, part);
      expect(found.length, `some ${part}`).to.be.above(0);
      expect(found.every(marked), `every ${part} is styled from outside`).to.equal(true);
    }
    getByRole(el, 'button', { name: 'Add Cold Brew Coffee 1 L to cart' }).click();
    const cart = await openCart(el);
    expect(marked(getByRole(cart, 'button', { name: /^(Place order|Review order)/ })), "the cart's button").to.equal(
      true,
    );
    cart.close();
    await selectTab(el, 'Past Orders');
    for (const part of ['orders', 'order', 'history', 'history-item']) {
      await waitUntil(() => withPart(el, part).length > 0, `no ${part} in the Past Orders tab`);
      expect(withPart(el, part).every(marked), `every ${part} is styled from outside`).to.equal(true);
    }
  });
});
