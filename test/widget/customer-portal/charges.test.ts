/**
 * Charges besides freight, the minimum order value and progress to free delivery in the cart
 * (issue 17), against the mock API: the cart totals what checkout charges, names each charge unless
 * the supplier shows totals only, and stops a cart below the minimum until the customer adds more.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { IDS, makeAddresses } from '../../../widget/mock/data.ts';
import {
  cartCount,
  findByRole,
  findText,
  queryAllByRole,
  getByRole,
  mockApi,
  mountPortal,
  openCart,
  productCard,
  queryByRole,
  requestsTo,
  startOrdering,
  textOf,
} from './helpers.ts';

const CHARGES = {
  small_order: { below_minor: 10_000, fee_minor: 500 },
  percent_basis_points: 250,
  per_unit_minor: 10,
};

async function add(el: Element, name: string): Promise<void> {
  const before = cartCount(el);
  getByRole(productCard(el, name), 'button', { name: `Add ${name} to cart` }).click();
  await waitUntil(() => cartCount(el) > before, `${name} was not added`);
}

/** Types a new quantity on a cart line, as a person does, and leaves the field. */
async function typeQuantity(cart: Element, name: string, quantity: number) {
  const field = getByRole(cart, 'spinbutton', { name: `Quantity of ${name}` }) as HTMLInputElement;
  field.focus();
  field.select();
  await sendKeys({ type: String(quantity) });
  await sendKeys({ press: 'Tab' });
}

/** The cart's figures: from the subtotal to before the checkout form. */
const totals = (cart: Element) =>
  textOf(cart)
    .replace(/^.* Remove (?=Subtotal)/, '')
    .replace(/ Your reference.*$/, '');

describe('<customer-portal> charges and minimum order value', () => {
  const api = mockApi();

  async function cart(settings: Record<string, unknown>) {
    const state = api.serve({ session: { settings } });
    const el = await mountPortal();
    await startOrdering(el);
    await add(el, 'Cold Brew Coffee 1 L');
    return { state, el, cart: await openCart(el) };
  }

  describe('rendering', () => {
    it('names each charge and totals them, with what is left to free delivery', async () => {
      const { cart: c } = await cart({ charges: CHARGES });
      // €4.50 of goods: €5.00 small order, 2.5 % = €0.11 (0.1125 rounded), €0.10 for one unit.
      expect(totals(c)).to.equal(
        'Subtotal €4.50 Freight €9.95 Small-order surcharge €5.00 Surcharge (2.5%) €0.11 Handling fee per unit €0.10 Total €19.66 €145.50 to free delivery',
      );
    });

    it('"show charges" off: totals only, the charges still in the total', async () => {
      const { cart: c } = await cart({ charges: CHARGES, show_charges: false });
      expect(totals(c)).to.equal('Subtotal €4.50 Freight €9.95 Total €19.66 €145.50 to free delivery');
    });

    it('no progress line once delivery is free', async () => {
      const { cart: c } = await cart({});
      await typeQuantity(c, 'Cold Brew Coffee 1 L', 48);
      await findText(c, 'Subtotal €187.20 Freight Free Total €187.20');
      expect(textOf(c)).not.to.include('to free delivery');
    });
  });

  describe('interaction', () => {
    it('places the order at the total it showed, charges included', async () => {
      const { state, cart: c } = await cart({ charges: CHARGES });
      getByRole(c, 'button', { name: 'Place order' }).click();
      await findText(c, 'Thank you! Your order is placed.');
      const [request] = requestsTo(state, 'placeOrder');
      expect((request.body as { expected_total: number }).expected_total).to.equal(1966);
      expect(state.data.orders.find((o) => o.total_minor === 1966)?.charges).to.deep.equal([
        { kind: 'small_order', amount_minor: 500 },
        { kind: 'percentage', amount_minor: 11 },
        { kind: 'per_unit', amount_minor: 10 },
      ]);
    });

    it('a quote request (creation status quote) carries the charges and the total the cart showed', async () => {
      const state = api.serve({
        session: { settings: { charges: CHARGES } },
        workspace: { order_creation_status: 'quote' },
      });
      const el = await mountPortal();
      await startOrdering(el);
      await add(el, 'Cold Brew Coffee 1 L');
      const c = await openCart(el);
      expect(totals(c)).to.include('Total €19.66');
      getByRole(c, 'button', { name: 'Place order' }).click();
      await findText(c, /Your quote request Q-/);
      expect(textOf(c)).to.include('Total €19.66');
      const quote = state.data.quotes.find((q) => q.state === 'requested')!;
      expect(quote.total_minor).to.equal(1966);
      expect(quote.charges).to.deep.equal([
        { kind: 'small_order', amount_minor: 500 },
        { kind: 'percentage', amount_minor: 11 },
        { kind: 'per_unit', amount_minor: 10 },
      ]);
    });

    it('below the minimum: the shortfall is shown and checkout waits until a larger quantity is typed', async () => {
      const { state, cart: c } = await cart({ minimum_order_minor: 2_000 });
      await findText(c, 'Add €15.50 more to reach the minimum order of €20.00.');
      const place = getByRole(c, 'button', { name: 'Place order' }) as HTMLButtonElement;
      expect(place.disabled).to.equal(true);
      place.click();
      expect(requestsTo(state, 'placeOrder')).to.have.length(0);

      await typeQuantity(c, 'Cold Brew Coffee 1 L', 5);
      await waitUntil(() => !textOf(c).includes('minimum order'), 'the shortfall is still shown');
      expect((getByRole(c, 'button', { name: 'Place order' }) as HTMLButtonElement).disabled).to.equal(false);
      getByRole(c, 'button', { name: 'Place order' }).click();
      await findText(c, 'Thank you! Your order is placed.');
      expect(requestsTo(state, 'placeOrder')[0].body).to.deep.include({
        lines: [{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 5 }],
      });
    });
  });

  describe('default order values', () => {
    it("the cart starts from the customer's reference prefix, instructions and delivery site; the customer may change them", async () => {
      const addresses = makeAddresses();
      const terrace = addresses.find((a) => a.label === 'Terrace bar')!;
      const state = api.serve({
        addresses,
        session: {
          settings: {
            order_defaults: {
              delivery_address_id: terrace.id,
              reference_prefix: 'PO-',
              delivery_instructions: 'Back door before 10:00',
            },
          },
        },
      });
      const el = await mountPortal();
      await startOrdering(el);
      await add(el, 'Cold Brew Coffee 1 L');
      const c = await openCart(el);
      const reference = getByRole(c, 'textbox', { name: 'Your reference (optional)' }) as HTMLInputElement;
      expect(reference.value).to.equal('PO-');
      expect(
        (getByRole(c, 'textbox', { name: 'Note for the supplier (optional)' }) as HTMLTextAreaElement).value,
      ).to.equal('Back door before 10:00');
      const sites = await findByRole(c, 'group', { name: 'Deliver to' });
      const radios = queryAllByRole(sites, 'radio') as HTMLInputElement[];
      expect(
        radios.map((r) => r.checked),
        'the Terrace bar, not the default Main kitchen',
      ).to.deep.equal([false, true]);

      reference.focus();
      reference.setSelectionRange(reference.value.length, reference.value.length);
      await sendKeys({ type: '7781' });
      getByRole(c, 'button', { name: 'Place order' }).click();
      await findText(c, 'Thank you! Your order is placed.');
      expect(requestsTo(state, 'placeOrder')[0].body).to.deep.include({
        customer_reference: 'PO-7781',
        note: 'Back door before 10:00',
        delivery_address_id: terrace.id,
      });
    });
  });

  describe('order contact', () => {
    it("the cart starts from the customer's default contact; the customer changes it and it goes with the order", async () => {
      const state = api.serve({
        session: {
          settings: {
            order_defaults: {
              delivery_address_id: null,
              reference_prefix: null,
              delivery_instructions: null,
              contact: { name: 'Aoife Byrne', phone: '+353 1 555 0101', email: null },
            },
          },
        },
      });
      const el = await mountPortal();
      await startOrdering(el);
      await add(el, 'Cold Brew Coffee 1 L');
      const c = await openCart(el);
      const contact = await findByRole(c, 'group', { name: 'Contact for this order (optional)' });
      const name = getByRole(contact, 'textbox', { name: 'Contact name' }) as HTMLInputElement;
      expect(name.value).to.equal('Aoife Byrne');
      const email = getByRole(contact, 'textbox', { name: 'Contact email' }) as HTMLInputElement;
      expect(email.value).to.equal('');

      // A malformed email is said on the field, with the keyboard there, and nothing is sent.
      email.focus();
      await sendKeys({ type: 'goods-in' });
      getByRole(c, 'button', { name: 'Place order' }).click();
      await findText(c, 'Enter an email address, e.g. name@example.com.');
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      expect(email.matches(':focus')).to.equal(true);
      expect(requestsTo(state, 'placeOrder')).to.have.length(0);

      await sendKeys({ type: '@bluedoor.example' });
      getByRole(c, 'button', { name: 'Place order' }).click();
      await findText(c, 'Thank you! Your order is placed.');
      const expected = { name: 'Aoife Byrne', phone: '+353 1 555 0101', email: 'goods-in@bluedoor.example' };
      expect((requestsTo(state, 'placeOrder')[0].body as { contact: unknown }).contact).to.deep.equal(expected);
      expect(state.data.orders[0].contact).to.deep.equal(expected);
    });
  });

  describe('errors', () => {
    it("the server's below_minimum (a minimum the session did not know) is said in words", async () => {
      const { state, cart: c } = await cart({});
      state.data.session.settings.minimum_order_minor = 2_000; // raised after the page loaded
      getByRole(c, 'button', { name: 'Place order' }).click();
      await findText(c, 'This order is below the minimum order value. Add more to it before placing it.');
      expect(queryByRole(c, 'heading', { name: 'Thank you! Your order is placed.' })).to.equal(null);
    });
  });
});
