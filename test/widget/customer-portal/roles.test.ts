/**
 * What a person's role shows in the portal (issue 16): a Viewer and Finance look and do not order
 * (no Add, no cart, no checkout, no Reorder); a Buyer orders; the account's own link without
 * `place_orders` keeps today's shop (it still builds a cart to pass on).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { IDS, personSession } from '../../../widget/mock/data.ts';
import {
  accessibleName,
  catalogueShown,
  findByRole,
  focused,
  getByRole,
  mockApi,
  mountPortal,
  productCard,
  productNames,
  queryAllByRole,
  queryByRole,
  roleOf,
  startOrdering,
  textOf,
} from './helpers.ts';
import { keepAddress, navLinks, openAt } from '../account/helpers.ts';

/** A real click in the middle of the element. */
async function clickOn(target: Element): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  const box = target.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
  });
}

/** What Tab reaches from the search box on, `count` presses: each stop's role and name. */
async function tabStops(el: Element, count: number): Promise<string[]> {
  await clickOn(getByRole(el, 'searchbox'));
  const stops: string[] = [];
  for (let i = 0; i < count; i++) {
    await sendKeys({ press: 'Tab' });
    const f = focused();
    if (f) stops.push(`${roleOf(f) ?? f.localName} ${accessibleName(f)}`.trim());
  }
  return stops;
}

const ben = { id: IDS.person.ben, name: 'Ben Okafor' };

describe('<customer-portal> roles', () => {
  const api = mockApi();
  keepAddress();

  describe('a Viewer', () => {
    it('sees the catalogue with its prices, and no Add, no quantity, no cart', async () => {
      api.serve({ session: personSession('viewer', { id: IDS.person.dev, name: 'Dev Patel' }) });
      const el = await mountPortal();
      await startOrdering(el);
      expect(productNames(el).length).to.be.greaterThan(3);
      expect(textOf(productCard(el, 'Sea Salt Crisps 150 g'))).to.match(/€/);
      expect(queryAllByRole(el, 'button', { name: /^Add / })).to.have.length(0);
      expect(queryAllByRole(el, 'spinbutton')).to.have.length(0);
      expect(queryByRole(el, 'button', { name: /^Cart/ })).to.equal(null);
      expect(queryByRole(el, 'dialog', { name: 'Cart', hidden: true })).to.equal(null);
      expect(queryByRole(el, 'tab', { name: 'Past Orders' })).to.equal(null);
    });

    it('Tab through the catalogue reaches no Add nor any cart', async () => {
      api.serve({ session: personSession('viewer', { id: IDS.person.dev, name: 'Dev Patel' }) });
      const el = await mountPortal();
      await startOrdering(el);
      const stops = await tabStops(el, 25);
      expect(stops.filter((s) => /Add|Cart|Review order|Quantity/.test(s))).to.deep.equal([]);
      expect(new Set(stops).size, `Tab moved through the catalogue: ${stops.join(' | ')}`).to.be.greaterThan(3);
    });

    it('reads every section, and an order offers neither Reorder nor changes', async () => {
      const state = api.serve({ session: personSession('viewer', { id: IDS.person.dev, name: 'Dev Patel' }) });
      const order = state.data.orders.find((o) => !o.is_draft)!;
      const el = await openAt(`#portal/orders/${order.number}`, `Order ${order.number}`);
      expect(navLinks(el)).to.deep.equal([
        'Shop',
        'Dashboard',
        'Orders',
        'Quotes',
        'Invoices',
        'Payments',
        'Deliveries',
        'Profile',
      ]);
      const dialog = await findByRole(el, 'dialog', { name: `Order ${order.number}` });
      await waitUntil(() => textOf(dialog).includes('Lines'), 'the order did not load');
      expect(queryByRole(dialog, 'button', { name: 'Reorder' })).to.equal(null);
      expect(queryByRole(dialog, 'button', { name: /^Edit/ })).to.equal(null);
      expect(queryByRole(dialog, 'button', { name: /^Cancel/ })).to.equal(null);
      getByRole(dialog, 'button', { name: 'Download PDF' });
    });
  });

  describe('Finance', () => {
    it('has invoices, payments and the orders they bill, and no ordering', async () => {
      api.serve({ session: personSession('finance', { id: IDS.person.carla, name: 'Carla Jensen' }) });
      const el = await mountPortal();
      await startOrdering(el);
      // Every person has their own Profile.
      expect(navLinks(el)).to.deep.equal(['Shop', 'Dashboard', 'Orders', 'Invoices', 'Payments', 'Profile']);
      expect(queryAllByRole(el, 'button', { name: /^Add / })).to.have.length(0);
      expect(queryByRole(el, 'button', { name: /^Cart/ })).to.equal(null);
    });
  });

  describe('who orders', () => {
    it('a Buyer adds to the cart with a real click and sees it in the cart', async () => {
      api.serve({ session: personSession('buyer', ben) });
      const el = await mountPortal();
      await startOrdering(el);
      await clickOn(getByRole(productCard(el, 'Sea Salt Crisps 150 g'), 'button', { name: /^Add / }));
      await waitUntil(() => queryByRole(el, 'button', { name: 'Cart, 1 item' }), 'the cart did not count it');
    });

    it("the account's own link without place_orders still builds a cart, as before people existed", async () => {
      api.serve({ session: { permissions: { place_orders: false } } });
      const el = await mountPortal();
      await startOrdering(el);
      await catalogueShown(el);
      expect(queryAllByRole(el, 'button', { name: /^Add / }).length).to.be.greaterThan(0);
      getByRole(el, 'button', { name: /^Cart, \d+ items?$/ });
    });
  });
});
