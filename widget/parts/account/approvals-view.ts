import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { endpoints } from '../../api/contract.gen.ts';
import { ApiError } from '../../api/errors.ts';
import type { AwaitingOrder } from '../../contract/index.ts';
import { define } from '../../define.ts';
import { AccountView } from './account-view.ts';

/**
 * The portal's Approvals page (issue 16), for the account's Admins: the orders waiting for them,
 * with their lines and who asked; Approve, or Reject with a reason. Internal part of <customer-portal>.
 */
@localized()
export class PortalApprovalsView extends AccountView {
  static override styles = [
    AccountView.styles,
    css`
      .approvals { list-style: none; padding: 0; margin: 0; display: grid; gap: 16px; }
      .approval { border: 1px solid var(--_portal-border, #d0d5dd); border-radius: 8px; padding: 12px 16px; }
      .approval h3 { margin: 0 0 4px; font-size: 1.05em; }
      .approval table { border-collapse: collapse; width: 100%; margin: 8px 0; }
      .approval th, .approval td { text-align: left; padding: 4px 8px 4px 0; }
      .approval .num { text-align: right; }
      .actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-start; }
      .reject { display: grid; gap: 4px; min-width: min(100%, 320px); }
      .field-error { color: var(--portal-danger, #b42318); margin: 0; }
      .done { margin: 0 0 12px; }
    `,
  ];

  /** The order whose reject form is open. */
  @state() private rejecting: string | null = null;
  @state() private reasonError = '';
  @state() private busy: string | null = null;
  @state() private told = '';

  readonly #list = new Task(this, {
    args: () => [this.store] as const,
    task: async ([store], { signal }) =>
      store ? (await store.client.call(endpoints.listApprovals, {}, { signal })).items : undefined,
  });

  protected override render() {
    return html`${this.pageHead(msg('Approvals'))}
      ${this.told ? html`<p class="done" role="status">${this.told}</p>` : nothing}
      ${this.#list.render({
        pending: () => html`<p>${msg('Loading the orders waiting for approval…')}</p>`,
        error: (error) => html`<p role="alert">${error instanceof Error ? error.message : String(error)}</p>`,
        complete: (orders) =>
          !orders || orders.length === 0
            ? this.empty(
                msg('Nothing waits for approval'),
                msg("Orders your Buyers place that need an Admin's approval show here."),
              )
            : html`<ul class="approvals">${orders.map((o) => this.#order(o))}</ul>`,
      })}`;
  }

  #order(o: AwaitingOrder) {
    const rejecting = this.rejecting === o.id;
    const by = o.placed_by?.name ?? msg('the account', { desc: 'Who placed an order, when no person is known' });
    return html`<li class="approval" aria-labelledby="t-${o.id}">
      <h3 id="t-${o.id}">${o.number} · ${this.money(o.total_minor, o.currency)}</h3>
      <p class="muted">${msg(str`Placed by ${by} on ${this.day(o.created_at)}`)}</p>
      <table>
        <thead><tr><th scope="col">${msg('Product')}</th><th scope="col" class="num">${msg('Quantity')}</th><th scope="col" class="num">${msg('Total')}</th></tr></thead>
        <tbody>${o.lines.map(
          (l) =>
            html`<tr><td>${l.name} <span class="muted">${l.sku}</span></td><td class="num">${l.quantity} ${l.uom}</td><td class="num">${this.money(l.line_total_minor, o.currency)}</td></tr>`,
        )}</tbody>
      </table>
      <div class="actions">
        <button type="button" class="primary" part="button" ?disabled=${this.busy !== null} @click=${() => this.#approve(o)}>${msg('Approve')}</button>
        ${
          rejecting
            ? html`<form class="reject" @submit=${(e: Event) => this.#reject(e, o)}>
              <label for="reason-${o.id}">${msg('Reason for rejecting')}</label>
              <textarea id="reason-${o.id}" name="reason" rows="2" maxlength="500" aria-invalid=${this.reasonError ? 'true' : 'false'} aria-describedby=${this.reasonError ? `reason-error-${o.id}` : nothing}></textarea>
              ${this.reasonError ? html`<p class="field-error" id="reason-error-${o.id}">${this.reasonError}</p>` : nothing}
              <div class="actions">
                <button type="submit" part="button" ?disabled=${this.busy !== null}>${msg('Reject order')}</button>
                <button type="button" part="button" @click=${() => this.#closeReject()}>${msg('Cancel', { desc: 'A button: close the dialog without doing anything' })}</button>
              </div>
            </form>`
            : html`<button type="button" part="button" ?disabled=${this.busy !== null} @click=${() => this.#openReject(o)}>${msg('Reject…')}</button>`
        }
      </div>
    </li>`;
  }

  async #openReject(o: AwaitingOrder) {
    this.rejecting = o.id;
    this.reasonError = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>(`#reason-${o.id}`)?.focus();
  }

  #closeReject() {
    this.rejecting = null;
    this.reasonError = '';
  }

  async #approve(o: AwaitingOrder) {
    await this.#decide(
      o,
      () => this.store!.client.call(endpoints.approveOrder, { id: o.id }),
      msg(str`Order ${o.number} approved.`),
    );
  }

  async #reject(event: Event, o: AwaitingOrder) {
    event.preventDefault();
    const field = this.renderRoot.querySelector<HTMLTextAreaElement>(`#reason-${o.id}`)!;
    const reason = field.value.trim();
    if (!reason) {
      this.reasonError = msg('Say why, so the buyer knows.');
      await this.updateComplete;
      field.focus();
      return;
    }
    await this.#decide(
      o,
      () => this.store!.client.call(endpoints.rejectOrder, { id: o.id }, { body: { reason } }),
      msg(str`Order ${o.number} rejected.`),
    );
  }

  async #decide(o: AwaitingOrder, call: () => Promise<unknown>, done: string) {
    this.busy = o.id;
    try {
      await call();
      this.told = done;
      this.rejecting = null;
      this.reasonError = '';
      await this.#list.run();
    } catch (error) {
      if (error instanceof ApiError && this.rejecting === o.id) this.reasonError = error.message;
      else this.told = error instanceof Error ? error.message : String(error);
      if (error instanceof ApiError && error.status === 409) await this.#list.run();
    } finally {
      this.busy = null;
    }
  }
}

define('portal-approvals-view', PortalApprovalsView);

declare global {
  interface HTMLElementTagNameMap {
    'portal-approvals-view': PortalApprovalsView;
  }
}
