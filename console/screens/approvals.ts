import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Answer, BodyOf } from '../api.ts';
import { amount, parseAmount, t } from '../i18n.ts';
import { ConsoleScreen } from '../screen.ts';

type Customer = Answer<'getCustomer'>;
type Person = Answer<'listPeople'>['items'][number];
type Rule = Customer['settings']['approval']['required_for'];
type Period = Person['spending_period'];

const RULES: Rule[] = ['none', 'buyers', 'over_amount'];

/**
 * A customer's order approvals (issue 16), as the supplier sets them for the account: which orders
 * wait for the account's Admins, and each person's spending limit per week or month. The account's
 * Admins can change the same in their portal.
 *
 * @summary The console's approvals panel of a customer.
 * @fires console-changed - The customer's approval rule was saved (detail: the customer).
 * @fires console-close - The person closes the panel.
 */
@customElement('console-approvals')
export class ConsoleApprovals extends ConsoleScreen {
  @property({ attribute: false }) customer!: { id: string; business_name: string };

  @state() private rule: Rule = 'none';
  @state() private people: Person[] | null = null;
  @state() private fieldErrors: Record<string, string> = {};
  @state() private saved = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  override async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  async #load() {
    const id = this.customer.id;
    const [customer, people] = await Promise.all([
      this.run('load', () => this.client.call('getCustomer', { params: { id } })),
      this.run('people', () => this.client.call('listPeople', { params: { id } })),
    ]);
    if (customer) {
      this.rule = customer.settings.approval.required_for;
      await this.updateComplete;
      const field = this.#input('amount');
      const minor = customer.settings.approval.amount_minor;
      if (field) field.value = minor === null ? '' : this.#decimal(minor);
    }
    if (people) this.people = people.items;
  }

  #decimal(minor: number) {
    return amount(minor).replace(/[^\d.,]/g, '');
  }

  #input(name: string) {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(
      `#${CSS.escape(`${name}-${this.customer.id}`)}`,
    );
  }

  async #saveRule(event: SubmitEvent) {
    event.preventDefault();
    this.saved = '';
    // The amount counts only with its rule (its field is off otherwise).
    const text = this.rule === 'over_amount' ? (this.#input('amount')?.value.trim() ?? '') : '';
    const minor = text === '' ? null : parseAmount(text);
    const problem =
      text !== '' && minor === null
        ? t('settings.badMoney')
        : this.rule === 'over_amount' && minor === null
          ? t('approvals.amountRequired')
          : '';
    this.fieldErrors = { ...this.fieldErrors, amount: problem };
    if (problem) {
      await this.updateComplete;
      this.#input('amount')?.focus();
      return;
    }
    const body: BodyOf<'patchCustomer'> = {
      approval: { required_for: this.rule, amount_minor: this.rule === 'over_amount' ? minor : null },
    };
    const customer = await this.run('rule', () =>
      this.client.call('patchCustomer', { params: { id: this.customer.id }, body }),
    );
    if (!customer) return;
    this.saved = 'rule';
    this.announce(t('approvals.ruleSaved', { name: customer.business_name }));
    this.dispatchEvent(new CustomEvent('console-changed', { detail: customer }));
  }

  async #saveLimit(event: SubmitEvent, person: Person) {
    event.preventDefault();
    this.saved = '';
    const key = `limit-${person.id}`;
    const text = this.#input(key)?.value.trim() ?? '';
    const minor = text === '' ? null : parseAmount(text);
    const problem = text !== '' && minor === null ? t('settings.badMoney') : '';
    this.fieldErrors = { ...this.fieldErrors, [key]: problem };
    if (problem) {
      await this.updateComplete;
      this.#input(key)?.focus();
      return;
    }
    const period = (this.#input(`period-${person.id}`)?.value ?? 'month') as Period;
    const updated = await this.run(key, () =>
      this.client.call('patchPerson', {
        params: { id: this.customer.id, person_id: person.id },
        body: { spending_limit_minor: minor, spending_period: period },
      }),
    );
    if (!updated) return;
    this.people = (this.people ?? []).map((p) => (p.id === updated.id ? updated : p));
    this.saved = key;
    this.announce(t('approvals.limitSaved', { name: updated.name }));
  }

  #error(name: string) {
    const message = this.fieldErrors[name];
    return message ? html`<p class="error" id=${`${name}-${this.customer.id}-error`}>${message}</p>` : nothing;
  }

  #person(p: Person) {
    const key = `limit-${p.id}`;
    const id = `${key}-${this.customer.id}`;
    const invalid = !!this.fieldErrors[key];
    return html`<li class="person">
      <p class="who"><strong>${p.name}</strong> · <span class="muted">${t(`approvals.role.${p.role}`)}</span></p>
      <form novalidate class="form-grid limit" aria-label=${t('approvals.limitOf', { name: p.name })} @submit=${(e: SubmitEvent) => this.#saveLimit(e, p)}>
        <div class="field">
          <label for=${id}>${t('approvals.limit')}</label>
          <input id=${id} inputmode="decimal" placeholder=${t('approvals.noLimit')} .value=${p.spending_limit_minor === null ? '' : this.#decimal(p.spending_limit_minor)}
            aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? `${id}-error` : nothing}>
          ${this.#error(key)}
        </div>
        <div class="field">
          <label for=${`period-${p.id}-${this.customer.id}`}>${t('approvals.period')}</label>
          <select id=${`period-${p.id}-${this.customer.id}`}>
            ${(['week', 'month'] as const).map((period) => html`<option value=${period} ?selected=${p.spending_period === period}>${t(`approvals.period.${period}`)}</option>`)}
          </select>
        </div>
        <div class="row">
          <button type="submit" aria-label=${t('approvals.saveLimitOf', { name: p.name })} aria-describedby=${this.describedBy(key)}>${t('approvals.save')}</button>
          ${this.saved === key ? html`<p class="ok">${t('approvals.saved')}</p>` : nothing}
        </div>
      </form>
      ${this.errorFor(key)}
    </li>`;
  }

  override render() {
    const c = this.customer;
    const amountId = `amount-${c.id}`;
    const invalid = !!this.fieldErrors.amount;
    return html`
      <section class="card panel" aria-labelledby=${`approvals-title-${c.id}`}>
        <h3 id=${`approvals-title-${c.id}`} tabindex="-1">${t('approvals.title', { name: c.business_name })}</h3>
        ${this.errorFor('load')}
        <form novalidate @submit=${this.#saveRule}>
          <fieldset>
            <legend>${t('approvals.rule')}</legend>
            ${RULES.map(
              (
                rule,
              ) => html`<label class="check"><input type="radio" name=${`rule-${c.id}`} value=${rule} .checked=${this.rule === rule}
                @change=${() => (this.rule = rule)}> <span>${t(`approvals.rule.${rule}`)}</span></label>`,
            )}
          </fieldset>
          <div class="form-grid"><div class="field">
            <label for=${amountId}>${t('approvals.amount')}</label>
            <input id=${amountId} inputmode="decimal" ?disabled=${this.rule !== 'over_amount'}
              aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? `${amountId}-error` : nothing}>
            ${this.#error('amount')}
          </div></div>
          <div class="row">
            <button type="submit" class="primary" aria-describedby=${this.describedBy('rule')}>${t('approvals.saveRule')}</button>
            ${this.saved === 'rule' ? html`<p class="ok">${t('approvals.saved')}</p>` : nothing}
          </div>
          ${this.errorFor('rule')}
        </form>
        <h4>${t('approvals.limits')}</h4>
        <p class="muted">${t('approvals.limitsHelp')}</p>
        ${this.errorFor('people')}
        ${this.people === null && !this.errors.people ? html`<p class="status">${t('common.loading')}</p>` : nothing}
        ${this.people?.length === 0 ? html`<p class="status">${t('approvals.noPeople')}</p>` : nothing}
        <ul class="plain">${(this.people ?? []).map((p) => this.#person(p))}</ul>
        <p><button type="button" @click=${() => this.dispatchEvent(new Event('console-close'))}>${t('common.close')}</button></p>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-approvals': ConsoleApprovals;
  }
}
