import { expect, waitUntil } from '@open-wc/testing';
import { makeCatalog, makeProduct, testId } from '../../../widget/mock/data.ts';
import { allElements, findText, mockApi, mountPortal, queryByRole, startOrdering, textOf } from './helpers.ts';

// Long catalogues are virtualized (only the rows on screen are in the DOM); the virtualizer is
// loaded on demand, so the first paint of a short catalogue does not pay for it.
describe('<customer-portal> long catalogues', () => {
  const api = mockApi();

  // The virtualizer measures rows with a ResizeObserver; Chromium reports a harmless "loop
  // completed with undelivered notifications" to window.onerror (not to the console) while it settles.
  let onerror: OnErrorEventHandler;
  before(() => {
    onerror = window.onerror;
    window.onerror = (message, ...rest) =>
      String(message).includes('ResizeObserver loop') ? true : onerror?.(message, ...rest);
  });
  after(() => {
    window.onerror = onerror;
  });

  function longCatalog(count: number) {
    const base = makeCatalog();
    const products = Array.from({ length: count }, (_, i) =>
      makeProduct({
        id: testId(0x70, i + 1),
        sku: `LONG-${String(i + 1).padStart(4, '0')}`,
        name: `Long product ${i + 1}`,
      }),
    );
    return { ...base, products };
  }

  const cards = (el: Element) => allElements(el).filter((e) => e.classList.contains('card'));

  it('keeps a 2,000-product catalogue to the rows on screen, and the last product is reachable by search', async () => {
    api.serve({ catalog: longCatalog(2000) });
    const el = await mountPortal({ width: 420 });
    await startOrdering(el);
    await findText(el, 'Long product 1');
    // Until the virtualizer has loaded the first 12 show. Once it is in, the list is as tall as all
    // 2,000 cards, scrolling halfway down brings products from the middle, and only the few on screen exist.
    const list = () => allElements(el).find((e) => e.classList.contains('list'))!;
    await waitUntil(() => list().getBoundingClientRect().height > 2000 * 100, 'the list was not virtualized');
    const middle = list().getBoundingClientRect();
    window.scrollTo(0, window.scrollY + middle.top + middle.height / 2);
    const numbers = () => cards(el).map((c) => Number(/Long product (\d+)/.exec(c.textContent ?? '')?.[1]));
    await waitUntil(
      () => numbers().some((n) => n > 900 && n < 1100),
      'scrolling halfway did not bring the middle products',
    );
    expect(cards(el).length).to.be.below(40);
    window.scrollTo(0, 0);
    const search = queryByRole(el, 'searchbox')! as HTMLInputElement;
    search.value = 'Long product 2000';
    search.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await waitUntil(() => textOf(el).includes('Long product 2000'), 'search did not find the last product');
  });

  it('renders a short catalogue whole, without the virtualizer', async () => {
    api.serve({ catalog: longCatalog(12) });
    const el = await mountPortal({ width: 420 });
    await startOrdering(el);
    await findText(el, 'Long product 12');
    expect(cards(el)).to.have.length(12);
  });
});
