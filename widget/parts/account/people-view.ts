import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { endpoints } from '../../api/contract.gen.ts';
import type { AccountPerson, ApprovalRule, SpendingPeriod } from '../../contract/index.ts';
import { ROLES, type Role } from '../../contract/rules/roles.ts';
import { define } from '../../define.ts';
import { errorCopy } from '../error-copy.ts';
import { AccountView, PagedList, apiError, badge } from './account-view.ts';
import { minorDigits, toFieldText, toMinor } from './money-input.ts';

/** Each approval rule as the Admin picks it. */
const RULE_LABEL: Record<ApprovalRule, string> = {
  get none() {
    return msg('No order', { desc: 'Approval rule: no order needs approval' });
  },
  get buyers() {
    return msg("Every Buyer's order", { desc: 'Approval rule: each order a Buyer places needs approval' });
  },
  get over_amount() {
    return msg('Orders above an amount', { desc: 'Approval rule: orders whose total is over an amount' });
  },
};
const RULES = Object.keys(RULE_LABEL) as ApprovalRule[];

const PERIOD_LABEL: Record<SpendingPeriod, string> = {
  get week() {
    return msg('a week', { desc: 'A spending limit period: per calendar week' });
  },
  get month() {
    return msg('a month', { desc: 'A spending limit period: per calendar month' });
  },
};

/** What a 400's details say about one field of the body (`body.approval.amount_minor`…). */
function fieldRefused(details: unknown, field: string): boolean {
  return (
    Array.isArray(details) &&
    details.some((d: { path?: unknown }) => typeof d?.path === 'string' && d.path.split('.').includes(field))
  );
}

/** Each role's name and what it may do, read at render (getters) so they follow the language. */
const ROLE_LABEL: Record<Role, { name: string; does: string }> = {
  get admin() {
    return {
      name: msg('Admin', { desc: 'A role on the account' }),
      does: msg('Everything, and manages the people', { desc: 'What the Admin role may do' }),
    };
  },
  get buyer() {
    return {
      name: msg('Buyer', { desc: 'A role on the account' }),
      does: msg('Places orders and follows them', { desc: 'What the Buyer role may do' }),
    };
  },
  get viewer() {
    return {
      name: msg('Viewer', { desc: 'A role on the account' }),
      does: msg('Sees everything, changes nothing', { desc: 'What the Viewer role may do' }),
    };
  },
  get finance() {
    return {
      name: msg('Finance', { desc: 'A role on the account' }),
      does: msg('Invoices and payments, no ordering', { desc: 'What the Finance role may do' }),
    };
  },
};

interface Feedback {
  tone: 'ok' | 'error';
  text: string;
}

/**
 * The portal's People section, for the account's Admins: the people of the account with their
 * role and last activity; invite someone (their own link is emailed to them), change a role (it
 * applies from their next click), remove someone (their links stop working), set a Buyer's
 * spending limit per week or month; and the account's approval rules (which orders wait for an
 * Admin). Internal part of <customer-portal>, mounted for `#portal/people`.
 */
@localized()
export class PortalPeopleView extends AccountView {
  static override styles = [
    AccountView.styles,
    css`
    .people-table .row { grid-template-columns: minmax(0, 1.3fr) minmax(0, 1.6fr) minmax(0, 1.2fr) minmax(0, 2fr) minmax(0, 1fr) minmax(0, .8fr); align-items: center; }
    .people-table select { max-width: 100%; }
    .invite { display: grid; gap: 12px; margin-block-end: var(--_space); }
    .invite h3 { margin: 0; }
    .invite .fields { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(12em, 1fr)); align-items: end; }
    .invite label { display: grid; gap: 4px; }
    .invite .hint { margin: 0; font-size: .9rem; }
    .confirm { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    .confirm p { margin: 0; flex-basis: 100%; }
    button.danger { color: var(--_danger); border-color: var(--_danger); }
    .rules { display: grid; gap: 12px; margin-block-end: var(--_space); }
    .rules h3, .rules p { margin: 0; }
    .rules fieldset { border: 0; padding: 0; margin: 0; display: grid; gap: 6px; }
    .rules legend { padding: 0; margin-block-end: 4px; }
    .rules .choice { display: flex; gap: 8px; align-items: center; }
    .rules .amount, .limit label { display: grid; gap: 4px; max-width: 16em; }
    .rules .actions { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
    .limit { display: flex; flex-wrap: wrap; gap: 6px; align-items: end; }
    .limit input { width: 7em; }
    .field-error { color: var(--_danger); margin: 0; font-size: .9rem; }
  `,
  ];

  /** Who is being asked "Remove …?" (their id). */
  @state() private removing: string | null = null;
  @state() private feedback: Feedback | undefined;
  @state() private busy = false;
  /** The invite form's role: what a new person most often is. */
  @state() private inviteRole: Role = 'buyer';
  /** The approval rule picked in the form (the amount field shows only for `over_amount`). */
  @state() private rule: ApprovalRule | undefined;
  @state() private ruleError = '';
  @state() private ruleSaved = '';
  @state() private ruleBusy = false;
  /** A Buyer's limit the API or the field refused, by person id: told beside their amount. */
  @state() private limitErrors: Record<string, string> = {};

  readonly #settings = new Task(this, {
    args: () => [this.store] as const,
    task: async ([store], { signal }) =>
      store ? await store.client.call(endpoints.getAccountSettings, {}, { signal }) : undefined,
  });

  get #currency(): string {
    return this.portal?.session?.currency ?? 'EUR';
  }

  /** "Type an amount in EUR, such as 250.00." */
  #notAnAmount(): string {
    const example = (250).toFixed(minorDigits(this.#currency));
    return msg(str`Type an amount in ${this.#currency}, such as ${example}.`, {
      desc: 'Beside an amount field: a currency code, then an example amount',
    });
  }

  readonly #list = new PagedList<AccountPerson>(this, {
    args: () => [true, this.store],
    load: (_cursor, signal) => this.store!.client.call(endpoints.listAccountPeople, {}, { signal }),
    failed: (error, countdown, retry) => this.failed(error, countdown, retry),
  });

  /** Runs one change at a time; a failure is told in the feedback, with what to do. */
  async #change(what: string, action: () => Promise<string>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      this.#tell({ tone: 'ok', text: await action() });
    } catch (error) {
      const e = apiError(error);
      this.failed(e);
      const { title, body } = errorCopy(e, this.supplier);
      this.#tell({ tone: 'error', text: `${what} ${title}. ${body}` });
    } finally {
      this.busy = false;
    }
  }

  #tell(feedback: Feedback): void {
    this.feedback = feedback;
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.feedback')?.focus());
  }

  #invite(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const name = String(data.get('name')).trim();
    const email = String(data.get('email')).trim();
    const role = this.inviteRole;
    void this.#change(msg(str`${name} could not be invited.`, { desc: "A person's name" }), async () => {
      const person = await this.store!.client.call(endpoints.invitePerson, {}, { body: { name, email, role } });
      form.reset();
      this.inviteRole = 'buyer';
      this.#list.reload();
      return person.emailed
        ? msg(str`${person.name} is invited: their link is on its way to ${person.email}.`, {
            desc: "A person's name, then their email address",
          })
        : msg(
            str`${person.name} is added, but the email with their link could not be sent. Ask ${this.supplier} to send it.`,
            {
              desc: "A person's name, then the supplier's",
            },
          );
    });
  }

  #setRole(person: AccountPerson, role: Role): void {
    void this.#change(
      msg(str`The role of ${person.name} could not be changed.`, { desc: "A person's name" }),
      async () => {
        const changed = await this.store!.client.call(
          endpoints.changePersonRole,
          { id: person.id },
          { body: { role } },
        );
        this.#list.replace(changed);
        return msg(str`${changed.name} is now ${ROLE_LABEL[changed.role].name}.`, {
          desc: "A person's name, then their new role",
        });
      },
    );
  }

  #remove(person: AccountPerson): void {
    void this.#change(msg(str`${person.name} could not be removed.`, { desc: "A person's name" }), async () => {
      await this.store!.client.call(endpoints.removePerson, { id: person.id });
      this.removing = null;
      this.#list.reload();
      return msg(str`${person.name} is removed: their links no longer work.`, { desc: "A person's name" });
    });
  }

  protected override render() {
    return html`${this.pageHead(msg('People', { id: 'people.title', desc: "The page of the people of the customer's account" }))}
      <div class=${`feedback ${this.feedback?.tone ?? ''}`} tabindex="-1" role=${this.feedback?.tone === 'error' ? 'alert' : 'status'}>${
        this.feedback ? html`<p>${this.feedback.text}</p>` : nothing
      }</div>
      ${this.#rulesForm()}
      ${this.#inviteForm()}
      ${this.#list.render({
        what: msg('the people of your account', { desc: 'Completes "Loading …"' }),
        skeletonRows: 4,
        empty: () => this.empty(msg('Nobody yet'), msg('Invite the people who order, check or pay for your account.')),
        list: (people) => this.#table(people),
      })}`;
  }

  #rulesForm() {
    return this.#settings.render({
      pending: () => nothing,
      error: () =>
        html`<p class="rules panel" role="alert">${msg('The approval rules could not be loaded. Reload the page to try again.')}</p>`,
      complete: (settings) => {
        if (!settings) return nothing;
        const rule = this.rule ?? settings.approval.required_for;
        const currency = this.#currency;
        return html`<form class="rules panel" aria-labelledby="rules-title" novalidate @submit=${this.#saveRules}>
          <h3 id="rules-title">${msg('Approval rules', { desc: "A form: which orders wait for an Admin's approval" })}</h3>
          <fieldset>
            <legend>${msg('Approval required for', { desc: "Followed by the choices: no order, every Buyer's order, orders above an amount" })}</legend>
            ${RULES.map(
              (r) => html`<label class="choice"><input type="radio" name="rule" value=${r} .checked=${r === rule}
                @change=${() => {
                  this.rule = r;
                  this.ruleSaved = '';
                  this.ruleError = '';
                }}> ${RULE_LABEL[r]}</label>`,
            )}
          </fieldset>
          ${
            rule === 'over_amount'
              ? html`<label class="amount">${msg(str`Amount (${currency})`, { desc: 'An amount field; the currency code' })}
                  <input id="rule-amount" name="amount" inputmode="decimal" autocomplete="off"
                    .value=${toFieldText(settings.approval.amount_minor, currency)}
                    aria-invalid=${this.ruleError ? 'true' : 'false'} aria-describedby=${this.ruleError ? 'rule-amount-error' : nothing}></label>
                ${this.ruleError ? html`<p class="field-error" id="rule-amount-error">${this.ruleError}</p>` : nothing}`
              : nothing
          }
          <p class="muted">${msg("A Buyer's order beyond their spending limit waits whatever the rule; an Admin's own order never waits.")}</p>
          <div class="actions">
            <button type="submit" class="primary" part="button" aria-disabled=${this.ruleBusy ? 'true' : 'false'}>${msg('Save rules', { desc: 'Button: save the approval rules' })}</button>
            <p role="status" class="saved">${this.ruleSaved}</p>
          </div>
        </form>`;
      },
    });
  }

  #saveRules = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.ruleBusy) return;
    const form = event.target as HTMLFormElement;
    const rule = this.rule ?? this.#settings.value!.approval.required_for;
    const amount = form.querySelector<HTMLInputElement>('#rule-amount');
    const amountMinor = rule === 'over_amount' ? toMinor(amount?.value ?? '', this.#currency) : null;
    this.ruleSaved = '';
    if (amountMinor === undefined || (rule === 'over_amount' && amountMinor === null)) {
      this.ruleError = this.#notAnAmount();
      amount?.focus();
      return;
    }
    this.ruleError = '';
    this.ruleBusy = true;
    try {
      const saved = await this.store!.client.call(
        endpoints.patchAccountSettings,
        {},
        { body: { approval: { required_for: rule, amount_minor: amountMinor } } },
      );
      this.#settings.value!.approval = saved.approval;
      this.rule = saved.approval.required_for;
      this.ruleSaved = msg('Approval rules saved: they apply to orders placed from now on.');
    } catch (error) {
      const problem = apiError(error);
      if (rule === 'over_amount' && fieldRefused(problem.details, 'amount_minor')) {
        this.ruleError = msg('Check this field: the supplier did not accept it.');
        await this.updateComplete;
        amount?.focus();
      } else {
        this.failed(problem);
        const { title, body } = errorCopy(problem, this.supplier);
        this.ruleSaved = `${msg('The approval rules could not be saved.')} ${title}. ${body}`;
      }
    } finally {
      this.ruleBusy = false;
    }
  };

  #limitForm(p: AccountPerson) {
    const error = this.limitErrors[p.id];
    return html`<form class="limit" novalidate @submit=${(e: SubmitEvent) => void this.#saveLimit(e, p)}>
      <label>${msg(str`Limit (${this.#currency})`, { desc: 'A spending limit field; the currency code' })}
        <input id="limit-${p.id}" name="limit" inputmode="decimal" autocomplete="off" placeholder=${msg('No limit')}
          aria-label=${msg(str`Spending limit of ${p.name}`, { desc: "A person's name" })}
          .value=${toFieldText(p.spending_limit_minor, this.#currency)}
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `limit-error-${p.id}` : nothing}></label>
      <select name="period" aria-label=${msg(str`Period of the limit of ${p.name}`, { desc: "A person's name" })}>${(
        ['week', 'month'] as const
      ).map(
        (period) =>
          html`<option value=${period} ?selected=${period === p.spending_period}>${PERIOD_LABEL[period]}</option>`,
      )}</select>
      <button type="submit" part="button" aria-label=${msg(str`Save the limit of ${p.name}`, { desc: "A person's name" })} aria-disabled=${this.busy ? 'true' : 'false'}>${msg('Save', { id: 'people.save-limit', desc: 'Button: save a spending limit' })}</button>
      ${error ? html`<p class="field-error" id="limit-error-${p.id}">${error}</p>` : nothing}
    </form>`;
  }

  async #saveLimit(event: SubmitEvent, p: AccountPerson): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const field = form.querySelector<HTMLInputElement>('input[name=limit]')!;
    const limit = toMinor(field.value, this.#currency);
    const period = form.querySelector<HTMLSelectElement>('select[name=period]')!.value as SpendingPeriod;
    const refuse = (text: string) => {
      this.limitErrors = { ...this.limitErrors, [p.id]: text };
      this.updateComplete.then(() => field.focus());
    };
    if (limit === undefined) return refuse(this.#notAnAmount());
    const { [p.id]: _was, ...others } = this.limitErrors;
    this.limitErrors = others;
    if (this.busy) return;
    this.busy = true;
    try {
      const changed = await this.store!.client.call(
        endpoints.changePersonRole,
        { id: p.id },
        { body: { spending_limit_minor: limit, spending_period: period } },
      );
      this.#list.replace(changed);
      this.#tell({
        tone: 'ok',
        text:
          changed.spending_limit_minor === null
            ? msg(str`${changed.name} has no spending limit.`, { desc: "A person's name" })
            : msg(
                str`${changed.name} may spend ${this.money(changed.spending_limit_minor, this.#currency)} ${PERIOD_LABEL[changed.spending_period]} before their orders wait for approval.`,
                { desc: "A person's name, an amount, then 'a week' or 'a month'" },
              ),
      });
    } catch (error) {
      const e = apiError(error);
      if (fieldRefused(e.details, 'spending_limit_minor')) {
        refuse(msg('Check this field: the supplier did not accept it.'));
      } else {
        this.failed(e);
        const { title, body } = errorCopy(e, this.supplier);
        this.#tell({
          tone: 'error',
          text: `${msg(str`The spending limit of ${p.name} could not be saved.`, { desc: "A person's name" })} ${title}. ${body}`,
        });
      }
    } finally {
      this.busy = false;
    }
  }

  #inviteForm() {
    return html`<form class="invite panel" aria-labelledby="invite-title" @submit=${this.#invite}>
      <h3 id="invite-title">${msg('Invite someone', { desc: 'A form: add a person to the account and send them a link' })}</h3>
      <div class="fields">
        <label>${msg('Name')} <input name="name" required maxlength="200" autocomplete="off"></label>
        <label>${msg('Email', { id: 'people.email', desc: "A person's email address" })} <input name="email" type="email" required maxlength="254" autocomplete="off"></label>
        <label>${msg('Role', { desc: "A person's role on the account" })}
          <select name="role" .value=${this.inviteRole} @change=${(e: Event) => {
            this.inviteRole = (e.target as HTMLSelectElement).value as Role;
          }}>${ROLES.map((r) => html`<option value=${r} ?selected=${r === this.inviteRole}>${ROLE_LABEL[r].name}</option>`)}</select></label>
        <button type="submit" class="primary" part="button" aria-disabled=${this.busy ? 'true' : 'false'}>${msg('Invite', { desc: 'Button: add the person and email them their link' })}</button>
      </div>
      <p class="hint muted">${ROLE_LABEL[this.inviteRole].name}: ${ROLE_LABEL[this.inviteRole].does}.</p>
    </form>`;
  }

  #table(people: AccountPerson[]) {
    return html`<div role="table" class="table data people-table" aria-label=${msg('People', { id: 'people.title', desc: "The page of the people of the customer's account" })}>
      <div role="rowgroup">
        <div role="row" class="row head">
          <span role="columnheader">${msg('Name')}</span><span role="columnheader">${msg('Email', { id: 'people.email', desc: "A person's email address" })}</span>
          <span role="columnheader">${msg('Role', { desc: "A person's role on the account" })}</span>
          <span role="columnheader">${msg('Spending limit', { desc: "Column: what a Buyer's orders may total per week or month" })}</span>
          <span role="columnheader">${msg('Last active', { desc: 'Column: when a person last used their link' })}</span>
          <span role="columnheader"><span class="visually-hidden">${msg('Actions')}</span></span>
        </div>
      </div>
      <div role="rowgroup">${people.map((p) => this.#row(p))}</div>
    </div>`;
  }

  #row(p: AccountPerson) {
    const role = ROLE_LABEL[p.role].name;
    return html`<div role="row" class="row">
      <span role="cell" class="c-key"><strong data-item=${p.id} tabindex="-1">${p.name}</strong> ${p.is_you ? badge(msg('You', { desc: 'The person of this link, in the list of people' }), 'info') : nothing}</span>
      <span role="cell">${p.email}</span>
      <span role="cell" class="c-status">${
        p.is_you
          ? role
          : html`<select aria-label=${msg(str`Role of ${p.name}`, { desc: "A person's name" })} ?disabled=${this.busy}
            @change=${(e: Event) => this.#setRole(p, (e.target as HTMLSelectElement).value as Role)}>${ROLES.map(
              (r) => html`<option value=${r} ?selected=${r === p.role}>${ROLE_LABEL[r].name}</option>`,
            )}</select>`
      }</span>
      <span role="cell">${p.role === 'buyer' ? this.#limitForm(p) : html`<span class="label" aria-hidden="true">${msg('Spending limit', { desc: "Column: what a Buyer's orders may total per week or month" })} </span><span class="muted">${msg('Not needed', { desc: 'Spending limit of a person who is not a Buyer' })}</span>`}</span>
      <span role="cell"><span class="label" aria-hidden="true">${msg('Last active', { desc: 'Column: when a person last used their link' })} </span>${
        p.last_active_at
          ? this.date(p.last_active_at)
          : html`<span class="muted">${msg('Not yet', { desc: 'A person who never used their link' })}</span>`
      }</span>
      <span role="cell">${p.is_you ? nothing : this.#removeControl(p)}</span>
    </div>`;
  }

  #removeControl(p: AccountPerson) {
    if (this.removing !== p.id) {
      return html`<button type="button" part="button" class="danger" aria-label=${msg(str`Remove ${p.name}`, { id: 'people.remove', desc: "A person's name" })}
        @click=${() => {
          this.removing = p.id;
          this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.confirm button')?.focus());
        }}>${msg('Remove')}</button>`;
    }
    return html`<div class="confirm" role="group" aria-label=${msg(str`Remove ${p.name}?`, { desc: "A person's name" })}>
      <p>${msg(str`Remove ${p.name}? Their links stop working.`, { desc: "A person's name" })}</p>
      <button type="button" part="button" class="danger" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => this.#remove(p)}>${msg('Remove')}</button>
      <button type="button" part="button" class="link" @click=${() => {
        this.removing = null;
      }}>${msg('Keep', { desc: 'Button: do not remove the person' })}</button>
    </div>`;
  }
}

define('portal-people-view', PortalPeopleView);

declare global {
  interface HTMLElementTagNameMap {
    'portal-people-view': PortalPeopleView;
  }
}
