import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Answer, BodyOf } from '../api.ts';
import { amount, parseAmount, t } from '../i18n.ts';
import {
  CUTOFF_RULES,
  isCalendarDate,
  parseTime,
  type CutoffRule,
} from '../../widget/contract/rules/delivery-dates.ts';
import { ORDER_CREATION_STATUSES, type OrderCreationStatus } from '../../widget/contract/rules/order-creation.ts';
import { ConsoleScreen } from '../screen.ts';
import { consoleStyles } from '../styles.ts';

type Service = Answer<'listDeliveryServices'>['data'][number];
type Customer = Answer<'listCustomers'>['items'][number];

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The API's paths to field names, so a refused value shows under its field. */
const FIELD_OF_PATH: Record<string, string> = {
  'body.name': 'name',
  'body.customers': 'customers',
  'body.lead_days': 'lead',
  'body.weekdays': 'weekdays',
  'body.closed_dates': 'closed',
  'body.cutoff_rule': 'rule',
  'body.cutoff_time': 'time',
  'body.minimum_order_minor': 'minimum',
};

/**
 * One delivery service's settings: new (createDeliveryService) or changed (patchDeliveryService).
 * Checked here as the API checks them, so a mistake shows under its field before any request.
 *
 * @summary The console's delivery service form.
 * @fires console-saved - The service was saved (detail: the service).
 * @fires console-close - The person cancels.
 */
@customElement('console-delivery-service-form')
export class ConsoleDeliveryServiceForm extends ConsoleScreen {
  static override styles = [
    ...consoleStyles,
    css`
      .box-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 120px), 1fr)); gap: 0 16px; }
      .box-grid.names { grid-template-columns: repeat(auto-fill, minmax(min(100%, 200px), 1fr)); }
      .audience { display: flex; flex-wrap: wrap; gap: 0 24px; }
      fieldset.boxes:focus { outline: none; }
      fieldset.boxes:focus-visible { outline: 3px solid var(--_primary); outline-offset: 2px; }
      fieldset.boxes[aria-invalid='true'] { border-color: var(--_danger); }
    `,
  ];

  /** The service to change; absent: a new one. */
  @property({ attribute: false }) service?: Service;
  /** The customers who may be listed (the first page of active ones). */
  @property({ attribute: false }) customers: Customer[] = [];

  @state() private fieldErrors: Record<string, string> = {};
  /** Who may select it, as picked now: the list of customers shows only for `listed`. */
  @state() private audience: 'all' | 'listed' = 'all';
  @state() private rule: CutoffRule = 'none';

  override connectedCallback(): void {
    super.connectedCallback();
    this.audience = this.service && this.service.customers !== 'all' ? 'listed' : 'all';
    this.rule = this.service?.cutoff_rule ?? 'none';
  }

  override async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  #id(name: string) {
    return `${name}-${this.service?.id ?? 'new'}`;
  }

  #input(name: string) {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`#${CSS.escape(this.#id(name))}`);
  }

  #value(name: string): string {
    return (this.#input(name)?.value ?? '').trim();
  }

  #checked(name: string): string[] {
    return [
      ...this.renderRoot.querySelectorAll<HTMLInputElement>(`input[name=${CSS.escape(this.#id(name))}]:checked`),
    ].map((i) => i.value);
  }

  #read(): BodyOf<'createDeliveryService'> | null {
    const problems: Record<string, string> = {};
    const name = this.#value('name');
    if (!name) problems.name = t('services.needName');
    const leadText = this.#value('lead') || '0';
    const lead = /^\d{1,2}$/.test(leadText) ? Number(leadText) : NaN;
    if (!(lead >= 0 && lead <= 60)) problems.lead = t('services.badLead');
    const weekdays = this.#checked('weekday').map(Number);
    if (!weekdays.length) problems.weekdays = t('services.needWeekday');
    const closed = this.#value('closed')
      .split(/[\s,;]+/)
      .filter(Boolean);
    const badDate = closed.find((d) => !isCalendarDate(d));
    if (badDate) problems.closed = t('services.badDate', { date: badDate });
    const rule = this.#value('rule') as CutoffRule;
    const timeText = this.#value('time');
    if (rule !== 'none' && parseTime(timeText) === null) problems.time = t('services.badTime');
    const customers = this.#checked('customer');
    if (this.audience === 'listed' && !customers.length) problems.customers = t('services.needCustomer');
    const minimumText = this.#value('minimum');
    const minimum = minimumText === '' ? null : parseAmount(minimumText);
    if (minimumText !== '' && minimum === null) problems.minimum = t('settings.badMoney');
    this.fieldErrors = problems;
    if (Object.keys(problems).length) return null;
    const status = this.#value('creation-status');
    return {
      name,
      kind: this.#value('kind') === 'collection' ? 'collection' : 'delivery',
      customers: this.audience === 'all' ? 'all' : customers,
      lead_days: lead,
      weekdays,
      closed_dates: [...new Set(closed)].sort(),
      cutoff_rule: rule,
      cutoff_time: rule === 'none' ? null : timeText,
      order_creation_status: status === '' ? null : (status as OrderCreationStatus),
      minimum_order_minor: minimum,
    };
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
      (this.service
        ? this.client.call('patchDeliveryService', { params: { id: this.service.id }, body })
        : this.client.call('createDeliveryService', { body })
      ).catch((error: { fieldProblems?: typeof problems }) => {
        problems = error.fieldProblems ?? [];
        throw error;
      }),
    );
    if (!saved) {
      const fieldErrors: Record<string, string> = {};
      for (const p of problems) {
        const field = FIELD_OF_PATH[p.path.replace(/\.\d+$/, '')];
        if (field) fieldErrors[field] = p.message;
      }
      this.fieldErrors = fieldErrors;
      return;
    }
    this.dispatchEvent(new CustomEvent('console-saved', { detail: saved }));
  }

  /** A labelled control with its hint and, once refused, its error, both named by `aria-describedby`. */
  #field(
    name: string,
    label: string,
    input: (id: string, invalid: 'true' | 'false', describedBy: string | typeof nothing) => unknown,
    hint?: string,
  ) {
    const id = this.#id(name);
    const error = this.fieldErrors[name];
    const described = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
    return html`
      <div class="field">
        <label for=${id}>${label}</label>
        ${input(id, error ? 'true' : 'false', described || nothing)}
        ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : nothing}
        ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing}
      </div>`;
  }

  /** A group of checkboxes with its legend, its error under it. */
  #group(name: string, legend: string, boxes: unknown, grid = true) {
    const error = this.fieldErrors[name];
    const id = this.#id(name);
    return html`
      <fieldset class="boxes" id=${id} tabindex="-1" aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}>
        <legend>${legend}</legend>
        ${grid ? html`<div class="box-grid">${boxes}</div>` : boxes}
        ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing}
      </fieldset>`;
  }

  override render() {
    const s = this.service;
    const option = (value: string, label: string, current: string | null | undefined) =>
      html`<option value=${value} ?selected=${(current ?? '') === value}>${label}</option>`;
    const listed = new Set(s && s.customers !== 'all' ? s.customers : []);
    const weekdays = new Set(s?.weekdays ?? [1, 2, 3, 4, 5]);
    return html`
      <section class="card panel" aria-labelledby=${this.#id('title')}>
        <h2 id=${this.#id('title')} tabindex="-1">${s ? t('services.editTitle', { name: s.name }) : t('services.new')}</h2>
        <form novalidate @submit=${this.#submit}>
          <div class="form-grid">
            ${this.#field('name', t('services.name'), (id, invalid, d) => html`<input id=${id} autocomplete="off" maxlength="100" .value=${s?.name ?? ''} aria-invalid=${invalid} aria-describedby=${d}>`)}
            ${this.#field(
              'kind',
              t('services.kind'),
              (id) => html`<select id=${id}>
              ${option('delivery', t('services.kind.delivery'), s?.kind ?? 'delivery')}
              ${option('collection', t('services.kind.collection'), s?.kind)}
            </select>`,
            )}
            ${this.#field('lead', t('services.lead'), (id, invalid, d) => html`<input id=${id} inputmode="numeric" .value=${String(s?.lead_days ?? 0)} aria-invalid=${invalid} aria-describedby=${d}>`, t('services.leadHint'))}
            ${this.#field(
              'rule',
              t('services.rule'),
              (
                id,
              ) => html`<select id=${id} @change=${(e: Event) => (this.rule = (e.target as HTMLSelectElement).value as CutoffRule)}>
              ${CUTOFF_RULES.map((r) => option(r, t(`cutoff.${r}`), s?.cutoff_rule ?? 'none'))}
            </select>`,
            )}
            ${
              this.rule === 'none'
                ? nothing
                : this.#field(
                    'time',
                    t('services.time'),
                    (id, invalid, d) =>
                      html`<input id=${id} inputmode="numeric" placeholder="14:00" maxlength="5" .value=${s?.cutoff_time ?? ''} aria-invalid=${invalid} aria-describedby=${d}>`,
                    t('services.timeHint'),
                  )
            }
            ${this.#field(
              'creation-status',
              t('settings.creationStatus'),
              (id) => html`<select id=${id}>
              ${option('', t('services.creationFallback'), s?.order_creation_status)}
              ${ORDER_CREATION_STATUSES.map((m) => option(m, t(`creation.${m}`), s?.order_creation_status))}
            </select>`,
            )}
            ${this.#field('minimum', t('services.minimum'), (id, invalid, d) => html`<input id=${id} inputmode="decimal" .value=${s?.minimum_order_minor != null ? amount(s.minimum_order_minor).replace(/[^\d.,]/g, '') : ''} aria-invalid=${invalid} aria-describedby=${d}>`, t('services.minimumHint'))}
            ${this.#field('closed', t('services.closed'), (id, invalid, d) => html`<input id=${id} autocomplete="off" .value=${(s?.closed_dates ?? []).join(', ')} aria-invalid=${invalid} aria-describedby=${d}>`, t('services.closedHint'))}
          </div>
          ${this.#group(
            'weekdays',
            t('services.weekdays'),
            WEEKDAYS.map(
              (day) =>
                html`<label class="check"><input type="checkbox" name=${this.#id('weekday')} value=${day} .checked=${weekdays.has(day)}> ${t(`weekday.${day}`)}</label>`,
            ),
          )}
          ${this.#group(
            'customers',
            t('services.audience'),
            html`
            <div class="audience">
              <label class="check"><input type="radio" name=${this.#id('audience')} value="all" .checked=${this.audience === 'all'}
                @change=${() => (this.audience = 'all')}> ${t('services.audience.all')}</label>
              <label class="check"><input type="radio" name=${this.#id('audience')} value="listed" .checked=${this.audience === 'listed'}
                @change=${() => (this.audience = 'listed')}> ${t('services.audience.listed')}</label>
            </div>
            ${
              this.audience === 'listed'
                ? html`<div class="box-grid names">${this.customers.map(
                    (c) =>
                      html`<label class="check"><input type="checkbox" name=${this.#id('customer')} value=${c.id} .checked=${listed.has(c.id)}> ${c.business_name}</label>`,
                  )}</div>`
                : nothing
            }`,
            false,
          )}
          <div class="row">
            <button type="submit" class="primary" aria-describedby=${this.describedBy('save')} aria-disabled=${this.busy.save ? 'true' : 'false'}>${s ? t('services.save') : t('services.create')}</button>
            ${s ? html`<button type="button" @click=${() => this.dispatchEvent(new Event('console-close'))}>${t('common.cancel')}</button>` : nothing}
          </div>
          ${this.errorFor('save')}
        </form>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-delivery-service-form': ConsoleDeliveryServiceForm;
  }
}
