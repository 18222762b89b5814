import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Answer } from '../api.ts';
import { dateTime, t } from '../i18n.ts';
import { ConsoleScreen } from '../screen.ts';

type Item = Answer<'listActivity'>['items'][number];

/**
 * A customer's activity, newest first: links used, made, revoked; orders placed; changes asked;
 * quotes answered; orders approved or rejected by the account's Admins.
 *
 * @summary The console's activity panel of a customer.
 * @fires console-close - The person closes the panel.
 */
@customElement('console-activity')
export class ConsoleActivity extends ConsoleScreen {
  @property({ attribute: false }) customer!: { id: string; business_name: string };

  @state() private items: Item[] | null = null;
  @state() private nextCursor: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  override async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  async #load(cursor?: string) {
    const page = await this.run('load', () =>
      this.client.call('listActivity', { query: { customer_id: this.customer.id, limit: 20, cursor } }),
    );
    if (!page) return;
    this.items = cursor ? [...(this.items ?? []), ...page.items] : page.items;
    this.nextCursor = page.next_cursor;
  }

  /** An entry's words: what happened, to which document or link; a decision says who made it ("Order SO-… approved by Ana Ruiz"). */
  #text(item: Item) {
    if (item.kind === 'order_approved' || item.kind === 'order_rejected') {
      const said = t(`activity.${item.kind}`, { number: item.document?.number ?? '', name: item.by ?? '' });
      return item.reason ? `${said} ${t('activity.reason', { reason: item.reason })}` : said;
    }
    return html`${t(`activity.${item.kind}`)}${item.document ? html` <strong>${item.document.number}</strong>` : nothing}${item.link ? html` <span class="secret">${item.link.hint}</span>` : nothing}`;
  }

  override render() {
    return html`
      <section class="card panel" aria-labelledby="activity-title">
        <h3 id="activity-title" tabindex="-1">${t('activity.title', { name: this.customer.business_name })}</h3>
        ${this.errorFor('load')}
        ${this.items === null && !this.errors.load ? html`<p class="status">${t('common.loading')}</p>` : nothing}
        ${this.items?.length === 0 ? html`<p class="status">${t('activity.none')}</p>` : nothing}
        <ul class="plain">
          ${(this.items ?? []).map((item) => html`<li><span class="muted">${dateTime(item.at)}</span> — ${this.#text(item)}</li>`)}
        </ul>
        ${this.nextCursor ? html`<button type="button" @click=${() => this.#load(this.nextCursor!)}>${t('common.loadMore')}</button>` : nothing}
        <p><button type="button" @click=${() => this.dispatchEvent(new Event('console-close'))}>${t('common.close')}</button></p>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-activity': ConsoleActivity;
  }
}
