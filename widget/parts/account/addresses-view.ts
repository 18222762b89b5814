import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import type { Address, AddressPatch, CreateAddressRequest } from '../../contract/index.ts';
import { COUNTRY_CODES, mayManageAddresses, type AddressKind } from '../../contract/rules/addresses.ts';
import { endpoints } from '../../api/contract.gen.ts';
import { define } from '../../define.ts';
import { countryName, postalAddress } from '../address.ts';
import { RetryCountdown } from '../retry-countdown.ts';
import { AccountView, apiError, badge } from './account-view.ts';

/** The form's text fields, in the order they are shown (and checked, so the focus goes to the first problem). */
const FIELDS = ['label', 'name', 'line1', 'line2', 'city', 'region', 'postal_code', 'country', 'phone'] as const;
type Field = (typeof FIELDS)[number];
type Draft = Record<Field, string> & { kind: AddressKind; is_default: boolean };

/** The contract's limits (widget/contract/addresses.ts), so the browser stops the typing where the server would refuse it. */
const MAX: Record<Field, number> = {
  label: 100,
  name: 200,
  line1: 200,
  line2: 200,
  city: 100,
  region: 100,
  postal_code: 20,
  country: 2,
  phone: 40,
};
const REQUIRED = new Set<Field>(['label', 'name', 'line1', 'city', 'country']);

const FIELD_LABEL: Record<Field, string> = {
  get label() {
    return msg('Name of the site', { desc: 'Address form: what the customer calls this address, e.g. "Main kitchen"' });
  },
  get name() {
    return msg('Recipient', { desc: 'Address form: the person or business the goods are for' });
  },
  get line1() {
    return msg('Street and number', { desc: 'Address form' });
  },
  get line2() {
    return msg('More address details (optional)', { desc: 'Address form: floor, door, building' });
  },
  get city() {
    return msg('City', { desc: 'Address form' });
  },
  get region() {
    return msg('State, province or county (optional)', { desc: 'Address form' });
  },
  get postal_code() {
    return msg('Postal code (optional)', { desc: 'Address form' });
  },
  get country() {
    return msg('Country', { desc: 'Address form' });
  },
  get phone() {
    return msg('Phone for the carrier (optional)', { desc: 'Address form' });
  },
};

/** What a required field left empty says. */
const MISSING = {
  get label() {
    return msg('Give the site a name, e.g. Main kitchen.', { desc: 'Address form: the site name is empty' });
  },
  get name() {
    return msg('Enter who receives the goods.', { desc: 'Address form: the recipient is empty' });
  },
  get line1() {
    return msg('Enter the street and number.', { desc: 'Address form: the street is empty' });
  },
  get city() {
    return msg('Enter the city.', { desc: 'Address form: the city is empty' });
  },
  get country() {
    return msg('Choose the country.', { desc: 'Address form: no country chosen' });
  },
};

const blank = (kind: AddressKind, country = ''): Draft => ({
  kind,
  is_default: false,
  label: '',
  name: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postal_code: '',
  country,
  phone: '',
});

const draftOf = (a: Address): Draft => ({
  kind: a.kind,
  is_default: a.is_default,
  label: a.label,
  name: a.name,
  line1: a.line1,
  line2: a.line2 ?? '',
  city: a.city,
  region: a.region ?? '',
  postal_code: a.postal_code ?? '',
  country: a.country,
  phone: a.phone ?? '',
});

/** What is open: nothing, the form for a new address or for one address, or the question before archiving one. */
type Editing = { mode: 'new' } | { mode: 'edit'; address: Address } | null;

/**
 * The portal's Addresses section: the account's delivery and billing addresses (several sites),
 * each kind's default first. A link that may manage them adds, changes, archives and picks the
 * default with an accessible form (labels, a message beside each field, the focus on the first
 * problem). Internal part of <customer-portal>.
 */
@localized()
export class PortalAddressesView extends AccountView {
  static override styles = [
    AccountView.styles,
    css`
    .kind { margin-block-end: calc(var(--_space) * 1.5); }
    .cards { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--_space); grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
    .card { display: flex; flex-direction: column; gap: 6px; }
    .card .title { display: flex; gap: 8px; align-items: baseline; justify-content: space-between; }
    .card .title strong { overflow-wrap: anywhere; }
    .card .actions { display: flex; flex-wrap: wrap; gap: 4px 12px; margin-top: auto; padding-top: 6px; }
    .card .confirm { border-top: 1px solid var(--_border); padding-top: 8px; }
    .card .confirm p { margin: 0 0 6px; }
    address.postal { font-style: normal; }
    form.address { display: grid; gap: 12px; max-width: 40rem; margin-block-end: calc(var(--_space) * 1.5); }
    form.address h3 { margin: 0; }
    form.address h3:focus { outline: none; }
    .field { display: grid; gap: 2px; }
    .field input, .field select { font: inherit; padding: 8px; border: 1px solid var(--_border); border-radius: var(--_radius); min-width: 0; }
    .field input[aria-invalid='true'], .field select[aria-invalid='true'] { border-color: var(--_danger); }
    .field-error { color: var(--_danger); font-size: .9rem; margin: 0; }
    .pair { display: grid; gap: 12px; grid-template-columns: 1fr 1fr; }
    fieldset { border: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
    legend { padding: 0; margin-block-end: 4px; }
    .check, fieldset label { display: flex; gap: 6px; align-items: center; }
    .form-actions { display: flex; flex-wrap: wrap; gap: 8px; }
    @container account (max-width: 599px) {
      .pair { grid-template-columns: 1fr; }
    }
  `,
  ];

  readonly #retry = new RetryCountdown(this);

  @state() private editing: Editing = null;
  @state() private draft: Draft = blank('delivery');
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private saving = false;
  /** The address whose archiving waits for "Archive" or "Keep it". */
  @state() private archiving: string | null = null;
  /** What the last action did (or why it failed), read out and shown over the lists. */
  @state() private feedback: { text: string; error: boolean } | null = null;

  // Reloads when an address changes through the store (here, or a checkout that found one gone).
  readonly #addresses = new Task(this, {
    args: () => [this.store, this.portal?.addressesRevision] as const,
    task: async ([store], { signal }) =>
      store ? (await store.client.call(endpoints.listAddresses, {}, { signal })).items : undefined,
    onError: (error) => this.failed(error, this.#retry, () => this.#addresses.run()),
  });

  get #mayManage(): boolean {
    return (
      !!this.portal?.session &&
      mayManageAddresses(this.portal.session.person?.role ?? null, this.portal.session.permissions)
    );
  }

  protected override render() {
    const add =
      this.#mayManage && !this.editing
        ? html`<button type="button" class="primary" part="button" @click=${() => this.#open({ mode: 'new' })}>${msg('Add an address')}</button>`
        : nothing;
    return html`${this.pageHead(msg('Addresses', { desc: "The navigation: the account's delivery and billing addresses" }), { actions: add })}
      <div class=${this.feedback?.error ? 'feedback error' : 'feedback'} role="status" tabindex="-1">${this.feedback ? html`<p>${this.feedback.text}</p>` : nothing}</div>
      ${this.editing ? this.#form(this.editing) : nothing}
      ${this.#addresses.render({
        initial: () => this.skeleton(msg('your addresses', { desc: 'Completes "Loading …"' }), 3, true),
        pending: () =>
          this.#addresses.value
            ? this.#lists(this.#addresses.value)
            : this.skeleton(msg('your addresses', { desc: 'Completes "Loading …"' }), 3, true),
        error: (error) => this.errorPanel(error, this.#retry, () => this.#addresses.run()),
        complete: (items) => (items ? this.#lists(items) : nothing),
      })}`;
  }

  #lists(items: Address[]) {
    if (!items.length && !this.editing) {
      return this.empty(
        msg('No addresses yet'),
        this.#mayManage
          ? msg('Add the sites you order for: checkout lets you choose where each order goes.')
          : msg(str`${this.supplier} keeps your delivery addresses. To change them, please contact ${this.supplier}.`),
      );
    }
    const kinds: [AddressKind, string, string][] = [
      ['delivery', msg('Delivery addresses'), msg('No delivery address yet.')],
      ['billing', msg('Billing addresses'), msg('No billing address yet.')],
    ];
    return kinds.map(([kind, title, none]) => {
      const mine = items.filter((a) => a.kind === kind);
      return html`<section class="kind" aria-labelledby=${`kind-${kind}`}>
        <h3 id=${`kind-${kind}`}>${title}</h3>
        ${mine.length ? html`<ul class="cards">${mine.map((a) => this.#card(a))}</ul>` : html`<p class="muted">${none}</p>`}
      </section>`;
    });
  }

  #card(a: Address) {
    const confirming = this.archiving === a.id;
    return html`<li class="card panel" data-address=${a.id}>
      <div class="title"><strong id=${`address-${a.id}`}>${a.label}</strong>${a.is_default ? badge(msg('Default', { desc: 'The address used unless another is chosen' }), 'ok') : nothing}</div>
      ${postalAddress(a, this.locale)}
      ${
        this.#mayManage && !confirming
          ? html`<div class="actions">
        <button type="button" class="link" aria-describedby=${`address-${a.id}`} @click=${() => this.#open({ mode: 'edit', address: a })}>${msg('Edit')}</button>
        ${a.is_default ? nothing : html`<button type="button" class="link" aria-describedby=${`address-${a.id}`} @click=${() => this.#makeDefault(a)}>${msg('Make default')}</button>`}
        <button type="button" class="link" aria-describedby=${`address-${a.id}`} @click=${() => this.#askArchive(a)}>${msg('Archive', { desc: 'Take an address out of use (orders keep it)' })}</button>
      </div>`
          : nothing
      }
      ${
        confirming
          ? html`<div class="confirm" role="group" aria-labelledby=${`archive-q-${a.id}`}>
        <p id=${`archive-q-${a.id}`}>${msg(str`Archive ${a.label}? It leaves this list and checkout; past orders keep it.`, { desc: "An address's site name" })}</p>
        <div class="form-actions">
          <button type="button" class="primary" part="button" @click=${() => this.#archive(a)}>${msg('Archive', { desc: 'Take an address out of use (orders keep it)' })}</button>
          <button type="button" class="link" @click=${() => this.#cancelArchive(a)}>${msg('Keep it', { desc: 'Do not archive the address' })}</button>
        </div>
      </div>`
          : nothing
      }
    </li>`;
  }

  #form(editing: NonNullable<Editing>) {
    const d = this.draft;
    const title =
      editing.mode === 'new'
        ? msg('New address')
        : msg(str`Edit ${editing.address.label}`, { desc: "An address's site name" });
    const input = (field: Field, attrs: { autocomplete?: string; type?: string } = {}) => {
      const error = this.errors[field];
      return html`<div class="field">
        <label for=${`f-${field}`}>${FIELD_LABEL[field]}</label>
        <input id=${`f-${field}`} name=${field} type=${attrs.type ?? 'text'} maxlength=${MAX[field]}
          autocomplete=${attrs.autocomplete ?? nothing}
          .value=${d[field]} aria-required=${REQUIRED.has(field) ? 'true' : 'false'}
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `e-${field}` : nothing}
          @input=${(e: Event) => this.#type(field, (e.target as HTMLInputElement).value)}>
        ${error ? html`<p class="field-error" id=${`e-${field}`}>${error}</p>` : nothing}
      </div>`;
    };
    const countryError = this.errors.country;
    return html`<form class="address panel" novalidate aria-labelledby="address-form-title" @submit=${this.#submit}>
      <h3 id="address-form-title" tabindex="-1">${title}</h3>
      ${
        editing.mode === 'new'
          ? html`<fieldset>
        <legend>${msg('Kind of address')}</legend>
        <label><input type="radio" name="kind" value="delivery" .checked=${d.kind === 'delivery'} @change=${() => (this.draft = { ...this.draft, kind: 'delivery' })}>${msg('Delivery', { id: 'address-kind.delivery', desc: 'Kind of address: where goods go' })}</label>
        <label><input type="radio" name="kind" value="billing" .checked=${d.kind === 'billing'} @change=${() => (this.draft = { ...this.draft, kind: 'billing' })}>${msg('Billing', { id: 'address-kind.billing', desc: 'Kind of address: where invoices go' })}</label>
      </fieldset>`
          : nothing
      }
      ${input('label')}
      ${input('name', { autocomplete: 'name' })}
      ${input('line1', { autocomplete: 'address-line1' })}
      ${input('line2', { autocomplete: 'address-line2' })}
      <div class="pair">${input('postal_code', { autocomplete: 'postal-code' })}${input('city', { autocomplete: 'address-level2' })}</div>
      ${input('region', { autocomplete: 'address-level1' })}
      <div class="field">
        <label for="f-country">${FIELD_LABEL.country}</label>
        <select id="f-country" name="country" autocomplete="country" aria-required="true"
          aria-invalid=${countryError ? 'true' : 'false'} aria-describedby=${countryError ? 'e-country' : nothing}
          @change=${(e: Event) => this.#type('country', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${d.country === ''}>${msg('Choose a country', { desc: 'The empty choice of the country list' })}</option>
          ${this.#countries().map(([code, name]) => html`<option value=${code} ?selected=${code === d.country}>${name}</option>`)}
        </select>
        ${countryError ? html`<p class="field-error" id="e-country">${countryError}</p>` : nothing}
      </div>
      ${input('phone', { autocomplete: 'tel', type: 'tel' })}
      ${
        editing.mode === 'edit' && editing.address.is_default
          ? nothing
          : html`<label class="check"><input type="checkbox" name="is_default" .checked=${d.is_default}
          @change=${(e: Event) => (this.draft = { ...this.draft, is_default: (e.target as HTMLInputElement).checked })}>
          ${d.kind === 'delivery' ? msg('Make it the default delivery address') : msg('Make it the default billing address')}</label>`
      }
      <div class="form-actions">
        <button type="submit" class="primary" part="button" ?disabled=${this.saving}>${this.saving ? msg('Saving…') : msg('Save address')}</button>
        <button type="button" class="link" @click=${() => this.#close()}>${msg('Cancel', { id: 'address-form.cancel', desc: 'A button: close the address form without saving' })}</button>
      </div>
    </form>`;
  }

  /** Every country, by its name in the page's language. */
  #countries(): [string, string][] {
    const locale = this.locale;
    return COUNTRY_CODES.map((code): [string, string] => [code, countryName(code, locale)]).sort((a, b) =>
      a[1].localeCompare(b[1], locale),
    );
  }

  #type(field: Field, value: string): void {
    this.draft = { ...this.draft, [field]: value };
    if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
  }

  #open(editing: NonNullable<Editing>): void {
    const first = this.#addresses.value?.[0];
    this.editing = editing;
    this.archiving = null;
    this.errors = {};
    this.feedback = null;
    // A new address starts in the country of the account's first one: most sites are in one country.
    this.draft = editing.mode === 'new' ? blank('delivery', first?.country ?? '') : draftOf(editing.address);
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#address-form-title')?.focus());
  }

  #close(focus?: string): void {
    const editing = this.editing;
    this.editing = null;
    this.errors = {};
    // The keyboard goes back where it was: the card's Edit, or the page's Add.
    this.updateComplete.then(() => {
      const id = focus ?? (editing?.mode === 'edit' ? editing.address.id : null);
      const target = id
        ? this.renderRoot.querySelector<HTMLElement>(`[data-address="${CSS.escape(id)}"] button`)
        : this.renderRoot.querySelector<HTMLElement>('.page-head .actions button');
      target?.focus();
    });
  }

  /** The contract's rules for each field, checked before sending (the server checks them again). */
  #check(): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    for (const field of FIELDS) {
      const value = this.draft[field].trim();
      if (REQUIRED.has(field) && !value) {
        errors[field] = MISSING[field as keyof typeof MISSING];
      } else if (value.length > MAX[field]) {
        errors[field] = msg(str`Use at most ${MAX[field]} characters.`);
      }
    }
    return errors;
  }

  readonly #submit = async (event: Event) => {
    event.preventDefault();
    const editing = this.editing;
    if (!editing || this.saving || !this.store) return;
    const errors = this.#check();
    this.errors = errors;
    if (Object.keys(errors).length) return this.#focusFirstError();
    const d = this.draft;
    // An optional field left blank is sent as null: none (also when it held something before).
    const fields = Object.fromEntries(FIELDS.map((f) => [f, REQUIRED.has(f) ? d[f].trim() : d[f].trim() || null]));
    const body: CreateAddressRequest | AddressPatch =
      editing.mode === 'new'
        ? ({ kind: d.kind, ...fields, ...(d.is_default ? { is_default: true } : {}) } as CreateAddressRequest)
        : ({ ...fields, ...(d.is_default && !editing.address.is_default ? { is_default: true } : {}) } as AddressPatch);
    this.saving = true;
    try {
      const saved = await this.#save(editing.mode === 'new' ? null : editing.address.id, body);
      this.feedback = { text: msg(str`${saved.label} is saved.`, { desc: "An address's site name" }), error: false };
      this.#close(saved.id);
    } catch (error) {
      const problem = apiError(error);
      const byField = this.#serverErrors(problem.details);
      if (Object.keys(byField).length) {
        this.errors = byField;
        this.#focusFirstError();
      } else {
        this.feedback = { text: problem.message, error: true };
      }
    } finally {
      this.saving = false;
    }
  };

  /** Adds an address (`id` null) or changes one; the store then tells checkout and this list to reload. */
  async #save(id: string | null, body: CreateAddressRequest | AddressPatch): Promise<Address> {
    const client = this.store!.client;
    const saved =
      id === null
        ? await client.call(endpoints.createAddress, {}, { body })
        : await client.call(endpoints.patchAddress, { id }, { body });
    this.store!.addressesChanged();
    return saved;
  }

  /** A 400's details (`body.city`…) as messages on the fields. */
  #serverErrors(details: unknown): Partial<Record<Field, string>> {
    const out: Partial<Record<Field, string>> = {};
    if (!Array.isArray(details)) return out;
    for (const d of details as { path?: unknown }[]) {
      const field = typeof d?.path === 'string' ? d.path.replace(/^body\./, '').split('.')[0] : '';
      if ((FIELDS as readonly string[]).includes(field))
        out[field as Field] = msg('Check this field: the supplier did not accept it.');
    }
    return out;
  }

  #focusFirstError(): void {
    this.updateComplete.then(() => {
      const first = FIELDS.find((f) => this.errors[f]);
      if (first) this.renderRoot.querySelector<HTMLElement>(`#f-${first}`)?.focus();
    });
  }

  async #makeDefault(a: Address): Promise<void> {
    try {
      await this.#save(a.id, { is_default: true });
      this.feedback = {
        text:
          a.kind === 'delivery'
            ? msg(str`${a.label} is now your default delivery address.`, { desc: "An address's site name" })
            : msg(str`${a.label} is now your default billing address.`, { desc: "An address's site name" }),
        error: false,
      };
    } catch (error) {
      this.feedback = { text: apiError(error).message, error: true };
    }
    this.#focusFeedback();
  }

  #askArchive(a: Address): void {
    this.archiving = a.id;
    this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-address="${CSS.escape(a.id)}"] .confirm button`)?.focus(),
    );
  }

  #cancelArchive(a: Address): void {
    this.archiving = null;
    this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-address="${CSS.escape(a.id)}"] button`)?.focus(),
    );
  }

  async #archive(a: Address): Promise<void> {
    try {
      await this.store!.client.call(endpoints.archiveAddress, { id: a.id });
      this.store!.addressesChanged();
      this.feedback = { text: msg(str`${a.label} is archived.`, { desc: "An address's site name" }), error: false };
    } catch (error) {
      this.feedback = { text: apiError(error).message, error: true };
    }
    this.archiving = null;
    this.#focusFeedback();
  }

  /** The card (or its button) is gone or moved: the keyboard goes to the message that says what happened. */
  #focusFeedback(): void {
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.feedback')?.focus());
  }
}

define('portal-addresses-view', PortalAddressesView);

declare global {
  interface HTMLElementTagNameMap {
    'portal-addresses-view': PortalAddressesView;
  }
}
