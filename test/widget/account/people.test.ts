/**
 * People on a company account (issue 16), in the portal: the greeting names the person, the
 * account's Admins manage its people (invite, change a role, remove) in the People section, others
 * do not see it; an order says who placed it, and the Orders section filters "My orders".
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { IDS, personSession } from '../../../widget/mock/data.ts';
import {
  findByRole,
  findText,
  focused,
  getByRole,
  mockApi,
  mountPortal,
  queryByRole,
  requestsTo,
  textOf,
} from '../customer-portal/helpers.ts';
import { confirmWelcome, go, keepAddress, navLinks, openAt, row, rows, tableShown } from './helpers.ts';

/** A real click in the middle of the element. */
async function clickOn(target: Element): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  const box = target.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
  });
}

/** Clicks into a field and types, as a person would. */
async function typeInto(field: HTMLElement, text: string): Promise<void> {
  await clickOn(field);
  await waitUntil(() => focused() === field, 'the field did not take the focus');
  await sendKeys({ type: text });
}

describe('<customer-portal> people of a company account', () => {
  const api = mockApi();
  keepAddress();

  describe('rendering', () => {
    it('greets the person of the link by first name, with the business', async () => {
      api.serve({ session: personSession('buyer', { id: IDS.person.ben, name: 'Ben Okafor' }) });
      const el = await mountPortal();
      await findByRole(el, 'heading', { name: 'Welcome back, Ben — Harbour Café Ltd' });
    });

    it("greets the account's own link by its business, as before", async () => {
      api.serve();
      const el = await mountPortal();
      await findByRole(el, 'heading', { name: 'Welcome back, Harbour Café Ltd' });
    });

    it('an Admin has People in the navigation', async () => {
      api.serve({ session: personSession('admin') });
      const admin = await mountPortal();
      await confirmWelcome(admin);
      await waitUntil(() => navLinks(admin).includes('People'), 'no People link for an Admin');
    });

    it('a Buyer neither has People in the navigation nor can open it', async () => {
      api.serve({ session: personSession('buyer', { id: IDS.person.ben, name: 'Ben Okafor' }) });
      const buyer = await openAt('#portal/people', 'People are not available here');
      expect(navLinks(buyer)).not.to.include('People');
    });
  });

  describe('interaction', () => {
    it('an Admin lists the people, with their role and last activity, and sees which is them', async () => {
      api.serve({ session: personSession('admin') });
      const el = await mountPortal();
      await confirmWelcome(el);
      await go(el, 'People');
      await tableShown(el, 'People');
      expect(rows(el, 'People').map((r) => textOf(r.querySelector('[role=cell]')!))).to.deep.equal([
        'Ana Ruiz You',
        'Ben Okafor',
        'Carla Jensen',
        'Dev Patel',
      ]);
      expect(textOf(row(el, 'People', 'Ben Okafor'))).to.include('ben@harbour.test');
      expect(textOf(row(el, 'People', 'Carla Jensen'))).to.include('Not yet');
      // One's own role and removal are not offered: another Admin does that.
      expect(queryByRole(row(el, 'People', 'Ana Ruiz You'), 'combobox', { name: /^Role/ })).to.equal(null);
      expect(queryByRole(row(el, 'People', 'Ana Ruiz You'), 'button', { name: /Remove/ })).to.equal(null);
      expect(
        (getByRole(row(el, 'People', 'Ben Okafor'), 'combobox', { name: 'Role of Ben Okafor' }) as HTMLSelectElement)
          .value,
      ).to.equal('buyer');
    });

    it('invites someone: a link is sent to them, and they join the list', async () => {
      const state = api.serve({ session: personSession('admin') });
      const el = await openAt('#portal/people', 'People');
      await tableShown(el, 'People');
      await typeInto(getByRole(el, 'textbox', { name: 'Name' }), 'Eva Lund');
      await typeInto(getByRole(el, 'textbox', { name: 'Email' }), 'eva@harbour.test');
      const role = getByRole(el, 'combobox', { name: 'Role' }) as HTMLSelectElement;
      await clickOn(role);
      // The select's list is the browser's own: choose by keys, as a keyboard user does.
      await sendKeys({ press: 'Escape' });
      role.focus();
      await sendKeys({ press: 'ArrowDown' }); // buyer → viewer
      await waitUntil(() => role.value === 'viewer', `the role is ${role.value}`);
      await findText(el, 'Viewer: Sees everything, changes nothing.');
      await clickOn(getByRole(el, 'button', { name: 'Invite' }));

      await findText(el, 'Eva Lund is invited: their link is on its way to eva@harbour.test.');
      expect(requestsTo(state, 'invitePerson').map((r) => r.body)).to.deep.equal([
        { name: 'Eva Lund', email: 'eva@harbour.test', role: 'viewer' },
      ]);
      await waitUntil(() => rows(el, 'People').length === 5, 'Eva did not join the list');
      expect(textOf(row(el, 'People', 'Eva Lund'))).to.include('eva@harbour.test');
      expect((getByRole(el, 'textbox', { name: 'Name' }) as HTMLInputElement).value, 'the form is cleared').to.equal(
        '',
      );
    });

    it('an empty invite is not sent: the browser asks for the name', async () => {
      const state = api.serve({ session: personSession('admin') });
      const el = await openAt('#portal/people', 'People');
      await tableShown(el, 'People');
      await clickOn(getByRole(el, 'button', { name: 'Invite' }));
      await waitUntil(() => focused() === getByRole(el, 'textbox', { name: 'Name' }), 'the name field is not focused');
      expect(requestsTo(state, 'invitePerson')).to.have.length(0);
    });

    it("changes someone's role", async () => {
      const state = api.serve({ session: personSession('admin') });
      const el = await openAt('#portal/people', 'People');
      await tableShown(el, 'People');
      const select = getByRole(row(el, 'People', 'Ben Okafor'), 'combobox', { name: 'Role of Ben Okafor' });
      select.focus();
      await sendKeys({ press: 'ArrowDown' }); // buyer → viewer
      await findText(el, 'Ben Okafor is now Viewer.');
      const patch = requestsTo(state, 'changePersonRole');
      expect(patch.map((r) => r.body)).to.deep.equal([{ role: 'viewer' }]);
      expect(patch[0].path).to.match(new RegExp(`/people/${IDS.person.ben}$`));
      expect(state.data.people.find((p) => p.id === IDS.person.ben)?.role).to.equal('viewer');
    });

    it('removes someone after asking; "Keep" keeps them', async () => {
      const state = api.serve({ session: personSession('admin') });
      const el = await openAt('#portal/people', 'People');
      await tableShown(el, 'People');
      await clickOn(getByRole(row(el, 'People', 'Dev Patel'), 'button', { name: 'Remove Dev Patel' }));
      await findText(el, 'Remove Dev Patel? Their links stop working.');
      await clickOn(getByRole(row(el, 'People', 'Dev Patel'), 'button', { name: 'Keep' }));
      expect(requestsTo(state, 'removePerson')).to.have.length(0);

      await clickOn(getByRole(row(el, 'People', 'Dev Patel'), 'button', { name: 'Remove Dev Patel' }));
      const confirm = getByRole(el, 'group', { name: 'Remove Dev Patel?' });
      await clickOn(getByRole(confirm, 'button', { name: 'Remove' }));
      await findText(el, 'Dev Patel is removed: their links no longer work.');
      expect(requestsTo(state, 'removePerson')).to.have.length(1);
      await waitUntil(() => rows(el, 'People').length === 3, 'Dev is still listed');
    });
  });

  describe('orders', () => {
    it('an order says who placed it', async () => {
      const state = api.serve({ session: personSession('buyer', { id: IDS.person.ben, name: 'Ben Okafor' }) });
      const order = state.data.orders.find((o) => !o.is_draft)!;
      order.placed_by = { id: IDS.person.ben, name: 'Ben Okafor' };
      const number = order.number;
      const el = await openAt(`#portal/orders/${number}`, `Order ${number}`);
      const dialog = await findByRole(el, 'dialog', { name: `Order ${number}` });
      await waitUntil(() => textOf(dialog).includes('Placed by Ben Okafor'), textOf(dialog).slice(0, 300));
    });

    it('"My orders" asks the server for the orders of the link\'s person only', async () => {
      const state = api.serve({ session: personSession('buyer', { id: IDS.person.ben, name: 'Ben Okafor' }) });
      const mine = state.data.orders.filter((o) => !o.is_draft).slice(0, 1);
      mine[0].placed_by = { id: IDS.person.ben, name: 'Ben Okafor' };
      const el = await openAt('#portal/orders', 'Orders');
      await tableShown(el, 'Orders');
      // Beside the status tabs (issue 17), the person's own filter: its own tab list.
      const whose = getByRole(el, 'tablist', { name: 'Show orders' });
      expect(getByRole(whose, 'tab', { name: 'Company orders' }).getAttribute('aria-selected')).to.equal('true');
      expect(rows(el, 'Orders').length).to.be.greaterThan(1);
      await clickOn(getByRole(el, 'tab', { name: 'My orders' }));
      await waitUntil(() => rows(el, 'Orders').length === 1, 'the list was not narrowed');
      expect(requestsTo(state, 'listOrders').at(-1)?.query).to.deep.equal({ placed_by: 'me' });
    });

    it("the account's own link has no such filter", async () => {
      api.serve();
      const el = await openAt('#portal/orders', 'Orders');
      await tableShown(el, 'Orders');
      expect(queryByRole(el, 'tab', { name: 'My orders' })).to.equal(null);
    });
  });
});
