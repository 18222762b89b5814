/**
 * The catalogue's code is a chunk of its own: when it cannot load (offline), the shop says so where
 * the catalogue goes, with Retry, and Retry brings it in. A file of its own: the page must not have
 * loaded that chunk before (a module loads once a page).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import {
  catalogueShown,
  findByRole,
  focused,
  mockApi,
  mountPortal,
  productNames,
  startOrdering,
  textOf,
} from './helpers.ts';

/** Whether `node` is in the portal, through any shadow roots between them. */
function inside(portal: Element, node: Node): boolean {
  for (
    let at: Node | null = node;
    at;
    at = at.getRootNode() instanceof ShadowRoot ? (at.getRootNode() as ShadowRoot).host : null
  )
    if (at === portal) return true;
  return false;
}

/** The request for the catalogue's module (the test server's URL of widget/parts/catalog.ts). */
const catalogCode = /\/widget\/parts\/catalog\.ts(\?|$)/;

describe('<customer-portal> errors: the catalogue cannot load', () => {
  const api = mockApi();

  it('offline: says the page could not be loaded, with Retry; Retry shows the catalogue', async () => {
    api.serve();
    let failing = true;
    api.worker.use(http.get(catalogCode, () => (failing ? HttpResponse.error() : undefined)));
    const el = await mountPortal();
    const yes = await findByRole(el, 'button', { name: 'Yes, start ordering' });
    yes.click();

    const alert = await findByRole(el, 'alert');
    expect(textOf(alert)).to.equal('This page could not be loaded Check your connection, then try again. Retry');
    // The button pressed is gone: the focus is on the page the customer landed on, not the body.
    await waitUntil(() => focused() !== document.body && focused() !== null, 'the focus fell to the page body');
    expect(inside(el, focused()!), 'the focus is in the portal').to.equal(true);

    failing = false;
    const retry = await findByRole(alert, 'button', { name: 'Retry' });
    retry.focus();
    retry.click();
    await catalogueShown(el);
    expect(productNames(el)).to.include('Cold Brew Coffee 1 L');
    await waitUntil(
      () => focused() !== document.body && focused() !== null,
      'after Retry the focus fell to the page body',
    );
    expect(inside(el, focused()!), 'the focus is in the portal').to.equal(true);
  });

  it('a portal mounted after the failure loads the catalogue again', async () => {
    api.serve();
    const el = await mountPortal();
    await startOrdering(el);
    expect(productNames(el)).to.include('Cold Brew Coffee 1 L');
  });
});
