import { expect, waitUntil } from '@open-wc/testing';
import { endpoints } from '../../../widget/contract/index.ts';
import {
  catalogueShown,
  findByRole,
  findText,
  getByRole,
  getByText,
  mockApi,
  openCart,
  productCard,
  queryAllByRole,
  queryByRole,
  requestsTo,
  textOf,
} from '../customer-portal/helpers.ts';
import {
  failOnce,
  go,
  headingFocused,
  hold,
  keepAddress,
  openAt,
  tableShown,
  expectNoSidewaysOverflow,
} from './helpers.ts';

const WARNING = 'rgb(180, 83, 9)';

/** The dashboard, loaded. */
async function dashboard(width?: number) {
  const el = await openAt('#portal/dashboard', 'Dashboard', { width });
  await findByRole(el, 'region', { name: 'Your account in figures' });
  return el;
}

/** The figures as the customer reads them: label and value. */
function figures(el: Element): string[] {
  const list = getByRole(el, 'region', { name: 'Your account in figures' });
  return [...list.querySelectorAll('.figure')].map((f) => textOf(f));
}

/** One "Latest …" box. */
function latest(el: Element, title: string): HTMLElement {
  return getByRole(el, 'region', { name: title });
}

describe('Dashboard section', () => {
  const api = mockApi();
  keepAddress();

  describe('rendering', () => {
    it('shows credit, lifetime figures and the outstanding balance', async () => {
      api.serve();
      const el = await dashboard();
      expect(figures(el)).to.deep.equal([
        'Credit limit €5,000.00',
        'Available credit €4,831.60',
        'Outstanding balance €168.40',
        'Lifetime orders 3',
        'Lifetime sales €371.60',
      ]);
    });

    it('over the credit limit: available credit is negative and marked as a warning', async () => {
      api.serve({
        dashboard: { credit_limit_minor: 10_000, available_credit_minor: -6_840, outstanding_balance_minor: 16_840 },
      });
      const el = await dashboard();
      expect(figures(el)[1]).to.equal('Available credit −€68.40 Over your credit limit by €68.40');
      const value = getByText(el, /^−€68.40/);
      expect(getComputedStyle(value).color).to.equal(WARNING);
    });

    it('leaves out what the link may not read', async () => {
      api.serve({
        session: { permissions: { view_invoices: false, view_orders: false } },
        dashboard: {
          available_credit_minor: null,
          outstanding_balance_minor: null,
          lifetime_orders: null,
          lifetime_sales_minor: null,
          recent: { orders: null, invoices: null },
        },
      });
      const el = await dashboard();
      expect(figures(el)).to.deep.equal(['Credit limit €5,000.00']);
      expect(queryAllByRole(el, 'region').map((r) => textOf(getByRole(r, 'heading')))).to.deep.equal([
        'Your account in figures',
        'Latest quotes',
        'Latest deliveries',
      ]);
    });

    it('a section switched off has no latest list, even if the data came', async () => {
      api.serve({ session: { settings: { sections: { quotes: false } } } });
      const el = await dashboard();
      expect(queryByRole(el, 'region', { name: 'Latest quotes' })).to.equal(null);
      expect(queryByRole(el, 'link', { name: 'QT-2025-0002' })).to.equal(null);
    });

    it('the latest of each section, each linking to its page, and "View all"', async () => {
      api.serve();
      const el = await dashboard();
      expect(textOf(latest(el, 'Latest orders'))).to.equal(
        'Latest orders SO-2025-0004 14 Jun 2025 Draft €20.95 SO-2025-0003 10 Jun 2025 Shipped €86.35 SO-2025-0002 20 May 2025 Delivered €218.40 View all orders',
      );
      expect(textOf(latest(el, 'Latest invoices'))).to.include('INV-2025-0002 Due 22 Jun 2025 Overdue €218.40');
      expect(textOf(latest(el, 'Latest quotes'))).to.include('QT-2025-0002 Valid until 1 Jan 2035 Open €96.00');
      expect(textOf(latest(el, 'Latest deliveries'))).to.include('DN-2025-0002 DPD In transit');
      const links = (title: string) => queryAllByRole(latest(el, title), 'link').map((a) => a.getAttribute('href'));
      expect(links('Latest orders')).to.deep.equal([
        '#portal/orders/SO-2025-0004',
        '#portal/orders/SO-2025-0003',
        '#portal/orders/SO-2025-0002',
        '#portal/orders',
      ]);
      expect(links('Latest invoices')).to.deep.equal([
        '#portal/invoices/INV-2025-0002',
        '#portal/invoices/INV-2025-0001',
        '#portal/invoices',
      ]);
      expect(links('Latest quotes')).to.deep.equal([
        '#portal/quotes/QT-2025-0002',
        '#portal/quotes/QT-2025-0001',
        '#portal/quotes',
      ]);
      expect(links('Latest deliveries')).to.deep.equal([
        '#portal/deliveries/DN-2025-0002',
        '#portal/deliveries/DN-2025-0001',
        '#portal/deliveries',
      ]);
    });

    it('a latest quote opens its page; "View all deliveries" the list', async () => {
      api.serve();
      const el = await dashboard();
      getByRole(latest(el, 'Latest quotes'), 'link', { name: 'QT-2025-0002' }).click();
      await headingFocused(el, 'Quote QT-2025-0002');
      await go(el, 'Dashboard');
      getByRole(await findByRole(el, 'region', { name: 'Latest deliveries' }), 'link', {
        name: 'View all deliveries',
      }).click();
      await headingFocused(el, 'Deliveries');
      await tableShown(el, 'Deliveries');
    });

    it('empty lists say so', async () => {
      api.serve({ dashboard: { recent: { orders: [], invoices: [], quotes: [], deliveries: [] } } });
      const el = await dashboard();
      expect(textOf(latest(el, 'Latest quotes'))).to.equal('Latest quotes No quotes yet. View all quotes');
      expect(textOf(latest(el, 'Latest orders'))).to.equal('Latest orders No orders yet. View all orders');
    });
  });

  describe('states', () => {
    it('while loading: the heading, and placeholders', async () => {
      api.serve();
      const held = hold(api, endpoints.getDashboard);
      const el = await openAt('#portal/dashboard', 'Dashboard');
      await findText(el, 'Loading your account…');
      held.release();
      await findByRole(el, 'region', { name: 'Your account in figures' });
    });

    it('a failure says so; Retry loads it', async () => {
      const state = api.serve();
      failOnce(api, endpoints.getDashboard);
      const el = await openAt('#portal/dashboard', 'Dashboard');
      const alert = await findByRole(el, 'alert');
      expect(textOf(alert)).to.include('The supplier could not be reached');
      getByRole(alert, 'button', { name: 'Retry' }).click();
      await findByRole(el, 'region', { name: 'Your account in figures' });
      expect(requestsTo(state, 'getDashboard')).to.have.length(1);
    });

    it('loads again when an order is placed from the cart meanwhile', async () => {
      const state = api.serve();
      const el = await openAt('', 'Shop');
      await catalogueShown(el);
      getByRole(productCard(el, 'Cold Brew Coffee 1 L'), 'button', {
        name: 'Add Cold Brew Coffee 1 L to cart',
      }).click();
      await go(el, 'Dashboard');
      await findByRole(el, 'region', { name: 'Your account in figures' });
      expect(requestsTo(state, 'getDashboard')).to.have.length(1);

      const cart = await openCart(el);
      getByRole(cart, 'button', { name: 'Place order' }).click();
      await findText(cart, 'Thank you! Your order is placed.');
      await waitUntil(() => requestsTo(state, 'getDashboard').length === 2, 'the dashboard did not load again');
      await findByRole(el, 'region', { name: 'Your account in figures' });
    });
  });

  describe('layout', () => {
    it('wide (1200 px): the figures side by side, the lists in columns', async () => {
      api.serve();
      const el = await dashboard(1200);
      const figureTops = new Set(
        [...getByRole(el, 'region', { name: 'Your account in figures' }).querySelectorAll('.figure')].map((f) =>
          Math.round(f.getBoundingClientRect().top),
        ),
      );
      expect(figureTops.size, 'one row of figures').to.equal(1);
      const lists = queryAllByRole(el, 'region', { name: /^Latest/ }).map((r) =>
        Math.round(r.getBoundingClientRect().left),
      );
      expect(new Set(lists).size, 'lists side by side').to.be.above(1);
      expectNoSidewaysOverflow(el);
    });

    it('narrow (360 px): one column', async () => {
      api.serve();
      const el = await dashboard(360);
      const lists = queryAllByRole(el, 'region', { name: /^Latest/ }).map((r) =>
        Math.round(r.getBoundingClientRect().left),
      );
      expect(new Set(lists).size, 'lists one under the other').to.equal(1);
      expectNoSidewaysOverflow(el);
    });
  });

  describe('a11y', () => {
    for (const width of [360, 1200]) {
      it(`loaded (${width} px)`, async () => {
        api.serve({ dashboard: { available_credit_minor: -6_840 } });
        const el = await dashboard(width);
        await expect(el).to.be.accessible();
      });
    }

    it('loading, and a failure', async () => {
      api.serve();
      failOnce(api, endpoints.getDashboard);
      const held = hold(api, endpoints.getDashboard);
      const el = await openAt('#portal/dashboard', 'Dashboard');
      await findText(el, 'Loading your account…');
      await expect(el).to.be.accessible();
      held.release();
      await findByRole(el, 'button', { name: 'Retry' });
      await expect(el).to.be.accessible();
    });
  });
});
