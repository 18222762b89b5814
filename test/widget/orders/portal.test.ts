import { expect, waitUntil } from '@open-wc/testing';
import {
  fill,
  findByRole,
  findText,
  getByRole,
  mockApi,
  mountPortal,
  queryByRole,
  textOf,
} from '../customer-portal/helpers.ts';
import {
  closed,
  keepAddress,
  openEdit,
  orderRow,
  orderShown,
  ordersShown,
  patches,
  rowCells,
  setHash,
  withChanges,
} from './helpers.ts';

/** The Orders section inside <customer-portal>, at `#portal/orders[/<number>]`: real links, the back button, reloads. */
describe('<portal-orders-view> in <customer-portal>', () => {
  const api = mockApi();
  keepAddress();

  async function portalAt(hash: string) {
    setHash(hash);
    const el = await mountPortal();
    (await findByRole(el, 'button', { name: 'Yes, start ordering' })).click();
    return el;
  }

  it('#portal/orders lists the orders; a number opens its page; Back returns to the list', async () => {
    api.serve(withChanges());
    const el = await portalAt('#portal/orders');
    await ordersShown(el);
    getByRole(orderRow(el, 'SO-2025-0011'), 'link', { name: 'SO-2025-0011' }).click();
    await orderShown(el, 'SO-2025-0011');
    expect(location.hash).to.equal('#portal/orders/SO-2025-0011');
    await findText(el, 'Update awaiting approval');
    history.back();
    await waitUntil(() => queryByRole(el, 'heading', { name: 'Orders' }), 'Back did not return to the list');
    await ordersShown(el);
  });

  it('a link straight to an order (a reload) opens its page; a change made there shows in the list', async () => {
    const state = api.serve(withChanges({ apply_updates_automatically: true }));
    const el = await portalAt('#portal/orders/SO-2025-0013');
    await orderShown(el, 'SO-2025-0013');
    const dialog = await openEdit(el, 'SO-2025-0013');
    fill(getByRole(dialog, 'spinbutton', { name: 'Quantity of Cold Brew Coffee 1 L' }) as HTMLInputElement, '20');
    getByRole(dialog, 'button', { name: 'Save changes' }).click();
    await closed(dialog);
    expect(patches(state)).to.have.length(1);
    await findText(el, 'Your changes to SO-2025-0013 are saved.');

    // Opened from a link, the order was over its list all along: Close leaves the list, updated.
    getByRole(getByRole(el, 'dialog', { name: 'Order SO-2025-0013' }), 'button', { name: 'Close' }).click();
    await waitUntil(() => location.hash === '#portal/orders', "Close did not go to the list's address");
    await ordersShown(el);
    await waitUntil(() => rowCells(el, 'SO-2025-0013')?.[5] === '€93.95', 'the list does not show the new total');
    expect(textOf(orderRow(el, 'SO-2025-0013'))).not.to.include('awaiting approval');
  });
});
