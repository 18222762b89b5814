import { expect, waitUntil } from '@open-wc/testing';
import { getResponse, http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import { createHandlers, mockUrl } from '../../../widget/mock/handlers.ts';
import { expectBottomDrawer, getByRole, mockApi, queryAllByRole } from '../customer-portal/helpers.ts';
import {
  keepAddress,
  mountOrders,
  openCancel,
  openEdit,
  orderRow,
  orderShown,
  ordersShown,
  ordersTable,
  withChanges,
} from './helpers.ts';

/** Whether the cells of a row sit side by side on one line, as in a table. */
function oneLine(row: HTMLElement): boolean {
  const tops = queryAllByRole(row, 'cell').map((c) => Math.round(c.getBoundingClientRect().top));
  const bottoms = queryAllByRole(row, 'cell').map((c) => c.getBoundingClientRect().bottom);
  return Math.max(...tops) < Math.min(...bottoms);
}

function expectCentredModal(dialog: HTMLElement): void {
  const box = dialog.getBoundingClientRect();
  const viewport = { width: document.documentElement.clientWidth, height: window.innerHeight };
  expect(Math.abs(box.left - (viewport.width - box.right)), 'centred horizontally').to.be.below(1);
  expect(box.top).to.be.above(0);
  expect(box.width).to.be.below(viewport.width);
  expect(getComputedStyle(dialog).borderBottomLeftRadius).not.to.equal('0px');
}

describe('<portal-orders-view> layout', () => {
  const api = mockApi();
  keepAddress();

  it("wide (1200 px): the orders are a table, an order's lines too; the dialogs are centred modals", async () => {
    api.serve(withChanges());
    const { view } = await mountOrders({ width: 1200 });
    await ordersShown(view);
    const header = queryAllByRole(ordersTable(view), 'row')[0];
    expect(header.getBoundingClientRect().height, 'column headers on screen').to.be.above(10);
    expect(oneLine(orderRow(view, 'SO-2025-0011')), 'one line per order, labels included').to.equal(true);

    getByRole(view, 'link', { name: 'SO-2025-0012' }).click();
    await orderShown(view, 'SO-2025-0012');
    expect(oneLine(queryAllByRole(getByRole(view, 'table', { name: 'Lines' }), 'row')[1])).to.equal(true);
    const edit = await openEdit(view, 'SO-2025-0012');
    expectCentredModal(edit);
    edit.close();
    expectCentredModal(await openCancel(view, 'SO-2025-0012'));
  });

  it('narrow (360 px): the orders are cards, and the dialogs bottom drawers across the width', async () => {
    api.serve(withChanges());
    const { view } = await mountOrders({ width: 360 });
    await ordersShown(view);
    const header = queryAllByRole(ordersTable(view), 'row')[0];
    expect(header.getBoundingClientRect().height, 'no column headers on screen').to.be.at.most(1);
    const card = orderRow(view, 'SO-2025-0011');
    expect(oneLine(card), 'a card stacks its fields').to.equal(false);
    expect(getComputedStyle(card).borderTopLeftRadius).not.to.equal('0px');

    getByRole(view, 'link', { name: 'SO-2025-0012' }).click();
    await orderShown(view, 'SO-2025-0012');
    expect(oneLine(queryAllByRole(getByRole(view, 'table', { name: 'Lines' }), 'row')[1])).to.equal(false);
    const edit = await openEdit(view, 'SO-2025-0012');
    expectBottomDrawer(edit);
    edit.close();
    expectBottomDrawer(await openCancel(view, 'SO-2025-0012'));
  });

  for (const width of [320, 600, 800]) {
    it(`nothing overflows sideways at ${width} px: list, order, edit dialog`, async () => {
      api.serve(withChanges());
      const { view, host } = await mountOrders({ width });
      await ordersShown(view);
      const container = host.parentElement!;
      expect(container.scrollWidth, 'the list scrolls sideways').to.be.at.most(width);

      getByRole(view, 'link', { name: 'SO-2025-0011' }).click();
      await orderShown(view, 'SO-2025-0011');
      expect(container.scrollWidth, 'the order scrolls sideways').to.be.at.most(width);
      const order = getByRole(view, 'dialog', { name: 'Order SO-2025-0011' }) as HTMLDialogElement;
      expect(order.scrollWidth, 'the order scrolls sideways').to.be.at.most(order.clientWidth);
      const right = Math.min(order.getBoundingClientRect().right, window.innerWidth);
      const outside = queryAllByRole(order, 'button').filter((b) => b.getBoundingClientRect().right > right + 0.5);
      expect(outside.map((b) => b.textContent?.trim())).to.deep.equal([]);

      getByRole(order, 'button', { name: 'Close' }).click();
      await waitUntil(() => !order.open && location.hash === '#portal/orders', 'Close did not go back to the list');
      await ordersShown(view);
      getByRole(view, 'link', { name: 'SO-2025-0012' }).click();
      await orderShown(view, 'SO-2025-0012');
      const dialog = await openEdit(view, 'SO-2025-0012');
      expect(dialog.scrollWidth, 'the edit dialog scrolls sideways').to.be.at.most(dialog.clientWidth);
      for (const input of queryAllByRole(dialog, 'spinbutton')) {
        expect(input.getBoundingClientRect().right, 'a quantity outside the dialog').to.be.at.most(
          dialog.getBoundingClientRect().right,
        );
      }
    });
  }

  for (const width of [360, 1200]) {
    it(`no jump when the order arrives (${width} px): the heading and its buttons stay where they were`, async () => {
      const state = api.serve(withChanges());
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const handlers = createHandlers(state);
      api.worker.use(
        http.get(mockUrl(endpoints.getOrder), async ({ request }) => {
          await gate;
          return getResponse(handlers, request);
        }),
      );
      const { view } = await mountOrders({ order: 'SO-2025-0012', width });
      const heading = getByRole(view, 'heading', { name: 'Order SO-2025-0012' });
      const pdf = getByRole(view, 'button', { name: 'Download PDF' });
      expect(pdf, 'unusable until the order is there').to.have.property('disabled', true);
      const before = [heading.getBoundingClientRect().top, pdf.getBoundingClientRect().top];
      release();
      await orderShown(view, 'SO-2025-0012');
      expect(pdf).to.have.property('disabled', false);
      expect([heading.getBoundingClientRect().top, pdf.getBoundingClientRect().top]).to.deep.equal(before);
    });
  }
});
