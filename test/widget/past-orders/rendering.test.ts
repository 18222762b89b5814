import { expect, waitUntil } from '@open-wc/testing';
import { IDS, makeOlderOrders, makeOrders } from '../../../widget/mock/data.ts';
import {
  findByRole,
  findText,
  getByRole,
  mockApi,
  queryAllByRole,
  queryByRole,
  requestsTo,
  textOf,
} from '../customer-portal/helpers.ts';
import {
  historyRow,
  historyShown,
  mountPastOrders,
  openOrder,
  orderNumbers,
  orderRow,
  orderRows,
  ordersShown,
} from './helpers.ts';

const cells = (row: HTMLElement) => queryAllByRole(row, 'cell').map(textOf);

describe('<past-orders> rendering', () => {
  const api = mockApi();

  describe('recent orders', () => {
    it('lists the orders newest first: number, date, status, total and item count', async () => {
      api.serve();
      const el = await mountPastOrders();
      await ordersShown(el);
      expect(orderNumbers(el)).to.deep.equal(['SO-2025-0004', 'SO-2025-0003', 'SO-2025-0002', 'SO-2025-0001']);
      expect(cells(orderRow(el, 'SO-2025-0003')).slice(0, 5)).to.deep.equal([
        'SO-2025-0003',
        '10 Jun 2025',
        'Shipped',
        '€86.35',
        '2 items',
      ]);
      expect(cells(orderRow(el, 'SO-2025-0002')).slice(0, 5)).to.deep.equal([
        'SO-2025-0002',
        '20 May 2025',
        'Delivered',
        '€218.40',
        '3 items',
      ]);
    });

    it('shows the last 10 orders; Load more appends the next page, and goes away after the last', async () => {
      const state = api.serve({ orders: [...makeOrders(), ...makeOlderOrders(18)] });
      const el = await mountPastOrders();
      await ordersShown(el);
      expect(orderRows(el)).to.have.length(10);
      expect(requestsTo(state, 'listOrders').map((r) => r.query)).to.deep.equal([{}]);
      const firstPage = orderNumbers(el);

      getByRole(el, 'button', { name: 'Load more' }).click();
      await waitUntil(() => orderRows(el).length === 20, 'the second page did not append');
      expect(orderNumbers(el).slice(0, 10), 'the first page stays as it was').to.deep.equal(firstPage);
      expect(orderNumbers(el).slice(10, 12)).to.deep.equal(['SO-2024-0094', 'SO-2024-0093']);
      expect(requestsTo(state, 'listOrders').map((r) => r.query)).to.deep.equal([{}, { cursor: '10' }]);

      getByRole(el, 'button', { name: 'Load more' }).click();
      await waitUntil(() => orderRows(el).length === 22, 'the last page did not append');
      expect(orderNumbers(el).at(-1)).to.equal('SO-2024-0083');
      expect(queryByRole(el, 'button', { name: 'Load more' }), 'nothing more to load').to.equal(null);
      expect(requestsTo(state, 'listOrders')).to.have.length(3);
    });

    it('no Load more when everything fits on one page', async () => {
      api.serve();
      const el = await mountPastOrders();
      await ordersShown(el);
      expect(queryByRole(el, 'button', { name: 'Load more' })).to.equal(null);
    });

    it('a draft is listed and marked, but cannot be opened or reordered, and says why', async () => {
      const state = api.serve();
      const el = await mountPastOrders();
      await ordersShown(el);
      const draft = orderRow(el, 'SO-2025-0004');
      expect(cells(draft)[2]).to.equal('Draft');
      for (const name of [
        'Details of SO-2025-0004',
        'Reorder SO-2025-0004',
        'Reorder with changes SO-2025-0004',
        'Download PDF SO-2025-0004',
      ]) {
        const button = getByRole(draft, 'button', { name });
        expect(button, name).to.have.property('disabled', true);
        const reason = (button.getRootNode() as ShadowRoot).getElementById(button.getAttribute('aria-describedby')!)!;
        expect(textOf(reason)).to.equal('A draft is not placed yet: it cannot be opened or reordered.');
      }
      draft.click();
      await el.updateComplete;
      expect(queryByRole(el, 'dialog'), 'a click on the row opens nothing').to.equal(null);
      expect(requestsTo(state, 'getOrder')).to.have.length(0);
    });

    it('"No orders yet" when the customer has none', async () => {
      api.serve({ orders: [], orderHistory: { items: [], next_cursor: null } });
      const el = await mountPastOrders();
      await findText(el, 'No orders yet');
      expect(queryByRole(el, 'table', { name: 'Recent orders' })).to.equal(null);
      await findText(el, 'Nothing ordered yet');
    });

    it('reserves the space of the list while it loads', async () => {
      api.serve();
      const el = await mountPastOrders();
      const loading = getByRole(el, 'heading', { name: 'Recent orders' }).parentElement!;
      expect(textOf(loading)).to.include('Loading your orders…');
      const reserved = loading.getBoundingClientRect().height;
      await ordersShown(el);
      expect(reserved).to.be.at.least(400);
    });
  });

  describe('order details', () => {
    it('an order opens to its lines, totals, source quote and delivery with a tracking link', async () => {
      const state = api.serve();
      const el = await mountPastOrders();
      await ordersShown(el);
      const dialog = await openOrder(el, 'SO-2025-0003');
      expect(requestsTo(state, 'getOrder').map((r) => r.path.split('/').at(-1))).to.deep.equal([IDS.order.shipped]);
      await waitUntil(() => textOf(dialog).includes('Case of 12'), 'unit names come with the catalogue');
      expect(
        queryAllByRole(getByRole(dialog, 'table', { name: 'Lines' }), 'row')
          .slice(1)
          .map(cells),
      ).to.deep.equal([
        ['Cold Brew Coffee 1 L SKU BEV-CBC-1L', '12', 'Each', '€4.20', '€50.40'],
        ['Sparkling Water 500 ml SKU BEV-SPW-500', '2', 'Case of 12', '€13.00', '€26.00'],
      ]);
      const text = textOf(dialog);
      expect(text).to.include('Subtotal €76.40 Freight €9.95 Total €86.35');
      expect(text).to.include('Source quote None');
      expect(text).to.include('Your reference PO-1183');
      expect(text).to.include('In transit DN-2025-0002, DPD, shipped 11 Jun 2025 Tracking: 15501234567890');
      const tracking = getByRole(dialog, 'link', { name: '15501234567890' }) as HTMLAnchorElement;
      expect(tracking.href).to.equal('https://tracking.example/15501234567890');
      expect(tracking.target).to.equal('_blank');
      expect(tracking.rel).to.equal('noopener noreferrer');
    });

    it('shows the quote an order came from, and a delivery without tracking link', async () => {
      api.serve();
      const el = await mountPastOrders();
      await ordersShown(el);
      const dialog = await openOrder(el, 'SO-2025-0002');
      const text = textOf(dialog);
      expect(text).to.include('Source quote QT-2025-0001');
      expect(text).to.include('Delivered DN-2025-0001, An Post, delivered 22 May 2025');
      expect(text).not.to.include('Tracking');
      expect(queryAllByRole(dialog, 'link')).to.have.length(0);
    });

    it('a tracking URL that is not a web link stays text', async () => {
      const orders = makeOrders();
      orders[1].deliveries[0].tracking_url = 'javascript:alert(1)';
      api.serve({ orders });
      const el = await mountPastOrders();
      await ordersShown(el);
      const dialog = await openOrder(el, 'SO-2025-0003');
      expect(textOf(dialog)).to.include('Tracking: 15501234567890');
      expect(queryAllByRole(dialog, 'link')).to.have.length(0);
    });

    it('an order with no delivery yet says so', async () => {
      api.serve();
      const el = await mountPastOrders();
      await ordersShown(el);
      const dialog = await openOrder(el, 'SO-2025-0001');
      expect(textOf(dialog)).to.include('Delivery Not shipped yet.');
    });
  });

  describe('order history', () => {
    it("is an order guide: name and SKU, last ordered and how often, last quantity (editable) and unit, today's price for it, availability", async () => {
      api.serve();
      const el = await mountPastOrders();
      await historyShown(el);
      await waitUntil(
        () => cells(historyRow(el, 'Sparkling Water 500 ml'))[2].includes('Case of 12'),
        'unit names come with the catalogue',
      );
      expect(cells(historyRow(el, 'Cold Brew Coffee 1 L')).slice(0, 5)).to.deep.equal([
        'Cold Brew Coffee 1 L SKU BEV-CBC-1L',
        '10 Jun 2025 · 3 times',
        'Each',
        '€50.40',
        'Available',
      ]);
      expect(
        getByRole(historyRow(el, 'Cold Brew Coffee 1 L'), 'spinbutton', { name: 'Quantity of Cold Brew Coffee 1 L' }),
      ).to.have.property('value', '12');
      expect(cells(historyRow(el, 'Sparkling Water 500 ml')).slice(0, 5)).to.deep.equal([
        'Sparkling Water 500 ml SKU BEV-SPW-500',
        '10 Jun 2025 · 2 times',
        'Case of 12',
        '€26.00',
        'Available',
      ]);
      expect(cells(historyRow(el, 'Classic Cola 330 ml'))[4]).to.equal('No longer sold');
      expect(cells(historyRow(el, 'All-Purpose Cleaner 750 ml'))[4]).to.equal('Out of stock');
      expect(cells(historyRow(el, 'Green Tea, 20 bags'))[1]).to.match(/· Once$/);
    });

    it('badges: green when orderable, orange with the reason when not; Add to cart disabled then', async () => {
      api.serve();
      const el = await mountPastOrders();
      await historyShown(el);
      const available = getByRole(historyRow(el, 'Cold Brew Coffee 1 L'), 'button', {
        name: 'Add to cart: 12 × Cold Brew Coffee 1 L',
      });
      expect(available).to.have.property('disabled', false);
      const ok = (await findByRole(historyRow(el, 'Cold Brew Coffee 1 L'), 'cell', { name: 'Available' }))
        .firstElementChild!;
      expect(getComputedStyle(ok).color).to.equal('rgb(26, 127, 55)');
      const cola = historyRow(el, 'Classic Cola 330 ml');
      expect(getComputedStyle(getByRole(cola, 'cell', { name: 'No longer sold' }).firstElementChild!).color).to.equal(
        'rgb(180, 83, 9)',
      );
      expect(getByRole(cola, 'button', { name: /^Add to cart: 48/ })).to.have.property('disabled', true);
    });
  });

  describe('token', () => {
    it('without a token, asks for the personal link and calls no API', async () => {
      const state = api.serve();
      const el = await mountPastOrders({ token: null });
      expect(textOf(getByRole(el, 'alert'))).to.equal(
        'This page needs your personal portal link Open the link your supplier sent you, or ask them for one.',
      );
      expect(state.requests).to.have.length(0);
    });
  });
});
