import { expect } from '@open-wc/testing';
import { expectBottomDrawer, getByRole, mockApi, queryAllByRole } from '../customer-portal/helpers.ts';
import { historyShown, mountPastOrders, openOrder, orderRow, ordersShown } from './helpers.ts';

async function at(api: ReturnType<typeof mockApi>, width: number) {
  api.serve();
  const el = await mountPastOrders({ width });
  await ordersShown(el);
  await historyShown(el);
  return el;
}

/** Whether the cells of a row sit side by side on one line, as in a table. */
function oneLine(row: HTMLElement): boolean {
  const tops = queryAllByRole(row, 'cell').map((c) => Math.round(c.getBoundingClientRect().top));
  const bottoms = queryAllByRole(row, 'cell').map((c) => c.getBoundingClientRect().bottom);
  return Math.max(...tops) < Math.min(...bottoms);
}

function header(table: HTMLElement): HTMLElement {
  return queryAllByRole(table, 'row')[0];
}

describe('<past-orders> layout', () => {
  const api = mockApi();

  it('narrow (360 px): orders are cards, the details a bottom drawer across the width', async () => {
    const el = await at(api, 360);
    const table = getByRole(el, 'table', { name: 'Recent orders' });
    expect(header(table).getBoundingClientRect().height, 'no column headers on screen').to.be.at.most(1);
    const card = orderRow(el, 'SO-2025-0003');
    expect(oneLine(card), 'a card stacks its fields').to.equal(false);
    expect(getComputedStyle(card).borderTopLeftRadius).not.to.equal('0px');

    const dialog = await openOrder(el, 'SO-2025-0003');
    expect(getComputedStyle(dialog).marginBottom).to.equal('0px');
    expectBottomDrawer(dialog);
  });

  it('wide (1200 px): orders are a table, the details a centred modal', async () => {
    const el = await at(api, 1200);
    const table = getByRole(el, 'table', { name: 'Recent orders' });
    expect(header(table).getBoundingClientRect().height, 'column headers on screen').to.be.above(10);
    expect(oneLine(orderRow(el, 'SO-2025-0003')), 'one line per order').to.equal(true);
    expect(oneLine(queryAllByRole(getByRole(el, 'table', { name: 'Order history' }), 'row')[1])).to.equal(true);

    const dialog = await openOrder(el, 'SO-2025-0003');
    const box = dialog.getBoundingClientRect();
    const viewport = { width: document.documentElement.clientWidth, height: window.innerHeight };
    expect(Math.abs(box.left - (viewport.width - box.right)), 'centred horizontally').to.be.below(1);
    expect(Math.abs(box.top - (viewport.height - box.bottom)), 'centred vertically').to.be.below(1);
    expect(box.top).to.be.above(0);
    expect(box.width).to.be.below(viewport.width);
    expect(getComputedStyle(dialog).borderBottomLeftRadius).not.to.equal('0px');
  });

  for (const width of [320, 600, 800]) {
    it(`nothing overflows sideways at ${width} px, details open or not`, async () => {
      const el = await at(api, width);
      expect(el.getBoundingClientRect().width).to.equal(width);
      expect(el.parentElement!.scrollWidth, 'the container scrolls sideways').to.be.at.most(width);
      const right = el.getBoundingClientRect().right;
      const outside = queryAllByRole(el, 'button').filter((b) => b.getBoundingClientRect().right > right + 0.5);
      expect(outside.map((b) => b.getAttribute('aria-label') ?? b.textContent?.trim())).to.deep.equal([]);
      const dialog = await openOrder(el, 'SO-2025-0003');
      expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth);
    });
  }
});
