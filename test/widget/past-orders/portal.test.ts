import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../widget/elements/customer-portal/customer-portal.ts';
import '../../../widget/elements/past-orders/past-orders.ts';
import type { CustomerPortal } from '../../../widget/elements/customer-portal/customer-portal.ts';
import type { PastOrders } from '../../../widget/elements/past-orders/past-orders.ts';
import type { PortalCartChangeEvent, PortalOpenCartEvent } from '../../../widget/events/index.ts';
import { IDS } from '../../../widget/mock/data.ts';
import {
  API_BASE,
  TOKEN,
  cartCount,
  findByRole,
  findText,
  getByRole,
  mockApi,
  mountPortal,
  queryAllByRole,
  requestsTo,
  selectTab,
  startOrdering,
  textOf,
} from '../customer-portal/helpers.ts';
import { historyRow, historyShown, orderRows, ordersShown } from './helpers.ts';
import { sendKeys } from '@web/test-runner-commands';

describe('<past-orders> with <customer-portal>', () => {
  const api = mockApi();

  describe('side by side on one page, same token', () => {
    async function page() {
      const root = await fixture<HTMLDivElement>(html`<div>
        <customer-portal api-base=${API_BASE} token=${TOKEN}></customer-portal>
        <past-orders api-base=${API_BASE} token=${TOKEN}></past-orders>
      </div>`);
      return {
        portal: root.querySelector<CustomerPortal>('customer-portal')!,
        orders: root.querySelector<PastOrders>('past-orders')!,
      };
    }

    it("adding from the order history shows in the portal's cart at once", async () => {
      const state = api.serve();
      const { portal, orders } = await page();
      await startOrdering(portal);
      await historyShown(orders);
      expect(cartCount(portal)).to.equal(0);

      getByRole(historyRow(orders, 'Cold Brew Coffee 1 L'), 'button', {
        name: 'Add to cart: 12 × Cold Brew Coffee 1 L',
      }).click();
      await waitUntil(() => cartCount(portal) === 12, 'the portal did not see the cart change');

      expect(requestsTo(state, 'getSession'), 'one session for both').to.have.length(1);
      expect(requestsTo(state, 'getCatalog'), 'one catalogue for both').to.have.length(1);
    });

    it("a reorder too, and the portal's cart lists the lines", async () => {
      api.serve();
      const { portal, orders } = await page();
      await startOrdering(portal);
      await ordersShown(orders);
      getByRole(orders, 'button', { name: 'Reorder SO-2025-0002' }).click();
      await waitUntil(() => cartCount(portal) === 84, 'the portal did not see the reorder');
      getByRole(portal, 'button', { name: /^Cart, \d+ items?$/ }).click();
      const cart = await findByRole(portal, 'dialog', { name: 'Cart' });
      expect(textOf(cart)).to.include('Sea Salt Crisps 150 g');
      expect(textOf(cart)).to.include('Dish Soap 500 ml');
      expect(textOf(cart)).not.to.include('Classic Cola');
    });

    it('each element announces the change, once', async () => {
      api.serve();
      const { portal, orders } = await page();
      await startOrdering(portal);
      await historyShown(orders);
      const seen: PortalCartChangeEvent[] = [];
      const record = (event: PortalCartChangeEvent) => seen.push(event);
      document.addEventListener('portal-cart-change', record);
      try {
        getByRole(historyRow(orders, 'Cold Brew Coffee 1 L'), 'button', {
          name: 'Add to cart: 12 × Cold Brew Coffee 1 L',
        }).click();
        await waitUntil(() => seen.length === 2);
        expect(seen.map((e) => e.target)).to.have.members([portal, orders]);
        expect(seen.map((e) => e.itemCount)).to.deep.equal([12, 12]);
      } finally {
        document.removeEventListener('portal-cart-change', record);
      }
    });
  });

  describe("the portal's Past Orders tab", () => {
    async function pastOrdersTab() {
      const state = api.serve();
      const portal = await mountPortal();
      await startOrdering(portal);
      await selectTab(portal, 'Past Orders');
      const panel = getByRole(portal, 'tabpanel');
      await ordersShown(panel);
      return { state, portal, panel };
    }

    it('the search box filters it: orders by number, products by name or SKU', async () => {
      const { portal, panel } = await pastOrdersTab();
      await historyShown(panel);
      const before = orderRows(panel).length;
      expect(before).to.be.greaterThan(2);
      const search = getByRole(portal, 'searchbox') as HTMLInputElement;
      search.focus();
      await sendKeys({ type: 'SO-2025-0003' });
      await waitUntil(() => orderRows(panel).length === 1, 'the orders were not filtered');
      expect(textOf(orderRows(panel)[0])).to.include('SO-2025-0003');
      await findText(panel, 'No products you ordered before match “SO-2025-0003”.');
      search.select();
      await sendKeys({ type: 'cold brew' });
      await waitUntil(
        () => queryAllByRole(getByRole(panel, 'table', { name: 'Order history' }), 'row').length === 2,
        'the history was not filtered',
      );
      expect(() => historyRow(panel, 'Cold Brew Coffee 1 L')).not.to.throw();
      await findText(panel, 'No orders loaded so far match “cold brew”.');
    });

    it("a reorder updates the portal's cart count, announced once by the portal", async () => {
      const { portal, panel } = await pastOrdersTab();
      const seen: PortalCartChangeEvent[] = [];
      const record = (event: PortalCartChangeEvent) => seen.push(event);
      document.addEventListener('portal-cart-change', record);
      try {
        getByRole(panel, 'button', { name: 'Reorder SO-2025-0003' }).click();
        await waitUntil(() => cartCount(portal) === 14, 'the header did not count the reorder');
        await findText(panel, 'Added 2 lines of SO-2025-0003');
        expect(seen).to.have.length(1);
        expect(seen[0].target).to.equal(portal);
        expect(seen[0].lines).to.deep.equal([
          { product_id: IDS.product.coldBrew, uom: 'each', quantity: 12 },
          { product_id: IDS.product.sparklingWater, uom: 'case12', quantity: 2 },
        ]);
      } finally {
        document.removeEventListener('portal-cart-change', record);
      }
    });

    it('"Reorder with changes" opens the portal\'s cart with the lines, for editing', async () => {
      const { portal, panel } = await pastOrdersTab();
      const opened: PortalOpenCartEvent[] = [];
      const record = (event: PortalOpenCartEvent) => opened.push(event);
      document.addEventListener('portal-open-cart', record);
      try {
        getByRole(panel, 'button', { name: 'Reorder with changes SO-2025-0002' }).click();
        const cart = (await findByRole(portal, 'dialog', { name: 'Cart' })) as HTMLDialogElement;
        expect(cart.open).to.equal(true);
        expect(queryAllByRole(cart, 'spinbutton').map((s) => (s as HTMLInputElement).value)).to.deep.equal([
          '60',
          '24',
        ]);
        expect(getByRole(cart, 'button', { name: 'Place order' })).to.exist;
        expect(opened, 'the portal opened its own cart: no other cart on the page opens').to.have.length(0);
      } finally {
        document.removeEventListener('portal-open-cart', record);
      }
    });
  });
});
