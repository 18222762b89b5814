import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HttpResponse, http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import type { PortalOpenCartEvent } from '../../../widget/events/index.ts';
import { IDS, makeCatalog, makeOrderHistory, makeOrders } from '../../../widget/mock/data.ts';
import { errorResponse, mockUrl } from '../../../widget/mock/handlers.ts';
import {
  TOKEN,
  findByRole,
  findText,
  focused,
  getByRole,
  mockApi,
  queryAllByRole,
  queryByRole,
  requestsTo,
  textOf,
} from '../customer-portal/helpers.ts';
import { cartChanges, historyRow, historyShown, mountPastOrders, openOrder, orderRow, ordersShown } from './helpers.ts';

const pdfUrl = mockUrl(endpoints.getOrderPdf);

/** The anchor clicks that start a download, stopped before the browser saves anything. */
function downloads(el: Element) {
  const seen: { href: string; download: string }[] = [];
  el.addEventListener('click', (event) => {
    const target = event.composedPath()[0];
    if (target instanceof HTMLAnchorElement && target.hasAttribute('download')) {
      event.preventDefault();
      seen.push({ href: target.href, download: target.download });
    }
  });
  return seen;
}

describe('<past-orders> interaction', () => {
  const api = mockApi();
  let changes: ReturnType<typeof cartChanges>;
  beforeEach(() => {
    changes = cartChanges();
  });
  afterEach(() => changes.stop());

  describe('opening an order', () => {
    it('with a click on its row, or on its button; the button says it is expanded', async () => {
      api.serve();
      const el = await mountPastOrders();
      await ordersShown(el);
      const button = getByRole(el, 'button', { name: 'Details of SO-2025-0003' });
      expect(button.getAttribute('aria-expanded')).to.equal('false');

      queryAllByRole(orderRow(el, 'SO-2025-0003'), 'cell')[1].click();
      const dialog = (await findByRole(el, 'dialog', { name: 'Order SO-2025-0003' })) as HTMLDialogElement;
      expect(dialog.open).to.equal(true);
      expect(button.getAttribute('aria-expanded')).to.equal('true');

      getByRole(dialog, 'button', { name: 'Close' }).click();
      await waitUntil(
        () => !dialog.open && button.getAttribute('aria-expanded') === 'false',
        'the details did not close',
      );
    });

    for (const key of ['Enter', ' '] as const) {
      it(`with the keyboard (${key === ' ' ? 'Space' : key}); Escape closes it and the focus goes back`, async () => {
        api.serve();
        const el = await mountPastOrders();
        await ordersShown(el);
        const button = getByRole(el, 'button', { name: 'Details of SO-2025-0002' });
        button.focus();
        await sendKeys({ press: key === ' ' ? 'Space' : key });
        const dialog = (await findByRole(el, 'dialog', { name: 'Order SO-2025-0002' })) as HTMLDialogElement;
        await findText(dialog, 'Sea Salt Crisps 150 g');
        await sendKeys({ press: 'Escape' });
        await waitUntil(() => !dialog.open, 'Escape did not close the details');
        expect(focused()).to.equal(button);
      });
    }

    it('loads an order once, however often it is opened', async () => {
      const state = api.serve();
      const el = await mountPastOrders();
      await ordersShown(el);
      const dialog = await openOrder(el, 'SO-2025-0003');
      dialog.close();
      await openOrder(el, 'SO-2025-0003');
      expect(requestsTo(state, 'getOrder')).to.have.length(1);
    });
  });

  describe('reorder', () => {
    it("puts the orderable lines in the cart at today's prices and lists the lines left out with the reason", async () => {
      const state = api.serve();
      const el = await mountPastOrders();
      await ordersShown(el);
      getByRole(el, 'button', { name: 'Reorder SO-2025-0002' }).click();
      const status = await findByRole(el, 'status', { name: /Added 2 lines of SO-2025-0002/ });
      expect(textOf(status)).to.equal(
        "Added 2 lines of SO-2025-0002 to your cart, at today's prices. 60 × Sea Salt Crisps 150 g 24 × Dish Soap 500 ml " +
          'Left out, no longer orderable: Classic Cola 330 ml (SKU BEV-COL-330): No longer sold',
      );
      expect(getByRole(status, 'list', { name: 'Added' })).to.exist;
      expect(queryAllByRole(getByRole(status, 'list', { name: 'Left out' }), 'listitem')).to.have.length(1);

      // Today's prices: the crisps are on promotion (200 a unit), the soap at the group price.
      const change = changes.seen.at(-1)!;
      expect(change).to.include({ itemCount: 84, totalMinor: 60 * 200 + 24 * 210, currency: 'EUR' });
      expect(change.lines).to.deep.equal([
        { product_id: IDS.product.seaSaltCrisps, uom: 'each', quantity: 60 },
        { product_id: IDS.product.dishSoap, uom: 'each', quantity: 24 },
      ]);
      expect(requestsTo(state, 'getCatalog')).to.have.length(1);
      expect(requestsTo(state, 'placeOrder'), 'nothing is ordered').to.have.length(0);
    });

    it('order guide: a changed quantity is priced for that quantity and added as typed; "Add all" adds every orderable product', async () => {
      api.serve();
      const el = await mountPastOrders();
      await historyShown(el);
      const row = historyRow(el, 'Cold Brew Coffee 1 L');
      const field = getByRole(row, 'spinbutton', { name: 'Quantity of Cold Brew Coffee 1 L' }) as HTMLInputElement;
      await waitUntil(() => textOf(row).includes('€50.40'), 'no price for 12');
      field.focus();
      field.select();
      await sendKeys({ type: '48' });
      await waitUntil(
        () => textOf(row).includes('€187.20'),
        'the price did not follow the quantity (48 at the 48+ tier)',
      );
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => changes.itemCount === 48, 'Enter did not add the typed quantity');
      await findText(el, 'Added 48 × Cold Brew Coffee 1 L to your cart.');

      getByRole(el, 'button', { name: /^Add all \d+ to the cart$/ }).click();
      await findText(el, 'Your cart already has 1 of these products. Adding all adds to what is there:');
      getByRole(el, 'button', { name: 'Add them anyway' }).click();
      await findText(el, /Added \d+ products to your cart\./);
      expect(changes.seen.at(-1)!.lines.find((l) => l.product_id === IDS.product.coldBrew)!.quantity).to.equal(96);
      expect(
        changes.seen
          .at(-1)!
          .lines.some((l) => l.product_id === IDS.product.sparklingWater && l.uom === 'case12' && l.quantity === 2),
      ).to.equal(true);
    });

    it('order guide: a quantity that is not one is explained next to it and cannot be added', async () => {
      api.serve();
      const el = await mountPastOrders();
      await historyShown(el);
      const row = historyRow(el, 'Cold Brew Coffee 1 L');
      const field = getByRole(row, 'spinbutton', { name: 'Quantity of Cold Brew Coffee 1 L' }) as HTMLInputElement;
      field.focus();
      field.select();
      await sendKeys({ type: '0' });
      await findText(row, 'Enter a quantity of 1 or more.');
      const add = getByRole(row, 'button', { name: /^Add to cart/ });
      expect(add.getAttribute('aria-disabled')).to.equal('true');
      add.click();
      await el.updateComplete;
      expect(changes.itemCount).to.equal(0);
    });

    it('a second Reorder asks before it doubles the cart; then quantities add up, in the unit ordered', async () => {
      api.serve();
      const el = await mountPastOrders();
      await ordersShown(el);
      const dialog = await openOrder(el, 'SO-2025-0003');
      getByRole(dialog, 'button', { name: 'Reorder SO-2025-0003' }).click();
      await findText(dialog, 'Added 2 lines of SO-2025-0003');
      expect(textOf(dialog)).to.include('12 × Cold Brew Coffee 1 L 2 × Sparkling Water 500 ml (Case of 12)');
      getByRole(dialog, 'button', { name: 'Reorder SO-2025-0003' }).click();
      await findText(dialog, 'Your cart already has 2 products of SO-2025-0003. Reorder adds to what is there:');
      expect(textOf(dialog)).to.include('12 × Cold Brew Coffee 1 L in the cart');
      expect(changes.itemCount, 'nothing added yet').to.equal(14);
      const proceed = getByRole(dialog, 'button', { name: 'Add them anyway' });
      await waitUntil(() => focused() === proceed, 'the keyboard is not on the question');
      proceed.click();
      await waitUntil(() => changes.itemCount === 28, 'the second reorder did not add up');
      expect(changes.seen.at(-1)!.lines).to.deep.equal([
        { product_id: IDS.product.coldBrew, uom: 'each', quantity: 24 },
        { product_id: IDS.product.sparklingWater, uom: 'case12', quantity: 4 },
      ]);
      // 24 cold brews reach the 12+ tier (420); 4 cases at 1300.
      expect(changes.seen.at(-1)!.totalMinor).to.equal(24 * 420 + 4 * 1300);
    });

    it('every reason a line is left out: inactive, out of stock, unpriced, unit gone, not in the catalogue', async () => {
      const catalog = makeCatalog();
      const products = catalog.products
        .filter((p) => p.id !== IDS.product.coldBrew)
        .map((p) =>
          p.id === IDS.product.sparklingWater ? { ...p, units: p.units.filter((u) => u.code === 'each') } : p,
        );
      const orders = makeOrders();
      orders[1].lines.push(
        {
          ...orders[1].lines[0],
          product_id: IDS.product.microfibreCloths,
          sku: 'CLN-MFC-10',
          name: 'Microfibre Cloths, 10 pack',
        },
        {
          ...orders[1].lines[0],
          product_id: IDS.product.allPurposeCleaner,
          sku: 'CLN-APC-750',
          name: 'All-Purpose Cleaner 750 ml',
        },
        {
          ...orders[1].lines[0],
          product_id: IDS.product.discontinuedCola,
          sku: 'BEV-COL-330',
          name: 'Classic Cola 330 ml',
        },
        {
          ...orders[1].lines[0],
          product_id: IDS.product.orangeJuice,
          sku: 'BEV-OJ-1L',
          name: 'Orange Juice 1 L',
          quantity: 3,
        },
      );
      api.serve({ catalog: { products }, orders });
      const el = await mountPastOrders();
      await ordersShown(el);
      getByRole(el, 'button', { name: 'Reorder SO-2025-0003' }).click();
      const status = await findByRole(el, 'status', { name: /SO-2025-0003/ });
      expect(textOf(status)).to.include(
        "Added 1 line of SO-2025-0003 to your cart, at today's prices. 3 × Orange Juice 1 L",
      );
      expect(queryAllByRole(getByRole(status, 'list', { name: 'Left out' }), 'listitem').map(textOf)).to.deep.equal([
        'Cold Brew Coffee 1 L (SKU BEV-CBC-1L): No longer in the catalogue',
        'Sparkling Water 500 ml (SKU BEV-SPW-500): Unit no longer available',
        'Microfibre Cloths, 10 pack (SKU CLN-MFC-10): No price set',
        'All-Purpose Cleaner 750 ml (SKU CLN-APC-750): Out of stock',
        'Classic Cola 330 ml (SKU BEV-COL-330): No longer sold',
      ]);
      expect(changes.itemCount).to.equal(3);
    });

    it('nothing orderable: says so and leaves the cart alone', async () => {
      const catalog = makeCatalog();
      api.serve({ catalog: { products: catalog.products.map((p) => ({ ...p, active: false })) } });
      const el = await mountPastOrders();
      await ordersShown(el);
      getByRole(el, 'button', { name: 'Reorder SO-2025-0001' }).click();
      await findText(el, 'Nothing from SO-2025-0001 could be added to your cart.');
      expect(changes.seen).to.have.length(0);
    });

    it('"Reorder with changes" adds the lines, then asks the page to open the cart', async () => {
      api.serve();
      const el = await mountPastOrders();
      await ordersShown(el);
      const opened: PortalOpenCartEvent[] = [];
      const listener = (event: PortalOpenCartEvent) => opened.push(event);
      document.addEventListener('portal-open-cart', listener);
      try {
        const dialog = await openOrder(el, 'SO-2025-0002');
        getByRole(dialog, 'button', { name: 'Reorder with changes SO-2025-0002' }).click();
        await waitUntil(() => opened.length === 1, 'no portal-open-cart');
        expect(opened[0].token).to.equal(TOKEN);
        expect(opened[0].target).to.equal(el);
        expect(changes.itemCount, 'the lines are in the cart first').to.equal(84);
        expect(dialog.open, 'the details make way for the cart').to.equal(false);
        await findText(el, 'Added 2 lines of SO-2025-0002');
      } finally {
        document.removeEventListener('portal-open-cart', listener);
      }
    });
  });

  describe('order history', () => {
    it('"Add to cart" adds the last quantity in the last unit', async () => {
      api.serve();
      const el = await mountPastOrders();
      await historyShown(el);
      await waitUntil(() => textOf(historyRow(el, 'Sparkling Water 500 ml')).includes('Case of 12'));
      getByRole(historyRow(el, 'Sparkling Water 500 ml'), 'button', {
        name: 'Add to cart: 2 × Sparkling Water 500 ml (Case of 12)',
      }).click();
      await findText(el, 'Added 2 × Sparkling Water 500 ml (Case of 12) to your cart.');
      expect(changes.seen.at(-1)!.lines).to.deep.equal([
        { product_id: IDS.product.sparklingWater, uom: 'case12', quantity: 2 },
      ]);

      getByRole(historyRow(el, 'Cold Brew Coffee 1 L'), 'button', {
        name: 'Add to cart: 12 × Cold Brew Coffee 1 L',
      }).click();
      await waitUntil(() => changes.itemCount === 14);
      expect(changes.seen.at(-1)!.totalMinor).to.equal(2 * 1300 + 12 * 420 + 995);
    });

    it('a product the catalogue no longer offers is left out, with the reason', async () => {
      // The history was read before the tea ran out; the catalogue, as the cart prices it, says it has.
      const catalog = makeCatalog();
      catalog.products.find((p) => p.id === IDS.product.greenTea)!.stock = 'out_of_stock';
      api.serve({ catalog: { products: catalog.products }, orderHistory: makeOrderHistory() });
      const el = await mountPastOrders();
      await historyShown(el);
      getByRole(historyRow(el, 'Green Tea, 20 bags'), 'button', {
        name: 'Add to cart: 4 × Green Tea, 20 bags',
      }).click();
      await findText(el, 'Green Tea, 20 bags can no longer be ordered: Out of stock.');
      expect(changes.seen).to.have.length(0);
    });
  });

  describe('PDF', () => {
    it('"Download PDF" fetches the order\'s PDF and saves it under the order number', async () => {
      const state = api.serve();
      const el = await mountPastOrders();
      const saved = downloads(el);
      await ordersShown(el);
      getByRole(el, 'button', { name: 'Download PDF SO-2025-0003' }).click();
      await waitUntil(() => saved.length === 1, 'no download');
      expect(saved[0].download).to.equal('SO-2025-0003.pdf');
      expect(saved[0].href).to.match(/^blob:/);
      const [request] = requestsTo(state, 'getOrderPdf');
      expect(request.path).to.equal(`/api/v1/customer-portal/view/${TOKEN}/orders/${IDS.order.shipped}/pdf`);
      expect(queryByRole(el, 'status', { name: /could not/ })).to.equal(null);
    });

    it('from the details too', async () => {
      api.serve();
      const el = await mountPastOrders();
      const saved = downloads(el);
      await ordersShown(el);
      const dialog = await openOrder(el, 'SO-2025-0002');
      getByRole(dialog, 'button', { name: 'Download PDF SO-2025-0002' }).click();
      await waitUntil(() => saved.length === 1, 'no download');
      expect(saved[0].download).to.equal('SO-2025-0002.pdf');
    });

    it('a failed download says so, where it was asked for', async () => {
      api.serve();
      api.worker.use(http.get(pdfUrl, () => errorResponse(500, 'internal_error', 'boom')));
      const el = await mountPastOrders();
      const saved = downloads(el);
      await ordersShown(el);
      const dialog = await openOrder(el, 'SO-2025-0003');
      getByRole(dialog, 'button', { name: 'Download PDF SO-2025-0003' }).click();
      await findText(
        dialog,
        'The PDF of SO-2025-0003 could not be downloaded. Something went wrong at the supplier. Please try again in a moment.',
      );
      expect(saved).to.have.length(0);
    });

    it('a network failure says so', async () => {
      api.serve();
      api.worker.use(http.get(pdfUrl, () => HttpResponse.error()));
      const el = await mountPastOrders();
      await ordersShown(el);
      getByRole(el, 'button', { name: 'Download PDF SO-2025-0001' }).click();
      await findText(el, 'The PDF of SO-2025-0001 could not be downloaded. The supplier could not be reached.');
    });
  });
});
