/**
 * The account's approval rules and each Buyer's spending limit (issue 16), on the portal's People
 * page: an Admin picks the rule and types the amount, a Buyer's limit per week or month is set and
 * cleared; what the API refuses is told beside the field, and the requests carry what was typed.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import { errorResponse, mockUrl } from '../../../widget/mock/handlers.ts';
import { IDS, personSession } from '../../../widget/mock/data.ts';
import {
  findByRole,
  findText,
  focused,
  getByRole,
  mockApi,
  queryByRole,
  requestsTo,
  textOf,
} from '../customer-portal/helpers.ts';
import { keepAddress, openAt, row, tableShown } from './helpers.ts';

/** A real click in the middle of the element. */
async function clickOn(target: Element): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  const box = target.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
  });
}

/** Clicks into a field, empties it with the keyboard and types `text`. */
async function retype(field: HTMLInputElement, text: string): Promise<void> {
  await clickOn(field);
  await waitUntil(() => focused() === field, 'the field did not take the focus');
  field.select();
  await sendKeys({ press: 'Backspace' });
  if (text) await sendKeys({ type: text });
}

describe('<customer-portal> approval rules and spending limits', () => {
  const api = mockApi();
  keepAddress();

  it('an Admin sets "orders above an amount" by clicking and typing; a refused amount is told beside the field', async () => {
    const state = api.serve({ session: personSession('admin') });
    const el = await openAt('#portal/people', 'People');
    const rules = await findByRole(el, 'form', { name: 'Approval rules' });
    const none = getByRole(rules, 'radio', { name: 'No order' }) as HTMLInputElement;
    expect(none.checked, 'the saved rule is picked').to.equal(true);
    expect(queryByRole(rules, 'textbox'), 'no amount without the amount rule').to.equal(null);

    await clickOn(getByRole(rules, 'radio', { name: 'Orders above an amount' }));
    const amount = (await findByRole(rules, 'textbox', { name: 'Amount (EUR)' })) as HTMLInputElement;

    // Not an amount: told beside the field, nothing sent.
    await retype(amount, 'lots');
    await clickOn(getByRole(rules, 'button', { name: 'Save rules' }));
    await waitUntil(() => amount.getAttribute('aria-invalid') === 'true', 'the field is not marked');
    expect(textOf(rules)).to.include('Type an amount in EUR, such as 250.00.');
    expect(requestsTo(state, 'patchAccountSettings')).to.have.length(0);

    // A negative amount: the API refuses it (400), and that is told beside the field.
    await retype(amount, '-5');
    await clickOn(getByRole(rules, 'button', { name: 'Save rules' }));
    await waitUntil(() => requestsTo(state, 'patchAccountSettings').length === 1);
    expect(requestsTo(state, 'patchAccountSettings')[0].body).to.deep.equal({
      approval: { required_for: 'over_amount', amount_minor: -500 },
    });
    await findText(rules, 'Check this field: the supplier did not accept it.');
    const error = rules.querySelector(`#${amount.getAttribute('aria-describedby')}`);
    expect(textOf(error!)).to.equal('Check this field: the supplier did not accept it.');
    expect(amount.getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => focused() === amount, 'the refused field is not focused');
    expect(state.data.workspace.approval.required_for).to.equal('none');

    await retype(amount, '250,50');
    await clickOn(getByRole(rules, 'button', { name: 'Save rules' }));
    await waitUntil(() => requestsTo(state, 'patchAccountSettings').length === 2);
    expect(requestsTo(state, 'patchAccountSettings')[1].body).to.deep.equal({
      approval: { required_for: 'over_amount', amount_minor: 25050 },
    });
    await waitUntil(
      () => textOf(getByRole(rules, 'status')) === 'Approval rules saved: they apply to orders placed from now on.',
      'the save is not announced',
    );
    expect(amount.getAttribute('aria-invalid')).to.equal('false');
    expect(state.data.workspace.approval).to.deep.equal({ required_for: 'over_amount', amount_minor: 25050 });

    // Back to "every Buyer's order" with the keyboard: the amount goes, the rule is saved.
    getByRole(rules, 'radio', { name: 'Orders above an amount' }).focus();
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => !queryByRole(rules, 'textbox'), 'the amount field stayed');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => requestsTo(state, 'patchAccountSettings').length === 3);
    expect(requestsTo(state, 'patchAccountSettings')[2].body).to.deep.equal({
      approval: { required_for: 'buyers', amount_minor: null },
    });
  });

  it("an Admin sets a Buyer's spending limit per week, then clears it; others have none to set", async () => {
    const state = api.serve({ session: personSession('admin') });
    const el = await openAt('#portal/people', 'People');
    await tableShown(el, 'People');
    const ben = row(el, 'People', 'Ben Okafor');
    expect(textOf(row(el, 'People', 'Carla Jensen'))).to.include('Not needed');
    expect(queryByRole(row(el, 'People', 'Carla Jensen'), 'textbox')).to.equal(null);

    const limit = getByRole(ben, 'textbox', { name: 'Spending limit of Ben Okafor' }) as HTMLInputElement;
    expect(limit.value, 'no limit yet').to.equal('');
    await retype(limit, '500');
    const period = getByRole(ben, 'combobox', { name: 'Period of the limit of Ben Okafor' }) as HTMLSelectElement;
    period.focus();
    await sendKeys({ press: 'ArrowUp' }); // month → week
    await waitUntil(() => period.value === 'week', `the period is ${period.value}`);
    await clickOn(getByRole(ben, 'button', { name: 'Save the limit of Ben Okafor' }));
    await findText(el, 'Ben Okafor may spend €500.00 a week before their orders wait for approval.');
    const patches = requestsTo(state, 'changePersonRole');
    expect(patches.map((r) => r.body)).to.deep.equal([{ spending_limit_minor: 50000, spending_period: 'week' }]);
    expect(patches[0].path).to.match(new RegExp(`/people/${IDS.person.ben}$`));
    const saved = state.data.people.find((p) => p.id === IDS.person.ben)!;
    expect([saved.spending_limit_minor, saved.spending_period]).to.deep.equal([50000, 'week']);

    // A refused limit is told beside it.
    const again = getByRole(row(el, 'People', 'Ben Okafor'), 'textbox', {
      name: 'Spending limit of Ben Okafor',
    }) as HTMLInputElement;
    await retype(again, '-1');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => again.getAttribute('aria-invalid') === 'true', 'the refused limit is not marked');
    expect(requestsTo(state, 'changePersonRole')[1].body).to.deep.equal({
      spending_limit_minor: -100,
      spending_period: 'week',
    });
    const beside = (again.getRootNode() as ShadowRoot).getElementById(again.getAttribute('aria-describedby')!);
    expect(textOf(beside!)).to.equal('Check this field: the supplier did not accept it.');

    // Emptied: no limit.
    await retype(again, '');
    await sendKeys({ press: 'Enter' });
    await findText(el, 'Ben Okafor has no spending limit.');
    expect(requestsTo(state, 'changePersonRole')[2].body).to.deep.equal({
      spending_limit_minor: null,
      spending_period: 'week',
    });
    expect(state.data.people.find((p) => p.id === IDS.person.ben)!.spending_limit_minor).to.equal(null);
  });

  it('settings that cannot be loaded are told, and the people are still listed', async () => {
    api.serve({ session: personSession('admin') });
    api.worker.use(http.get(mockUrl(endpoints.getAccountSettings), () => errorResponse(500, 'internal_error', 'boom')));
    const el = await openAt('#portal/people', 'People');
    await tableShown(el, 'People');
    await findText(el, 'The approval rules could not be loaded. Reload the page to try again.');
    expect(queryByRole(el, 'form', { name: 'Approval rules' })).to.equal(null);
  });
});
