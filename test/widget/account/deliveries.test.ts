import { expect, waitUntil } from '@open-wc/testing';
import { endpoints } from '../../../widget/contract/index.ts';
import { makeDeliveries } from '../../../widget/mock/data.ts';
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
import {
  expectLayout,
  expectNoSidewaysOverflow,
  failOnce,
  documentDialog,
  headingFocused,
  hold,
  keepAddress,
  keys,
  moreDeliveries,
  openAt,
  row,
  tableShown,
} from './helpers.ts';

/** The dataset's deliveries with DN-2025-0002's tracking address replaced. */
function trackingAt(url: string | null) {
  const deliveries = makeDeliveries();
  deliveries[0].tracking_url = url;
  return deliveries;
}

/** A delivery open over the list, loaded: its dialog. */
async function deliveryPage(number: string, width?: number) {
  const el = await openAt(`#portal/deliveries/${number}`, `Delivery ${number}`, { width });
  const dialog = await documentDialog(el, `Delivery ${number}`);
  await findByRole(dialog, 'table', { name: 'Lines' });
  return dialog;
}

/** Every link in the portal, shadow roots included, with where it goes. */
function hrefs(el: Element): string[] {
  return queryAllByRole(el, 'link').map((a) => a.getAttribute('href') ?? '');
}

describe('Deliveries section', () => {
  const api = mockApi();
  keepAddress();

  describe('list', () => {
    it('lists each delivery with its order, status, carrier, tracking and dates', async () => {
      api.serve();
      const el = await openAt('#portal/deliveries', 'Deliveries');
      await tableShown(el, 'Deliveries');
      expect(keys(el, 'Deliveries')).to.deep.equal(['DN-2025-0002', 'DN-2025-0001']);
      expect(textOf(row(el, 'Deliveries', 'DN-2025-0002'))).to.equal(
        'DN-2025-0002 SO-2025-0003 In transit DPD 15501234567890 (opens in a new tab) 11 Jun 2025 —',
      );
      expect(textOf(row(el, 'Deliveries', 'DN-2025-0001'))).to.equal(
        'DN-2025-0001 SO-2025-0002 Delivered An Post — 21 May 2025 22 May 2025',
      );
      expect(getByRole(el, 'link', { name: 'SO-2025-0003' }).getAttribute('href')).to.equal(
        '#portal/orders/SO-2025-0003',
      );
      expect(getByRole(el, 'link', { name: 'DN-2025-0002' }).getAttribute('href')).to.equal(
        '#portal/deliveries/DN-2025-0002',
      );
    });

    it('a tracking number with a web address is a link to it, in a new tab', async () => {
      api.serve();
      const el = await openAt('#portal/deliveries', 'Deliveries');
      await tableShown(el, 'Deliveries');
      const link = getByRole(el, 'link', { name: '15501234567890 (opens in a new tab)' });
      expect(link.getAttribute('href')).to.equal('https://tracking.example/15501234567890');
      expect(link.getAttribute('target')).to.equal('_blank');
      expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    });

    for (const url of [
      'javascript:alert(document.domain)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://tracking.example/1',
      'not a url',
      null,
    ]) {
      it(`a tracking address ${JSON.stringify(url)} is not a link: the number is plain text`, async () => {
        api.serve({ deliveries: trackingAt(url) });
        const el = await openAt('#portal/deliveries', 'Deliveries');
        await tableShown(el, 'Deliveries');
        expect(textOf(row(el, 'Deliveries', 'DN-2025-0002'))).to.include('DPD 15501234567890 11 Jun 2025');
        expect(queryByRole(el, 'link', { name: /15501234567890/ })).to.equal(null);
        expect(
          hrefs(el).filter((h) => !h.startsWith('#portal')),
          "no link but the portal's own",
        ).to.deep.equal([]);
      });
    }

    it('text from the supplier stays text', async () => {
      const deliveries = makeDeliveries();
      deliveries[0].carrier = '<img src=x onerror="window.__pwned=1">';
      api.serve({ deliveries });
      const el = await openAt('#portal/deliveries', 'Deliveries');
      await tableShown(el, 'Deliveries');
      expect(textOf(row(el, 'Deliveries', 'DN-2025-0002'))).to.include('<img src=x onerror="window.__pwned=1">');
      expect(el.shadowRoot!.querySelector('portal-deliveries-view')!.shadowRoot!.querySelector('img')).to.equal(null);
    });

    it('Load more', async () => {
      api.serve({ deliveries: [...makeDeliveries(), ...moreDeliveries(10)] });
      const el = await openAt('#portal/deliveries', 'Deliveries');
      await tableShown(el, 'Deliveries');
      getByRole(el, 'button', { name: 'Load more' }).click();
      await waitUntil(() => keys(el, 'Deliveries').length === 12);
      await waitUntil(
        () => focused() === getByRole(el, 'link', { name: 'DN-2024-0092' }),
        'the focus did not go to the first new delivery',
      );
    });

    it('loading, then a failure with Retry', async () => {
      api.serve();
      failOnce(api, endpoints.listDeliveries);
      const held = hold(api, endpoints.listDeliveries);
      const el = await openAt('#portal/deliveries', 'Deliveries');
      await findText(el, 'Loading your deliveries…');
      held.release();
      (await findByRole(el, 'button', { name: 'Retry' })).click();
      await tableShown(el, 'Deliveries');
    });

    it('no deliveries yet', async () => {
      api.serve({ deliveries: [] });
      const el = await openAt('#portal/deliveries', 'Deliveries');
      await findText(el, 'No deliveries yet Once an order ships, its delivery and tracking show here.');
    });
  });

  describe("a delivery's page", () => {
    it('shows its status, carrier, tracking, dates, order and lines', async () => {
      const state = api.serve();
      const el = await deliveryPage('DN-2025-0002');
      expect(textOf(el)).to.include(
        'Status In transit Carrier DPD Tracking number 15501234567890 (opens in a new tab) Shipped 11 Jun 2025 Delivered — Order SO-2025-0003',
      );
      expect(textOf(el)).to.include('Cold Brew Coffee 1 L SKU BEV-CBC-1L 12 Each');
      expect(getByRole(el, 'link', { name: 'SO-2025-0003' }).getAttribute('href')).to.equal(
        '#portal/orders/SO-2025-0003',
      );
      expect(requestsTo(state, 'getDelivery')[0].path).to.equal(
        `/api/v1/customer-portal/view/${TOKEN}/deliveries/DN-2025-0002`,
      );
    });

    it('a javascript: tracking address is plain text there too', async () => {
      api.serve({ deliveries: trackingAt('javascript:alert(1)') });
      const el = await deliveryPage('DN-2025-0002');
      expect(textOf(el)).to.include('Tracking number 15501234567890 Shipped');
      expect(hrefs(el).filter((h) => !h.startsWith('#portal'))).to.deep.equal([]);
    });

    it('without the Orders section, the order is named but not linked', async () => {
      api.serve({ session: { permissions: { view_orders: false } } });
      const el = await deliveryPage('DN-2025-0002');
      expect(textOf(el)).to.include('Order SO-2025-0003');
      expect(queryByRole(el, 'link', { name: 'SO-2025-0003' })).to.equal(null);
    });

    it('opens over the list; Close returns to it, the focus on its link', async () => {
      api.serve();
      const el = await openAt('#portal/deliveries', 'Deliveries');
      await tableShown(el, 'Deliveries');
      const link = getByRole(el, 'link', { name: 'DN-2025-0001' });
      link.click();
      await headingFocused(el, 'Delivery DN-2025-0001');
      const dialog = await documentDialog(el, 'Delivery DN-2025-0001');
      getByRole(dialog, 'button', { name: 'Close' }).click();
      await waitUntil(
        () => !dialog.open && location.hash === '#portal/deliveries' && focused() === link,
        'Close did not return to the list',
      );
    });

    it('a failed load says so; Retry loads it', async () => {
      api.serve();
      failOnce(api, endpoints.getDelivery);
      const el = await openAt('#portal/deliveries/DN-2025-0002', 'Delivery DN-2025-0002');
      (await findByRole(el, 'button', { name: 'Retry' })).click();
      await findByRole(el, 'table', { name: 'Lines' });
    });
  });

  describe('layout', () => {
    it('wide (1200 px): tables', async () => {
      api.serve();
      const el = await openAt('#portal/deliveries', 'Deliveries', { width: 1200 });
      expectLayout(await tableShown(el, 'Deliveries'), 'rows');
      expectNoSidewaysOverflow(el);
      getByRole(el, 'link', { name: 'DN-2025-0002' }).click();
      expectLayout(await findByRole(el, 'table', { name: 'Lines' }), 'rows');
    });

    it('narrow (360 px): cards', async () => {
      api.serve();
      const el = await openAt('#portal/deliveries', 'Deliveries', { width: 360 });
      expectLayout(await tableShown(el, 'Deliveries'), 'cards');
      expectNoSidewaysOverflow(el);
      getByRole(el, 'link', { name: 'DN-2025-0002' }).click();
      await findByRole(el, 'table', { name: 'Lines' });
      expectNoSidewaysOverflow(el);
    });
  });

  describe('a11y', () => {
    for (const width of [360, 1200]) {
      it(`list (${width} px)`, async () => {
        api.serve({ deliveries: [...makeDeliveries(), ...moreDeliveries(10)] });
        const el = await openAt('#portal/deliveries', 'Deliveries', { width });
        await tableShown(el, 'Deliveries');
        await expect(el).to.be.accessible();
      });

      it(`a delivery (${width} px)`, async () => {
        api.serve();
        const el = await deliveryPage('DN-2025-0002', width);
        await expect(el).to.be.accessible();
      });
    }

    it('empty, and a failure', async () => {
      api.serve({ deliveries: [] });
      failOnce(api, endpoints.listDeliveries);
      const el = await openAt('#portal/deliveries', 'Deliveries');
      await findByRole(el, 'button', { name: 'Retry' });
      await expect(el).to.be.accessible();
      getByRole(el, 'button', { name: 'Retry' }).click();
      await findText(el, 'No deliveries yet');
      await expect(el).to.be.accessible();
    });
  });
});
