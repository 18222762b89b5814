import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import { makeQuotes } from '../../../widget/mock/data.ts';
import { errorResponse, mockUrl, type MockState } from '../../../widget/mock/handlers.ts';
import {
  fill,
  findByRole,
  findText,
  focused,
  getByRole,
  getByText,
  mockApi,
  queryAllByRole,
  queryByRole,
  requestsTo,
  selectTab,
  textOf,
} from '../customer-portal/helpers.ts';
import { ordersShown, orderNumbers } from '../past-orders/helpers.ts';
import {
  documentDialog,
  expectLayout,
  expectNoSidewaysOverflow,
  failOnce,
  go,
  headingFocused,
  hold,
  keepAddress,
  keys,
  moreQuotes,
  openAt,
  row,
  selectedFilter,
  tableShown,
} from './helpers.ts';

/** A quote open over the list, loaded: its dialog (the accept and decline dialogs open inside it). */
async function quotePage(number: string, width?: number) {
  const el = await openAt(`#portal/quotes/${number}`, `Quote ${number}`, { width });
  const quote = await documentDialog(el, `Quote ${number}`);
  await findByRole(quote, 'table', { name: 'Lines' });
  return quote;
}

/** The dialog asking to confirm or give a reason. */
function dialog(el: Element): HTMLDialogElement {
  return getByRole(el, 'dialog') as HTMLDialogElement;
}

describe('Quotes section', () => {
  const api = mockApi();
  keepAddress();

  describe('list', () => {
    it('lists the quotes with date, validity, status and total; each opens its page', async () => {
      api.serve();
      const el = await openAt('#portal/quotes', 'Quotes');
      await tableShown(el, 'Quotes');
      expect(keys(el, 'Quotes')).to.deep.equal(['QT-2025-0002', 'QT-2025-0001']);
      expect(textOf(row(el, 'Quotes', 'QT-2025-0002'))).to.equal('QT-2025-0002 12 Jun 2025 1 Jan 2035 Open €96.00');
      expect(textOf(row(el, 'Quotes', 'QT-2025-0001'))).to.include('Accepted');
      const link = getByRole(el, 'link', { name: 'QT-2025-0002' });
      expect(link.getAttribute('href')).to.equal('#portal/quotes/QT-2025-0002');
      link.click();
      await headingFocused(el, 'Quote QT-2025-0002');
    });

    it('a sent quote past its validity reads Expired', async () => {
      const quotes = makeQuotes();
      quotes[0].valid_until = '2025-06-01';
      api.serve({ quotes });
      const el = await openAt('#portal/quotes', 'Quotes');
      await tableShown(el, 'Quotes');
      expect(textOf(row(el, 'Quotes', 'QT-2025-0002'))).to.include('Expired');
    });

    it('filters by state: the server is asked for that state', async () => {
      const state = api.serve();
      const el = await openAt('#portal/quotes', 'Quotes');
      await tableShown(el, 'Quotes');
      expect(selectedFilter(el)).to.equal('All');
      expect(
        queryAllByRole(getByRole(el, 'tablist', { name: 'Show quotes' }), 'tab').map((t) => textOf(t)),
      ).to.deep.equal(['All', 'Open', 'Accepted', 'Declined', 'Expired']);

      getByRole(el, 'tab', { name: 'Open' }).click();
      await waitUntil(() => requestsTo(state, 'listQuotes').length === 2 && keys(el, 'Quotes').length === 1);
      expect(requestsTo(state, 'listQuotes')[1].query).to.deep.equal({ state: 'sent' });
      expect(keys(el, 'Quotes')).to.deep.equal(['QT-2025-0002']);
      expect(getByRole(el, 'tabpanel').getAttribute('aria-labelledby')).to.equal(
        getByRole(el, 'tab', { name: 'Open' }).id,
      );

      getByRole(el, 'tab', { name: 'Expired' }).click();
      await findText(el, 'No expired quotes');
      expect(requestsTo(state, 'listQuotes')[2].query).to.deep.equal({ state: 'expired' });
    });

    it('the filters work with the keyboard: arrows, Home and End move and select', async () => {
      const state = api.serve();
      const el = await openAt('#portal/quotes', 'Quotes');
      await tableShown(el, 'Quotes');
      getByRole(el, 'tab', { name: 'All' }).focus();
      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => selectedFilter(el) === 'Open');
      expect(textOf(focused()!)).to.equal('Open');
      await sendKeys({ press: 'End' });
      await waitUntil(() => selectedFilter(el) === 'Expired');
      expect(textOf(focused()!)).to.equal('Expired');
      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => selectedFilter(el) === 'All');
      await sendKeys({ press: 'ArrowLeft' });
      await waitUntil(() => selectedFilter(el) === 'Expired');
      await sendKeys({ press: 'Home' });
      await waitUntil(() => selectedFilter(el) === 'All');
      expect(
        queryAllByRole(el, 'tab')
          .filter((t) => t.tabIndex === 0)
          .map((t) => textOf(t)),
        'one tab in the Tab order',
      ).to.deep.equal(['All']);
      await waitUntil(() => keys(el, 'Quotes').length === 2);
      expect(requestsTo(state, 'listQuotes').map((r) => r.query.state ?? 'all')).to.include.members([
        'sent',
        'expired',
        'all',
      ]);
    });

    it('Load more adds the next page and puts the focus on its first quote', async () => {
      api.serve({ quotes: [...makeQuotes(), ...moreQuotes(10)] });
      const el = await openAt('#portal/quotes', 'Quotes');
      await tableShown(el, 'Quotes');
      expect(keys(el, 'Quotes')).to.have.length(10);
      getByRole(el, 'button', { name: 'Load more' }).click();
      await waitUntil(() => keys(el, 'Quotes').length === 12);
      expect(keys(el, 'Quotes').slice(10)).to.deep.equal(['QT-2024-0092', 'QT-2024-0091']);
      await waitUntil(() => focused() === getByRole(el, 'link', { name: 'QT-2024-0092' }));
      expect(queryByRole(el, 'button', { name: 'Load more' }), 'no more pages').to.equal(null);
    });

    it('while loading, a placeholder under the heading', async () => {
      api.serve();
      const held = hold(api, endpoints.listQuotes);
      const el = await openAt('#portal/quotes', 'Quotes');
      await findText(el, 'Loading your quotes…');
      expect(el.shadowRoot!.querySelector('portal-quotes-view')!.shadowRoot!.querySelector('[aria-busy="true"]')).to
        .exist;
      held.release();
      await tableShown(el, 'Quotes');
    });

    it('no quotes yet', async () => {
      api.serve({ quotes: [] });
      const el = await openAt('#portal/quotes', 'Quotes');
      await findText(el, 'No quotes yet Quotes Northwind Wholesale sends you show here, ready to accept.');
    });

    it('a failed load says so; Retry loads it', async () => {
      api.serve();
      failOnce(api, endpoints.listQuotes);
      const el = await openAt('#portal/quotes', 'Quotes');
      const alert = await findByRole(el, 'alert');
      expect(textOf(alert)).to.include('The supplier could not be reached');
      getByRole(alert, 'button', { name: 'Retry' }).click();
      await tableShown(el, 'Quotes');
    });
  });

  describe("a quote's page", () => {
    it('shows its state, dates, lines and totals', async () => {
      api.serve();
      const el = await quotePage('QT-2025-0001');
      const text = textOf(el);
      expect(text).to.include('Status Accepted');
      expect(text).to.include('Date 15 May 2025');
      expect(text).to.include('Valid until 15 Jun 2025');
      expect(text).to.include('Sea Salt Crisps 150 g SKU SNK-SSC-150');
      expect(text).to.include('Subtotal €218.40 Freight Free Total €218.40');
      expect(getByRole(el, 'link', { name: 'SO-2025-0002' }).getAttribute('href')).to.equal(
        '#portal/orders/SO-2025-0002',
      );
      expect(queryByRole(el, 'button', { name: 'Accept quote' }), 'an answered quote cannot be answered').to.equal(
        null,
      );
      expect(getByRole(el, 'button', { name: 'Close' })).to.exist;
    });

    it('an unknown quote says so', async () => {
      api.serve();
      const el = await openAt('#portal/quotes/QT-2025-0999', 'Quote QT-2025-0999');
      const alert = await findByRole(el, 'alert');
      expect(textOf(alert)).to.include('Not found');
      expect(queryByRole(alert, 'button', { name: 'Retry' })).to.equal(null);
    });

    it('a failed load says so; Retry loads it', async () => {
      api.serve();
      failOnce(api, endpoints.getQuote);
      const el = await openAt('#portal/quotes/QT-2025-0002', 'Quote QT-2025-0002');
      getByRole(await findByRole(el, 'alert'), 'button', { name: 'Retry' }).click();
      await findByRole(el, 'table', { name: 'Lines' });
    });

    it('without accept_quotes: no Accept or Decline, and why', async () => {
      api.serve({ session: { permissions: { accept_quotes: false } } });
      const el = await quotePage('QT-2025-0002');
      expect(queryByRole(el, 'button', { name: 'Accept quote' })).to.equal(null);
      expect(queryByRole(el, 'button', { name: 'Decline' })).to.equal(null);
      expect(textOf(el)).to.include(
        'Your portal link lets you read quotes but not answer them. To accept or decline this one, contact Northwind Wholesale.',
      );
    });
  });

  describe('accepting', () => {
    it('asks first; Cancel sends nothing', async () => {
      const state = api.serve();
      const el = await quotePage('QT-2025-0002');
      const accept = getByRole(el, 'button', { name: 'Accept quote' });
      accept.focus();
      accept.click();
      const ask = (await findByRole(el, 'dialog', {
        name: 'Accept quote QT-2025-0002 for €96.00?',
      })) as HTMLDialogElement;
      expect(ask.open).to.equal(true);
      getByRole(ask, 'button', { name: 'Cancel' }).click();
      await waitUntil(() => !ask.open);
      expect(requestsTo(state, 'acceptQuote')).to.have.length(0);
      expect(focused() === accept, 'the focus is back on Accept quote').to.equal(true);
    });

    it('accepted: the page and the list update in place, the new order is linked', async () => {
      const state = api.serve();
      const portal = await openAt('#portal/quotes', 'Quotes');
      await tableShown(portal, 'Quotes');
      const link = getByRole(portal, 'link', { name: 'QT-2025-0002' });
      link.click();
      const el = await documentDialog(portal, 'Quote QT-2025-0002');
      await findByRole(el, 'table', { name: 'Lines' });

      getByRole(el, 'button', { name: 'Accept quote' }).click();
      getByRole(await findByRole(el, 'dialog'), 'button', { name: 'Accept quote' }).click();
      const status = await findByRole(el, 'status', { name: /accepted/ });
      expect(textOf(status)).to.equal(
        'Quote QT-2025-0002 accepted. Order SO-2025-8001 created. View order SO-2025-8001',
      );
      expect(getByRole(status, 'link', { name: 'View order SO-2025-8001' }).getAttribute('href')).to.equal(
        '#portal/orders/SO-2025-8001',
      );
      await waitUntil(() => focused() === status, 'the focus did not go to what happened');
      expect(queryByRole(el, 'dialog'), 'the dialog closed').to.equal(null);
      expect(textOf(el)).to.include('Status Accepted');
      expect(queryByRole(el, 'button', { name: 'Accept quote' })).to.equal(null);
      expect(requestsTo(state, 'acceptQuote')).to.have.length(1);
      expect(requestsTo(state, 'acceptQuote')[0].path).to.equal(
        `/api/v1/customer-portal/view/cpt_test_token_1234567890/quotes/${state.data.quotes[0].id}/accept`,
      );

      getByRole(el, 'button', { name: 'Close' }).click();
      await waitUntil(() => focused() === link, "the focus did not go back to the quote's row");
      expect(textOf(row(portal, 'Quotes', 'QT-2025-0002'))).to.include('Accepted');
      expect(requestsTo(state, 'listQuotes'), 'no reload').to.have.length(1);
    });

    it('with "create order on acceptance" off, the quote is accepted without an order', async () => {
      api.serve({ workspace: { create_order_on_quote_acceptance: false } });
      const el = await quotePage('QT-2025-0002');
      getByRole(el, 'button', { name: 'Accept quote' }).click();
      getByRole(await findByRole(el, 'dialog'), 'button', { name: 'Accept quote' }).click();
      const status = await findByRole(el, 'status', { name: /accepted/ });
      expect(textOf(status)).to.equal('Quote QT-2025-0002 accepted.');
    });

    it('cannot be sent twice: the button waits for the answer', async () => {
      const state = api.serve();
      const held = hold(api, endpoints.acceptQuote);
      const el = await quotePage('QT-2025-0002');
      getByRole(el, 'button', { name: 'Accept quote' }).click();
      const ask = await findByRole(el, 'dialog');
      const confirm = getByRole(ask, 'button', { name: 'Accept quote' });
      confirm.click();
      confirm.click();
      const busy = await findByRole(ask, 'button', { name: 'Accepting…' });
      expect((busy as HTMLButtonElement).disabled).to.equal(true);
      busy.click();
      held.release();
      await findByRole(el, 'status', { name: /accepted/ });
      expect(requestsTo(state, 'acceptQuote')).to.have.length(1);
    });

    it("an expired quote (422): the supplier's words, and the quote's state now", async () => {
      const state = api.serve();
      const el = await quotePage('QT-2025-0002');
      state.data.quotes[0].valid_until = '2025-06-01'; // it expired while the customer read it
      getByRole(el, 'button', { name: 'Accept quote' }).click();
      getByRole(await findByRole(el, 'dialog'), 'button', { name: 'Accept quote' }).click();
      const alert = await findByRole(el, 'alert', { name: /expired/ });
      expect(textOf(alert)).to.equal('Quote QT-2025-0002 has expired and can no longer be answered.');
      await findText(el, 'Status Expired');
      expect(queryByRole(el, 'button', { name: 'Accept quote' })).to.equal(null);
      expect(requestsTo(state, 'getQuote'), 'read again').to.have.length(2);
    });

    it('answered meanwhile (422): says so and shows it answered', async () => {
      const state = api.serve();
      const el = await quotePage('QT-2025-0002');
      state.data.quotes[0].state = 'declined';
      getByRole(el, 'button', { name: 'Accept quote' }).click();
      getByRole(await findByRole(el, 'dialog'), 'button', { name: 'Accept quote' }).click();
      await findByRole(el, 'alert', { name: 'Quote QT-2025-0002 was already declined and can no longer be answered.' });
      await findText(el, 'Status Declined');
    });

    it('a failure keeps the dialog open with the reason; trying again works', async () => {
      const state = api.serve();
      api.worker.use(
        http.post(mockUrl(endpoints.acceptQuote), () => errorResponse(500, 'internal_error', 'boom'), { once: true }),
      );
      const el = await quotePage('QT-2025-0002');
      getByRole(el, 'button', { name: 'Accept quote' }).click();
      const ask = await findByRole(el, 'dialog');
      getByRole(ask, 'button', { name: 'Accept quote' }).click();
      await findText(ask, 'Something went wrong at the supplier. Please try again in a moment.');
      expect((ask as HTMLDialogElement).open).to.equal(true);
      getByRole(ask, 'button', { name: 'Accept quote' }).click();
      await findByRole(el, 'status', { name: /accepted/ });
      expect(requestsTo(state, 'acceptQuote'), 'the second attempt reached the supplier').to.have.length(1);
    });

    it("the new order shows in the shop's Past Orders without a reload", async () => {
      api.serve();
      const el = await openAt('', 'Shop');
      await selectTab(el, 'Past Orders');
      await ordersShown(getByRole(el, 'tabpanel'));
      expect(orderNumbers(getByRole(el, 'tabpanel'))).not.to.include('SO-2025-8001');

      await go(el, 'Quotes');
      await tableShown(el, 'Quotes');
      getByRole(el, 'link', { name: 'QT-2025-0002' }).click();
      const quote = await documentDialog(el, 'Quote QT-2025-0002');
      (await findByRole(quote, 'button', { name: 'Accept quote' })).click();
      getByRole(await findByRole(quote, 'dialog'), 'button', { name: 'Accept quote' }).click();
      await findByRole(quote, 'status', { name: /accepted/ });

      await go(el, 'Shop');
      // The Shop's panel renders its table a moment after the switch (later under load): wait for it too.
      await waitUntil(() => {
        try {
          return orderNumbers(getByRole(el, 'tabpanel'))[0] === 'SO-2025-8001';
        } catch {
          return false;
        }
      }, 'Past Orders did not show the new order');
    });
  });

  describe('declining', () => {
    it('with a reason: sent with it, shown on the page', async () => {
      const state = api.serve();
      const el = await quotePage('QT-2025-0002');
      getByRole(el, 'button', { name: 'Decline' }).click();
      const ask = await findByRole(el, 'dialog', { name: 'Decline quote QT-2025-0002' });
      const reason = getByRole(ask, 'textbox', { name: 'Reason (optional)' }) as HTMLTextAreaElement;
      expect(reason.maxLength).to.equal(500);
      fill(reason, '  Found it cheaper <b>elsewhere</b>  ');
      await findText(ask, '37 of 500 characters');
      getByRole(ask, 'button', { name: 'Decline quote' }).click();
      const status = await findByRole(el, 'status', { name: /declined/ });
      expect(textOf(status)).to.equal('Quote QT-2025-0002 declined.');
      expect(requestsTo(state, 'declineQuote')[0].body).to.deep.equal({ reason: 'Found it cheaper <b>elsewhere</b>' });
      expect(getByText(el, 'Your reason: Found it cheaper <b>elsewhere</b>')).to.exist;
      expect(textOf(el)).to.include('Status Declined');
      expect(queryByRole(el, 'button', { name: 'Decline' })).to.equal(null);
    });

    it('without a reason: no body', async () => {
      const state = api.serve();
      const el = await quotePage('QT-2025-0002');
      getByRole(el, 'button', { name: 'Decline' }).click();
      getByRole(await findByRole(el, 'dialog'), 'button', { name: 'Decline quote' }).click();
      await findByRole(el, 'status', { name: /declined/ });
      expect(requestsTo(state, 'declineQuote')[0].body).to.equal(undefined);
    });

    it('Escape closes the form and sends nothing', async () => {
      const state = api.serve();
      const el = await quotePage('QT-2025-0002');
      getByRole(el, 'button', { name: 'Decline' }).click();
      const ask = (await findByRole(el, 'dialog')) as HTMLDialogElement;
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !ask.open);
      expect(requestsTo(state, 'declineQuote')).to.have.length(0);
    });
  });

  describe('layout', () => {
    it('wide (1200 px): the list is a table', async () => {
      api.serve();
      const el = await openAt('#portal/quotes', 'Quotes', { width: 1200 });
      expectLayout(await tableShown(el, 'Quotes'), 'rows');
      expectNoSidewaysOverflow(el);
    });

    it('narrow (360 px): cards, and the dialog is a bottom drawer', async () => {
      api.serve();
      const el = await openAt('#portal/quotes', 'Quotes', { width: 360 });
      expectLayout(await tableShown(el, 'Quotes'), 'cards');
      expectNoSidewaysOverflow(el);
      getByRole(el, 'link', { name: 'QT-2025-0002' }).click();
      const quote = await documentDialog(el, 'Quote QT-2025-0002');
      expect(
        Math.abs(quote.getBoundingClientRect().bottom - window.innerHeight),
        'the quote is a drawer on the bottom edge',
      ).to.be.below(1);
      expectLayout(await findByRole(quote, 'table', { name: 'Lines' }), 'cards');
      expectNoSidewaysOverflow(el);
      (await findByRole(quote, 'button', { name: 'Decline' })).click();
      const box = (await findByRole(quote, 'dialog')).getBoundingClientRect();
      expect(Math.abs(box.bottom - window.innerHeight), 'on the bottom edge').to.be.below(1);
    });
  });

  describe('a11y', () => {
    let state: MockState;
    for (const width of [360, 1200]) {
      it(`list (${width} px)`, async () => {
        state = api.serve({ quotes: [...makeQuotes(), ...moreQuotes(10)] });
        const el = await openAt('#portal/quotes', 'Quotes', { width });
        await tableShown(el, 'Quotes');
        await expect(el).to.be.accessible();
        expect(state.violations).to.deep.equal([]);
      });

      it(`a quote, accept asked (${width} px)`, async () => {
        api.serve();
        const el = await quotePage('QT-2025-0002', width);
        await expect(el).to.be.accessible();
        getByRole(el, 'button', { name: 'Accept quote' }).click();
        await findByRole(el, 'dialog');
        await expect(el).to.be.accessible();
      });
    }

    it('decline form, then declined', async () => {
      api.serve();
      const el = await quotePage('QT-2025-0002');
      getByRole(el, 'button', { name: 'Decline' }).click();
      await findByRole(el, 'dialog');
      await expect(el).to.be.accessible();
      getByRole(dialog(el), 'button', { name: 'Decline quote' }).click();
      await findByRole(el, 'status', { name: /declined/ });
      await expect(el).to.be.accessible();
    });

    it('loading, empty, error', async () => {
      api.serve({ quotes: [] });
      const held = hold(api, endpoints.listQuotes);
      const el = await openAt('#portal/quotes', 'Quotes');
      await findText(el, 'Loading your quotes…');
      await expect(el).to.be.accessible();
      held.release();
      await findText(el, 'No quotes yet');
      await expect(el).to.be.accessible();
      failOnce(api, endpoints.listQuotes);
      getByRole(el, 'tab', { name: 'Open' }).click();
      await findByRole(el, 'button', { name: 'Retry' });
      await expect(el).to.be.accessible();
    });
  });
});
