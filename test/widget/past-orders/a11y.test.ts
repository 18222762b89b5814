import { expect } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import { makeOlderOrders, makeOrders } from '../../../widget/mock/data.ts';
import { errorResponse, mockUrl } from '../../../widget/mock/handlers.ts';
import {
  findByRole,
  findText,
  getByRole,
  mockApi,
  mountPortal,
  selectTab,
  startOrdering,
} from '../customer-portal/helpers.ts';
import { historyShown, mountPastOrders, openOrder, ordersShown } from './helpers.ts';

describe('<past-orders> accessibility', () => {
  const api = mockApi();

  async function shown(width?: number) {
    const el = await mountPastOrders({ width });
    await ordersShown(el);
    await historyShown(el);
    return el;
  }

  for (const width of [360, 1200]) {
    const layout = width < 600 ? 'cards' : 'table';

    it(`list (${layout}), with a draft and Load more`, async () => {
      api.serve({ orders: [...makeOrders(), ...makeOlderOrders(8)] });
      const el = await shown(width);
      getByRole(el, 'button', { name: 'Load more' });
      await expect(el).to.be.accessible();
    });

    it(`order open (${layout === 'cards' ? 'drawer' : 'modal'})`, async () => {
      api.serve();
      const el = await shown(width);
      await openOrder(el, 'SO-2025-0003');
      await expect(el).to.be.accessible();
    });

    it(`after a reorder with lines left out (${layout})`, async () => {
      api.serve();
      const el = await shown(width);
      getByRole(el, 'button', { name: 'Reorder SO-2025-0002' }).click();
      await findText(el, 'Left out, no longer orderable');
      await expect(el).to.be.accessible();
    });
  }

  it('loading', async () => {
    api.serve();
    const el = await mountPastOrders();
    await expect(el).to.be.accessible();
  });

  it('reorder inside the open order', async () => {
    api.serve();
    const el = await shown();
    const dialog = await openOrder(el, 'SO-2025-0002');
    getByRole(dialog, 'button', { name: 'Reorder SO-2025-0002' }).click();
    await findText(dialog, 'Left out, no longer orderable');
    await expect(el).to.be.accessible();
  });

  it('no orders yet', async () => {
    api.serve({ orders: [], orderHistory: { items: [], next_cursor: null } });
    const el = await mountPastOrders();
    await findText(el, 'No orders yet');
    await findText(el, 'Nothing ordered yet');
    await expect(el).to.be.accessible();
  });

  it('no token', async () => {
    api.serve();
    const el = await mountPastOrders({ token: null });
    await expect(el).to.be.accessible();
  });

  it('error screen (401)', async () => {
    api.serve();
    const el = await mountPastOrders({ token: 'cpt_revoked_token' });
    await findByRole(getByRole(el, 'heading', { name: 'Order history' }).parentElement!, 'alert');
    await findByRole(getByRole(el, 'heading', { name: 'Recent orders' }).parentElement!, 'alert');
    await expect(el).to.be.accessible();
  });

  it('error screen with Retry (network)', async () => {
    api.serve();
    api.worker.use(http.get(mockUrl(endpoints.listOrders), () => HttpResponse.error()));
    const el = await mountPastOrders();
    await findByRole(el, 'button', { name: 'Retry' });
    await historyShown(el);
    await expect(el).to.be.accessible();
  });

  it('error in the open order, and a failed PDF', async () => {
    api.serve();
    api.worker.use(
      http.get(mockUrl(endpoints.getOrder), () => errorResponse(500, 'internal_error', 'boom')),
      http.get(mockUrl(endpoints.getOrderPdf), () => errorResponse(500, 'internal_error', 'boom')),
    );
    const el = await shown();
    getByRole(el, 'button', { name: 'Details of SO-2025-0003' }).click();
    const dialog = await findByRole(el, 'dialog', { name: 'Order SO-2025-0003' });
    await findByRole(dialog, 'button', { name: 'Retry' });
    getByRole(dialog, 'button', { name: 'Download PDF SO-2025-0003' }).click();
    await findText(dialog, 'could not be downloaded');
    await expect(el).to.be.accessible();
  });

  it("inside the portal's Past Orders tab, order open", async () => {
    api.serve();
    const portal = await mountPortal();
    await startOrdering(portal);
    await selectTab(portal, 'Past Orders');
    const panel = getByRole(portal, 'tabpanel');
    await ordersShown(panel);
    await openOrder(panel, 'SO-2025-0002');
    await expect(portal).to.be.accessible();
  });
});
