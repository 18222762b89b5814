import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HttpResponse, getResponse, http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import { IDS } from '../../../widget/mock/data.ts';
import { createHandlers, errorResponse, mockUrl, type MockState } from '../../../widget/mock/handlers.ts';
import {
  selectTab,
  accessibleName,
  cartCount,
  catalogueShown,
  fill,
  findByRole,
  findText,
  focused,
  getByRole,
  mockApi,
  mountPortal,
  openCart,
  productCard,
  productNames,
  queryAllByRole,
  queryByRole,
  requestsTo,
  startOrdering,
  textOf,
} from './helpers.ts';

/** Types the quantity on a product's card (when given) and clicks its Add button. */
async function add(el: Element, name: string, quantity?: number): Promise<void> {
  const card = productCard(el, name);
  if (quantity !== undefined) {
    const field = getByRole(card, 'spinbutton', { name: 'Quantity' }) as HTMLInputElement;
    field.focus();
    field.select();
    await sendKeys({ type: String(quantity) });
  }
  const before = cartCount(el);
  getByRole(card, 'button', { name: `Add ${name} to cart` }).click();
  await waitUntil(() => cartCount(el) > before, `${name} was not added`);
}

/** A catalogue on screen, confirmed, for the dataset's customer. */
async function shopping(
  api: ReturnType<typeof mockApi>,
  overrides?: Parameters<ReturnType<typeof mockApi>['serve']>[0],
) {
  const state = api.serve(overrides);
  const el = await mountPortal();
  await startOrdering(el);
  return { state, el };
}

const placeOrderUrl = mockUrl(endpoints.placeOrder);

describe('<customer-portal> interaction', () => {
  const api = mockApi();

  describe('welcome', () => {
    it('"Yes, start ordering" loads the catalogue', async () => {
      const state = api.serve();
      const el = await mountPortal();
      const yes = await findByRole(el, 'button', { name: 'Yes, start ordering' });
      expect(requestsTo(state, 'getCatalog')).to.have.length(0);
      yes.click();
      await catalogueShown(el);
      expect(requestsTo(state, 'getCatalog')).to.have.length(1);
      expect(queryByRole(el, 'heading', { name: /Welcome back/ })).to.equal(null);
      expect(productNames(el)).to.include('Cold Brew Coffee 1 L');
    });

    it('"Yes, start ordering" by keyboard moves the focus to the shop, not to the page', async () => {
      api.serve();
      const el = await mountPortal();
      (await findByRole(el, 'button', { name: 'Yes, start ordering' })).focus();
      await sendKeys({ press: 'Enter' });
      await catalogueShown(el);
      await waitUntil(
        () => focused() === getByRole(el, 'heading', { name: 'Shop' }),
        'the focus did not go to the shop',
      );
    });

    it("without account pages, the focus goes to the catalogue's selected tab", async () => {
      api.serve({
        session: {
          settings: { sections: { orders: false, quotes: false, invoices: false, payments: false, deliveries: false } },
        },
      });
      const el = await mountPortal();
      (await findByRole(el, 'button', { name: 'Yes, start ordering' })).focus();
      await sendKeys({ press: 'Enter' });
      await catalogueShown(el);
      await waitUntil(
        () => focused() === getByRole(el, 'tab', { name: 'All' }),
        'the focus did not go to the selected tab',
      );
    });

    it('remembers the confirmation for the token: a new element skips the welcome', async () => {
      api.serve();
      const first = await mountPortal();
      await startOrdering(first);
      first.remove();

      const again = await mountPortal();
      await catalogueShown(again);
      expect(queryByRole(again, 'button', { name: 'Yes, start ordering' })).to.equal(null);
    });

    it('remembers it per token: another link still asks', async () => {
      const state = api.serve();
      const first = await mountPortal();
      await startOrdering(first);
      first.remove();

      state.token = 'cpt_another_customer_token';
      const other = await mountPortal({ token: state.token });
      await findByRole(other, 'heading', { name: 'Welcome back, Harbour Café Ltd' });
      expect(queryByRole(other, 'tablist')).to.equal(null);
    });

    it('"Not you?" says to ask the supplier for a personal link, and loads nothing', async () => {
      const state = api.serve();
      const el = await mountPortal();
      (await findByRole(el, 'button', { name: 'Not you?' })).click();
      await findByRole(el, 'heading', { name: 'This link belongs to someone else' });
      expect(textOf(el)).to.include(
        'Each customer of Northwind Wholesale has a personal link. Please ask Northwind Wholesale for your own.',
      );
      expect(requestsTo(state, 'getCatalog')).to.have.length(0);
    });

    it('"Not you?" after confirming forgets the confirmation', async () => {
      api.serve();
      const el = await mountPortal();
      await startOrdering(el);
      getByRole(el, 'button', { name: 'Not you?' }).click();
      await findByRole(el, 'heading', { name: 'This link belongs to someone else' });
      expect(queryByRole(el, 'tablist')).to.equal(null);
      el.remove();

      const again = await mountPortal();
      await findByRole(again, 'button', { name: 'Yes, start ordering' });
    });
  });

  describe('catalogue', () => {
    it('tabs follow the tablist pattern: arrows, Home and End move the selection and the focus', async () => {
      const { el } = await shopping(api);
      const tabs = () => queryAllByRole(el, 'tab');
      const selected = () =>
        tabs()
          .filter((t) => t.getAttribute('aria-selected') === 'true')
          .map(accessibleName);
      const tabbable = () =>
        tabs()
          .filter((t) => t.tabIndex === 0)
          .map(accessibleName);
      const press = async (key: string, expected: string) => {
        await sendKeys({ press: key });
        await waitUntil(
          () => selected()[0] === expected,
          `${key} did not select ${expected}; selected: ${selected().join()}`,
        );
        await waitUntil(
          () => focused() === getByRole(el, 'tab', { name: expected }),
          `${key} did not focus ${expected}`,
        );
        expect(selected()).to.deep.equal([expected]);
        expect(tabbable(), 'roving tabindex').to.deep.equal([expected]);
        expect(accessibleName(getByRole(el, 'tabpanel'))).to.equal(expected);
      };

      expect(selected()).to.deep.equal(['All']);
      expect(tabbable()).to.deep.equal(['All']);
      getByRole(el, 'tab', { name: 'All' }).focus();
      await press('ArrowRight', 'New Arrivals');
      expect(productNames(el)).to.deep.equal(['Dark Chocolate 100 g', 'Trail Mix 250 g']);
      await press('ArrowRight', 'On Sale');
      await press('ArrowLeft', 'New Arrivals');
      await press('End', 'Cleaning supplies');
      await press('ArrowRight', 'All');
      await press('ArrowLeft', 'Cleaning supplies');
      await press('Home', 'All');
    });

    it('search filters by name and by SKU, ignoring case', async () => {
      const { el } = await shopping(api);
      getByRole(el, 'searchbox', { name: 'Search products by name or SKU' }).focus();
      await sendKeys({ type: 'cold brew' });
      await waitUntil(() => productNames(el).length === 1);
      expect(productNames(el)).to.deep.equal(['Cold Brew Coffee 1 L']);

      const search = getByRole(el, 'searchbox') as HTMLInputElement;
      fill(search, 'snk-');
      await waitUntil(() => productNames(el).length === 3);
      expect(productNames(el)).to.deep.equal(['Sea Salt Crisps 150 g', 'Dark Chocolate 100 g', 'Trail Mix 250 g']);

      fill(search, 'no such thing');
      await findText(el, 'No products match “no such thing”.');
      fill(search, '');
      await waitUntil(() => productNames(el).length === 12);
    });

    it('search applies within the selected tab', async () => {
      const { el } = await shopping(api);
      getByRole(el, 'tab', { name: 'Snacks' }).click();
      await waitUntil(() => productNames(el).length === 3);
      fill(getByRole(el, 'searchbox') as HTMLInputElement, 'BEV');
      await findText(el, 'No products match “BEV”.');
    });

    it('Add puts the typed quantity of the chosen unit in the cart', async () => {
      const { el } = await shopping(api);
      await add(el, 'Cold Brew Coffee 1 L', 3);
      expect(cartCount(el)).to.equal(3);
      const water = productCard(el, 'Sparkling Water 500 ml');
      fill(getByRole(water, 'combobox', { name: 'Unit' }) as HTMLSelectElement, 'case12');
      await findText(water, '€13.00 / Case of 12');
      await add(el, 'Sparkling Water 500 ml', 2);
      expect(cartCount(el)).to.equal(5);
      await findText(el, 'Added 2 × Sparkling Water 500 ml (Case of 12) to the cart');

      const cart = await openCart(el);
      expect(textOf(getByRole(cart, 'list'))).to.equal(
        'Cold Brew Coffee 1 L BEV-CBC-1L Each €13.50 Remove Sparkling Water 500 ml BEV-SPW-500 Case of 12 €26.00 Remove',
      );
    });
  });

  describe('standard cards', () => {
    it('a quantity that cannot be added is explained next to its field and adds nothing', async () => {
      const { el } = await shopping(api);
      const card = productCard(el, 'Cold Brew Coffee 1 L');
      const field = getByRole(card, 'spinbutton', { name: 'Quantity' }) as HTMLInputElement;
      field.focus();
      field.select();
      await sendKeys({ type: '0' });
      await sendKeys({ press: 'Enter' });
      await findText(card, 'Enter a quantity of 1 or more.');
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expect(focused()).to.equal(field);
      expect(cartCount(el)).to.equal(0);
      field.select();
      await sendKeys({ type: '3' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => cartCount(el) === 3, 'Enter did not add');
      await findText(card, '3 in cart');
    });
  });

  describe('quantity grid', () => {
    const grid = () => shopping(api, { session: { settings: { order_template: 'quantity_grid' } } });
    const field = (el: Element, name: string) =>
      getByRole(el, 'spinbutton', { name: `Quantity of ${name}` }) as HTMLInputElement;

    it("a typed quantity is the cart's at once; Tab goes to the next row; Enter moves on without losing anything", async () => {
      const { el } = await grid();
      const changes: number[] = [];
      el.addEventListener('portal-cart-change', (e) => changes.push(e.itemCount));

      field(el, 'Cold Brew Coffee 1 L').focus();
      await sendKeys({ type: '12' });
      expect(focused()).to.equal(field(el, 'Cold Brew Coffee 1 L'));
      expect(cartCount(el), 'in the cart as typed, no Enter needed').to.equal(12);
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(field(el, 'Orange Juice 1 L'));
      await sendKeys({ type: '3' });
      await sendKeys({ press: 'Enter' });
      expect(focused(), 'Enter goes to the next quantity').to.equal(field(el, 'Green Tea, 20 bags'));
      expect(cartCount(el)).to.equal(15);
      expect(changes.at(-1)).to.equal(15);
      expect(field(el, 'Cold Brew Coffee 1 L').value, 'the row shows what the cart holds').to.equal('12');
      await findText(el, '2 lines in your cart · €69.32');
      const cart = await openCart(el);
      expect(textOf(getByRole(cart, 'list'))).to.equal(
        'Cold Brew Coffee 1 L BEV-CBC-1L Each €50.40 Remove Orange Juice 1 L BEV-OJ-1L Each €8.97 Remove',
      );
    });

    it('shows the price for the quantity in the cart (its tier), and keeps quantities across tabs and searches', async () => {
      const { el } = await grid();
      field(el, 'Cold Brew Coffee 1 L').focus();
      await sendKeys({ type: '12' });
      const row = field(el, 'Cold Brew Coffee 1 L').closest('[role=row]')!;
      expect(textOf(row)).to.include('€4.20');
      expect(textOf(row)).to.include('12 · €50.40');
      await selectTab(el, 'On Sale');
      await selectTab(el, 'All');
      expect(field(el, 'Cold Brew Coffee 1 L').value).to.equal('12');
      const search = getByRole(el, 'searchbox');
      search.focus();
      await sendKeys({ type: 'juice' });
      await waitUntil(() => queryAllByRole(el, 'spinbutton').length === 1, 'the search did not narrow the grid');
      search.focus();
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Backspace' });
      await waitUntil(() => queryAllByRole(el, 'spinbutton').length > 1, 'the search was not cleared');
      expect(field(el, 'Cold Brew Coffee 1 L').value).to.equal('12');
      expect(cartCount(el)).to.equal(12);
    });

    it('a quantity that cannot be taken is explained next to its field, and the cart keeps what it had', async () => {
      const { el } = await grid();
      const coffee = field(el, 'Cold Brew Coffee 1 L');
      coffee.focus();
      await sendKeys({ type: '5' });
      coffee.blur();
      coffee.focus();
      coffee.select();
      await sendKeys({ type: '999999' });
      await findText(el, 'At most 100,000 per line.');
      expect(coffee.getAttribute('aria-invalid')).to.equal('true');
      expect(accessibleName(coffee)).to.equal('Quantity of Cold Brew Coffee 1 L');
      expect(cartCount(el), 'the cart went back to 5, not 99,999').to.equal(5);
      coffee.select();
      await sendKeys({ type: '1.5' });
      await findText(el, 'Enter a whole number, like 12.');
      expect(cartCount(el)).to.equal(5);
      coffee.select();
      await sendKeys({ type: '0' });
      coffee.blur();
      await waitUntil(() => cartCount(el) === 0, '0 did not take the line out');
      expect(queryAllByRole(el, 'alert').filter((a) => textOf(a) !== '')).to.deep.equal([]);
    });

    it("the + and − buttons step the cart's quantity", async () => {
      const { el } = await grid();
      getByRole(el, 'button', { name: 'One more Cold Brew Coffee 1 L' }).click();
      getByRole(el, 'button', { name: 'One more Cold Brew Coffee 1 L' }).click();
      await waitUntil(() => cartCount(el) === 2);
      expect(field(el, 'Cold Brew Coffee 1 L').value).to.equal('2');
      getByRole(el, 'button', { name: 'One less Cold Brew Coffee 1 L' }).click();
      await waitUntil(() => cartCount(el) === 1);
      getByRole(el, 'button', { name: 'One less Cold Brew Coffee 1 L' }).click();
      await waitUntil(() => cartCount(el) === 0);
      expect(field(el, 'Cold Brew Coffee 1 L').value).to.equal('');
    });

    it('Tab skips products that cannot be ordered', async () => {
      const { el } = await shopping(api, { session: { settings: { order_template: 'quantity_grid' } } });
      const field = (name: string) => getByRole(el, 'spinbutton', { name: `Quantity of ${name}` });
      field('Dish Soap 500 ml').focus();
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(field('Paper Towels, 6 rolls'));
    });
  });

  describe('cart', () => {
    it('a quantity typed in the cart that cannot be taken is explained next to it; the line keeps its quantity', async () => {
      const { el } = await shopping(api);
      await add(el, 'Cold Brew Coffee 1 L', 4);
      const cart = await openCart(el);
      const quantity = getByRole(cart, 'spinbutton', { name: 'Quantity of Cold Brew Coffee 1 L' }) as HTMLInputElement;
      quantity.focus();
      quantity.select();
      await sendKeys({ type: '2.5' });
      await sendKeys({ press: 'Tab' });
      await findText(cart, 'Enter a whole number, like 12.');
      expect(quantity.getAttribute('aria-invalid')).to.equal('true');
      expect(cartCount(el)).to.equal(4);
    });

    it('Remove offers Undo, which puts the line back where it was', async () => {
      const { el } = await shopping(api);
      await add(el, 'Cold Brew Coffee 1 L', 2);
      await add(el, 'Green Tea, 20 bags');
      const cart = await openCart(el);
      getByRole(cart, 'button', { name: 'Remove Cold Brew Coffee 1 L' }).click();
      await findText(cart, 'Removed Cold Brew Coffee 1 L.');
      expect(cartCount(el)).to.equal(1);
      await waitUntil(() => focused() === getByRole(cart, 'button', { name: 'Undo' }), 'the focus did not go to Undo');
      getByRole(cart, 'button', { name: 'Undo' }).click();
      await waitUntil(() => cartCount(el) === 3, 'Undo did not put the line back');
      expect(textOf(getByRole(cart, 'list'))).to.equal(
        'Cold Brew Coffee 1 L BEV-CBC-1L Each €9.00 Remove Green Tea, 20 bags BEV-GT-20 Each €2.75 Remove',
      );
    });

    it('an order over the available credit is stopped in the cart, with the credit left', async () => {
      const { el } = await shopping(api, {
        session: { settings: { credit: { limit_minor: 100_000, available_minor: 2_000 } } },
      });
      await add(el, 'Cold Brew Coffee 1 L', 4);
      const cart = await openCart(el);
      await findText(
        cart,
        'This order is over your available credit of €20.00. Make it smaller, or contact Northwind Wholesale.',
      );
      expect(getByRole(cart, 'button', { name: 'Place order' })).to.have.property('disabled', true);
      const line = getByRole(cart, 'spinbutton', { name: 'Quantity of Cold Brew Coffee 1 L' }) as HTMLInputElement;
      line.focus();
      line.select();
      await sendKeys({ type: '1' });
      await sendKeys({ press: 'Tab' });
      await waitUntil(
        () => !(getByRole(cart, 'button', { name: 'Place order' }) as HTMLButtonElement).disabled,
        'a smaller order is still stopped',
      );
    });

    it('changes quantities (with quantity tiers), shows freight until the free threshold, removes lines', async () => {
      const { el } = await shopping(api);
      await add(el, 'Cold Brew Coffee 1 L');
      const cart = await openCart(el);
      const totals = () =>
        textOf(cart)
          .replace(/^.* Remove /, '')
          .replace(/ Your reference.*$/, '');
      expect(totals()).to.equal('Subtotal €4.50 Freight €9.95 Total €14.45 €145.50 to free delivery');

      fill(getByRole(cart, 'spinbutton', { name: 'Quantity of Cold Brew Coffee 1 L' }) as HTMLInputElement, '12');
      await findText(cart, 'Subtotal €50.40 Freight €9.95 Total €60.35');
      expect(cartCount(el)).to.equal(12);

      fill(getByRole(cart, 'spinbutton', { name: 'Quantity of Cold Brew Coffee 1 L' }) as HTMLInputElement, '48');
      await findText(cart, 'Subtotal €187.20 Freight Free Total €187.20');

      getByRole(cart, 'button', { name: 'Remove Cold Brew Coffee 1 L' }).click();
      await findText(cart, 'Your cart is empty. Add products from the catalogue.');
      expect(cartCount(el)).to.equal(0);
    });

    it('survives a reload: a new element with the same token has the same cart', async () => {
      const { el } = await shopping(api);
      await add(el, 'Cold Brew Coffee 1 L', 2);
      await add(el, 'Green Tea, 20 bags');
      el.remove();

      const again = await mountPortal();
      await catalogueShown(again);
      expect(cartCount(again)).to.equal(3);
      const cart = await openCart(again);
      expect(textOf(getByRole(cart, 'list'))).to.equal(
        'Cold Brew Coffee 1 L BEV-CBC-1L Each €9.00 Remove Green Tea, 20 bags BEV-GT-20 Each €2.75 Remove',
      );
    });

    it('is kept per token: another customer on the same browser has their own', async () => {
      const { el, state } = await shopping(api);
      await add(el, 'Cold Brew Coffee 1 L');
      el.remove();

      state.token = 'cpt_another_customer_token';
      const other = await mountPortal({ token: state.token });
      await startOrdering(other);
      expect(cartCount(other)).to.equal(0);
    });
  });

  describe('checkout', () => {
    async function cartWithColdBrew(overrides?: Parameters<typeof shopping>[1]) {
      const { el, state } = await shopping(api, overrides);
      await add(el, 'Cold Brew Coffee 1 L');
      const cart = await openCart(el);
      return { el, state, cart };
    }
    const ordersIn = (state: MockState) => state.data.orders.filter((o) => o.status === 'pending');

    it('places the order: the number is shown, the cart is emptied', async () => {
      const { el, state, cart } = await cartWithColdBrew();
      fill(getByRole(cart, 'textbox', { name: 'Your reference (optional)' }) as HTMLInputElement, ' PO-77 ');
      fill(
        getByRole(cart, 'textbox', { name: 'Note for the supplier (optional)' }) as HTMLTextAreaElement,
        'Back door',
      );
      getByRole(cart, 'button', { name: 'Place order' }).click();

      await findText(cart, 'Thank you! Your order is placed.');
      expect(textOf(cart)).to.equal('Thank you! Your order is placed. SO-2025-9001 Total €14.45 Continue shopping');
      expect(cartCount(el)).to.equal(0);
      const [request] = requestsTo(state, 'placeOrder');
      expect(request.body).to.deep.equal({
        lines: [{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }],
        customer_reference: 'PO-77',
        note: 'Back door',
        expected_total: 1445,
      });
      expect(ordersIn(state).map((o) => o.number)).to.deep.equal(['SO-2025-9001']);

      getByRole(cart, 'button', { name: 'Continue shopping' }).click();
      await waitUntil(() => !(cart as HTMLDialogElement).open, 'the cart did not close');
      const reopened = await openCart(el);
      await findText(reopened, 'Your cart is empty.');
    });

    it('a lost answer and Retry make one order: the same Idempotency-Key is sent again', async () => {
      const { state, cart } = await cartWithColdBrew();
      // The first attempt reaches the supplier, which records the order; its answer is lost on the way back.
      const handlers = createHandlers(state);
      api.worker.use(
        http.post(
          placeOrderUrl,
          async ({ request }) => {
            await getResponse(handlers, request);
            return HttpResponse.error();
          },
          { once: true },
        ),
      );

      getByRole(cart, 'button', { name: 'Place order' }).click();
      await findText(
        cart,
        'Your order could not be sent. Check your connection and retry: it will not be placed twice.',
      );
      expect(ordersIn(state)).to.have.length(1);
      getByRole(cart, 'button', { name: 'Retry' }).click();

      await findText(cart, 'Thank you! Your order is placed. SO-2025-9001');
      const keys = requestsTo(state, 'placeOrder').map((r) => r.headers['idempotency-key']);
      expect(keys).to.have.length(2);
      expect(keys[1]).to.equal(keys[0]);
      expect(ordersIn(state), 'exactly one order').to.have.length(1);
    });

    it('a 500 and Retry make one order, with the same Idempotency-Key', async () => {
      const { state, cart } = await cartWithColdBrew();
      const keys: string[] = [];
      api.worker.use(
        http.post(
          placeOrderUrl,
          ({ request }) => {
            keys.push(request.headers.get('idempotency-key')!);
            return errorResponse(500, 'internal_error', 'Something went wrong.');
          },
          { once: true },
        ),
      );

      getByRole(cart, 'button', { name: 'Place order' }).click();
      await findText(cart, 'The supplier could not take the order just now. Retry: it will not be placed twice.');
      getByRole(cart, 'button', { name: 'Retry' }).click();
      await findText(cart, 'Thank you! Your order is placed.');
      expect(requestsTo(state, 'placeOrder').map((r) => r.headers['idempotency-key'])).to.deep.equal(keys);
      expect(ordersIn(state)).to.have.length(1);
    });

    it('a lost answer, then a reload, then Place order again: still one order', async () => {
      const { el, state, cart } = await cartWithColdBrew();
      const handlers = createHandlers(state);
      api.worker.use(
        http.post(
          placeOrderUrl,
          async ({ request }) => {
            await getResponse(handlers, request);
            return HttpResponse.error();
          },
          { once: true },
        ),
      );
      getByRole(cart, 'button', { name: 'Place order' }).click();
      await findText(cart, 'Your order could not be sent.');
      el.remove();

      const again = await mountPortal();
      await catalogueShown(again);
      expect(cartCount(again), 'the cart is kept until the order is confirmed').to.equal(1);
      const cart2 = await openCart(again);
      getByRole(cart2, 'button', { name: 'Place order' }).click();
      await findText(cart2, 'Thank you! Your order is placed. SO-2025-9001');
      const keys = requestsTo(state, 'placeOrder').map((r) => r.headers['idempotency-key']);
      expect(new Set(keys).size).to.equal(1);
      expect(ordersIn(state)).to.have.length(1);
    });

    it('a double click on "Place order" sends one request', async () => {
      const { state, cart } = await cartWithColdBrew();
      const place = getByRole(cart, 'button', { name: 'Place order' });
      place.click();
      place.click();
      await findText(cart, 'Thank you! Your order is placed.');
      expect(requestsTo(state, 'placeOrder')).to.have.length(1);
      expect(ordersIn(state)).to.have.length(1);
    });

    it('while the order is being placed, the button says so and is disabled', async () => {
      const { cart } = await cartWithColdBrew();
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      api.worker.use(
        http.post(
          placeOrderUrl,
          async () => {
            await held;
            return undefined;
          },
          { once: true },
        ),
      );
      getByRole(cart, 'button', { name: 'Place order' }).click();
      const placing = await findByRole(cart, 'button', { name: 'Placing your order…' });
      expect(placing).to.have.property('disabled', true);
      release();
      await findText(cart, 'Thank you! Your order is placed.');
    });

    it('price_changed: shows the new total and places the order at it once the customer confirms', async () => {
      const { state, cart } = await cartWithColdBrew();
      // The supplier raised the price after the catalogue was loaded: 4.50 → 4.70.
      state.data.catalog.pricing.group_list!.entries.find(
        (e) => e.product_id === IDS.product.coldBrew,
      )!.tiers[0].unit_price_minor = 470;

      getByRole(cart, 'button', { name: 'Place order' }).click();
      const alert = await findByRole(cart, 'alert');
      await findText(alert, 'Prices have changed since you filled your cart.');
      expect(textOf(alert)).to.include('New total: €14.65 (you saw €14.45).');
      expect(textOf(alert)).to.include('Cold Brew Coffee 1 L: 1 × €4.70');
      expect(ordersIn(state)).to.have.length(0);

      getByRole(cart, 'button', { name: 'Confirm new total and place order' }).click();
      await findText(cart, 'Thank you! Your order is placed.');
      expect(
        requestsTo(state, 'placeOrder').map((r) => (r.body as { expected_total: number }).expected_total),
      ).to.deep.equal([1445, 1465]);
      expect(ordersIn(state).map((o) => o.total_minor)).to.deep.equal([1465]);
      expect(textOf(cart)).to.include('Total €14.65');
    });

    it('price_changed reloads prices without losing the catalogue tab and search', async () => {
      const { el, state, cart } = await cartWithColdBrew();
      cart.close();
      await selectTab(el, 'On Sale');
      const search = getByRole(el, 'searchbox', { name: 'Search products by name or SKU' }) as HTMLInputElement;
      fill(search, 'cold');
      state.data.catalog.pricing.group_list!.entries.find(
        (e) => e.product_id === IDS.product.coldBrew,
      )!.tiers[0].unit_price_minor = 470;
      const reopened = await openCart(el);
      getByRole(reopened, 'button', { name: 'Place order' }).click();
      await findText(reopened, 'Prices have changed since you filled your cart.');
      await waitUntil(() => requestsTo(state, 'getCatalog').length === 2, 'the catalogue was not reloaded');
      await el.updateComplete;
      expect(getByRole(el, 'tab', { name: 'On Sale' }).getAttribute('aria-selected')).to.equal('true');
      expect(
        (getByRole(el, 'searchbox', { name: 'Search products by name or SKU' }) as HTMLInputElement).value,
      ).to.equal('cold');
    });

    it('price_changed: "Review cart" goes back to the cart with the new prices', async () => {
      const { state, cart } = await cartWithColdBrew();
      state.data.catalog.pricing.group_list!.entries.find(
        (e) => e.product_id === IDS.product.coldBrew,
      )!.tiers[0].unit_price_minor = 470;
      getByRole(cart, 'button', { name: 'Place order' }).click();
      (await findByRole(cart, 'button', { name: 'Review cart' })).click();
      await findText(cart, 'Total €14.65');
      expect(queryByRole(cart, 'alert')).to.equal(null);
      getByRole(cart, 'button', { name: 'Place order' }).click();
      await findText(cart, 'Thank you! Your order is placed.');
      expect(ordersIn(state).map((o) => o.total_minor)).to.deep.equal([1465]);
    });
  });
});
