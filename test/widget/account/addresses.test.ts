import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { makeAddresses, testId } from '../../../widget/mock/data.ts';
import {
  accessibleName,
  cartCount,
  findByRole,
  findText,
  focused,
  getByRole,
  mockApi,
  mountPortal,
  openCart,
  productCard,
  queryAllByRole,
  queryByRole,
  requestsTo,
  startOrdering,
  textOf,
} from '../customer-portal/helpers.ts';
import { keepAddress, navLinks, openAt, setHash } from './helpers.ts';

const KITCHEN = testId(0x70, 1);
const TERRACE = testId(0x70, 2);

/** Clicks into a field by its label and types, key by key, as a person does. */
async function typeInto(root: Element, label: string, text: string): Promise<void> {
  const field = getByRole(root, 'textbox', { name: label }) as HTMLInputElement;
  field.focus();
  field.select();
  await sendKeys({ type: text });
}

/** The card of the address named `label`. */
function card(el: Element, label: string): HTMLElement {
  const found = [...el.shadowRoot!.querySelectorAll('*')]
    .flatMap((e) => (e.shadowRoot ? [...e.shadowRoot.querySelectorAll<HTMLElement>('li.card')] : []))
    .find((c) => c.querySelector('.title strong')?.textContent === label);
  if (!found) throw new Error(`no address card ${label}`);
  return found;
}

/** The cards of one kind of address, as the customer reads them. */
function cards(el: Element, section: 'Delivery addresses' | 'Billing addresses'): string[] {
  const region = getByRole(el, 'region', { name: section });
  return [...region.querySelectorAll('li.card')].map((c) => textOf(c));
}

async function addressesPage(overrides: Parameters<ReturnType<typeof mockApi>['serve']>[0] = {}) {
  return openAt('#portal/addresses', 'Addresses', overrides as never);
}

describe('Addresses section', () => {
  const api = mockApi();
  keepAddress();

  describe('rendering', () => {
    it('lists the delivery and the billing addresses, each default marked, and is in the navigation', async () => {
      api.serve({ addresses: makeAddresses() });
      const el = await addressesPage();
      await findByRole(el, 'region', { name: 'Delivery addresses' });
      expect(cards(el, 'Delivery addresses')).to.deep.equal([
        'Main kitchen Default Ana Ruiz Calle Mayor 12 28013 Madrid Spain +34 600 000 001 Edit Archive',
        'Terrace bar Luis Gómez Paseo del Prado 3 28014 Madrid Spain Edit Make default Archive',
      ]);
      expect(cards(el, 'Billing addresses')).to.deep.equal([
        'Head office Default Blue Door Café S.L. Gran Vía 1 28001 Madrid Spain Edit Archive',
      ]);
      expect(navLinks(el)).to.include('Addresses');
    });

    it('a link without place_orders reads them but has nothing to change them with', async () => {
      api.serve({ addresses: makeAddresses(), session: { permissions: { place_orders: false } } });
      const el = await addressesPage();
      await findByRole(el, 'region', { name: 'Delivery addresses' });
      expect(queryByRole(el, 'button', { name: 'Add an address' })).to.equal(null);
      expect(queryAllByRole(el, 'button', { name: 'Edit' })).to.have.length(0);
    });
  });

  describe('interaction', () => {
    it('adds an address typed in the form: the errors show beside the fields first, then it is saved', async () => {
      const state = api.serve({ addresses: makeAddresses() });
      const el = await addressesPage();
      await findByRole(el, 'region', { name: 'Delivery addresses' });
      getByRole(el, 'button', { name: 'Add an address' }).click();
      const form = await findByRole(el, 'form', { name: 'New address' });
      await waitUntil(
        () => focused() === getByRole(form, 'heading', { name: 'New address' }),
        'the focus is not on the form',
      );

      // Saved empty: each missing field says what it needs, and the keyboard goes to the first.
      getByRole(form, 'button', { name: 'Save address' }).click();
      await findText(form, 'Give the site a name, e.g. Main kitchen.');
      const label = getByRole(form, 'textbox', { name: 'Name of the site' });
      await waitUntil(() => focused() === label, 'the focus did not go to the first field in error');
      expect(label.getAttribute('aria-invalid')).to.equal('true');
      expect(accessibleDescription(label)).to.equal('Give the site a name, e.g. Main kitchen.');
      expect(textOf(form)).to.include('Enter the street and number.');
      expect(requestsTo(state, 'createAddress')).to.have.length(0);

      await typeInto(form, 'Name of the site', 'Pop-up stand');
      expect(label.getAttribute('aria-invalid')).to.equal('false');
      await typeInto(form, 'Recipient', 'Marta Gil');
      await typeInto(form, 'Street and number', 'Plaza Mayor 1');
      await typeInto(form, 'Postal code (optional)', '28012');
      await typeInto(form, 'City', 'Madrid');
      // The country starts as the account's first address's; a phone left out is sent as none.
      expect((getByRole(form, 'combobox', { name: 'Country' }) as HTMLSelectElement).value).to.equal('ES');
      getByRole(form, 'checkbox', { name: 'Make it the default delivery address' }).click();
      getByRole(form, 'button', { name: 'Save address' }).click();

      await findText(el, 'Pop-up stand is saved.');
      const [request] = requestsTo(state, 'createAddress');
      expect(request.body).to.deep.equal({
        kind: 'delivery',
        label: 'Pop-up stand',
        name: 'Marta Gil',
        line1: 'Plaza Mayor 1',
        line2: null,
        city: 'Madrid',
        region: null,
        postal_code: '28012',
        country: 'ES',
        phone: null,
        is_default: true,
      });
      expect(queryByRole(el, 'form', { name: 'New address' })).to.equal(null);
      await waitUntil(() => cards(el, 'Delivery addresses').length === 3, 'the new address is not listed');
      expect(cards(el, 'Delivery addresses')[0]).to.match(/^Pop-up stand Default Marta Gil/);
    });

    it('edits an address: the form holds its values; Enter saves', async () => {
      const state = api.serve({ addresses: makeAddresses() });
      const el = await addressesPage();
      await findByRole(el, 'region', { name: 'Delivery addresses' });
      getByRole(card(el, 'Terrace bar'), 'button', { name: 'Edit' }).click();
      const form = await findByRole(el, 'form', { name: 'Edit Terrace bar' });
      expect((getByRole(form, 'textbox', { name: 'Street and number' }) as HTMLInputElement).value).to.equal(
        'Paseo del Prado 3',
      );
      await typeInto(form, 'Street and number', 'Paseo del Prado 5');
      await sendKeys({ press: 'Enter' });
      await findText(el, 'Terrace bar is saved.');
      expect(requestsTo(state, 'patchAddress')[0].body).to.include({
        line1: 'Paseo del Prado 5',
        label: 'Terrace bar',
      });
      await waitUntil(() => cards(el, 'Delivery addresses')[1].includes('Paseo del Prado 5'), 'not shown changed');
    });

    it('"Make default" moves the default; "Archive" asks first, then takes it out of the list', async () => {
      const state = api.serve({ addresses: makeAddresses() });
      const el = await addressesPage();
      await findByRole(el, 'region', { name: 'Delivery addresses' });
      getByRole(card(el, 'Terrace bar'), 'button', { name: 'Make default' }).click();
      await findText(el, 'Terrace bar is now your default delivery address.');
      await waitUntil(
        () => cards(el, 'Delivery addresses')[0].startsWith('Terrace bar Default'),
        'the default did not move',
      );
      expect(requestsTo(state, 'patchAddress')[0].body).to.deep.equal({ is_default: true });

      getByRole(card(el, 'Main kitchen'), 'button', { name: 'Archive' }).click();
      const keep = await findByRole(el, 'button', { name: 'Keep it' });
      expect(textOf(el)).to.include('Archive Main kitchen? It leaves this list and checkout; past orders keep it.');
      await waitUntil(() => focused()?.textContent?.trim() === 'Archive', 'the focus is not on the confirmation');
      expect(keep).to.exist;
      await sendKeys({ press: 'Enter' });
      await findText(el, 'Main kitchen is archived.');
      await waitUntil(() => cards(el, 'Delivery addresses').length === 1, 'the archived address is still listed');
      expect(requestsTo(state, 'archiveAddress')).to.have.length(1);
    });
  });
});

describe('Checkout: the delivery address', () => {
  const api = mockApi();
  keepAddress();

  async function cartWithColdBrew(overrides: Parameters<ReturnType<typeof mockApi>['serve']>[0]) {
    const state = api.serve(overrides);
    const el = await mountPortal();
    await startOrdering(el);
    getByRole(productCard(el, 'Cold Brew Coffee 1 L'), 'button', { name: 'Add Cold Brew Coffee 1 L to cart' }).click();
    await waitUntil(() => cartCount(el) === 1, 'not added');
    const cart = await openCart(el);
    return { state, el, cart };
  }

  it('several delivery addresses: a choice with the default picked; the one chosen goes with the order, which shows it', async () => {
    const { state, el, cart } = await cartWithColdBrew({ addresses: makeAddresses() });
    const group = await findByRole(cart, 'group', { name: 'Deliver to' });
    const radios = queryAllByRole(group, 'radio') as HTMLInputElement[];
    expect(radios.map((r) => textOf(r.closest('label')!))).to.deep.equal([
      'Main kitchen (default) Calle Mayor 12, Madrid',
      'Terrace bar Paseo del Prado 3, Madrid',
    ]);
    expect(radios.map((r) => r.checked)).to.deep.equal([true, false]);
    // The billing address is not a place to deliver to.
    expect(textOf(group)).not.to.include('Head office');

    radios[1].click();
    getByRole(cart, 'button', { name: 'Place order' }).click();
    await findText(cart, 'Thank you! Your order is placed.');
    expect(textOf(cart)).to.include('Delivering to Terrace bar');
    const [request] = requestsTo(state, 'placeOrder');
    expect(request.body).to.include({ delivery_address_id: TERRACE });

    // The order's page says where it goes.
    setHash('#portal/orders/SO-2025-9001');
    const again = await mountPortal();
    const detail = await findByRole(again, 'heading', { name: /SO-2025-9001/ });
    expect(detail).to.exist;
    await findText(again, 'Deliver to');
    expect(textOf(again)).to.include('Deliver to Terrace bar Luis Gómez Paseo del Prado 3 28014 Madrid Spain');
    el.remove();
  });

  it('the keyboard moves between the addresses (arrow keys in the radio group)', async () => {
    const { state, cart } = await cartWithColdBrew({ addresses: makeAddresses() });
    const group = await findByRole(cart, 'group', { name: 'Deliver to' });
    const [first, second] = queryAllByRole(group, 'radio') as HTMLInputElement[];
    first.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(second.checked).to.equal(true);
    getByRole(cart, 'button', { name: 'Place order' }).click();
    await findText(cart, 'Thank you! Your order is placed.');
    expect(requestsTo(state, 'placeOrder')[0].body).to.include({ delivery_address_id: TERRACE });
  });

  it('one delivery address: said as text, and sent', async () => {
    const [kitchen, , billing] = makeAddresses();
    const { state, cart } = await cartWithColdBrew({ addresses: [kitchen, billing] });
    await findText(cart, 'Deliver to: Main kitchen Calle Mayor 12, Madrid');
    expect(queryByRole(cart, 'group', { name: 'Deliver to' })).to.equal(null);
    getByRole(cart, 'button', { name: 'Place order' }).click();
    await findText(cart, 'Thank you! Your order is placed.');
    expect(requestsTo(state, 'placeOrder')[0].body).to.include({ delivery_address_id: KITCHEN });
  });

  it('no address: checkout as before, nothing asked, none sent', async () => {
    const { state, cart } = await cartWithColdBrew({});
    await findByRole(cart, 'button', { name: 'Place order' });
    expect(textOf(cart)).not.to.include('Deliver to');
    getByRole(cart, 'button', { name: 'Place order' }).click();
    await findText(cart, 'Thank you! Your order is placed.');
    expect(requestsTo(state, 'placeOrder')[0].body).not.to.have.property('delivery_address_id');
  });
});

describe('Dashboard: quick actions', () => {
  const api = mockApi();
  keepAddress();

  const quickActions = async (overrides: Parameters<ReturnType<typeof mockApi>['serve']>[0]) => {
    api.serve(overrides);
    const el = await openAt('#portal/dashboard', 'Dashboard');
    await findByRole(el, 'region', { name: 'Your account in figures' });
    const nav = queryByRole(el, 'navigation', { name: 'Quick actions' });
    return nav ? queryAllByRole(nav, 'link').map((a) => `${accessibleName(a)} ${a.getAttribute('href')}`) : [];
  };

  it('place an order, track a shipment, pay an invoice', async () => {
    expect(
      await quickActions({ session: { settings: { payment_url: 'https://pay.supplier.test/pay' } } }),
    ).to.deep.equal([
      'Place an order #portal',
      'Track a shipment #portal/deliveries',
      'Pay an invoice #portal/invoices',
    ]);
  });

  it('each only where it is available: no ordering without place_orders, no paying without a way to pay, no tracking without deliveries', async () => {
    expect(
      await quickActions({
        session: {
          permissions: { place_orders: false },
          settings: { payment_url: null, checkout_mode: 'pay_later', sections: { deliveries: false } },
        },
      }),
    ).to.deep.equal([]);
  });
});

/** The text of the elements an element's aria-describedby names (in its shadow root). */
function accessibleDescription(el: Element): string {
  const root = el.getRootNode() as ShadowRoot;
  return (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => textOf(root.getElementById(id)!))
    .join(' ');
}
