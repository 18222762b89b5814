import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Answer, BodyOf } from '../api.ts';
import { ConsoleError } from '../api.ts';
import { amount, parseAmount, t } from '../i18n.ts';
import { ORDER_CREATION_STATUSES } from '../../widget/contract/rules/order-creation.ts';
import { ConsoleScreen, errorText } from '../screen.ts';

type Settings = Answer<'getWorkspaceSettings'>;
type Patch = BodyOf<'patchWorkspaceSettings'>;

const SECTIONS = ['orders', 'quotes', 'invoices', 'payments', 'deliveries'] as const;
const TABS = ['all', 'new_arrivals', 'on_sale', 'past_orders', 'categories'] as const;
const VISIBILITY = ['auto', 'show', 'hide'] as const;
const ALLOWED_BEFORE = ['confirmed', 'in_progress', 'shipped'] as const;

/** The form's fields whose problems show under them, by the API's path of the value. */
const FIELD_OF_PATH: Record<string, string> = {
  'body.freight.flat_minor': 'freight-flat',
  'body.freight.free_over_minor': 'freight-over',
  'body.payment_url': 'payment-url',
  'body.portal_page_url': 'portal-page-url',
};

/**
 * The workspace's portal settings: sections, catalogue tabs, checkout, freight, order changes,
 * the portal page customers' links open, trial. One form, saved at once; a refused field says so
 * under itself.
 *
 * @summary The console's workspace settings screen.
 */
@customElement('console-settings')
export class ConsoleSettings extends ConsoleScreen {
  @state() private settings: Settings | null = null;
  /** Problems by field id, shown under the field. */
  @state() private fieldErrors: Record<string, string> = {};
  @state() private saved = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load() {
    const settings = await this.run('load', () => this.client.call('getWorkspaceSettings'));
    if (settings) this.settings = settings;
  }

  #value(id: string): string {
    return (this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value ?? '').trim();
  }

  #checked(id: string): boolean {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.checked ?? false;
  }

  /** The patch from the form, or null after marking the fields it cannot read. */
  #patch(): Patch | null {
    const problems: Record<string, string> = {};
    const flat = parseAmount(this.#value('freight-flat'));
    if (flat === null) problems['freight-flat'] = t('settings.badMoney');
    const overText = this.#value('freight-over');
    const over = overText === '' ? null : parseAmount(overText);
    if (overText !== '' && over === null) problems['freight-over'] = t('settings.badMoney');
    const paymentUrl = this.#value('payment-url');
    if (paymentUrl && !/^https?:\/\/\S+$/i.test(paymentUrl)) problems['payment-url'] = t('settings.badUrl');
    this.fieldErrors = problems;
    if (Object.keys(problems).length) return null;
    return {
      sections: Object.fromEntries(SECTIONS.map((s) => [s, this.#checked(`section-${s}`)])),
      tabs: Object.fromEntries(TABS.map((tab) => [tab, this.#value(`tab-${tab}`)])) as Patch['tabs'],
      checkout_mode: this.#value('checkout-mode') as Settings['checkout_mode'],
      order_template: this.#value('order-template') as Settings['order_template'],
      order_creation_status: this.#value('creation-status') as Settings['order_creation_status'],
      freight: { flat_minor: flat!, free_over_minor: over },
      payment_url: paymentUrl || null,
      require_unique_reference: this.#checked('unique-ref'),
      allow_orders_over_credit_limit: this.#checked('over-credit'),
      show_price_explanation: this.#checked('price-explanation'),
      create_order_on_quote_acceptance: this.#checked('quote-order'),
      create_orders_automatically: this.#checked('auto-create'),
      order_changes: {
        enabled: this.#checked('changes-enabled'),
        apply_updates_automatically: this.#checked('auto-updates'),
        apply_cancellations_automatically: this.#checked('auto-cancellations'),
        allowed_before: this.#value('allowed-before') as Settings['order_changes']['allowed_before'],
        edits_allowed_before: (this.#value('edits-before') ||
          null) as Settings['order_changes']['edits_allowed_before'],
        cancellations_allowed_before: (this.#value('cancellations-before') ||
          null) as Settings['order_changes']['cancellations_allowed_before'],
      },
      trial_expired: this.#checked('trial-expired'),
      // The API checks the address (http or https, no #fragment) and names it when it refuses.
      portal_page_url: this.#value('portal-page-url') || null,
    };
  }

  async #save(event: SubmitEvent) {
    event.preventDefault();
    this.saved = false;
    const patch = this.#patch();
    if (!patch) {
      this.errors = { ...this.errors, save: t('settings.fixFields') };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    let refused: ConsoleError | null = null;
    const settings = await this.run('save', () =>
      this.client.call('patchWorkspaceSettings', { body: patch }).catch((error: unknown) => {
        if (error instanceof ConsoleError) refused = error;
        throw error;
      }),
    );
    if (!settings) {
      const problems = (refused as ConsoleError | null)?.fieldProblems ?? [];
      const fieldErrors: Record<string, string> = {};
      for (const p of problems) if (FIELD_OF_PATH[p.path]) fieldErrors[FIELD_OF_PATH[p.path]] = p.message;
      this.fieldErrors = fieldErrors;
      if (Object.keys(fieldErrors).length) {
        this.errors = { ...this.errors, save: errorText(refused) };
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      }
      return;
    }
    this.settings = settings;
    this.saved = true;
    this.announce(t('settings.saved'));
  }

  #fieldError(id: string) {
    const message = this.fieldErrors[id];
    return message ? html`<p class="error" id=${`${id}-error`}>${message}</p>` : nothing;
  }

  #invalid(id: string) {
    return {
      invalid: this.fieldErrors[id] ? 'true' : 'false',
      describedBy: this.fieldErrors[id] ? `${id}-error` : nothing,
    };
  }

  override render() {
    const s = this.settings;
    return html`
      <h1 tabindex="-1">${t('settings.title')}</h1>
      ${this.errorFor('load')}
      ${this.errors.load && !s ? html`<button type="button" @click=${() => this.#load()}>${t('common.retry')}</button>` : nothing}
      ${!s && !this.errors.load ? html`<p class="status">${t('common.loading')}</p>` : nothing}
      ${s ? this.#form(s) : nothing}
    `;
  }

  #check(id: string, label: string, checked: boolean) {
    return html`<div class="check"><input type="checkbox" id=${id} .checked=${checked}><label for=${id}>${label}</label></div>`;
  }

  #form(s: Settings) {
    const flat = this.#invalid('freight-flat');
    const over = this.#invalid('freight-over');
    const url = this.#invalid('payment-url');
    const page = this.#invalid('portal-page-url');
    const decimal = (minor: number) => amount(minor).replace(/[^\d.,]/g, '');
    return html`
      <form novalidate @submit=${this.#save} @input=${() => {
        this.saved = false;
      }}>
        <div class="columns">
          <fieldset>
            <legend>${t('settings.sections')}</legend>
            ${SECTIONS.map((section) => this.#check(`section-${section}`, t(`section.${section}`), s.sections[section]))}
          </fieldset>
          <fieldset>
            <legend>${t('settings.tabs')}</legend>
            ${TABS.map(
              (tab) => html`
              <div class="field">
                <label for=${`tab-${tab}`}>${t(`tab.${tab}`)}</label>
                <select id=${`tab-${tab}`}>
                  ${VISIBILITY.map((v) => html`<option value=${v} ?selected=${s.tabs[tab] === v}>${t(`visibility.${v}`)}</option>`)}
                </select>
              </div>`,
            )}
          </fieldset>
          <fieldset>
            <legend>${t('settings.ordering')}</legend>
            <div class="field">
              <label for="checkout-mode">${t('settings.checkoutMode')}</label>
              <select id="checkout-mode">
                ${(['pay_now', 'pay_later'] as const).map((m) => html`<option value=${m} ?selected=${s.checkout_mode === m}>${t(`checkout.${m}`)}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="order-template">${t('settings.orderTemplate')}</label>
              <select id="order-template">
                ${(['standard', 'quantity_grid'] as const).map((m) => html`<option value=${m} ?selected=${s.order_template === m}>${t(`template.${m}`)}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="creation-status">${t('settings.creationStatus')}</label>
              <select id="creation-status">
                ${ORDER_CREATION_STATUSES.map((m) => html`<option value=${m} ?selected=${s.order_creation_status === m}>${t(`creation.${m}`)}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="freight-flat">${t('settings.freightFlat')}</label>
              <input id="freight-flat" inputmode="decimal" .value=${decimal(s.freight.flat_minor)} aria-invalid=${flat.invalid} aria-describedby=${flat.describedBy}>
              ${this.#fieldError('freight-flat')}
            </div>
            <div class="field">
              <label for="freight-over">${t('settings.freeOver')}</label>
              <input id="freight-over" inputmode="decimal" .value=${s.freight.free_over_minor === null ? '' : decimal(s.freight.free_over_minor)} aria-invalid=${over.invalid} aria-describedby=${over.describedBy}>
              ${this.#fieldError('freight-over')}
            </div>
            <div class="field">
              <label for="payment-url">${t('settings.paymentUrl')}</label>
              <input id="payment-url" type="url" .value=${s.payment_url ?? ''} aria-invalid=${url.invalid} aria-describedby=${url.describedBy}>
              ${this.#fieldError('payment-url')}
            </div>
            ${this.#check('unique-ref', t('settings.uniqueRef'), s.require_unique_reference)}
            ${this.#check('over-credit', t('settings.overCredit'), s.allow_orders_over_credit_limit)}
            ${this.#check('price-explanation', t('settings.priceExplanation'), s.show_price_explanation)}
            ${this.#check('quote-order', t('settings.quoteOrder'), s.create_order_on_quote_acceptance)}
            ${this.#check('auto-create', t('settings.autoCreate'), s.create_orders_automatically)}
          </fieldset>
          <fieldset>
            <legend>${t('settings.orderChanges')}</legend>
            ${this.#check('changes-enabled', t('settings.changesEnabled'), s.order_changes.enabled)}
            ${this.#check('auto-updates', t('settings.autoUpdates'), s.order_changes.apply_updates_automatically)}
            ${this.#check('auto-cancellations', t('settings.autoCancellations'), s.order_changes.apply_cancellations_automatically)}
            <div class="field">
              <label for="allowed-before">${t('settings.allowedBefore')}</label>
              <select id="allowed-before">
                ${ALLOWED_BEFORE.map((v) => html`<option value=${v} ?selected=${s.order_changes.allowed_before === v}>${t(`status.${v}`)}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="edits-before">${t('settings.editsBefore')}</label>
              <select id="edits-before">
                <option value="" ?selected=${s.order_changes.edits_allowed_before === null}>${t('settings.sameLimit')}</option>
                ${ALLOWED_BEFORE.map((v) => html`<option value=${v} ?selected=${s.order_changes.edits_allowed_before === v}>${t(`status.${v}`)}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="cancellations-before">${t('settings.cancellationsBefore')}</label>
              <select id="cancellations-before">
                <option value="" ?selected=${s.order_changes.cancellations_allowed_before === null}>${t('settings.sameLimit')}</option>
                ${ALLOWED_BEFORE.map((v) => html`<option value=${v} ?selected=${s.order_changes.cancellations_allowed_before === v}>${t(`status.${v}`)}</option>`)}
              </select>
            </div>
          </fieldset>
          <fieldset>
            <legend>${t('settings.links')}</legend>
            <div class="field">
              <label for="portal-page-url">${t('settings.portalPageUrl')}</label>
              <input id="portal-page-url" type="url" autocomplete="off" spellcheck="false" .value=${s.portal_page_url ?? ''}
                aria-invalid=${page.invalid} aria-describedby=${this.fieldErrors['portal-page-url'] ? 'portal-page-url-hint portal-page-url-error' : 'portal-page-url-hint'}>
              <p class="hint" id="portal-page-url-hint">${t('settings.portalPageUrlHint')}</p>
              ${this.#fieldError('portal-page-url')}
            </div>
          </fieldset>
          <fieldset>
            <legend>${t('settings.trial')}</legend>
            ${this.#check('trial-expired', t('settings.trialExpired'), s.trial_expired)}
          </fieldset>
        </div>
        <div class="row">
          <button type="submit" class="primary" aria-describedby=${this.describedBy('save')} aria-disabled=${this.busy.save ? 'true' : 'false'}>${t('settings.save')}</button>
          ${this.saved ? html`<p class="ok">${t('settings.saved')}</p>` : nothing}
        </div>
        ${this.errorFor('save')}
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-settings': ConsoleSettings;
  }
}
