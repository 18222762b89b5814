import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Answer, BodyOf } from '../api.ts';
import { date, dateTime, t } from '../i18n.ts';
import { ConsoleScreen } from '../screen.ts';

type Customer = Answer<'listCustomers'>['items'][number];
type Token = Answer<'listTokens'>['items'][number];
type Share = Answer<'sendToken'>['share'];

/** The address a customer opens: the demo shop page with the token in the fragment (never sent to a server). */
export const portalLink = (token: string): string =>
  `${location.origin}/examples/#portal_token=${encodeURIComponent(token)}`;

/**
 * One customer's portal links: create one (shown once, with a copy button), the list with each
 * link's state, send one by email (then its ready texts for messaging apps, each with a copy
 * button), and revoke (confirmed in place).
 *
 * @summary The console's links panel of a customer.
 * @fires console-close - The person closes the panel.
 */
@customElement('console-links')
export class ConsoleLinks extends ConsoleScreen {
  @property({ attribute: false }) customer!: Customer;

  @state() private tokens: Token[] | null = null;
  @state() private created: string | null = null;
  @state() private copyNote = '';
  @state() private confirming: string | null = null;
  @state() private expiresError = '';
  /** The link whose send form is open. */
  @state() private sending: string | null = null;
  /** Where each link was last sent, by link id. */
  @state() private sentTo: Record<string, string> = {};
  /** The share texts the last send of each link answered, by link id. */
  @state() private shares: Record<string, Share> = {};
  /** What the last copy of a share text said, by link id. */
  @state() private shareNote: Record<string, string> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load() {
    const page = await this.run('tokens', () =>
      this.client.call('listTokens', { query: { client_id: this.customer.id, limit: 100 } }),
    );
    if (page) this.tokens = page.items;
  }

  override async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  async #create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const expires = (form.elements.namedItem('expires') as HTMLInputElement).value;
    const browseOnly = (form.elements.namedItem('browse-only') as HTMLInputElement).checked;
    const body: BodyOf<'createToken'> = { client_id: this.customer.id };
    this.expiresError = '';
    if (expires) {
      const at = new Date(`${expires}T23:59:59`);
      if (Number.isNaN(at.getTime()) || at <= new Date()) {
        this.expiresError = t('links.badDate');
        (form.elements.namedItem('expires') as HTMLInputElement).focus();
        return;
      }
      body.expires_at = at.toISOString();
    }
    if (browseOnly) body.permissions = { place_orders: false };
    const created = await this.run('create', () => this.client.call('createToken', { body }));
    if (!created) return;
    this.created = created.url ?? portalLink(created.token);
    this.copyNote = '';
    form.reset();
    this.announce(t('links.created'));
    await this.#load();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#created-link')?.focus();
  }

  async #copy() {
    if (!this.created) return;
    try {
      await navigator.clipboard.writeText(this.created);
      this.copyNote = t('links.copied');
    } catch {
      this.renderRoot.querySelector<HTMLInputElement>('#created-link')?.select();
      this.copyNote = t('links.copyFailed');
    }
    this.announce(this.copyNote);
  }

  async #askRevoke(id: string) {
    this.confirming = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#revoke-yes')?.focus();
  }

  async #cancelRevoke(id: string) {
    this.confirming = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#revoke-${CSS.escape(id)}`)?.focus();
  }

  async #revoke(id: string) {
    const done = await this.run(`revoke-${id}`, async () => {
      await this.client.call('revokeToken', { params: { id } });
      return true;
    });
    if (!done) return;
    this.confirming = null;
    this.announce(t('links.revokedDone'));
    await this.#load();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#tokens-title')?.focus();
  }

  async #toggleSend(id: string) {
    this.sending = this.sending === id ? null : id;
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLElement>(this.sending ? `#send-to-${CSS.escape(id)}` : `#send-${CSS.escape(id)}`)
      ?.focus();
  }

  async #send(event: SubmitEvent, id: string) {
    event.preventDefault();
    const to = this.renderRoot.querySelector<HTMLInputElement>(`#send-to-${CSS.escape(id)}`)?.value.trim() ?? '';
    const message =
      this.renderRoot.querySelector<HTMLTextAreaElement>(`#send-message-${CSS.escape(id)}`)?.value.trim() ?? '';
    const sent = await this.run(`send-${id}`, () =>
      this.client.call('sendToken', {
        params: { id },
        body: { ...(to ? { to } : {}), ...(message ? { message } : {}) },
      }),
    );
    if (!sent) return;
    this.sending = null;
    this.sentTo = { ...this.sentTo, [id]: sent.sent_to };
    this.shares = { ...this.shares, [id]: sent.share };
    this.shareNote = { ...this.shareNote, [id]: '' };
    this.announce(t('links.sent', { to: sent.sent_to }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#send-${CSS.escape(id)}`)?.focus();
  }

  async #copyShare(id: string, fieldId: string, what: string) {
    const field = this.renderRoot.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${CSS.escape(fieldId)}`);
    if (!field) return;
    let note: string;
    try {
      await navigator.clipboard.writeText(field.value);
      note = t('links.shareCopied', { what });
    } catch {
      field.select();
      note = t('links.shareCopyFailed');
    }
    this.shareNote = { ...this.shareNote, [id]: note };
    this.announce(note);
  }

  /** The ready texts of a sent link, for messaging apps: read-only, each with its copy button. */
  #share(id: string, share: Share) {
    const rows: { key: string; label: string; value: string; multiline: boolean }[] = [
      { key: 'text', label: t('links.shareText'), value: share.text, multiline: true },
      { key: 'whatsapp', label: t('links.shareWhatsapp'), value: share.whatsapp_url, multiline: false },
      { key: 'sms', label: t('links.shareSms'), value: share.sms_url, multiline: false },
    ];
    return html`
      <section class="panel share" aria-labelledby=${`share-title-${id}`}>
        <h4 id=${`share-title-${id}`}>${t('links.shareTitle')}</h4>
        ${rows.map((row) => {
          const fieldId = `share-${row.key}-${id}`;
          return html`
          <div class="field">
            <label for=${fieldId}>${row.label}</label>
            ${
              row.multiline
                ? html`<textarea id=${fieldId} readonly rows="3" .value=${row.value}></textarea>`
                : html`<input id=${fieldId} class="secret" readonly .value=${row.value}>`
            }
            <p><button type="button" aria-label=${t('links.shareCopyLabel', { what: row.label })}
              @click=${() => this.#copyShare(id, fieldId, row.label)}>${t('links.shareCopy')}</button></p>
          </div>`;
        })}
        ${this.shareNote[id] ? html`<p class="hint">${this.shareNote[id]}</p>` : nothing}
      </section>`;
  }

  #sendForm(token: Token) {
    const id = token.id;
    const key = `send-${id}`;
    return html`
      <form novalidate class="panel" @submit=${(e: SubmitEvent) => this.#send(e, id)}>
        <div class="field">
          <label for=${`send-to-${id}`}>${t('links.sendTo')}</label>
          <input id=${`send-to-${id}`} type="email" autocomplete="off" placeholder=${this.customer.email ?? ''}>
        </div>
        <div class="field">
          <label for=${`send-message-${id}`}>${t('links.sendMessage')}</label>
          <textarea id=${`send-message-${id}`} rows="3" maxlength="2000"></textarea>
        </div>
        <div class="row">
          <button type="submit" class="primary" aria-describedby=${this.describedBy(key)} aria-disabled=${this.busy[key] ? 'true' : 'false'}>${t('links.sendSubmit')}</button>
          <button type="button" @click=${() => this.#toggleSend(id)}>${t('common.cancel')}</button>
        </div>
        ${this.errorFor(key)}
      </form>`;
  }

  #state(token: Token) {
    if (token.revoked_at) return html`<span class="badge danger">${t('links.revoked')}</span>`;
    if (token.expires_at && new Date(token.expires_at) <= new Date())
      return html`<span class="badge warn">${t('links.expired')}</span>`;
    return html`<span class="badge ok">${t('links.active')}</span>`;
  }

  override render() {
    const id = this.customer.id;
    return html`
      <section class="card panel" aria-labelledby="links-title">
        <div class="row">
          <h3 id="links-title" tabindex="-1">${t('links.title', { name: this.customer.business_name })}</h3>
        </div>
        <form novalidate @submit=${this.#create}>
          <div class="toolbar">
            <div class="field">
              <label for=${`expires-${id}`}>${t('links.expires')}</label>
              <input id=${`expires-${id}`} name="expires" type="date" aria-invalid=${this.expiresError ? 'true' : 'false'}
                aria-describedby=${this.expiresError ? `expires-error-${id}` : nothing}>
              ${this.expiresError ? html`<p class="error" role="alert" id=${`expires-error-${id}`}>${this.expiresError}</p>` : nothing}
            </div>
            <label class="check"><input type="checkbox" name="browse-only"> <span>${t('links.browseOnly')}</span></label>
          </div>
          <button class="primary" type="submit" aria-describedby=${this.describedBy('create')} aria-disabled=${this.busy.create ? 'true' : 'false'}>${t('links.create')}</button>
          ${this.errorFor('create')}
        </form>
        ${
          this.created
            ? html`
          <div class="created">
            <p class="ok">${t('links.created')}</p>
            <div class="field">
              <label for="created-link">${t('links.url')}</label>
              <input id="created-link" class="secret" readonly .value=${this.created}>
            </div>
            <button type="button" @click=${this.#copy}>${t('links.copy')}</button>
            ${this.copyNote ? html`<p class="hint">${this.copyNote}</p>` : nothing}
          </div>`
            : nothing
        }
        <h3 id="tokens-title" tabindex="-1">${this.tokens ? t('links.count', { n: this.tokens.length }) : t('common.loading')}</h3>
        ${this.errorFor('tokens')}
        ${this.tokens?.length === 0 ? html`<p class="status">${t('links.none')}</p>` : nothing}
        <ul class="cards">${(this.tokens ?? []).map((token) => this.#token(token))}</ul>
        <p><button type="button" @click=${() => this.dispatchEvent(new Event('console-close'))}>${t('common.close')}</button></p>
      </section>
    `;
  }

  #token(token: Token) {
    const revokeKey = `revoke-${token.id}`;
    return html`
      <li class="card token">
        <div class="row"><span class="secret">${token.hint}</span> ${this.#state(token)}</div>
        <dl class="fields">
          <div><dt>${t('links.createdAt')}</dt><dd>${dateTime(token.created_at)}</dd></div>
          <div><dt>${t('links.lastUsed')}</dt><dd>${token.last_used_at ? dateTime(token.last_used_at) : t('links.never')}</dd></div>
          <div><dt>${t('links.expiresAt')}</dt><dd>${token.expires_at ? date(token.expires_at) : t('links.noExpiry')}</dd></div>
        </dl>
        ${
          token.revoked_at
            ? nothing
            : this.confirming === token.id
              ? html`
          <div role="group" aria-labelledby=${`confirm-${token.id}`}>
            <p id=${`confirm-${token.id}`}>${t('links.revokeConfirm')}</p>
            <div class="row">
              <button id="revoke-yes" type="button" class="primary" aria-describedby=${this.describedBy(revokeKey)} @click=${() => this.#revoke(token.id)}>${t('links.revokeYes')}</button>
              <button type="button" @click=${() => this.#cancelRevoke(token.id)}>${t('common.cancel')}</button>
            </div>
          </div>`
              : html`
          <div class="row">
            <button id=${`send-${token.id}`} type="button" aria-expanded=${this.sending === token.id ? 'true' : 'false'} aria-label=${t('links.sendLabel', { hint: token.hint })}
              @click=${() => this.#toggleSend(token.id)}>${t('links.send')}</button>
            <button id=${`revoke-${token.id}`} type="button" aria-label=${t('links.revokeLabel', { hint: token.hint })} @click=${() => this.#askRevoke(token.id)}>${t('links.revoke')}</button>
          </div>`
        }
        ${this.sentTo[token.id] ? html`<p class="ok">${t('links.sent', { to: this.sentTo[token.id] })}</p>` : nothing}
        ${this.shares[token.id] && !token.revoked_at ? this.#share(token.id, this.shares[token.id]!) : nothing}
        ${this.sending === token.id && !token.revoked_at ? this.#sendForm(token) : nothing}
        ${this.errorFor(revokeKey)}
      </li>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-links': ConsoleLinks;
  }
}
