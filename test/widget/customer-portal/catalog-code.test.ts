/**
 * The catalogue's code is a chunk of its own, outside the first paint: it is asked for as the portal
 * connects, beside the session request (not once the catalogue's answer is in), and until it is
 * in, the skeleton holds the catalogue's place. A file of its own: the page must not have loaded
 * that chunk before (a module loads once a page).
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { http } from 'msw';
import {
  catalogueShown,
  findByRole,
  getByRole,
  mockApi,
  mountPortal,
  productNames,
  queryByRole,
  requestsTo,
} from './helpers.ts';

/** The request for the catalogue's module (the test server's URL of widget/parts/catalog.ts). */
const catalogCode = /\/widget\/parts\/catalog\.ts(\?|$)/;
/** The request for the Quantity Grid's module (widget/parts/order-pad.ts). */
const orderPadCode = /\/widget\/parts\/order-pad\.ts(\?|$)/;

describe('<customer-portal> rendering: the catalogue loads on demand', () => {
  const api = mockApi();

  it('asks for its code before the customer confirms, and shows the skeleton until it is in', async () => {
    const state = api.serve();
    let requested = false;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    api.worker.use(
      http.get(catalogCode, async () => {
        requested = true;
        await held;
        return undefined; // then the test server answers
      }),
    );
    const el = await mountPortal();
    const yes = await findByRole(el, 'button', { name: 'Yes, start ordering' });
    await waitUntil(() => requested, "the catalogue's code was not asked for before the customer confirmed");

    // The catalogue's answer comes in (the portal tells the page what the cart holds) before its code.
    const answered = oneEvent(el, 'portal-cart-change');
    yes.click();
    await answered;
    expect(requestsTo(state, 'getCatalog')).to.have.length(1);
    await el.updateComplete;
    const shop = el.shadowRoot!.querySelector<HTMLElement>('[data-page=shop]')!;
    const skeleton = shop.querySelector<HTMLElement>('[aria-busy=true]');
    expect(skeleton, 'the skeleton holds the catalogue’s place').to.exist;
    expect(skeleton!.getBoundingClientRect().height).to.be.greaterThan(100);
    expect(queryByRole(el, 'tablist')).to.equal(null);
    expect(getByRole(el, 'button', { name: /^Cart, 0 items$/ })).to.exist;

    release();
    await catalogueShown(el);
    expect(productNames(el)).to.include('Cold Brew Coffee 1 L');
  });

  it('Quantity Grid: the catalogue shows with its rows, the skeleton holding the place until the grid’s code is in', async () => {
    api.serve({ session: { settings: { order_template: 'quantity_grid' } } });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    api.worker.use(
      http.get(orderPadCode, async () => {
        await held;
        return undefined;
      }),
    );
    const el = await mountPortal();
    const answered = oneEvent(el, 'portal-cart-change');
    (await findByRole(el, 'button', { name: 'Yes, start ordering' })).click();
    await answered;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-page=shop] [aria-busy=true]'), 'the skeleton').to.exist;
    expect(queryByRole(el, 'tablist'), 'tabs over an empty grid').to.equal(null);

    release();
    await catalogueShown(el);
    expect(getByRole(el, 'spinbutton', { name: 'Quantity of Cold Brew Coffee 1 L' })).to.exist;
  });
});
