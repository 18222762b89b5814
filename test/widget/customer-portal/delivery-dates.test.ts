import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DeliveryService } from '../../../widget/contract/index.ts';
import {
  cartCount,
  findByRole,
  findText,
  focused,
  getByRole,
  mockApi,
  mountPortal,
  openCart,
  productCard,
  requestsTo,
  startOrdering,
  textOf,
} from './helpers.ts';

// The mock's clock: Sunday 15 June 2025, 11:00 in Dublin (IST).
const service = (id: number, fields: Partial<DeliveryService>): DeliveryService => ({
  id: `00000000-0000-4000-8000-0000000071${String(id).padStart(2, '0')}`,
  name: 'Service',
  kind: 'delivery',
  customers: 'all',
  lead_days: 1,
  weekdays: [1, 2, 3, 4, 5],
  closed_dates: [],
  cutoff_rule: 'same_day_before',
  cutoff_time: '14:00',
  order_creation_status: null,
  minimum_order_minor: null,
  position: id,
  created_at: '2025-01-01T00:00:00.000Z',
  ...fields,
});
const SERVICES = [
  service(1, { name: 'Next-day' }),
  service(2, {
    name: 'Collection from depot',
    kind: 'collection',
    lead_days: 0,
    cutoff_rule: 'none',
    cutoff_time: null,
  }),
];

describe('<customer-portal> checkout: delivery service and date', () => {
  const api = mockApi();

  async function cartWithCoffee(now: { at: Date }, deliveryServices = SERVICES) {
    const state = api.serve({ deliveryServices, now: () => now.at });
    const el = await mountPortal();
    await startOrdering(el);
    const card = productCard(el, 'Cold Brew Coffee 1 L');
    const field = getByRole(card, 'spinbutton', { name: 'Quantity' }) as HTMLInputElement;
    field.focus();
    field.select();
    await sendKeys({ type: '2' });
    getByRole(card, 'button', { name: 'Add Cold Brew Coffee 1 L to cart' }).click();
    await waitUntil(() => cartCount(el) === 2, 'the coffee was not added');
    const cart = await openCart(el);
    const date = (await findByRole(cart, 'combobox', { name: 'Delivery date' })) as HTMLSelectElement;
    return { state, el, cart, date };
  }

  it('offers only the dates the cut-off allows, the earliest picked, and says the cut-off', async () => {
    const { state, cart, date } = await cartWithCoffee({ at: new Date('2025-06-15T10:00:00Z') });
    expect([...date.options].map((o) => o.value).slice(0, 3)).to.deep.equal(['2025-06-16', '2025-06-17', '2025-06-18']);
    expect(date.value).to.equal('2025-06-16');
    expect(textOf(cart)).to.include('Order by 14:00 for delivery tomorrow');
    const services = getByRole(cart, 'combobox', { name: 'Delivery service' }) as HTMLSelectElement;
    services.focus();
    await sendKeys({ press: 'ArrowDown' });
    await findByRole(cart, 'combobox', { name: 'Collection date' });
    await findText(cart, 'Earliest collection tomorrow'); // Sunday is not one of its weekdays
    getByRole(cart, 'button', { name: 'Place order' }).click();
    await findText(cart, 'Thank you! Your order is placed.');
    const [sent] = requestsTo(state, 'placeOrder');
    expect(sent.body).to.include({ delivery_service_id: SERVICES[1].id, delivery_date: '2025-06-16' });
  });

  it('a cut-off passing before the order is placed: said next to the date, the next date picked, the cart kept', async () => {
    const now = { at: new Date('2025-06-16T12:59:00Z') }; // Monday 13:59 IST
    const { el, cart, date } = await cartWithCoffee(now);
    expect(date.value).to.equal('2025-06-17');
    now.at = new Date('2025-06-16T13:00:00Z');
    getByRole(cart, 'button', { name: 'Place order' }).click();
    const alert = await findByRole(cart, 'alert');
    expect(textOf(alert)).to.include('The cut-off for that date has passed.');
    await waitUntil(() => date.isConnected && date.value === '2025-06-18', 'the date did not move on');
    expect(focused()).to.equal(date);
    expect(date.getAttribute('aria-invalid')).to.equal('true');
    expect(cartCount(el)).to.equal(2);
    await findText(cart, 'Order by 14:00 tomorrow for delivery on');
  });

  it('a minimum set only on the chosen service: the shortfall shown, checkout waits; another service lifts it', async () => {
    const services = [service(1, { name: 'Next-day', minimum_order_minor: 2_000 }), SERVICES[1]];
    const { state, cart } = await cartWithCoffee({ at: new Date('2025-06-15T10:00:00Z') }, services);
    await findText(cart, 'Add €11.00 more to reach the minimum order of €20.00.');
    const place = getByRole(cart, 'button', { name: 'Place order' }) as HTMLButtonElement;
    expect(place.disabled).to.equal(true);
    place.click();
    expect(requestsTo(state, 'placeOrder')).to.have.length(0);

    const picker = getByRole(cart, 'combobox', { name: 'Delivery service' }) as HTMLSelectElement;
    picker.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => !textOf(cart).includes('minimum order'), 'the shortfall is still shown');
    const enabled = getByRole(cart, 'button', { name: 'Place order' }) as HTMLButtonElement;
    expect(enabled.disabled).to.equal(false);
    enabled.click();
    await findText(cart, 'Thank you! Your order is placed.');
    expect(requestsTo(state, 'placeOrder')[0].body).to.include({ delivery_service_id: SERVICES[1].id });
  });
});
