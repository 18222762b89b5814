import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Answer } from '../api.ts';
import { amount, t } from '../i18n.ts';
import { ConsoleScreen } from '../screen.ts';
import './delivery-service-form.ts';

type Service = Answer<'listDeliveryServices'>['data'][number];
type Customer = Answer<'listCustomers'>['items'][number];

/**
 * Delivery services (issue 17): listed with their rules, created, changed and deleted. Orders keep
 * the service and date they were placed with; a deleted service is no longer offered.
 *
 * @summary The console's delivery services screen.
 */
@customElement('console-delivery-services')
export class ConsoleDeliveryServices extends ConsoleScreen {
  @state() private services: Service[] | null = null;
  @state() private customers: Customer[] = [];
  /** The service being changed (its form open in its card), or null. */
  @state() private editing: string | null = null;
  /** The service whose deletion waits for a second press, or null. */
  @state() private confirming: string | null = null;
  /** Bumped after a create, so the new-service form starts empty. */
  @state() private formRevision = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
    void this.run('customers', () => this.client.call('listCustomers', { query: { limit: 100 } })).then((page) => {
      if (page) this.customers = page.items;
    });
  }

  async #load() {
    const list = await this.run('load', () => this.client.call('listDeliveryServices'));
    if (!list) return;
    this.services = list.data;
    this.announce(this.#count());
  }

  #count() {
    const n = this.services?.length ?? 0;
    return n ? t('services.count', { n }) : t('services.none');
  }

  async #focus(selector: string) {
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>(selector);
    await (target as { focusHeading?: () => Promise<void> } | null)?.focusHeading?.();
    if (!(target as { focusHeading?: unknown } | null)?.focusHeading) target?.focus();
  }

  #created(event: CustomEvent<Service>) {
    this.services = [...(this.services ?? []), event.detail].sort(
      (a, b) => a.position - b.position || a.name.localeCompare(b.name),
    );
    this.formRevision++;
    this.announce(t('services.created', { name: event.detail.name }));
  }

  #saved(event: CustomEvent<Service>) {
    this.services = (this.services ?? []).map((s) => (s.id === event.detail.id ? event.detail : s));
    this.editing = null;
    this.announce(t('services.saved', { name: event.detail.name }));
    void this.#focus(`[data-service="${event.detail.id}"] .edit`);
  }

  #edit(s: Service) {
    this.editing = s.id;
    this.confirming = null;
    void this.#focus(`[data-service="${s.id}"] console-delivery-service-form`);
  }

  #closeEdit(s: Service) {
    this.editing = null;
    void this.#focus(`[data-service="${s.id}"] .edit`);
  }

  async #delete(s: Service) {
    if (this.confirming !== s.id) {
      this.confirming = s.id;
      void this.#focus(`[data-service="${s.id}"] .confirm-delete`);
      return;
    }
    const key = `delete-${s.id}`;
    const done = await this.run(key, async () => {
      await this.client.call('deleteDeliveryService', { params: { id: s.id } });
      return true;
    });
    if (!done) return;
    this.confirming = null;
    this.services = (this.services ?? []).filter((x) => x.id !== s.id);
    this.announce(t('services.deleted', { name: s.name }));
    await this.focusHeading();
  }

  override render() {
    return html`
      <h1 tabindex="-1">${t('services.title')}</h1>
      <p class="hint">${t('services.intro')}</p>
      ${this.errorFor('load')}
      ${this.services === null && !this.errors.load ? html`<p class="status">${t('common.loading')}</p>` : nothing}
      ${
        this.services
          ? html`
        <p class="status">${this.#count()}</p>
        <ul class="cards">${this.services.map((s) => this.#service(s))}</ul>`
          : nothing
      }
      ${this.errorFor('customers')}
      ${keyed(
        this.formRevision,
        html`<console-delivery-service-form .client=${this.client} .language=${this.language}
          .customers=${this.customers} @console-saved=${this.#created}></console-delivery-service-form>`,
      )}
    `;
  }

  #audience(s: Service) {
    if (s.customers === 'all') return t('services.audience.all');
    const names = new Map(this.customers.map((c) => [c.id, c.business_name]));
    return s.customers.map((id) => names.get(id) ?? id).join(', ');
  }

  #service(s: Service) {
    if (this.editing === s.id)
      return html`<li class="service" data-service=${s.id}>
        <console-delivery-service-form .client=${this.client} .language=${this.language} .service=${s}
          .customers=${this.customers} @console-saved=${this.#saved} @console-close=${() => this.#closeEdit(s)}></console-delivery-service-form>
      </li>`;
    const key = `delete-${s.id}`;
    const cutoff = s.cutoff_rule === 'none' ? t('cutoff.none') : `${t(`cutoff.${s.cutoff_rule}`)} ${s.cutoff_time}`;
    return html`
      <li class="card service" data-service=${s.id}>
        <h2>${s.name} <span class="badge">${t(`services.kind.${s.kind}`)}</span></h2>
        <dl class="fields">
          <div class="wide"><dt>${t('services.audience')}</dt><dd>${this.#audience(s)}</dd></div>
          <div><dt>${t('services.lead')}</dt><dd>${s.lead_days}</dd></div>
          <div class="wide"><dt>${t('services.weekdays')}</dt><dd>${s.weekdays.map((d) => t(`weekday.${d as 1}`)).join(', ')}</dd></div>
          <div class="wide"><dt>${t('services.rule')}</dt><dd>${cutoff}</dd></div>
          <div><dt>${t('settings.creationStatus')}</dt><dd>${s.order_creation_status ? t(`creation.${s.order_creation_status}`) : t('services.creationFallback')}</dd></div>
          <div><dt>${t('services.minimum')}</dt><dd>${s.minimum_order_minor != null ? amount(s.minimum_order_minor) : t('common.none')}</dd></div>
          <div class="wide"><dt>${t('services.closed')}</dt><dd>${s.closed_dates.length ? s.closed_dates.join(', ') : t('common.none')}</dd></div>
        </dl>
        <div class="row">
          <button type="button" class="edit" aria-label=${t('services.editFor', { name: s.name })} @click=${() => this.#edit(s)}>${t('services.edit')}</button>
          ${
            this.confirming === s.id
              ? html`<span>${t('services.confirm', { name: s.name })}</span>
              <button type="button" class="confirm-delete danger" aria-describedby=${this.describedBy(key)}
                aria-disabled=${this.busy[key] ? 'true' : 'false'} @click=${() => this.#delete(s)}>${t('services.deleteNow')}</button>
              <button type="button" @click=${() => {
                this.confirming = null;
                void this.#focus(`[data-service="${s.id}"] .delete`);
              }}>${t('services.keep')}</button>`
              : html`<button type="button" class="delete" aria-label=${t('services.deleteFor', { name: s.name })}
                @click=${() => this.#delete(s)}>${t('services.delete')}</button>`
          }
        </div>
        ${this.errorFor(key)}
      </li>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-delivery-services': ConsoleDeliveryServices;
  }
}
