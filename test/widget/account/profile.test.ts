/**
 * Each person's Profile (issue 16), in the portal: name, phone, language and the emails they
 * receive, their default delivery address (checkout pre-selects it); the account's own link has no
 * profile. Typed with real keys, clicked with a real pointer.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { IDS, makeAddresses, personSession } from '../../../widget/mock/data.ts';
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
  queryAllByRole,
  requestsTo,
  startOrdering,
  textOf,
} from '../customer-portal/helpers.ts';
import { confirmWelcome, go, keepAddress, navLinks, openAt } from './helpers.ts';
// Loaded up front: the first test to open the page does not wait for its code to compile.
import '../../../widget/parts/account/profile-view.ts';

const BEN = { id: IDS.person.ben, name: 'Ben Okafor' };
const TERRACE = makeAddresses()[1];

async function clickOn(target: Element): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  const box = target.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
  });
}

/** Clicks into a field, selects what it holds and types over it, as a person would. */
async function retype(field: HTMLElement, text: string): Promise<void> {
  await clickOn(field);
  await waitUntil(() => focused() === field, 'the field did not take the focus');
  (field as HTMLInputElement).select();
  await sendKeys({ type: text });
}

describe('<customer-portal> profile', () => {
  const api = mockApi();
  keepAddress();

  describe('rendering', () => {
    it("the account's own link has no Profile: not in the navigation, and the page says why", async () => {
      api.serve();
      const el = await openAt('#portal/profile', 'Your profile is not available here');
      expect(textOf(el)).to.include('This link belongs to the whole account, not to one person.');
      expect(navLinks(el)).not.to.include('Profile');
    });

    it("a person's profile shows what they chose: every email on, the account's default address", async () => {
      api.serve({ session: personSession('viewer', BEN), addresses: makeAddresses() });
      const el = await mountPortal();
      await confirmWelcome(el);
      await waitUntil(() => navLinks(el).includes('Profile'), 'no Profile link for a Viewer');
      await go(el, 'Profile', 'Your profile');
      const name = (await findByRole(el, 'textbox', { name: 'Name' })) as HTMLInputElement;
      expect(name.value).to.equal('Ben Okafor');
      const boxes = queryAllByRole(el, 'checkbox') as HTMLInputElement[];
      expect(boxes.map((b) => textOf(b.closest('label')!))).to.deep.equal([
        'Order placed: the confirmation of each order I place',
        'Approval needed: an order waits for an Admin (Admins only)',
        'Approved or rejected: what happened to an order of mine',
        'Shipped: an order of mine is on its way, with its tracking',
      ]);
      expect(boxes.every((b) => b.checked)).to.equal(true);
      const address = getByRole(el, 'combobox', { name: 'My default delivery address' }) as HTMLSelectElement;
      expect(address.value).to.equal('');
    });
  });

  describe('interaction', () => {
    it('types a name and a phone, unticks two emails, picks an address by keys; Save sends it and says so; the greeting uses the new name', async () => {
      const state = api.serve({ session: personSession('buyer', BEN), addresses: makeAddresses() });
      const el = await openAt('#portal/profile', 'Your profile');
      const name = await findByRole(el, 'textbox', { name: 'Name' });
      await retype(name, 'Benjamin Okafor');
      // Tab to the next field, as a keyboard user does.
      await sendKeys({ press: 'Tab' });
      await waitUntil(() => focused() === getByRole(el, 'textbox', { name: 'Phone' }), 'Tab did not reach Phone');
      await sendKeys({ type: '+34 600 111 222' });
      await clickOn(getByRole(el, 'checkbox', { name: /^Order placed/ }));
      await clickOn(getByRole(el, 'checkbox', { name: /^Shipped/ }));
      const address = getByRole(el, 'combobox', { name: 'My default delivery address' });
      address.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => (address as HTMLSelectElement).value === TERRACE.id, 'the address was not chosen');
      await clickOn(getByRole(el, 'button', { name: 'Save' }));

      await findText(el, 'Your profile is saved.');
      expect(getByRole(el, 'status').textContent?.trim()).to.equal('Your profile is saved.');
      expect(requestsTo(state, 'patchProfile').map((r) => r.body)).to.deep.equal([
        {
          name: 'Benjamin Okafor',
          phone: '+34 600 111 222',
          language: null,
          emails: { order_placed: false, approval_needed: true, approval_outcome: true, shipped: false },
          default_delivery_address_id: TERRACE.id,
        },
      ]);
      // The portal's header names the person as they are now.
      await findText(el, 'Benjamin Okafor · Harbour Café Ltd');
    });

    it('choosing Español switches the portal to Spanish on save', async () => {
      api.serve({ session: personSession('buyer', BEN) });
      const el = await openAt('#portal/profile', 'Your profile');
      const language = (await findByRole(el, 'combobox', { name: 'Language' })) as HTMLSelectElement;
      language.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => language.value === 'es', 'Español was not chosen');
      await clickOn(getByRole(el, 'button', { name: 'Save' }));
      await findByRole(el, 'heading', { name: 'Su perfil' });
      await findText(el, 'Su perfil está guardado.');
      const nav = await findByRole(el, 'navigation', { name: 'Cuenta' });
      expect(textOf(nav)).to.include('Tienda');
      expect(textOf(nav)).to.include('Perfil');
    });
  });

  describe('errors', () => {
    it('an empty name is refused beside the field, with the focus on it; nothing is sent', async () => {
      const state = api.serve({ session: personSession('buyer', BEN) });
      const el = await openAt('#portal/profile', 'Your profile');
      const name = await findByRole(el, 'textbox', { name: 'Name' });
      await clickOn(name);
      (name as HTMLInputElement).select();
      await sendKeys({ press: 'Backspace' });
      await clickOn(getByRole(el, 'button', { name: 'Save' }));
      await findText(el, 'Enter your name.');
      await waitUntil(() => focused() === name, 'the focus is not on the name');
      expect(name.getAttribute('aria-invalid')).to.equal('true');
      expect(requestsTo(state, 'patchProfile')).to.have.length(0);
    });

    it('an address archived meanwhile is refused by the API: said beside the address, with the focus on it', async () => {
      const state = api.serve({ session: personSession('buyer', BEN), addresses: makeAddresses() });
      const el = await openAt('#portal/profile', 'Your profile');
      const address = (await findByRole(el, 'combobox', { name: 'My default delivery address' })) as HTMLSelectElement;
      address.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => address.value === TERRACE.id, 'the address was not chosen');
      state.data.addresses.find((a) => a.id === TERRACE.id)!.archived_at = '2026-02-01T00:00:00.000Z';
      await clickOn(getByRole(el, 'button', { name: 'Save' }));
      await findText(el, 'This address is no longer one of yours. Choose another.');
      await waitUntil(
        () => focused() === getByRole(el, 'combobox', { name: 'My default delivery address' }),
        'the focus is not on the address',
      );
    });
  });

  describe('checkout', () => {
    it("pre-selects the person's default delivery address over the account's", async () => {
      const session = personSession('buyer', BEN);
      const state = api.serve({
        session: { ...session, person: { ...session.person!, default_delivery_address_id: TERRACE.id } },
        addresses: makeAddresses(),
      });
      const el = await mountPortal();
      await startOrdering(el);
      getByRole(productCard(el, 'Cold Brew Coffee 1 L'), 'button', {
        name: 'Add Cold Brew Coffee 1 L to cart',
      }).click();
      await waitUntil(() => cartCount(el) === 1, 'not added');
      const cart = await openCart(el);
      const group = await findByRole(cart, 'group', { name: 'Deliver to' });
      const radios = queryAllByRole(group, 'radio') as HTMLInputElement[];
      expect(radios.map((r) => r.checked)).to.deep.equal([false, true]);
      expect(state.data.session.person?.default_delivery_address_id).to.equal(TERRACE.id);
    });
  });
});
