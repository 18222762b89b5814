import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { endpoints } from '../../api/contract.gen.ts';
import type { Address, EmailKind, Language, Profile, ProfilePatch } from '../../contract/index.ts';
import { define } from '../../define.ts';
import { LANGUAGE_NAMES } from '../../i18n/language-names.ts';
import { RetryCountdown } from '../retry-countdown.ts';
import { AccountView, apiError } from './account-view.ts';

type Field = 'name' | 'phone' | 'language' | 'default_delivery_address_id';
interface Draft {
  name: string;
  phone: string;
  /** '' : the page's language. */
  language: '' | Language;
  emails: Record<EmailKind, boolean>;
  /** '': the account's default. */
  default_delivery_address_id: string;
}

const EMAIL_KINDS: readonly EmailKind[] = ['order_placed', 'approval_needed', 'approval_outcome', 'shipped'];

/** Each email's label, read at render (getters) so they follow the language. */
const EMAIL_LABEL: Record<EmailKind, string> = {
  get order_placed() {
    return msg('Order placed: the confirmation of each order I place', { desc: 'An email the person may receive' });
  },
  get approval_needed() {
    return msg('Approval needed: an order waits for an Admin (Admins only)', {
      desc: 'An email the person may receive',
    });
  },
  get approval_outcome() {
    return msg('Approved or rejected: what happened to an order of mine', { desc: 'An email the person may receive' });
  },
  get shipped() {
    return msg('Shipped: an order of mine is on its way, with its tracking', {
      desc: 'An email the person may receive',
    });
  },
};

const MAX = { name: 200, phone: 50 } as const;

const draftOf = (p: Profile): Draft => ({
  name: p.name,
  phone: p.phone ?? '',
  language: p.language ?? '',
  emails: { ...p.emails },
  default_delivery_address_id: p.default_delivery_address_id ?? '',
});

/**
 * The portal's Profile page, for the person a link belongs to: their name, phone, language (the
 * portal switches to it on save), the emails they receive and the delivery address checkout
 * pre-selects for them. A message beside each field; the saved state is announced. Internal part
 * of <customer-portal>, mounted for `#portal/profile`.
 */
@localized()
export class PortalProfileView extends AccountView {
  static override styles = [
    AccountView.styles,
    css`
    form.profile { display: grid; gap: 14px; max-width: 40rem; }
    .field { display: grid; gap: 2px; }
    .field input, .field select { font: inherit; padding: 8px; border: 1px solid var(--_border); border-radius: var(--_radius); min-width: 0; max-width: 100%; }
    .field input[aria-invalid='true'], .field select[aria-invalid='true'] { border-color: var(--_danger); }
    .field-error { color: var(--_danger); font-size: .9rem; margin: 0; }
    .hint { margin: 0; font-size: .9rem; }
    fieldset { border: none; margin: 0; padding: 0; display: grid; gap: 8px; }
    legend { padding: 0; margin-block-end: 6px; font-weight: 600; }
    .check { display: flex; gap: 8px; align-items: flex-start; }
    .check input { margin-block-start: 4px; flex: none; }
    .form-actions { display: flex; flex-wrap: wrap; gap: 8px; }
  `,
  ];

  readonly #retry = new RetryCountdown(this);

  @state() private draft: Draft | undefined;
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private saving = false;
  /** What the last Save did, read at render (so it follows a change of language made by that Save). */
  @state() private feedback: { text: () => string; error: boolean } | null = null;

  readonly #profile = new Task(this, {
    args: () => [this.store] as const,
    task: async ([store], { signal }) => {
      if (!store) return undefined;
      const profile = await store.client.call(endpoints.getProfile, {}, { signal });
      this.draft = draftOf(profile);
      return profile;
    },
    onError: (error) => this.failed(error, this.#retry, () => this.#profile.run()),
  });

  /** The account's delivery addresses, for the default's choice; none loaded: the choice is not offered. */
  readonly #addresses = new Task(this, {
    args: () => [this.store, this.portal?.addressesRevision] as const,
    task: async ([store], { signal }): Promise<Address[]> =>
      store
        ? (await store.client.call(endpoints.listAddresses, {}, { signal })).items.filter((a) => a.kind === 'delivery')
        : [],
  });

  protected override render() {
    return html`${this.pageHead(msg('Your profile', { desc: "The page of the person's own name, language and emails" }))}
      <div class=${this.feedback?.error ? 'feedback error' : 'feedback'} role=${this.feedback?.error ? 'alert' : 'status'} tabindex="-1">${
        this.feedback ? html`<p>${this.feedback.text()}</p>` : nothing
      }</div>
      ${this.#profile.render({
        initial: () => this.skeleton(msg('your profile', { desc: 'Completes "Loading …"' }), 3, true),
        pending: () =>
          this.draft
            ? this.#form(this.draft)
            : this.skeleton(msg('your profile', { desc: 'Completes "Loading …"' }), 3, true),
        error: (error) => this.errorPanel(error, this.#retry, () => this.#profile.run()),
        complete: () => (this.draft ? this.#form(this.draft) : nothing),
      })}`;
  }

  #form(d: Draft) {
    const error = (field: Field) =>
      this.errors[field] ? html`<p class="field-error" id=${`e-${field}`}>${this.errors[field]}</p>` : nothing;
    const described = (field: Field) => (this.errors[field] ? `e-${field}` : nothing);
    const invalid = (field: Field) => (this.errors[field] ? 'true' : 'false');
    const addresses = this.#addresses.value ?? [];
    return html`<form class="profile panel" novalidate @submit=${this.#submit}>
      <div class="field">
        <label for="f-name">${msg('Name')}</label>
        <input id="f-name" name="name" autocomplete="name" aria-required="true" .value=${d.name}
          aria-invalid=${invalid('name')} aria-describedby=${described('name')}
          @input=${(e: Event) => this.#set({ name: (e.target as HTMLInputElement).value })}>
        ${error('name')}
      </div>
      <div class="field">
        <label for="f-phone">${msg('Phone', { id: 'profile.phone', desc: "A person's telephone number" })}</label>
        <input id="f-phone" name="phone" type="tel" autocomplete="tel" .value=${d.phone}
          aria-invalid=${invalid('phone')} aria-describedby=${described('phone')}
          @input=${(e: Event) => this.#set({ phone: (e.target as HTMLInputElement).value })}>
        ${error('phone')}
      </div>
      <div class="field">
        <label for="f-language">${msg('Language', { desc: 'The language of the portal and of the emails' })}</label>
        <select id="f-language" name="language" aria-invalid=${invalid('language')} aria-describedby=${described('language')}
          @change=${(e: Event) => this.#set({ language: (e.target as HTMLSelectElement).value as Draft['language'] })}>
          <option value="" ?selected=${d.language === ''}>${msg("The page's language", { desc: 'A choice of language: as the page is' })}</option>
          <option value="en" ?selected=${d.language === 'en'} lang="en">${LANGUAGE_NAMES.en}</option>
          <option value="es" ?selected=${d.language === 'es'} lang="es">${LANGUAGE_NAMES.es}</option>
        </select>
        ${error('language')}
      </div>
      ${
        addresses.length
          ? html`<div class="field">
        <label for="f-address">${msg('My default delivery address', { desc: 'The address checkout chooses first for this person' })}</label>
        <select id="f-address" name="default_delivery_address_id" aria-invalid=${invalid('default_delivery_address_id')}
          aria-describedby=${this.errors.default_delivery_address_id ? 'e-default_delivery_address_id' : 'h-address'}
          @change=${(e: Event) => this.#set({ default_delivery_address_id: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${d.default_delivery_address_id === ''}>${msg("The account's default", { desc: 'A choice of delivery address: the one the account uses' })}</option>
          ${addresses.map((a) => html`<option value=${a.id} ?selected=${a.id === d.default_delivery_address_id}>${a.label} — ${a.line1}, ${a.city}</option>`)}
        </select>
        <p class="hint muted" id="h-address">${msg('Checkout chooses it for you; you can still pick another for an order.')}</p>
        ${error('default_delivery_address_id')}
      </div>`
          : nothing
      }
      <fieldset>
        <legend>${msg('Emails I receive', { desc: 'A group of checkboxes: which emails the person wants' })}</legend>
        ${EMAIL_KINDS.map(
          (kind) => html`<label class="check"><input type="checkbox" name=${kind} .checked=${d.emails[kind]}
            @change=${(e: Event) => this.#set({ emails: { ...d.emails, [kind]: (e.target as HTMLInputElement).checked } })}>
            ${EMAIL_LABEL[kind]}</label>`,
        )}
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="primary" part="button" aria-disabled=${this.saving ? 'true' : 'false'}>${msg('Save')}</button>
      </div>
    </form>`;
  }

  #set(patch: Partial<Draft>): void {
    this.draft = { ...this.draft!, ...patch };
  }

  /** The contract's rules for the text fields, checked before sending (the server checks them again). */
  #check(d: Draft): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    if (!d.name.trim()) errors.name = msg('Enter your name.');
    else if (d.name.trim().length > MAX.name) errors.name = msg(str`Use at most ${MAX.name} characters.`);
    if (d.phone.trim().length > MAX.phone) errors.phone = msg(str`Use at most ${MAX.phone} characters.`);
    return errors;
  }

  readonly #submit = async (event: Event) => {
    event.preventDefault();
    const d = this.draft;
    if (!d || this.saving || !this.store) return;
    this.errors = this.#check(d);
    if (Object.keys(this.errors).length) return this.#focusFirstError();
    const body: ProfilePatch = {
      name: d.name.trim(),
      phone: d.phone.trim() || null,
      language: d.language || null,
      emails: d.emails,
      default_delivery_address_id: d.default_delivery_address_id || null,
    };
    this.saving = true;
    try {
      const saved = await this.store.client.call(endpoints.patchProfile, {}, { body });
      this.draft = draftOf(saved);
      // The greeting, the language and checkout's address follow at once.
      this.store.profileSaved(saved);
      this.feedback = { text: () => msg('Your profile is saved.'), error: false };
      this.#focusFeedback();
    } catch (error) {
      const problem = apiError(error);
      this.failed(problem);
      const byField = this.#serverErrors(problem.details);
      if (Object.keys(byField).length) {
        this.errors = byField;
        this.feedback = null;
        this.#focusFirstError();
      } else {
        this.feedback = { text: () => problem.message, error: true };
        this.#focusFeedback();
      }
    } finally {
      this.saving = false;
    }
  };

  /** An error's details (`body.name`, `body.default_delivery_address_id`…) as messages on the fields. */
  #serverErrors(details: unknown): Partial<Record<Field, string>> {
    const out: Partial<Record<Field, string>> = {};
    if (!Array.isArray(details)) return out;
    for (const detail of details as { path?: unknown }[]) {
      const field = typeof detail?.path === 'string' ? detail.path.replace(/^body\./, '').split('.')[0] : '';
      if (field === 'default_delivery_address_id') {
        out[field] = msg('This address is no longer one of yours. Choose another.');
        this.#addresses.run();
      } else if (field === 'name' || field === 'phone' || field === 'language') {
        out[field] = msg('Check this field: the supplier did not accept it.');
      }
    }
    return out;
  }

  #focusFirstError(): void {
    this.updateComplete.then(() => {
      const first = (['name', 'phone', 'language', 'default_delivery_address_id'] as const).find((f) => this.errors[f]);
      const id = first === 'default_delivery_address_id' ? 'f-address' : `f-${first}`;
      if (first) this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
    });
  }

  #focusFeedback(): void {
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.feedback')?.focus());
  }
}

define('portal-profile-view', PortalProfileView);

declare global {
  interface HTMLElementTagNameMap {
    'portal-profile-view': PortalProfileView;
  }
}
