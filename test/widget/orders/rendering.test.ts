import { expect, waitUntil } from '@open-wc/testing';
import { formatDateTime } from '../../../widget/parts/format.ts';
import { CHANGE_IDS, IDS, makeOlderOrders } from '../../../widget/mock/data.ts';
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
  allOrders,
  banner,
  cells,
  expectBlocked,
  keepAddress,
  mountOrders,
  orderRow,
  orderRows,
  orderShown,
  ordersShown,
  record,
  withChanges,
} from './helpers.ts';

const at = (iso: string) => formatDateTime(iso, 'en-IE');

describe('<portal-orders-view> rendering', () => {
  const api = mockApi();
  keepAddress();

  describe('the list', () => {
    it('newest first: number, date, status, reference, channel and total', async () => {
      api.serve({ orders: allOrders() });
      const { view } = await mountOrders();
      await ordersShown(view);
      expect(orderRows(view).map((r) => cells(r)[0])).to.deep.equal([
        'SO-2025-0013',
        'SO-2025-0012',
        'SO-2025-0011',
        'SO-2025-0010',
        'SO-2025-0009',
        'SO-2025-0008',
        'SO-2025-0007',
        'SO-2025-0006',
        'SO-2025-0005',
        'SO-2025-0004',
      ]);
      expect(cells(orderRow(view, 'SO-2025-0013'))).to.deep.equal([
        'SO-2025-0013',
        '15 Jun 2025',
        'Pending',
        'None',
        'Portal',
        '€60.35',
      ]);
      expect(cells(orderRow(view, 'SO-2025-0012'))).to.deep.equal([
        'SO-2025-0012',
        '15 Jun 2025',
        'Confirmed',
        'PO-2001',
        'Portal',
        '€52.45',
      ]);
      expect(cells(orderRow(view, 'SO-2025-0006'))[4]).to.equal('Phone');
      expect(cells(orderRow(view, 'SO-2025-0005'))[4]).to.equal('Sales rep');
      expect(cells(orderRow(view, 'SO-2025-0007'))[2]).to.equal('Cancelled');
    });

    it('labels the orders with a change or a cancellation waiting for approval', async () => {
      api.serve({ orders: allOrders() });
      const { view } = await mountOrders();
      await ordersShown(view);
      expect(cells(orderRow(view, 'SO-2025-0011'))[2]).to.equal('Pending Update awaiting approval');
      expect(cells(orderRow(view, 'SO-2025-0010'))[2]).to.equal('Confirmed Cancellation awaiting approval');
      const waiting = orderRows(view).filter((r) => /awaiting approval/.test(textOf(r)));
      expect(waiting.map((r) => cells(r)[0])).to.deep.equal(['SO-2025-0011', 'SO-2025-0010']);
    });

    it("each number links to the order's page", async () => {
      api.serve({ orders: allOrders() });
      const { view } = await mountOrders();
      await ordersShown(view);
      const link = getByRole(orderRow(view, 'SO-2025-0012'), 'link', { name: 'SO-2025-0012' }) as HTMLAnchorElement;
      expect(link.getAttribute('href')).to.equal('#portal/orders/SO-2025-0012');
    });

    it('"From quote" for an order made from a quote', async () => {
      api.serve({ orders: allOrders() });
      const { view } = await mountOrders();
      await ordersShown(view);
      getByRole(view, 'button', { name: 'Load more' }).click();
      await waitUntil(() => orderRows(view).length === 13, 'the next page did not append');
      const channel = orderRow(view, 'SO-2025-0002').querySelectorAll('[role="cell"]')[4];
      expect(cells(orderRow(view, 'SO-2025-0002'))[4]).to.equal('From quote QT-2025-0001');
      const quote = getByRole(channel as HTMLElement, 'link', { name: 'QT-2025-0001' }) as HTMLAnchorElement;
      expect(quote.getAttribute('href'), 'the source quote, linked').to.equal('#portal/quotes/QT-2025-0001');
    });

    it('a draft is listed and marked, but its number does not open it', async () => {
      api.serve({ orders: allOrders() });
      const { view } = await mountOrders();
      await ordersShown(view);
      const draft = orderRow(view, 'SO-2025-0004');
      expect(cells(draft)[0]).to.equal('SO-2025-0004');
      expect(cells(draft)[2]).to.match(/Draft/);
      expect(queryAllByRole(draft, 'link'), 'no link to a draft').to.have.length(0);
      expect(
        queryAllByRole(orderRow(view, 'SO-2025-0005'), 'link').length,
        'placed orders still link',
      ).to.be.greaterThan(0);
    });

    it("a draft's address says it is not found, as the supplier answers (404)", async () => {
      api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0004' });
      const alert = await findByRole(view, 'alert');
      expect(textOf(alert)).to.match(/^Not found/);
      expect(queryByRole(view, 'button', { name: 'Edit order' })).to.equal(null);
      expect(queryByRole(alert, 'button', { name: 'Retry' })).to.equal(null);
    });

    it('10 a page; Load more appends the next, then goes away', async () => {
      const state = api.serve({ orders: [...allOrders(), ...makeOlderOrders(9)] });
      const { view } = await mountOrders();
      await ordersShown(view);
      expect(orderRows(view)).to.have.length(10);
      getByRole(view, 'button', { name: 'Load more' }).click();
      await waitUntil(() => orderRows(view).length === 20, 'the second page did not append');
      expect(cells(orderRows(view)[10])[0]).to.equal('SO-2025-0003');
      getByRole(view, 'button', { name: 'Load more' }).click();
      await waitUntil(() => orderRows(view).length === 22, 'the last page did not append');
      expect(queryByRole(view, 'button', { name: 'Load more' })).to.equal(null);
      expect(requestsTo(state, 'listOrders').map((r) => r.query)).to.deep.equal([
        {},
        { cursor: '10' },
        { cursor: '20' },
      ]);
    });

    it('"No orders yet" without orders', async () => {
      api.serve({ orders: [] });
      const { view } = await mountOrders();
      await findText(view, 'No orders yet');
      expect(queryByRole(view, 'table', { name: 'Orders' })).to.equal(null);
    });
  });

  describe("an order's page", () => {
    it('number, status, dates, reference, lines, totals, note and Back to the list; read by its number', async () => {
      const state = api.serve({ orders: allOrders() });
      const { view } = await mountOrders({ order: 'SO-2025-0012' });
      await orderShown(view, 'SO-2025-0012');
      expect(requestsTo(state, 'getOrder').map((r) => r.path.split('/').at(-1))).to.deep.equal(['SO-2025-0012']);
      const text = textOf(view);
      expect(text).to.include(
        'Status Confirmed Date 15 Jun 2025 Last change 15 Jun 2025 Your reference PO-2001 Placed through Portal Source quote None',
      );
      expect(
        queryAllByRole(getByRole(view, 'table', { name: 'Lines' }), 'row')
          .slice(1)
          .map(cells),
      ).to.deep.equal([
        ['Orange Juice 1 L SKU BEV-OJ-1L', '10', 'Each', '€2.99', '€29.90'],
        ['Dish Soap 500 ml SKU CLN-DSH-500', '6', 'Each', '€2.10', '€12.60'],
      ]);
      expect(text).to.include('Subtotal €42.50 Freight €9.95 Total €52.45');
      // Over the list, with Close (its address without the number is the list's).
      const dialog = getByRole(view, 'dialog', { name: 'Order SO-2025-0012' });
      expect(getByRole(dialog, 'button', { name: 'Close' })).to.exist;
      expect(getByRole(view, 'table', { name: 'Orders' }), 'the list beneath').to.exist;
    });

    it("the source quote links to its page; a delivery's tracking link only for a web address", async () => {
      const orders = allOrders();
      const delivered = orders.find((o) => o.number === 'SO-2025-0002')!;
      delivered.deliveries.push({
        ...delivered.deliveries[0],
        id: IDS.delivery.shipped,
        number: 'DN-2025-0009',
        tracking_number: 'JS-1',
        tracking_url: 'javascript:alert(1)',
      });
      api.serve({ orders });
      const { view } = await mountOrders({ order: 'SO-2025-0002' });
      await orderShown(view, 'SO-2025-0002');
      const quote = getByRole(view, 'link', { name: 'QT-2025-0001' }) as HTMLAnchorElement;
      expect(quote.getAttribute('href')).to.equal('#portal/quotes/QT-2025-0001');
      expect(textOf(view)).to.include('Delivered DN-2025-0001, An Post, delivered 22 May 2025');
      expect(textOf(view)).to.include('Tracking: JS-1');
      expect(queryByRole(view, 'link', { name: 'JS-1' }), 'a javascript: URL is not a link').to.equal(null);

      const shipped = await mountOrders({ order: 'SO-2025-0003' });
      await orderShown(shipped.view, 'SO-2025-0003');
      const tracking = getByRole(shipped.view, 'link', { name: '15501234567890' }) as HTMLAnchorElement;
      expect(tracking.href).to.equal('https://tracking.example/15501234567890');
      expect(tracking.rel).to.equal('noopener noreferrer');
    });

    it('an editable order: Edit and Cancel usable, no reason shown', async () => {
      api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      for (const name of ['Edit order', 'Cancel order']) {
        const button = getByRole(view, 'button', { name });
        expect(button.getAttribute('aria-disabled'), name).to.equal('false');
        expect(button.hasAttribute('aria-describedby'), name).to.equal(false);
      }
      expect(record(view)).to.deep.equal([`Placed by Harbour Café Ltd, ${at('2025-06-15T09:05:00.000Z')}`]);
    });

    const blocked: [string, string, string][] = [
      [
        'taken by phone',
        'SO-2025-0006',
        "This order was placed by phone, so it can't be changed here. Contact Northwind Wholesale.",
      ],
      [
        'taken by a sales rep',
        'SO-2025-0005',
        "This order was placed through your sales rep, so it can't be changed here. Contact Northwind Wholesale.",
      ],
      [
        'past the allowed status (in progress)',
        'SO-2025-0008',
        'Northwind Wholesale has started preparing this order, so it can no longer be changed.',
      ],
      [
        'shipped',
        'SO-2025-0003',
        'Northwind Wholesale has started preparing this order, so it can no longer be changed.',
      ],
      [
        'made from a quote',
        'SO-2025-0002',
        "This order was made from a quote you accepted, so its prices were agreed and it can't be changed here. Contact Northwind Wholesale.",
      ],
      ['with a change waiting', 'SO-2025-0011', "A change is already waiting for Northwind Wholesale's approval."],
      [
        'with a cancellation waiting',
        'SO-2025-0010',
        "A change is already waiting for Northwind Wholesale's approval.",
      ],
      ['cancelled', 'SO-2025-0007', 'This order is cancelled.'],
    ];
    for (const [what, number, reason] of blocked) {
      it(`an order ${what}: Edit and Cancel shown unusable, with the reason`, async () => {
        const state = api.serve(withChanges());
        const { view } = await mountOrders({ order: number });
        await orderShown(view, number);
        const edit = getByRole(view, 'button', { name: 'Edit order' });
        const cancel = getByRole(view, 'button', { name: 'Cancel order' });
        expectBlocked(edit, reason);
        expectBlocked(cancel, reason);
        edit.click();
        cancel.click();
        await view.updateComplete;
        expect(queryByRole(view, 'dialog', { name: /^(Edit|Cancel) order/ }) === null, 'nothing opens').to.equal(true);
        expect(state.requests.filter((r) => r.method !== 'GET')).to.have.length(0);
      });
    }

    it('when the workspace does not let customers change orders, no Edit or Cancel at all', async () => {
      api.serve(withChanges({ enabled: false }));
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      expect(queryByRole(view, 'button', { name: 'Edit order' })).to.equal(null);
      expect(queryByRole(view, 'button', { name: 'Cancel order' })).to.equal(null);
      expect(textOf(view)).not.to.include("can't be changed");
      getByRole(view, 'button', { name: 'Reorder' });
    });

    it('the workspace\'s point: before "shipped", an order in progress can still be changed', async () => {
      api.serve(withChanges({ allowed_before: 'shipped' }));
      const { view } = await mountOrders({ order: 'SO-2025-0008' });
      await orderShown(view, 'SO-2025-0008');
      expect(getByRole(view, 'button', { name: 'Edit order' }).getAttribute('aria-disabled')).to.equal('false');
    });

    it('a change waiting: "Update awaiting approval" with the proposed lines and total against the current ones', async () => {
      api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0011' });
      await orderShown(view, 'SO-2025-0011');
      const box = banner(view, 'Update awaiting approval');
      expect(textOf(box)).to.include(
        `You asked on ${at('2025-06-15T08:20:00.000Z')} to change this order. Northwind Wholesale will review it; until then the order stays as below.`,
      );
      await waitUntil(() => textOf(box).includes('Each'), 'unit names come with the catalogue');
      expect(
        queryAllByRole(getByRole(box, 'table', { name: 'Your change' }), 'row')
          .slice(1)
          .map(cells),
      ).to.deep.equal([
        ['Cold Brew Coffee 1 L', '12 Each', '20 Each'],
        ['Green Tea, 20 bags', 'Not on the order', '4 Each'],
      ]);
      expect(textOf(box)).to.include('Total: €60.35 now → €104.95 proposed');
      // The order itself is as it was until the supplier approves.
      expect(textOf(view)).to.include('Subtotal €50.40 Freight €9.95 Total €60.35');
    });

    it('a cancellation waiting: "Cancellation awaiting approval" with the reason given', async () => {
      api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0010' });
      await orderShown(view, 'SO-2025-0010');
      const box = banner(view, 'Cancellation awaiting approval');
      expect(textOf(box)).to.equal(
        `Cancellation awaiting approval You asked on ${at('2025-06-15T07:45:00.000Z')} to cancel this order. ` +
          'Northwind Wholesale will review it; until then the order stays as below. Your reason: Ordered twice by mistake.',
      );
      expect(textOf(view)).to.include('Status Confirmed Cancellation awaiting approval');
    });

    it("the last change rejected: the supplier's reason, and the order can be changed again", async () => {
      api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0009' });
      await orderShown(view, 'SO-2025-0009');
      const box = banner(view, 'Change not accepted');
      expect(textOf(box)).to.equal(
        'Change not accepted Northwind Wholesale did not accept your change: ' +
          'Green tea is limited to 10 boxes an order this month. The order stays as below.',
      );
      expect(getByRole(view, 'button', { name: 'Edit order' }).getAttribute('aria-disabled')).to.equal('false');
      expect(record(view).at(-1)).to.equal(
        `Rejected by Northwind Wholesale, ${at('2025-06-15T07:50:00.000Z')} ` +
          'Reason: Green tea is limited to 10 boxes an order this month.',
      );
    });

    it('the supplier moving the order on is in the record, with the statuses and the reason', async () => {
      const data = withChanges();
      const order = data.orders.find((o) => o.number === 'SO-2025-0012')!;
      order.history.push({
        at: '2025-06-15T09:30:00.000Z',
        actor: 'supplier',
        actor_name: 'Northwind Wholesale',
        action: 'status_changed',
        changes: { status: { from: 'pending', to: 'confirmed' } },
        note: 'Stock checked',
      });
      api.serve(data);
      const { view } = await mountOrders({ order: 'SO-2025-0012' });
      await orderShown(view, 'SO-2025-0012');
      expect(record(view).at(-1)).to.equal(
        `Status changed by Northwind Wholesale, ${at('2025-06-15T09:30:00.000Z')} ` +
          'Changed: status Pending → Confirmed Reason: Stock checked',
      );
    });

    it('an approved change is not a banner: the record notes it', async () => {
      api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0012' });
      await orderShown(view, 'SO-2025-0012');
      expect(view.shadowRoot!.querySelector('section'), 'no banner').to.equal(null);
      await waitUntil(() => record(view).join(' ').includes('Each'), 'unit names come with the catalogue');
      expect(record(view)).to.deep.equal([
        `Placed by Harbour Café Ltd, ${at('2025-06-15T08:30:00.000Z')}`,
        `Change requested by Harbour Café Ltd, ${at('2025-06-15T08:40:00.000Z')} Changed: Dish Soap 500 ml: 4 → 6 Each; total €48.25 → €52.45`,
        `Approved by Northwind Wholesale, ${at('2025-06-15T09:00:00.000Z')} Changed: Dish Soap 500 ml: 4 → 6 Each; total €48.25 → €52.45`,
      ]);
    });

    it('a cancelled order: its status, and the record of the cancellation and its approval', async () => {
      api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0007' });
      await orderShown(view, 'SO-2025-0007');
      expect(textOf(view)).to.include('Status Cancelled');
      expect(record(view)).to.deep.equal([
        `Placed by Harbour Café Ltd, ${at('2025-06-14T19:00:00.000Z')}`,
        `Cancellation requested by Harbour Café Ltd, ${at('2025-06-14T19:30:00.000Z')} Reason: Not needed any more.`,
        `Approved by Northwind Wholesale, ${at('2025-06-14T20:15:00.000Z')} Changed: status Confirmed → Cancelled`,
      ]);
    });

    it('a change request in the record: added and removed lines and the reference', async () => {
      const orders = allOrders();
      orders[0].history.push({
        at: '2025-06-15T09:30:00.000Z',
        actor: 'customer',
        actor_name: 'Harbour Café Ltd',
        action: 'updated',
        note: null,
        changes: {
          customer_reference: { from: null, to: 'PO-3000' },
          lines: [
            {
              product_id: IDS.product.coldBrew,
              sku: 'BEV-CBC-1L',
              name: 'Cold Brew Coffee 1 L',
              uom: 'each',
              from_quantity: 12,
              to_quantity: 0,
            },
            {
              product_id: IDS.product.greenTea,
              sku: 'BEV-GT-20',
              name: 'Green Tea, 20 bags',
              uom: 'each',
              from_quantity: 0,
              to_quantity: 3,
            },
          ],
          total_minor: { from: 6035, to: 1820 },
        },
      });
      api.serve({ orders });
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      await waitUntil(() => record(view).join(' ').includes('Each'), 'unit names come with the catalogue');
      expect(record(view)[1]).to.equal(
        `Changed by Harbour Café Ltd, ${at('2025-06-15T09:30:00.000Z')} Changed: ` +
          'Cold Brew Coffee 1 L removed (was 12 Each); Green Tea, 20 bags added, 3 Each; reference none → PO-3000; total €60.35 → €18.20',
      );
    });

    it('text from the supplier is shown as text, never as markup', async () => {
      const orders = allOrders();
      const rejected = orders.find((o) => o.id === CHANGE_IDS.rejected)!;
      rejected.requests[0].rejection_reason = '<img src=x onerror="window.__pwned = 1">No';
      api.serve({ orders });
      const { view } = await mountOrders({ order: 'SO-2025-0009' });
      await orderShown(view, 'SO-2025-0009');
      await findText(view, 'did not accept your change: <img src=x onerror="window.__pwned = 1">No');
      expect(view.shadowRoot!.querySelector('img')).to.equal(null);
    });

    it('an order that does not exist: says so', async () => {
      api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0999' });
      const alert = await findByRole(view, 'alert');
      expect(textOf(alert)).to.include('Not found');
    });
  });
});
