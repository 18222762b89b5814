import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HttpResponse, http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import { IDS, makeInvoices } from '../../../widget/mock/data.ts';
import { errorResponse, mockUrl } from '../../../widget/mock/handlers.ts';
import {
  TOKEN,
  findByRole,
  findText,
  focused,
  getByRole,
  getByText,
  mockApi,
  queryByRole,
  requestsTo,
  textOf,
} from '../customer-portal/helpers.ts';
import {
  documentDialog,
  expectLayout,
  expectNoSidewaysOverflow,
  failOnce,
  headingFocused,
  hold,
  keepAddress,
  keys,
  moreInvoices,
  openAt,
  paymentEvents,
  row,
  selectedFilter,
  stopNavigations,
  tableShown,
} from './helpers.ts';

const PAY_URL = 'https://pay.supplier.test/invoice';

/** An invoice's page, loaded. */
async function invoicePage(number: string, width?: number) {
  const el = await openAt(`#portal/invoices/${number}`, `Invoice ${number}`, { width });
  await findByRole(el, 'heading', { name: 'Payments' });
  return el;
}

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

/** Invoices with one not yet due (INV-2025-0003, unpaid, due 2035) besides the dataset's. */
function withOneNotDue() {
  const [partial, paid] = makeInvoices();
  const notDue = {
    ...structuredClone(partial),
    id: '00000009-0000-4000-8000-000000000003',
    number: 'INV-2025-0003',
    issued_at: '2025-06-14',
    due_at: '2035-01-01',
    paid_minor: 0,
    balance_minor: partial.total_minor,
    payment_state: 'not_paid' as const,
  };
  return [notDue, partial, paid];
}

describe('Invoices section', () => {
  const api = mockApi();
  keepAddress();

  describe('list', () => {
    it('lists the invoices with dates, status, total and balance; overdue ones are marked', async () => {
      api.serve({ invoices: withOneNotDue() });
      const el = await openAt('#portal/invoices', 'Invoices');
      await tableShown(el, 'Invoices');
      expect(keys(el, 'Invoices')).to.deep.equal(['INV-2025-0003', 'INV-2025-0002', 'INV-2025-0001']);
      expect(textOf(row(el, 'Invoices', 'INV-2025-0002'))).to.equal(
        'INV-2025-0002 23 May 2025 22 Jun 2025 Overdue Partly paid €218.40 €168.40',
      );
      expect(textOf(row(el, 'Invoices', 'INV-2025-0003'))).to.equal(
        'INV-2025-0003 14 Jun 2025 1 Jan 2035 Unpaid €218.40 €218.40',
      );
      expect(textOf(row(el, 'Invoices', 'INV-2025-0001')), 'a paid invoice is never overdue').to.equal(
        'INV-2025-0001 5 Apr 2025 5 May 2025 Paid €66.85 €0.00',
      );
      expect(getByRole(el, 'link', { name: 'INV-2025-0002' }).getAttribute('href')).to.equal(
        '#portal/invoices/INV-2025-0002',
      );
    });

    it('"Unpaid" asks the server for the unpaid ones only; "All" for all again', async () => {
      const state = api.serve();
      const el = await openAt('#portal/invoices', 'Invoices');
      await tableShown(el, 'Invoices');
      getByRole(el, 'tab', { name: 'Unpaid' }).click();
      await waitUntil(() => keys(el, 'Invoices').length === 1, 'the paid invoice did not go');
      expect(keys(el, 'Invoices')).to.deep.equal(['INV-2025-0002']);
      expect(requestsTo(state, 'listInvoices').map((r) => r.query)).to.deep.equal([{}, { payment_state: 'unpaid' }]);
      expect(selectedFilter(el)).to.equal('Unpaid');

      getByRole(el, 'tab', { name: 'Unpaid' }).focus();
      await sendKeys({ press: 'ArrowLeft' });
      await waitUntil(() => keys(el, 'Invoices').length === 2);
      expect(selectedFilter(el)).to.equal('All');
      expect(textOf(focused()!)).to.equal('All');
    });

    it('nothing to pay', async () => {
      api.serve({ invoices: [makeInvoices()[1]] });
      const el = await openAt('#portal/invoices', 'Invoices');
      await tableShown(el, 'Invoices');
      getByRole(el, 'tab', { name: 'Unpaid' }).click();
      await findText(el, 'Nothing to pay Every invoice is paid. Thank you!');
    });

    it('no invoices yet', async () => {
      api.serve({ invoices: [] });
      const el = await openAt('#portal/invoices', 'Invoices');
      await findText(el, 'No invoices yet Invoices from Northwind Wholesale show here once they are issued.');
    });

    it('loading, then a failure with Retry', async () => {
      api.serve();
      failOnce(api, endpoints.listInvoices);
      const held = hold(api, endpoints.listInvoices);
      const el = await openAt('#portal/invoices', 'Invoices');
      await findText(el, 'Loading your invoices…');
      held.release();
      const retry = await findByRole(el, 'button', { name: 'Retry' });
      retry.click();
      await tableShown(el, 'Invoices');
    });

    it('Load more', async () => {
      api.serve({ invoices: [...makeInvoices(), ...moreInvoices(9)] });
      const el = await openAt('#portal/invoices', 'Invoices');
      await tableShown(el, 'Invoices');
      getByRole(el, 'button', { name: 'Load more' }).click();
      await waitUntil(() => keys(el, 'Invoices').length === 11);
      await waitUntil(
        () => focused() === getByRole(el, 'link', { name: 'INV-2024-0092' }),
        'the focus did not go to the first new invoice',
      );
      expect(queryByRole(el, 'button', { name: 'Load more' })).to.equal(null);
    });

    it('a failed Load more says so, by the list; Retry loads the page', async () => {
      api.serve({ invoices: [...makeInvoices(), ...moreInvoices(9)] });
      const el = await openAt('#portal/invoices', 'Invoices');
      await tableShown(el, 'Invoices');
      failOnce(api, endpoints.listInvoices);
      getByRole(el, 'button', { name: 'Load more' }).click();
      const retry = await findByRole(el, 'button', { name: 'Retry' });
      expect(keys(el, 'Invoices'), 'the first page stays').to.have.length(10);
      retry.click();
      await waitUntil(() => keys(el, 'Invoices').length === 11);
    });
  });

  describe("an invoice's page", () => {
    it('shows its status, dates, order, lines, totals, what was paid, the balance and the payments', async () => {
      api.serve();
      const el = await documentDialog(await invoicePage('INV-2025-0002'), 'Invoice INV-2025-0002');
      const text = textOf(el);
      expect(text).to.include('Status Partly paid Issued 23 May 2025 Due 22 Jun 2025 Overdue Order SO-2025-0002');
      expect(text).to.include('Sea Salt Crisps 150 g SKU SNK-SSC-150');
      expect(text).to.include('Subtotal €218.40 Freight Free Total €218.40 Paid €50.00 Balance due €168.40');
      expect(text).to.include('Payments PAY-2025-0001 30 May 2025 Bank transfer €50.00');
      expect(getByRole(el, 'link', { name: 'SO-2025-0002' }).getAttribute('href')).to.equal(
        '#portal/orders/SO-2025-0002',
      );
      expect(getComputedStyle(getByText(el, 'Overdue')).color, 'marked as a problem').to.equal('rgb(180, 35, 24)');
    });

    it('a paid invoice: no balance to pay', async () => {
      api.serve({ session: { settings: { payment_url: PAY_URL } } });
      const el = await documentDialog(await invoicePage('INV-2025-0001'), 'Invoice INV-2025-0001');
      expect(textOf(el)).to.include('Balance due €0.00');
      expect(textOf(el)).not.to.include('Overdue');
      expect(queryByRole(el, 'button', { name: /^Pay / })).to.equal(null);
    });

    it('an unknown invoice says so', async () => {
      api.serve();
      const el = await openAt('#portal/invoices/INV-2025-0999', 'Invoice INV-2025-0999');
      expect(textOf(await findByRole(el, 'alert', { name: /Not found/ }))).to.include(
        'Northwind Wholesale has no such document for you.',
      );
    });

    it('a failed load says so; Retry loads it', async () => {
      api.serve();
      failOnce(api, endpoints.getInvoice);
      const el = await openAt('#portal/invoices/INV-2025-0002', 'Invoice INV-2025-0002');
      getByRole(await findByRole(el, 'alert', { name: /could not be reached/ }), 'button', { name: 'Retry' }).click();
      await findByRole(el, 'heading', { name: 'Payments' });
    });
  });

  describe('PDF', () => {
    it('"Download PDF" fetches the invoice\'s PDF and saves it under its number', async () => {
      const state = api.serve();
      const el = await invoicePage('INV-2025-0002');
      const saved = downloads(el);
      getByRole(el, 'button', { name: 'Download PDF' }).click();
      await waitUntil(() => saved.length === 1, 'no download');
      expect(saved[0].download).to.equal('INV-2025-0002.pdf');
      expect(saved[0].href).to.match(/^blob:/);
      expect(requestsTo(state, 'getInvoicePdf')[0].path).to.equal(
        `/api/v1/customer-portal/view/${TOKEN}/invoices/${IDS.invoice.delivered}/pdf`,
      );
    });

    it('a failed download says so', async () => {
      api.serve();
      api.worker.use(http.get(mockUrl(endpoints.getInvoicePdf), () => errorResponse(500, 'internal_error', 'boom')));
      const el = await invoicePage('INV-2025-0002');
      const saved = downloads(el);
      getByRole(el, 'button', { name: 'Download PDF' }).click();
      await findText(el, 'The PDF of INV-2025-0002 could not be downloaded. Something went wrong at the supplier.');
      expect(saved).to.have.length(0);
    });

    it('a network failure says so', async () => {
      api.serve();
      api.worker.use(http.get(mockUrl(endpoints.getInvoicePdf), () => HttpResponse.error()));
      const el = await invoicePage('INV-2025-0002');
      getByRole(el, 'button', { name: 'Download PDF' }).click();
      await findText(el, 'The PDF of INV-2025-0002 could not be downloaded. The supplier could not be reached.');
    });
  });

  describe('Pay', () => {
    const payments = paymentEvents();
    const navigations = stopNavigations();

    it('fires a cancelable portal-payment-required with the invoice; a page that cancels it takes the payment', async () => {
      api.serve({ session: { settings: { payment_url: PAY_URL } } });
      payments.handle = (event) => event.preventDefault();
      const el = await invoicePage('INV-2025-0002');
      getByRole(el, 'button', { name: 'Pay €168.40' }).click();
      await waitUntil(() => payments.seen.length === 1, 'no portal-payment-required');
      const [payment] = payments.seen;
      expect(payment.cancelable).to.equal(true);
      expect(payment.target).to.equal(el);
      expect(payment.invoice).to.include({ number: 'INV-2025-0002', balance_minor: 16840, currency: 'EUR' });
      expect(payment.order, 'no order: an invoice is paid').to.equal(null);
      expect(payment.paymentUrl).to.equal(PAY_URL);
      expect(navigations, 'the page stays').to.deep.equal([]);
    });

    it('not cancelled: goes to the payment page with the invoice, its balance and currency', async () => {
      api.serve({ session: { settings: { payment_url: PAY_URL } } });
      const el = await invoicePage('INV-2025-0002');
      getByRole(el, 'button', { name: 'Pay €168.40' }).click();
      await waitUntil(() => navigations.length === 1, 'no navigation to the payment page');
      const back = new URL(location.href);
      back.hash = '#portal/invoices/INV-2025-0002';
      expect(navigations[0], 'and where to come back to: this page, at the invoice').to.equal(
        `${PAY_URL}?invoice=INV-2025-0002&amount_minor=16840&currency=EUR&return_url=${encodeURIComponent(back.href)}`,
      );
      expect(payments.seen).to.have.length(1);
    });

    it('Pay Now without a payment page: the page may take it; if it does not, the customer is told', async () => {
      api.serve({ session: { settings: { checkout_mode: 'pay_now', payment_url: null } } });
      const el = await invoicePage('INV-2025-0002');
      getByRole(el, 'button', { name: 'Pay €168.40' }).click();
      await findText(el, 'Northwind Wholesale does not take payment online here yet.');
      expect(payments.seen).to.have.length(1);
      expect(navigations).to.deep.equal([]);
    });

    it('no Pay without a payment page in Pay Later mode', async () => {
      api.serve({ session: { settings: { checkout_mode: 'pay_later', payment_url: null } } });
      const el = await invoicePage('INV-2025-0002');
      expect(queryByRole(el, 'button', { name: /^Pay / })).to.equal(null);
      expect(getByRole(el, 'button', { name: 'Download PDF' })).to.exist;
    });
  });

  describe('layout', () => {
    it("wide (1200 px): a table; the page's lines too", async () => {
      api.serve();
      const el = await openAt('#portal/invoices', 'Invoices', { width: 1200 });
      expectLayout(await tableShown(el, 'Invoices'), 'rows');
      getByRole(el, 'link', { name: 'INV-2025-0002' }).click();
      await headingFocused(el, 'Invoice INV-2025-0002');
      expectLayout(await findByRole(el, 'table', { name: 'Lines' }), 'rows');
      expectNoSidewaysOverflow(el);
    });

    it('narrow (360 px): cards', async () => {
      api.serve({ session: { settings: { payment_url: PAY_URL } } });
      const el = await openAt('#portal/invoices', 'Invoices', { width: 360 });
      expectLayout(await tableShown(el, 'Invoices'), 'cards');
      expectNoSidewaysOverflow(el);
      getByRole(el, 'link', { name: 'INV-2025-0002' }).click();
      expectLayout(await findByRole(el, 'table', { name: 'Lines' }), 'cards');
      expectNoSidewaysOverflow(el);
    });
  });

  describe('a11y', () => {
    for (const width of [360, 1200]) {
      it(`list, unpaid filter (${width} px)`, async () => {
        api.serve({ invoices: [...withOneNotDue(), ...moreInvoices(9)] });
        const el = await openAt('#portal/invoices', 'Invoices', { width });
        await tableShown(el, 'Invoices');
        await expect(el).to.be.accessible();
        getByRole(el, 'tab', { name: 'Unpaid' }).click();
        await waitUntil(() => keys(el, 'Invoices').length === 2);
        await expect(el).to.be.accessible();
      });

      it(`an invoice with Pay (${width} px)`, async () => {
        api.serve({ session: { settings: { payment_url: PAY_URL } } });
        const el = await invoicePage('INV-2025-0002', width);
        await expect(el).to.be.accessible();
      });
    }

    it('loading, empty and a failed PDF', async () => {
      api.serve({ invoices: [] });
      const held = hold(api, endpoints.listInvoices);
      const el = await openAt('#portal/invoices', 'Invoices');
      await findText(el, 'Loading your invoices…');
      await expect(el).to.be.accessible();
      held.release();
      await findText(el, 'No invoices yet');
      await expect(el).to.be.accessible();
    });

    it('a failed PDF', async () => {
      api.serve();
      api.worker.use(http.get(mockUrl(endpoints.getInvoicePdf), () => HttpResponse.error()));
      const el = await invoicePage('INV-2025-0002');
      getByRole(el, 'button', { name: 'Download PDF' }).click();
      await findText(el, 'could not be downloaded');
      await expect(el).to.be.accessible();
    });
  });
});
