import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { endpoints } from '../../../widget/contract/index.ts';
import { parseRoute, routeHref } from '../../../widget/state/route.ts';
import {
  TOKEN,
  accessibleName,
  catalogueShown,
  findByRole,
  findText,
  focused,
  getByRole,
  mockApi,
  mountPortal,
  queryAllByRole,
  queryByRole,
  requestsTo,
  startOrdering,
} from '../customer-portal/helpers.ts';
import {
  accountNav,
  confirmWelcome,
  expectNoSidewaysOverflow,
  go,
  headingFocused,
  hold,
  keepAddress,
  navLinks,
  openAt,
  setHash,
  tableShown,
} from './helpers.ts';

// People and Approvals: the account's own link (holding every permission) manages the account,
// as an Admin does (issue 16).
const ALL_LINKS = [
  'Shop',
  'Dashboard',
  'Orders',
  'Quotes',
  'Invoices',
  'Payments',
  'Deliveries',
  'Addresses',
  'People',
  'Approvals',
];

/** The navigation link marked as the current page. */
function currentLink(el: Element): string {
  const nav = accountNav(el);
  const current = [...nav.querySelectorAll('a')].filter((a) => a.getAttribute('aria-current') === 'page');
  expect(current, 'exactly one current link').to.have.length(1);
  return accessibleName(current[0]);
}

describe('<customer-portal> account routing', () => {
  const api = mockApi();
  keepAddress();

  describe('rendering', () => {
    // First in the file: nothing else has loaded the views on this page yet.
    it('the shop loads no account view until a section is opened', async () => {
      api.serve();
      const el = await mountPortal();
      await startOrdering(el);
      expect(customElements.get('portal-quotes-view'), 'Quotes not loaded').to.equal(undefined);
      expect(customElements.get('portal-dashboard-view'), 'Dashboard not loaded').to.equal(undefined);
      await go(el, 'Quotes');
      expect(customElements.get('portal-quotes-view'), 'loaded when opened').not.to.equal(undefined);
    });

    it('shows the navigation under the header, the shop current, with real links', async () => {
      api.serve();
      const el = await mountPortal();
      await startOrdering(el);
      expect(navLinks(el)).to.deep.equal(ALL_LINKS);
      expect(currentLink(el)).to.equal('Shop');
      const hrefs = ALL_LINKS.map((name) => getByRole(accountNav(el), 'link', { name }).getAttribute('href'));
      expect(hrefs).to.deep.equal([
        '#portal',
        '#portal/dashboard',
        '#portal/orders',
        '#portal/quotes',
        '#portal/invoices',
        '#portal/payments',
        '#portal/deliveries',
        '#portal/addresses',
        '#portal/people',
        '#portal/approvals',
      ]);
    });

    it('a deep link waits behind "Is this you?", then opens its page with the focus on its heading', async () => {
      const state = api.serve();
      setHash('#portal/quotes/QT-2025-0002');
      const el = await mountPortal();
      await findByRole(el, 'heading', { name: 'Welcome back, Harbour Café Ltd' });
      expect(queryByRole(el, 'heading', { name: 'Quote QT-2025-0002' })).to.equal(null);
      expect(requestsTo(state, 'getQuote'), 'nothing is read before the customer confirms').to.have.length(0);

      await confirmWelcome(el);
      await headingFocused(el, 'Quote QT-2025-0002');
      expect(currentLink(el)).to.equal('Quotes');
      expect(location.hash).to.equal('#portal/quotes/QT-2025-0002');
      await waitUntil(() => requestsTo(state, 'getQuote').length === 1, 'the quote was not read');
      expect(requestsTo(state, 'getQuote')[0].path).to.equal(
        `/api/v1/customer-portal/view/${TOKEN}/quotes/QT-2025-0002`,
      );
    });

    for (const hash of ['#portal', '#portal/', '#portal/shop', '#portal/nowhere']) {
      it(`${hash} is the shop`, async () => {
        api.serve();
        setHash(hash);
        const el = await mountPortal();
        await startOrdering(el);
        expect(currentLink(el)).to.equal('Shop');
      });
    }

    it("#portal_token=… is the link's token, not a route: the shop opens and the token leaves the address bar", async () => {
      const state = api.serve();
      setHash(`#portal_token=${TOKEN}`);
      const el = await mountPortal({ token: null });
      await startOrdering(el);
      expect(currentLink(el)).to.equal('Shop');
      expect(requestsTo(state, 'getSession')[0].path).to.include(TOKEN);
      expect(location.hash).to.equal('');
    });

    it('a token in the query works with a deep link in the hash', async () => {
      api.serve();
      history.replaceState(null, '', `${location.pathname}?portal_token=${TOKEN}#portal/invoices/INV-2025-0002`);
      const el = await mountPortal({ token: null });
      await confirmWelcome(el);
      await headingFocused(el, 'Invoice INV-2025-0002');
      expect(location.search).not.to.include('portal_token');
      expect(location.hash).to.equal('#portal/invoices/INV-2025-0002');
    });
  });

  describe('navigation', () => {
    it('a link opens its section: the address, the current link and the focus follow', async () => {
      api.serve();
      const el = await openAt('', 'Shop');
      await catalogueShown(el);
      const heading = await go(el, 'Invoices');
      expect(heading.tagName).to.equal('H2');
      expect(location.hash).to.equal('#portal/invoices');
      expect(currentLink(el)).to.equal('Invoices');
      expect(queryByRole(el, 'tablist', { name: 'Catalogue sections' }), 'the catalogue is out of sight').to.equal(
        null,
      );

      await go(el, 'Shop', 'Shop');
      expect(location.hash).to.equal('#portal');
      await catalogueShown(el);
      expect(currentLink(el)).to.equal('Shop');
    });

    it('the shop keeps its tab and search while the customer looks elsewhere', async () => {
      api.serve();
      const el = await mountPortal();
      await startOrdering(el);
      getByRole(el, 'tab', { name: 'Snacks' }).click();
      await waitUntil(() => getByRole(el, 'tab', { name: 'Snacks' }).getAttribute('aria-selected') === 'true');
      await go(el, 'Dashboard');
      await go(el, 'Shop', 'Shop');
      expect(getByRole(el, 'tab', { name: 'Snacks' }).getAttribute('aria-selected')).to.equal('true');
    });

    it('Back and Forward move between the pages, the focus with them', async () => {
      api.serve();
      const el = await mountPortal();
      await startOrdering(el);
      await go(el, 'Dashboard');
      await go(el, 'Quotes');
      await tableShown(el, 'Quotes');
      const quoteLink = getByRole(el, 'link', { name: 'QT-2025-0002' });
      quoteLink.click();
      await headingFocused(el, 'Quote QT-2025-0002');

      // The quote was open over the list: Back closes it, the focus goes back to its row.
      history.back();
      await waitUntil(() => focused() === quoteLink, "the focus did not go back to the quote's row");
      expect(location.hash).to.equal('#portal/quotes');
      history.back();
      await headingFocused(el, 'Dashboard');
      expect(currentLink(el)).to.equal('Dashboard');
      history.back();
      await headingFocused(el, 'Shop');
      await catalogueShown(el);
      history.forward();
      await headingFocused(el, 'Dashboard');
    });

    it('a reload (the element made again at the same address) shows the same page, without asking again', async () => {
      api.serve();
      const first = await openAt('#portal/invoices', 'Invoices');
      await tableShown(first, 'Invoices');
      getByRole(first, 'link', { name: 'INV-2025-0002' }).click();
      await headingFocused(first, 'Invoice INV-2025-0002');
      first.remove();

      const again = await mountPortal();
      await findByRole(again, 'heading', { name: 'Invoice INV-2025-0002' });
      expect(queryByRole(again, 'button', { name: 'Yes, start ordering' })).to.equal(null);
      expect(currentLink(again)).to.equal('Invoices');
    });

    it('an element put back in the page follows the address it finds', async () => {
      api.serve();
      const el = await openAt('#portal/dashboard', 'Dashboard');
      const parent = el.parentElement!;
      el.remove();
      setHash('#portal/payments');
      parent.append(el);
      await findByRole(el, 'heading', { name: 'Payments' });
    });

    it("leaves the page's own hashes alone, and does not move for them", async () => {
      api.serve();
      setHash('#reviews');
      const el = await mountPortal();
      await startOrdering(el);
      expect(location.hash, 'not rewritten').to.equal('#reviews');
      expect(currentLink(el)).to.equal('Shop');

      await go(el, 'Quotes');
      location.hash = '#reviews'; // e.g. the page's own "Reviews" anchor
      await new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
      await el.updateComplete;
      expect(currentLink(el)).to.equal('Quotes');
      expect(getByRole(el, 'heading', { name: 'Quotes' })).to.exist;
    });

    it('a removed element no longer follows the address', async () => {
      api.serve();
      const el = await openAt('#portal/dashboard', 'Dashboard');
      el.remove();
      location.hash = '#portal/quotes';
      await new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="section"] > portal-dashboard-view'), 'still the page it showed').to
        .exist;
    });

    it('#portal/orders is the Orders section, and #portal/orders/<number> that order', async () => {
      const state = api.serve();
      const el = await openAt('#portal/orders', 'Orders');
      expect(el.shadowRoot!.querySelector('[part="section"] > portal-orders-view'), 'the Orders view').to.exist;
      expect(currentLink(el)).to.equal('Orders');
      await tableShown(el, 'Orders');
      getByRole(el, 'link', { name: 'SO-2025-0003' }).click();
      await headingFocused(el, 'Order SO-2025-0003');
      await waitUntil(() => requestsTo(state, 'getOrder').length > 0, 'the order was not read');
      expect(requestsTo(state, 'getOrder')[0].path).to.match(/\/orders\/SO-2025-0003$/);
    });

    it("while a section's view loads, a placeholder holds its place", async () => {
      api.serve();
      const held = hold(api, endpoints.listPayments);
      const el = await openAt('#portal/payments', 'Payments');
      await findText(el, 'Loading your payments…');
      held.release();
      await tableShown(el, 'Payments');
    });
  });

  describe('sections the customer may not open', () => {
    const sections = [
      { section: 'orders', link: 'Orders', permission: 'view_orders', notice: 'Orders are not available here' },
      { section: 'quotes', link: 'Quotes', permission: 'view_quotes', notice: 'Quotes are not available here' },
      { section: 'invoices', link: 'Invoices', permission: 'view_invoices', notice: 'Invoices are not available here' },
      { section: 'payments', link: 'Payments', permission: 'view_payments', notice: 'Payments are not available here' },
      {
        section: 'deliveries',
        link: 'Deliveries',
        permission: 'view_deliveries',
        notice: 'Deliveries are not available here',
      },
    ] as const;

    for (const { section, link, permission, notice } of sections) {
      it(`${section} switched off: no ${link} link; a link to it says so, with a way back to the shop`, async () => {
        const state = api.serve({ session: { settings: { sections: { [section]: false } } } });
        const el = await openAt(`#portal/${section}`, notice);
        expect(navLinks(el)).to.deep.equal(ALL_LINKS.filter((l) => l !== link));
        await headingFocused(el, notice);
        expect(
          state.requests.filter((r) => r.path.includes(`/${section}`)),
          'nothing asked of a closed section',
        ).to.have.length(0);
        getByRole(el, 'link', { name: 'Back to the shop' }).click();
        await catalogueShown(el);
        expect(location.hash).to.equal('#portal');
      });

      it(`without ${permission}: no ${link} link, and the same notice`, async () => {
        api.serve({ session: { permissions: { [permission]: false } } });
        const el = await openAt(`#portal/${section}/X-2025-0001`, notice);
        expect(navLinks(el)).not.to.include(link);
      });
    }

    it('with no section open, no navigation at all; the dashboard says it is not available', async () => {
      const off = { orders: false, quotes: false, invoices: false, payments: false, deliveries: false };
      api.serve({ session: { settings: { sections: off } } });
      const el = await mountPortal();
      await startOrdering(el);
      expect(queryByRole(el, 'navigation', { name: 'Account' })).to.equal(null);
      expect(queryByRole(el, 'heading', { name: 'Shop' }), 'no heading for a page that has no others').to.equal(null);

      setHash('#portal/dashboard');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      await headingFocused(el, 'Your account is not available here');
    });

    it('the dashboard is there as soon as one section is', async () => {
      api.serve({
        session: { settings: { sections: { orders: false, quotes: false, invoices: false, payments: false } } },
      });
      const el = await mountPortal();
      await startOrdering(el);
      expect(navLinks(el)).to.deep.equal(['Shop', 'Dashboard', 'Deliveries', 'Addresses', 'People', 'Approvals']);
    });
  });

  describe('keyboard', () => {
    it("Tab reaches the navigation's links; Enter follows one and the focus lands on the page's heading", async () => {
      api.serve();
      const el = await mountPortal();
      await startOrdering(el);
      getByRole(accountNav(el), 'link', { name: 'Shop' }).focus();
      await sendKeys({ press: 'Tab' });
      expect(accessibleName(focused()!)).to.equal('Dashboard');
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(accessibleName(focused()!)).to.equal('Quotes');
      await sendKeys({ press: 'Enter' });
      await headingFocused(el, 'Quotes');
      // From the heading, the next Tab is the page's first control (its first filter), not the top of the portal.
      await sendKeys({ press: 'Tab' });
      expect(accessibleName(focused()!)).to.equal('All');
    });
  });

  describe('layout', () => {
    it('wide (1200 px): the navigation is one row of links, all in sight', async () => {
      api.serve();
      const el = await mountPortal({ width: 1200 });
      await startOrdering(el);
      const nav = accountNav(el);
      expect(queryByRole(nav, 'button', { name: /^Menu/ }), 'no menu button').to.equal(null);
      const boxes = ALL_LINKS.map((name) => getByRole(nav, 'link', { name }).getBoundingClientRect());
      expect(new Set(boxes.map((b) => Math.round(b.top))).size, 'one row').to.equal(1);
      expect(boxes.at(-1)!.right, 'the last link in sight').to.be.at.most(nav.getBoundingClientRect().right);
      expectNoSidewaysOverflow(el);
    });

    it('narrow (320 px): a menu button names the current page and opens the links; following one closes it', async () => {
      api.serve();
      const el = await mountPortal({ width: 320 });
      await startOrdering(el);
      const nav = accountNav(el);
      const menu = getByRole(nav, 'button', { name: 'Menu Shop' });
      expect(menu.getAttribute('aria-expanded')).to.equal('false');
      expect(queryAllByRole(nav, 'link'), 'the links wait in the menu').to.have.length(0);
      expectNoSidewaysOverflow(el);

      menu.click();
      await waitUntil(() => queryAllByRole(nav, 'link').length === ALL_LINKS.length, 'the menu did not open');
      expect(menu.getAttribute('aria-expanded')).to.equal('true');
      const lefts = new Set(queryAllByRole(nav, 'link').map((a) => Math.round(a.getBoundingClientRect().left)));
      expect(lefts.size, 'one link under the other').to.equal(1);
      expectNoSidewaysOverflow(el);

      getByRole(nav, 'link', { name: 'Deliveries' }).click();
      await headingFocused(el, 'Deliveries');
      expect(getByRole(nav, 'button', { name: 'Menu Deliveries' }).getAttribute('aria-expanded')).to.equal('false');
      expect(queryAllByRole(nav, 'link')).to.have.length(0);
    });

    it('narrow: Escape closes the menu and the focus goes back to its button', async () => {
      api.serve();
      const el = await mountPortal({ width: 360 });
      await startOrdering(el);
      const menu = getByRole(accountNav(el), 'button', { name: 'Menu Shop' });
      menu.focus();
      await sendKeys({ press: 'Enter' });
      const link = await findByRole(accountNav(el), 'link', { name: 'Dashboard' });
      link.focus();
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => menu.getAttribute('aria-expanded') === 'false');
      expect(focused() === menu, 'the focus is back on the menu button').to.equal(true);
    });
  });

  describe('a11y', () => {
    for (const width of [360, 1200]) {
      it(`the shop with the navigation (${width} px)`, async () => {
        api.serve();
        const el = await mountPortal({ width });
        await startOrdering(el);
        await expect(el).to.be.accessible();
      });
    }

    it('the open menu (360 px)', async () => {
      api.serve();
      const el = await mountPortal({ width: 360 });
      await startOrdering(el);
      getByRole(accountNav(el), 'button', { name: 'Menu Shop' }).click();
      await findByRole(accountNav(el), 'link', { name: 'Quotes' });
      await expect(el).to.be.accessible();
    });

    it('a section that is not available', async () => {
      api.serve({ session: { settings: { sections: { quotes: false } } } });
      const el = await openAt('#portal/quotes', 'Quotes are not available here');
      await expect(el).to.be.accessible();
    });
  });
});

describe('route.ts', () => {
  it("parses the portal's hashes and nothing else", () => {
    expect(parseRoute('#portal/orders/SO-2026-0042')).to.deep.equal({ section: 'orders', key: 'SO-2026-0042' });
    expect(parseRoute('#portal/quotes')).to.deep.equal({ section: 'quotes', key: null });
    expect(parseRoute('#portal/quotes/')).to.deep.equal({ section: 'quotes', key: null });
    expect(parseRoute('#portal')).to.deep.equal({ section: 'shop', key: null });
    expect(parseRoute('#portal/elsewhere/X')).to.deep.equal({ section: 'shop', key: null });
    expect(parseRoute('#portal_token=cpt_abc')).to.equal(null);
    expect(parseRoute('#portals')).to.equal(null);
    expect(parseRoute('#reviews')).to.equal(null);
    expect(parseRoute('')).to.equal(null);
    expect(parseRoute('#portal/quotes/%E0%A4%A')).to.deep.equal({ section: 'quotes', key: null });
  });

  it('makes the links that parse back', () => {
    expect(routeHref('shop')).to.equal('#portal');
    expect(routeHref('quotes')).to.equal('#portal/quotes');
    expect(routeHref('orders', 'SO-2026-0042')).to.equal('#portal/orders/SO-2026-0042');
    expect(routeHref('invoices', 'INV/7 #2')).to.equal('#portal/invoices/INV%2F7%20%232');
    expect(parseRoute(routeHref('invoices', 'INV/7 #2'))).to.deep.equal({ section: 'invoices', key: 'INV/7 #2' });
  });
});
