import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Answer } from '../api.ts';
import { amount, t } from '../i18n.ts';
import { ConsoleScreen } from '../screen.ts';
import './activity.ts';
import './approvals.ts';
import './customer-form.ts';
import './links.ts';

type Customer = Answer<'listCustomers'>['items'][number];
/** What is open below a customer: one panel at a time. */
type Panel = 'links' | 'edit' | 'activity' | 'approvals';

/**
 * Customers: searched by name or email (by the server), new and changed through one form,
 * archived and restored, each with its portal links and activity (opened below the customer,
 * focus moved there).
 *
 * @summary The console's customers screen.
 */
@customElement('console-customers')
export class ConsoleCustomers extends ConsoleScreen {
  @state() private customers: Customer[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loaded = false;
  @state() private search = '';
  @state() private showArchived = false;
  @state() private creating = false;
  /** The customer whose panel is open, and which panel. */
  @state() private open: { id: string; panel: Panel } | null = null;

  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(cursor?: string) {
    const q = this.search.trim() || undefined;
    const page = await this.run('load', () =>
      this.client.call('listCustomers', {
        query: { limit: 100, cursor, q, archived: this.showArchived ? 'any' : undefined },
      }),
    );
    if (!page) return;
    this.customers = cursor ? [...this.customers, ...page.items] : page.items;
    this.nextCursor = page.next_cursor;
    this.loaded = true;
    this.announce(this.customers.length ? t('customers.count', { n: this.customers.length }) : t('customers.none'));
  }

  #onSearch(event: InputEvent) {
    this.search = (event.target as HTMLInputElement).value;
    // One request when the typing pauses, not one per key.
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => void this.#load(), 250);
  }

  #onArchived(event: Event) {
    this.showArchived = (event.target as HTMLInputElement).checked;
    void this.#load();
  }

  async #toggle(id: string, panel: Panel) {
    const closing = this.open?.id === id && this.open.panel === panel;
    this.open = closing ? null : { id, panel };
    await this.updateComplete;
    if (closing) this.renderRoot.querySelector<HTMLElement>(`#${panel}-toggle-${CSS.escape(id)}`)?.focus();
    else await this.renderRoot.querySelector<ConsoleScreen>(`[data-panel="${id}"]`)?.focusHeading();
  }

  async #toggleNew() {
    this.creating = !this.creating;
    await this.updateComplete;
    if (this.creating) await this.renderRoot.querySelector<ConsoleScreen>('#new-customer')?.focusHeading();
    else this.renderRoot.querySelector<HTMLElement>('#new-toggle')?.focus();
  }

  async #created(event: CustomEvent<Customer>) {
    this.creating = false;
    this.announce(t('customerForm.created', { name: event.detail.business_name }));
    this.customers = [event.detail, ...this.customers.filter((c) => c.id !== event.detail.id)];
    // The new customer's links open at once: a new customer needs one.
    this.open = { id: event.detail.id, panel: 'links' };
    await this.updateComplete;
    await this.renderRoot.querySelector<ConsoleScreen>(`[data-panel="${event.detail.id}"]`)?.focusHeading();
  }

  async #saved(event: CustomEvent<Customer>) {
    this.customers = this.customers.map((c) => (c.id === event.detail.id ? event.detail : c));
    this.announce(t('customerForm.saved', { name: event.detail.business_name }));
    await this.#toggle(event.detail.id, 'edit');
  }

  /** A panel saved the customer and stays open: the card shows what was saved. */
  #changed = (event: CustomEvent<Customer>) => {
    this.customers = this.customers.map((c) => (c.id === event.detail.id ? event.detail : c));
  };

  async #archive(c: Customer) {
    const key = `archive-${c.id}`;
    const updated = await this.run(key, () =>
      this.client.call(c.archived_at ? 'unarchiveCustomer' : 'archiveCustomer', { params: { id: c.id } }),
    );
    if (!updated) return;
    this.customers = this.customers.map((x) => (x.id === c.id ? updated : x));
    this.announce(
      t(updated.archived_at ? 'customers.archivedDone' : 'customers.restoredDone', { name: c.business_name }),
    );
  }

  override render() {
    return html`
      <h1 tabindex="-1">${t('customers.title')}</h1>
      <div class="toolbar">
        <div class="field">
          <label for="search">${t('customers.search')}</label>
          <input id="search" type="search" .value=${this.search} @input=${this.#onSearch} aria-describedby="search-hint">
          <p class="hint" id="search-hint">${t('customers.searchHint')}</p>
        </div>
        <div class="check"><input id="show-archived" type="checkbox" .checked=${this.showArchived} @change=${this.#onArchived}><label for="show-archived">${t('customers.showArchived')}</label></div>
        <button id="new-toggle" type="button" class="primary" aria-expanded=${this.creating ? 'true' : 'false'} @click=${this.#toggleNew}>${t('customerForm.newTitle')}</button>
      </div>
      ${
        this.creating
          ? html`<console-customer-form id="new-customer" .client=${this.client} .language=${this.language}
        @console-saved=${this.#created} @console-close=${this.#toggleNew}></console-customer-form>`
          : nothing
      }
      ${this.errorFor('load')}
      ${this.errors.load && !this.loaded ? html`<button type="button" @click=${() => this.#load()}>${t('common.retry')}</button>` : nothing}
      ${!this.loaded && !this.errors.load ? html`<p class="status">${t('common.loading')}</p>` : nothing}
      ${
        this.loaded
          ? html`
        <p class="status">${this.customers.length ? t('customers.count', { n: this.customers.length }) : t('customers.none')}</p>
        <ul class="cards">${this.customers.map((c) => this.#customer(c))}</ul>
        ${this.nextCursor ? html`<p><button type="button" @click=${() => this.#load(this.nextCursor!)} aria-disabled=${this.busy.load ? 'true' : 'false'}>${t('common.loadMore')}</button></p>` : nothing}
      `
          : nothing
      }
    `;
  }

  #customer(c: Customer) {
    const s = c.settings;
    const open = this.open?.id === c.id ? this.open.panel : null;
    const freight = s.freight
      ? s.freight.free_over_minor === null
        ? t('customers.freightFlat', { flat: amount(s.freight.flat_minor) })
        : t('customers.freightValue', { flat: amount(s.freight.flat_minor), over: amount(s.freight.free_over_minor) })
      : t('common.default');
    const toggle = (panel: Panel, label: string, aria: string) => html`
      <button type="button" id=${`${panel}-toggle-${c.id}`} aria-expanded=${open === panel ? 'true' : 'false'} aria-label=${aria}
        @click=${() => this.#toggle(c.id, panel)}>${label}</button>`;
    const archiveKey = `archive-${c.id}`;
    return html`
      <li class="card customer" data-customer=${c.id}>
        <article aria-labelledby=${`customer-${c.id}`}>
          <h2 id=${`customer-${c.id}`}>${c.business_name} ${c.archived_at ? html`<span class="badge warn">${t('customers.archived')}</span>` : nothing}</h2>
          <dl class="fields">
            <div class="wide"><dt>${t('customers.email')}</dt><dd>${c.email ?? '—'}</dd></div>
            <div><dt>${t('customers.priceGroup')}</dt><dd>${c.price_group?.name ?? t('common.none')}</dd></div>
            <div><dt>${t('customers.template')}</dt><dd>${s.order_template ? t(`template.${s.order_template}`) : t('common.default')}</dd></div>
            <div><dt>${t('customers.checkout')}</dt><dd>${s.checkout_mode ? t(`checkout.${s.checkout_mode}`) : t('common.default')}</dd></div>
            <div><dt>${t('customers.freight')}</dt><dd>${freight}</dd></div>
            <div><dt>${t('customers.creditLimit')}</dt><dd>${amount(c.credit_limit_minor)}</dd></div>
            <div><dt>${t('customers.language')}</dt><dd>${c.language ? { en: 'English', es: 'Español' }[c.language] : t('common.default')}</dd></div>
            <div><dt>${t('customers.approval')}</dt><dd>${t(`customers.approval.${s.approval.required_for}`, { amount: amount(s.approval.amount_minor ?? 0) })}</dd></div>
          </dl>
          <div class="row">
            ${toggle('links', t('customers.links'), t('customers.linksFor', { name: c.business_name }))}
            ${toggle('edit', t('customers.edit'), t('customers.editFor', { name: c.business_name }))}
            ${toggle('approvals', t('customers.approvals'), t('customers.approvalsFor', { name: c.business_name }))}
            ${toggle('activity', t('customers.activity'), t('customers.activityFor', { name: c.business_name }))}
            <button type="button" aria-describedby=${this.describedBy(archiveKey)} aria-disabled=${this.busy[archiveKey] ? 'true' : 'false'}
              aria-label=${t(c.archived_at ? 'customers.restoreFor' : 'customers.archiveFor', { name: c.business_name })}
              @click=${() => this.#archive(c)}>${t(c.archived_at ? 'customers.restore' : 'customers.archive')}</button>
          </div>
          ${this.errorFor(archiveKey)}
          ${
            open === 'links'
              ? html`<console-links data-panel=${c.id} id=${`links-${c.id}`} .client=${this.client} .language=${this.language} .customer=${c}
            @console-close=${() => this.#toggle(c.id, 'links')}></console-links>`
              : nothing
          }
          ${
            open === 'edit'
              ? html`<console-customer-form data-panel=${c.id} .client=${this.client} .language=${this.language} .customer=${c}
            @console-saved=${this.#saved} @console-close=${() => this.#toggle(c.id, 'edit')}></console-customer-form>`
              : nothing
          }
          ${
            open === 'approvals'
              ? html`<console-approvals data-panel=${c.id} .client=${this.client} .language=${this.language} .customer=${c}
            @console-changed=${this.#changed} @console-close=${() => this.#toggle(c.id, 'approvals')}></console-approvals>`
              : nothing
          }
          ${
            open === 'activity'
              ? html`<console-activity data-panel=${c.id} .client=${this.client} .language=${this.language} .customer=${c}
            @console-close=${() => this.#toggle(c.id, 'activity')}></console-activity>`
              : nothing
          }
        </article>
      </li>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-customers': ConsoleCustomers;
  }
}
