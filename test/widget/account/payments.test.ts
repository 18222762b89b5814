import { expect, waitUntil } from '@open-wc/testing';
import { endpoints } from '../../../widget/contract/index.ts';
import { makePayments } from '../../../widget/mock/data.ts';
import {
  findByRole,
  findText,
  focused,
  getByRole,
  mockApi,
  queryAllByRole,
  queryByRole,
  textOf,
} from '../customer-portal/helpers.ts';
import {
  expectLayout,
  expectNoSidewaysOverflow,
  failOnce,
  headingFocused,
  hold,
  keepAddress,
  keys,
  morePayments,
  openAt,
  row,
  tableShown,
} from './helpers.ts';

describe('Payments section', () => {
  const api = mockApi();
  keepAddress();

  describe('list', () => {
    it('lists each payment with its date, method, reference, amount and the invoices it paid', async () => {
      api.serve();
      const el = await openAt('#portal/payments', 'Payments');
      await tableShown(el, 'Payments');
      expect(textOf(row(el, 'Payments', 'PAY-2025-0001'))).to.equal(
        'PAY-2025-0001 30 May 2025 Bank transfer HARBOUR-APR €116.85 INV-2025-0001 €66.85 INV-2025-0002 €50.00',
      );
      const paid = getByRole(el, 'list', { name: 'Invoices paid by PAY-2025-0001' });
      expect(queryAllByRole(paid, 'link').map((a) => [textOf(a), a.getAttribute('href')])).to.deep.equal([
        ['INV-2025-0001', '#portal/invoices/INV-2025-0001'],
        ['INV-2025-0002', '#portal/invoices/INV-2025-0002'],
      ]);
    });

    it('an invoice it paid opens its page', async () => {
      api.serve();
      const el = await openAt('#portal/payments', 'Payments');
      await tableShown(el, 'Payments');
      getByRole(el, 'link', { name: 'INV-2025-0002' }).click();
      await headingFocused(el, 'Invoice INV-2025-0002');
    });

    it('without the Invoices section, the invoices are named but not linked', async () => {
      api.serve({ session: { settings: { sections: { invoices: false } } } });
      const el = await openAt('#portal/payments', 'Payments');
      await tableShown(el, 'Payments');
      expect(textOf(row(el, 'Payments', 'PAY-2025-0001'))).to.include('INV-2025-0001 €66.85 INV-2025-0002 €50.00');
      expect(queryByRole(el, 'link', { name: 'INV-2025-0001' })).to.equal(null);
    });

    it('a payment without reference or allocation says so', async () => {
      const [payment] = makePayments();
      api.serve({ payments: [{ ...payment, reference: null, allocations: [], method: 'card' }] });
      const el = await openAt('#portal/payments', 'Payments');
      await tableShown(el, 'Payments');
      expect(textOf(row(el, 'Payments', 'PAY-2025-0001'))).to.equal(
        'PAY-2025-0001 30 May 2025 Card — €116.85 Not allocated yet',
      );
    });

    it('a payment in cash, or some other way the supplier recorded, says so', async () => {
      const [payment] = makePayments();
      api.serve({
        payments: [
          { ...payment, method: 'cash' },
          { ...payment, id: 'pay-other', number: 'PAY-2025-0002', method: 'other' },
        ],
      });
      const el = await openAt('#portal/payments', 'Payments');
      await tableShown(el, 'Payments');
      expect(textOf(row(el, 'Payments', 'PAY-2025-0001'))).to.include('30 May 2025 Cash HARBOUR-APR');
      expect(textOf(row(el, 'Payments', 'PAY-2025-0002'))).to.include('30 May 2025 Other HARBOUR-APR');
    });

    it('text from the supplier stays text', async () => {
      const [payment] = makePayments();
      api.serve({ payments: [{ ...payment, reference: '<img src=x onerror="window.__pwned=1">' }] });
      const el = await openAt('#portal/payments', 'Payments');
      await tableShown(el, 'Payments');
      expect(textOf(row(el, 'Payments', 'PAY-2025-0001'))).to.include('<img src=x onerror="window.__pwned=1">');
      expect(el.shadowRoot!.querySelector('portal-payments-view')!.shadowRoot!.querySelector('img')).to.equal(null);
    });

    it('Load more', async () => {
      api.serve({ payments: [...makePayments(), ...morePayments(10)] });
      const el = await openAt('#portal/payments', 'Payments');
      await tableShown(el, 'Payments');
      expect(keys(el, 'Payments')).to.have.length(10);
      getByRole(el, 'button', { name: 'Load more' }).click();
      await waitUntil(() => keys(el, 'Payments').length === 11);
      await waitUntil(() => textOf(focused()!) === 'PAY-2024-0091', 'the focus did not go to the first new payment');
    });

    it('loading, then a failure with Retry', async () => {
      api.serve();
      failOnce(api, endpoints.listPayments);
      const held = hold(api, endpoints.listPayments);
      const el = await openAt('#portal/payments', 'Payments');
      await findText(el, 'Loading your payments…');
      held.release();
      (await findByRole(el, 'button', { name: 'Retry' })).click();
      await tableShown(el, 'Payments');
    });

    it('no payments yet', async () => {
      api.serve({ payments: [] });
      const el = await openAt('#portal/payments', 'Payments');
      await findText(
        el,
        'No payments yet Payments Northwind Wholesale receives from you show here, with the invoices they paid.',
      );
    });
  });

  describe('layout', () => {
    it('wide (1200 px): a table', async () => {
      api.serve();
      const el = await openAt('#portal/payments', 'Payments', { width: 1200 });
      expectLayout(await tableShown(el, 'Payments'), 'rows');
      expectNoSidewaysOverflow(el);
    });

    it('narrow (360 px): cards', async () => {
      api.serve();
      const el = await openAt('#portal/payments', 'Payments', { width: 360 });
      expectLayout(await tableShown(el, 'Payments'), 'cards');
      expectNoSidewaysOverflow(el);
    });
  });

  describe('a11y', () => {
    for (const width of [360, 1200]) {
      it(`list with Load more (${width} px)`, async () => {
        api.serve({ payments: [...makePayments(), ...morePayments(10)] });
        const el = await openAt('#portal/payments', 'Payments', { width });
        await tableShown(el, 'Payments');
        await expect(el).to.be.accessible();
      });
    }

    it('empty, and a failure', async () => {
      api.serve({ payments: [] });
      failOnce(api, endpoints.listPayments);
      const el = await openAt('#portal/payments', 'Payments');
      await findByRole(el, 'button', { name: 'Retry' });
      await expect(el).to.be.accessible();
      getByRole(el, 'button', { name: 'Retry' }).click();
      await findText(el, 'No payments yet');
      await expect(el).to.be.accessible();
    });
  });
});
