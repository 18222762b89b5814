import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Answer } from '../api.ts';
import { amount, dateTime, t } from '../i18n.ts';
import { ConsoleScreen } from '../screen.ts';

type Request = Answer<'listOrderRequests'>['items'][number];
type Content = Request['current'];
type StateFilter = 'pending' | 'approved' | 'rejected' | 'all';

interface DiffRow {
  key: string;
  name: string;
  sku: string;
  uom: string;
  now: Content['lines'][number] | null;
  proposed: Content['lines'][number] | null;
}

/** The lines of both versions side by side, matched by product and unit; a line on one side only is 0 on the other. */
function diffLines(now: Content, proposed: Content | null): DiffRow[] {
  const rows = new Map<string, DiffRow>();
  for (const line of now.lines) {
    const key = `${line.product_id}|${line.uom}`;
    rows.set(key, { key, name: line.name, sku: line.sku, uom: line.uom, now: line, proposed: null });
  }
  for (const line of proposed?.lines ?? []) {
    const key = `${line.product_id}|${line.uom}`;
    const row = rows.get(key);
    if (row) row.proposed = line;
    else rows.set(key, { key, name: line.name, sku: line.sku, uom: line.uom, now: null, proposed: line });
  }
  return [...rows.values()];
}

/**
 * Customers' changes and cancellations of their orders: the order now and as proposed, side by
 * side, and approve, or reject with a reason the customer reads. Opened from an order (its
 * `orderId` and `customerId`), it shows that order's requests only.
 *
 * @summary The console's order change requests screen.
 */
@customElement('console-requests')
export class ConsoleRequests extends ConsoleScreen {
  /** Show only this order's requests (the orders screen links here); its customer's narrow the query. */
  @property({ attribute: false }) orderId: string | null = null;
  @property({ attribute: false }) customerId: string | null = null;

  @state() private filter: StateFilter = 'pending';
  @state() private requests: Request[] | null = null;
  @state() private nextCursor: string | null = null;
  /** The request whose rejection form is open. */
  @state() private rejecting: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(cursor?: string): Promise<void> {
    const filter = this.filter;
    const state = filter === 'all' ? undefined : filter;
    const page = await this.run('load', () =>
      this.client.call('listOrderRequests', {
        query: { state, cursor, limit: 50, client_id: this.customerId ?? undefined },
      }),
    );
    // The filter changed while this page was on its way (a second load is refused while one
    // runs): ask again for the one now chosen.
    if (filter !== this.filter) return this.#load();
    if (!page) return;
    const items = this.orderId ? page.items.filter((r) => r.order.id === this.orderId) : page.items;
    this.requests = cursor ? [...(this.requests ?? []), ...items] : items;
    this.nextCursor = page.next_cursor;
    this.announce(this.requests.length ? t('requests.count', { n: this.requests.length }) : t('requests.none'));
  }

  #onFilter(event: Event) {
    this.filter = (event.target as HTMLSelectElement).value as StateFilter;
    this.requests = null;
    void this.#load();
  }

  async #openReject(id: string) {
    this.rejecting = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#reason-${CSS.escape(id)}`)?.focus();
  }

  async #closeReject(id: string) {
    this.rejecting = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#reject-${CSS.escape(id)}`)?.focus();
  }

  async #decide(request: Request, decision: 'approve' | 'reject', reason?: string) {
    const params = { id: request.id };
    const decided = await this.run(`decide-${request.id}`, () =>
      decision === 'approve'
        ? this.client.call('approveOrderRequest', { params })
        : this.client.call('rejectOrderRequest', { params, body: reason ? { reason } : {} }),
    );
    if (!decided) return;
    this.rejecting = null;
    const index = this.requests?.findIndex((r) => r.id === request.id) ?? -1;
    // Out of a pending list it goes; elsewhere it shows its new state.
    this.requests =
      this.filter === 'pending'
        ? (this.requests ?? []).filter((r) => r.id !== request.id)
        : (this.requests ?? []).map((r) => (r.id === request.id ? { ...r, ...decided } : r));
    this.announce(
      t(decision === 'approve' ? 'requests.approved' : 'requests.rejected', { number: request.order.number }),
    );
    await this.updateComplete;
    // The focus goes to the next request to decide, or to the count when none is left.
    const headings = [...this.renderRoot.querySelectorAll<HTMLElement>('.request h2')];
    (headings[Math.min(index, headings.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('#count'))?.focus();
  }

  override render() {
    return html`
      <h1 tabindex="-1">${t('requests.title')}</h1>
      <div class="toolbar">
        <div class="field">
          <label for="state">${t('requests.show')}</label>
          <select id="state" @change=${this.#onFilter}>
            ${(['pending', 'approved', 'rejected', 'all'] as const).map((s) => html`<option value=${s} ?selected=${s === this.filter}>${t(`state.${s}`)}</option>`)}
          </select>
        </div>
      </div>
      ${
        this.orderId
          ? html`<p class="notice">${t('requests.oneOrder')} <a href="#/requests">${t('requests.showEvery')}</a></p>`
          : nothing
      }
      ${this.errorFor('load')}
      ${this.errors.load && !this.requests ? html`<button type="button" @click=${() => this.#load()}>${t('common.retry')}</button>` : nothing}
      ${this.requests === null && !this.errors.load ? html`<p class="status">${t('common.loading')}</p>` : nothing}
      ${
        this.requests
          ? html`
        <p class="status" id="count" tabindex="-1">${this.requests.length ? t('requests.count', { n: this.requests.length }) : t('requests.none')}</p>
        <ul class="cards">${this.requests.map((r) => this.#request(r))}</ul>
        ${this.nextCursor ? html`<p><button type="button" @click=${() => this.#load(this.nextCursor!)}>${t('common.loadMore')}</button></p>` : nothing}
      `
          : nothing
      }
    `;
  }

  #request(r: Request) {
    const key = `decide-${r.id}`;
    return html`
      <li class="card request" data-request=${r.id}>
        <article aria-labelledby=${`request-${r.id}`}>
          <h2 id=${`request-${r.id}`} tabindex="-1">${t('requests.heading', { kind: t(`kind.${r.kind}`), number: r.order.number })}
            <span class="badge ${r.state === 'pending' ? 'warn' : r.state === 'approved' ? 'ok' : 'danger'}">${t(`state.${r.state}`)}</span></h2>
          <dl class="fields">
            <div><dt>${t('requests.customer')}</dt><dd>${r.customer.business_name}</dd></div>
            <div><dt>${t('requests.asked')}</dt><dd>${dateTime(r.created_at)}</dd></div>
            <div><dt>${t('requests.orderStatus')}</dt><dd>${t(`status.${r.order.status}`)}</dd></div>
            ${r.decided_at ? html`<div><dt>${t('requests.decided')}</dt><dd>${dateTime(r.decided_at)}</dd></div>` : nothing}
            ${r.reason ? html`<div><dt>${t('requests.reason')}</dt><dd>${r.reason}</dd></div>` : nothing}
            ${r.rejection_reason ? html`<div><dt>${t('requests.rejectionReason')}</dt><dd>${r.rejection_reason}</dd></div>` : nothing}
          </dl>
          ${r.kind === 'cancel' ? html`<p><strong>${t('diff.cancelAll')}</strong></p>` : nothing}
          ${this.#diff(r)}
          ${
            r.state === 'pending'
              ? html`
            <div class="row actions">
              <button type="button" class="primary" aria-describedby=${this.describedBy(key)} aria-disabled=${this.busy[key] ? 'true' : 'false'}
                @click=${() => this.#decide(r, 'approve')}>${t('requests.approve')}</button>
              <button type="button" id=${`reject-${r.id}`} aria-expanded=${this.rejecting === r.id ? 'true' : 'false'}
                @click=${() => (this.rejecting === r.id ? this.#closeReject(r.id) : this.#openReject(r.id))}>${t('requests.reject')}</button>
            </div>
            ${
              this.rejecting === r.id
                ? html`
              <form novalidate @submit=${(e: SubmitEvent) => {
                e.preventDefault();
                void this.#decide(
                  r,
                  'reject',
                  (
                    this.renderRoot.querySelector<HTMLTextAreaElement>(`#reason-${CSS.escape(r.id)}`)?.value ?? ''
                  ).trim(),
                );
              }}>
                <div class="field">
                  <label for=${`reason-${r.id}`}>${t('requests.rejectReason')}</label>
                  <textarea id=${`reason-${r.id}`} rows="2" maxlength="500"></textarea>
                </div>
                <div class="row">
                  <button type="submit" class="primary" aria-describedby=${this.describedBy(key)}>${t('requests.rejectConfirm')}</button>
                  <button type="button" @click=${() => this.#closeReject(r.id)}>${t('common.cancel')}</button>
                </div>
              </form>`
                : nothing
            }
            ${this.errorFor(key)}`
              : nothing
          }
        </article>
      </li>
    `;
  }

  #diff(r: Request) {
    const proposed = r.kind === 'cancel' ? null : r.proposed;
    // Quantity, then the line's total under it: narrow enough for three columns at 390 px.
    const cell = (line: Content['lines'][number] | null) =>
      line ? html`${line.quantity}<br><span class="muted">${amount(line.line_total_minor)}</span>` : '—';
    const changed = (a: string, b: string) =>
      a !== b
        ? html`<span class="mark" aria-hidden="true">●</span><span class="visually-hidden">${t('diff.changed')}</span>`
        : nothing;
    const money = (label: string, now: number, next: number | undefined) => {
      const b = next === undefined ? '—' : amount(next);
      return html`<tr class=${next !== undefined && now !== next ? 'changed' : ''}><th scope="row">${label}</th><td class="num">${amount(now)}</td><td class="num">${b} ${next !== undefined ? changed(amount(now), b) : nothing}</td></tr>`;
    };
    const refNow = r.current.customer_reference ?? '—';
    const refNext = proposed ? (proposed.customer_reference ?? '—') : '—';
    return html`
      <div class="diff">
        <table>
          <caption>${t('diff.caption', { number: r.order.number })}</caption>
          <thead><tr><th scope="col">${t('diff.product')}</th><th scope="col" class="num">${t('diff.now')}</th><th scope="col" class="num">${t('diff.proposed')}</th></tr></thead>
          <tbody>
            ${diffLines(r.current, proposed).map((row) => {
              const a = cell(row.now);
              const b = proposed ? cell(row.proposed) : '—';
              const isChanged = proposed !== null && (row.now?.quantity ?? 0) !== (row.proposed?.quantity ?? 0);
              return html`<tr class=${isChanged ? 'changed' : ''}><th scope="row">${row.name} <span class="muted">${row.sku} · ${row.uom}</span></th>
                <td class="num">${a}</td><td class="num">${b} ${isChanged ? changed('a', 'b') : nothing}</td></tr>`;
            })}
            <tr class=${proposed && refNow !== refNext ? 'changed' : ''}><th scope="row">${t('diff.reference')}</th><td class="num">${refNow}</td><td class="num">${refNext} ${proposed ? changed(refNow, refNext) : nothing}</td></tr>
            ${money(t('diff.subtotal'), r.current.subtotal_minor, proposed?.subtotal_minor)}
            ${money(t('diff.freight'), r.current.freight_minor, proposed?.freight_minor)}
            ${money(t('diff.total'), r.current.total_minor, proposed?.total_minor)}
          </tbody>
        </table>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-requests': ConsoleRequests;
  }
}
