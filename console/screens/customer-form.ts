import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Answer, BodyOf } from '../api.ts';
import { amount, parseAmount, t } from '../i18n.ts';
import { ORDER_CREATION_STATUSES, type OrderCreationStatus } from '../../widget/contract/rules/order-creation.ts';
import { ConsoleScreen } from '../screen.ts';

type Customer = Answer<'listCustomers'>['items'][number];
type PriceGroup = Answer<'listPriceGroups'>['items'][number];
type Address = Answer<'listCustomerAddresses'>['items'][number];
type Service = Answer<'listDeliveryServices'>['data'][number];

/** Field ids to the API's paths, so a refused value shows under its field. */
const FIELD_OF_PATH: Record<string, string> = {
  'body.business_name': 'name',
  'body.email': 'email',
  'body.credit_limit_minor': 'credit',
  'body.freight.flat_minor': 'flat',
  'body.freight.free_over_minor': 'over',
  'body.price_group_id': 'group',
  'body.minimum_order_minor': 'minimum',
  'body.charges.small_order.below_minor': 'small-below',
  'body.charges.small_order.fee_minor': 'small-fee',
  'body.charges.percent_basis_points': 'percent',
  'body.charges.per_unit_minor': 'per-unit',
  'body.order_defaults.delivery_address_id': 'default-address',
  'body.default_delivery_service_id': 'default-service',
  'body.order_defaults.reference_prefix': 'reference-prefix',
  'body.order_defaults.delivery_instructions': 'instructions',
  'body.order_defaults.contact.name': 'contact-name',
  'body.order_defaults.contact.phone': 'contact-phone',
  'body.order_defaults.contact.email': 'contact-email',
};

/** "2.5" or "2,5" (%) → 250 basis points; null when it is not a percentage from 0 to 100 with up to 2 decimals. */
function parsePercent(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const points = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return points <= 10_000 ? points : null;
}

/**
 * A customer's details and settings: new (createCustomer) or changed (patchCustomer). Each
 * setting may follow the workspace default.
 *
 * @summary The console's customer form.
 * @fires console-saved - The customer was saved (detail: the customer).
 * @fires console-close - The person cancels.
 */
@customElement('console-customer-form')
export class ConsoleCustomerForm extends ConsoleScreen {
  /** The customer to change; absent: a new one. */
  @property({ attribute: false }) customer?: Customer;

  @state() private groups: PriceGroup[] = [];
  /** The customer's delivery addresses, for the default one (a new customer has none yet). */
  @state() private addresses: Address[] = [];
  /** The delivery services this customer may select, for its default one. */
  @state() private services: Service[] = [];
  @state() private fieldErrors: Record<string, string> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void this.run('groups', () => this.client.call('listPriceGroups', { query: { limit: 100 } })).then((page) => {
      if (page) this.groups = page.items;
    });
    const id = this.customer?.id;
    void this.run('services', () => this.client.call('listDeliveryServices')).then((list) => {
      if (list) this.services = list.data.filter((s) => s.customers === 'all' || (!!id && s.customers.includes(id)));
    });
    if (id)
      void this.run('addresses', () => this.client.call('listCustomerAddresses', { params: { id } })).then((list) => {
        if (list) this.addresses = list.items.filter((a) => a.kind === 'delivery');
      });
  }

  override async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  #id(name: string) {
    return `${name}-${this.customer?.id ?? 'new'}`;
  }

  #value(name: string): string {
    return (
      this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`#${CSS.escape(this.#id(name))}`)?.value ?? ''
    ).trim();
  }

  #read(): BodyOf<'createCustomer'> | null {
    const problems: Record<string, string> = {};
    const name = this.#value('name');
    if (!name) problems.name = t('customerForm.nameRequired');
    const email = this.#value('email');
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) problems.email = t('customerForm.badEmail');
    const contactEmail = this.#value('contact-email');
    if (contactEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contactEmail))
      problems['contact-email'] = t('customerForm.badEmail');
    const creditText = this.#value('credit');
    const credit = creditText === '' ? 0 : parseAmount(creditText);
    if (credit === null) problems.credit = t('settings.badMoney');
    const flatText = this.#value('flat');
    const overText = this.#value('over');
    const flat = flatText === '' ? null : parseAmount(flatText);
    const over = overText === '' ? null : parseAmount(overText);
    if (flatText !== '' && flat === null) problems.flat = t('settings.badMoney');
    if (overText !== '' && over === null) problems.over = t('settings.badMoney');
    if (flatText === '' && overText !== '') problems.flat = t('customerForm.flatFirst');
    // Charges and the minimum (issue 17): an empty field is none.
    const money = (name: string) => {
      const text = this.#value(name);
      if (text === '') return null;
      const parsed = parseAmount(text);
      if (parsed === null) problems[name] = t('settings.badMoney');
      return parsed;
    };
    const minimum = money('minimum');
    const below = money('small-below');
    const fee = money('small-fee');
    if (below !== null && fee === null && !problems['small-fee']) problems['small-fee'] = t('customerForm.feeFirst');
    const perUnit = money('per-unit');
    const percentText = this.#value('percent');
    const percent = percentText === '' ? 0 : parsePercent(percentText);
    if (percent === null) problems.percent = t('customerForm.badPercent');
    this.fieldErrors = problems;
    if (Object.keys(problems).length) return null;
    const orNull = <T extends string>(v: string) => (v === '' ? null : (v as T));
    const autoCreate = this.#value('auto-create');
    return {
      business_name: name,
      email: email || null,
      price_group_id: orNull(this.#value('group')),
      language: orNull<'en' | 'es'>(this.#value('language')),
      order_template: orNull<'standard' | 'quantity_grid'>(this.#value('template')),
      checkout_mode: orNull<'pay_now' | 'pay_later'>(this.#value('checkout')),
      order_creation_status: orNull<OrderCreationStatus>(this.#value('creation-status')),
      default_delivery_service_id: orNull(this.#value('default-service')),
      create_orders_automatically: autoCreate === '' ? null : autoCreate === 'on',
      freight: flat === null ? null : { flat_minor: flat, free_over_minor: over },
      credit_limit_minor: credit!,
      minimum_order_minor: minimum,
      charges:
        below === null && !percent && !perUnit
          ? null
          : {
              small_order: below === null ? null : { below_minor: below, fee_minor: fee! },
              percent_basis_points: percent!,
              per_unit_minor: perUnit ?? 0,
            },
      show_charges:
        this.renderRoot.querySelector<HTMLInputElement>(`#${CSS.escape(this.#id('show-charges'))}`)?.checked ?? true,
      order_defaults: this.#defaults(),
    };
  }

  /** What checkout pre-fills for the customer; null when nothing is set. */
  #defaults(): BodyOf<'createCustomer'>['order_defaults'] {
    const delivery_address_id = this.#value('default-address') || null;
    const reference_prefix = this.#value('reference-prefix') || null;
    const delivery_instructions = this.#value('instructions') || null;
    const name = this.#value('contact-name') || null;
    const phone = this.#value('contact-phone') || null;
    const email = this.#value('contact-email') || null;
    const contact = name || phone || email ? { name, phone, email } : null;
    return delivery_address_id || reference_prefix || delivery_instructions || contact
      ? { delivery_address_id, reference_prefix, delivery_instructions, contact }
      : null;
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    const body = this.#read();
    if (!body) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    let problems: { path: string; message: string }[] = [];
    const saved = await this.run('save', () =>
      (this.customer
        ? this.client.call('patchCustomer', { params: { id: this.customer.id }, body })
        : this.client.call('createCustomer', { body })
      ).catch((error: { fieldProblems?: typeof problems }) => {
        problems = error.fieldProblems ?? [];
        throw error;
      }),
    );
    if (!saved) {
      const fieldErrors: Record<string, string> = {};
      for (const p of problems) if (FIELD_OF_PATH[p.path]) fieldErrors[FIELD_OF_PATH[p.path]] = p.message;
      this.fieldErrors = fieldErrors;
      return;
    }
    this.dispatchEvent(new CustomEvent('console-saved', { detail: saved }));
  }

  #field(
    name: string,
    label: string,
    input: (id: string, invalid: 'true' | 'false', describedBy: string | typeof nothing) => unknown,
  ) {
    const id = this.#id(name);
    const error = this.fieldErrors[name];
    return html`
      <div class="field">
        <label for=${id}>${label}</label>
        ${input(id, error ? 'true' : 'false', error ? `${id}-error` : nothing)}
        ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing}
      </div>`;
  }

  /** A money field: the amount as the person types it; empty for none. */
  #money(name: string, label: string, minor: number | null | undefined) {
    const decimal = (value: number) => amount(value).replace(/[^\d.,]/g, '');
    return this.#field(
      name,
      label,
      (id, invalid, d) =>
        html`<input id=${id} inputmode="decimal" .value=${minor != null ? decimal(minor) : ''} aria-invalid=${invalid} aria-describedby=${d}>`,
    );
  }

  override render() {
    const c = this.customer;
    const s = c?.settings;
    const decimal = (minor: number) => amount(minor).replace(/[^\d.,]/g, '');
    const auto = s?.create_orders_automatically;
    const autoCreate = auto == null ? '' : auto ? 'on' : 'off';
    const option = (value: string, label: string, current: string | null | undefined) =>
      html`<option value=${value} ?selected=${(current ?? '') === value}>${label}</option>`;
    return html`
      <section class="card panel" aria-labelledby=${this.#id('title')}>
        <h3 id=${this.#id('title')} tabindex="-1">${c ? t('customerForm.editTitle', { name: c.business_name }) : t('customerForm.newTitle')}</h3>
        <form novalidate @submit=${this.#submit}>
          <div class="form-grid">
            ${this.#field('name', t('customerForm.name'), (id, invalid, d) => html`<input id=${id} autocomplete="off" .value=${c?.business_name ?? ''} aria-invalid=${invalid} aria-describedby=${d}>`)}
            ${this.#field('email', t('customers.email'), (id, invalid, d) => html`<input id=${id} type="email" autocomplete="off" .value=${c?.email ?? ''} aria-invalid=${invalid} aria-describedby=${d}>`)}
            ${this.#field(
              'group',
              t('customers.priceGroup'),
              (id) => html`<select id=${id}>
              ${option('', t('common.none'), c?.price_group?.id)}
              ${this.groups.map((g) => option(g.id, g.name, c?.price_group?.id))}
            </select>`,
            )}
            ${this.#field(
              'template',
              t('customers.template'),
              (id) => html`<select id=${id}>
              ${option('', t('common.default'), s?.order_template)}
              ${option('standard', t('template.standard'), s?.order_template)}
              ${option('quantity_grid', t('template.quantity_grid'), s?.order_template)}
            </select>`,
            )}
            ${this.#field(
              'checkout',
              t('customers.checkout'),
              (id) => html`<select id=${id}>
              ${option('', t('common.default'), s?.checkout_mode)}
              ${option('pay_now', t('checkout.pay_now'), s?.checkout_mode)}
              ${option('pay_later', t('checkout.pay_later'), s?.checkout_mode)}
            </select>`,
            )}
            ${this.#field(
              'creation-status',
              t('settings.creationStatus'),
              (id) => html`<select id=${id}>
              ${option('', t('customerForm.creationFallback'), s?.order_creation_status)}
              ${ORDER_CREATION_STATUSES.map((m) => option(m, t(`creation.${m}`), s?.order_creation_status))}
            </select>`,
            )}
            ${this.#field(
              'auto-create',
              t('settings.autoCreate'),
              (id) => html`<select id=${id}>
              ${option('', t('customerForm.autoCreateFallback'), autoCreate)}
              ${option('on', t('customerForm.autoCreateOn'), autoCreate)}
              ${option('off', t('customerForm.autoCreateOff'), autoCreate)}
            </select>`,
            )}
            ${this.#field(
              'language',
              t('customers.language'),
              (id) => html`<select id=${id}>
              ${option('', t('common.default'), c?.language)}
              ${option('en', 'English', c?.language)}
              ${option('es', 'Español', c?.language)}
            </select>`,
            )}
            ${this.#field('flat', t('customerForm.freightFlat'), (id, invalid, d) => html`<input id=${id} inputmode="decimal" .value=${s?.freight ? decimal(s.freight.flat_minor) : ''} aria-invalid=${invalid} aria-describedby=${d}>`)}
            ${this.#field('over', t('settings.freeOver'), (id, invalid, d) => html`<input id=${id} inputmode="decimal" .value=${s?.freight?.free_over_minor != null ? decimal(s.freight.free_over_minor) : ''} aria-invalid=${invalid} aria-describedby=${d}>`)}
            ${this.#field('credit', t('customerForm.credit'), (id, invalid, d) => html`<input id=${id} inputmode="decimal" .value=${c ? decimal(c.credit_limit_minor) : ''} aria-invalid=${invalid} aria-describedby=${d}>`)}
            ${this.#money('minimum', t('customerForm.minimum'), s?.minimum_order_minor)}
            ${this.#money('small-below', t('customerForm.smallBelow'), s?.charges?.small_order?.below_minor)}
            ${this.#money('small-fee', t('customerForm.smallFee'), s?.charges?.small_order?.fee_minor)}
            ${this.#field('percent', t('customerForm.percent'), (id, invalid, d) => html`<input id=${id} inputmode="decimal" .value=${s?.charges?.percent_basis_points ? String(s.charges.percent_basis_points / 100) : ''} aria-invalid=${invalid} aria-describedby=${d}>`)}
            ${this.#money('per-unit', t('customerForm.perUnit'), s?.charges?.per_unit_minor || null)}
            ${this.#field(
              'default-address',
              t('customerForm.defaultAddress'),
              (id) => html`<select id=${id}>
              ${option('', t('common.default'), s?.order_defaults?.delivery_address_id)}
              ${this.addresses.map((a) => option(a.id, `${a.label}, ${a.line1}`, s?.order_defaults?.delivery_address_id))}
            </select>`,
            )}
            ${this.#field(
              'default-service',
              t('customerForm.defaultService'),
              (id, invalid, d) => html`<select id=${id} aria-invalid=${invalid} aria-describedby=${d}>
              ${option('', t('customerForm.firstService'), s?.default_delivery_service_id)}
              ${this.services.map((v) => option(v.id, v.name, s?.default_delivery_service_id))}
            </select>`,
            )}
            ${this.#field('reference-prefix', t('customerForm.referencePrefix'), (id, invalid, d) => html`<input id=${id} maxlength="20" .value=${s?.order_defaults?.reference_prefix ?? ''} aria-invalid=${invalid} aria-describedby=${d}>`)}
            ${this.#field('instructions', t('customerForm.instructions'), (id, invalid, d) => html`<input id=${id} maxlength="1000" .value=${s?.order_defaults?.delivery_instructions ?? ''} aria-invalid=${invalid} aria-describedby=${d}>`)}
            ${this.#field('contact-name', t('customerForm.contactName'), (id, invalid, d) => html`<input id=${id} maxlength="100" autocomplete="off" .value=${s?.order_defaults?.contact?.name ?? ''} aria-invalid=${invalid} aria-describedby=${d}>`)}
            ${this.#field('contact-phone', t('customerForm.contactPhone'), (id, invalid, d) => html`<input id=${id} type="tel" maxlength="40" autocomplete="off" .value=${s?.order_defaults?.contact?.phone ?? ''} aria-invalid=${invalid} aria-describedby=${d}>`)}
            ${this.#field('contact-email', t('customerForm.contactEmail'), (id, invalid, d) => html`<input id=${id} type="email" maxlength="254" autocomplete="off" .value=${s?.order_defaults?.contact?.email ?? ''} aria-invalid=${invalid} aria-describedby=${d}>`)}
            <div class="field check">
              <label><input type="checkbox" id=${this.#id('show-charges')} .checked=${s?.show_charges ?? true}> ${t('customerForm.showCharges')}</label>
            </div>
          </div>
          <div class="row">
            <button type="submit" class="primary" aria-describedby=${this.describedBy('save')} aria-disabled=${this.busy.save ? 'true' : 'false'}>${c ? t('customerForm.save') : t('customerForm.create')}</button>
            <button type="button" @click=${() => this.dispatchEvent(new Event('console-close'))}>${t('common.cancel')}</button>
          </div>
          ${this.errorFor('save')}
          ${this.errorFor('groups')}
          ${this.errorFor('addresses')}
          ${this.errorFor('services')}
        </form>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-customer-form': ConsoleCustomerForm;
  }
}
