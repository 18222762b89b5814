import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import type { OrderDetail, SupplierCharge } from '../../contract/index.ts';
import { LIMITS } from '../../contract/limits.ts';
import { define } from '../../define.ts';
import { storeContext } from '../../state/context.ts';
import type { PortalStore } from '../../state/store.ts';
import { shared } from '../../styles/shared.ts';
import { errorCopy } from '../error-copy.ts';
import { apiError, charactersUsed } from './account-view.ts';

/** A charge was approved or rejected: `order` is the order now, its total with the approved charge. */
export class ChargeDecidedEvent extends Event {
  constructor(
    readonly order: OrderDetail,
    readonly charge: SupplierCharge,
  ) {
    super('portal-charge-decided');
  }
}

/** What to tell the customer when a decision is refused, beside the buttons. */
function failureText(error: unknown, supplier: string): string {
  const e = apiError(error);
  if (e.code === 'charge_not_pending')
    return msg(
      'This charge was already decided (in another tab, or by someone else). The order shows it as it is now.',
    );
  if (e.code === 'order_closed')
    return msg(str`This order is closed: ${supplier} no longer takes decisions on its charges.`, {
      desc: "The supplier's name",
    });
  if (e.kind === 'forbidden') return msg('Only people who may place orders can approve or reject charges.');
  const copy = errorCopy(e, supplier);
  return `${copy.title}. ${copy.body}`;
}

/**
 * The charges the supplier added to an order after checkout (issue 17): each named with its
 * amount and state. One that waits for the customer is labelled "To approve" with Approve and
 * Reject; Reject asks the reason in a small form. A refusal shows beside the buttons. Fires
 * `portal-charge-decided` with the order as it is after the decision. Internal part of the
 * Orders section, loaded with it.
 */
@localized()
export class PortalSupplierCharges extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; margin-block: var(--_space); }
      h3 { margin: 0 0 8px; font-size: 1.05rem; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
      li { border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); padding: 10px 12px; display: grid; gap: 6px; }
      li.pending { border-inline-start: 4px solid var(--_warning); }
      .head { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; justify-content: space-between; }
      .what { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: baseline; }
      .amount { font-weight: 600; font-variant-numeric: tabular-nums; }
      .badge.no { color: var(--_danger); }
      p { margin: 0; }
      .actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
      .problem { color: var(--_danger); margin: 0; }
      form { display: grid; gap: 6px; }
      label { display: grid; gap: 4px; font-weight: 600; }
      textarea { resize: vertical; min-height: 3.5em; font-weight: normal; }
      .count { font-size: .85rem; justify-self: end; }
      [aria-invalid='true'] { border-color: var(--_danger); }
    `,
  ];

  /** The order whose charges are shown. */
  @property({ attribute: false }) order!: OrderDetail;
  /** The supplier's name, as the portal names it. */
  @property() supplier = '';
  /** Whether this link may approve and reject (it may place orders). */
  @property({ type: Boolean, attribute: 'can-decide' }) canDecide = false;
  /** Formats an amount of the order's currency. */
  @property({ attribute: false }) money: (minor: number) => string = String;

  @consume({ context: storeContext }) private store!: PortalStore;

  /** The charge whose rejection reason is being typed. */
  @state() private rejecting: string | null = null;
  @state() private reason = '';
  @state() private reasonMissing = false;
  /** The charge being sent. */
  @state() private sending: string | null = null;
  /** A refusal, by charge. */
  @state() private problems = new Map<string, string>();

  #problem(chargeId: string, text: string | null): void {
    const next = new Map(this.problems);
    if (text === null) next.delete(chargeId);
    else next.set(chargeId, text);
    this.problems = next;
  }

  #focus(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  async #askReason(charge: SupplierCharge): Promise<void> {
    this.rejecting = charge.id;
    this.reason = '';
    this.reasonMissing = false;
    this.#problem(charge.id, null);
    this.#focus(`#reason-${charge.id}`);
  }

  #keep(charge: SupplierCharge): void {
    this.rejecting = null;
    this.#focus(`#reject-${charge.id}`);
  }

  async #decide(charge: SupplierCharge, reason: string | null): Promise<void> {
    if (this.sending) return;
    if (reason !== null && !reason.trim()) {
      this.reasonMissing = true;
      this.#focus(`#reason-${charge.id}`);
      return;
    }
    this.sending = charge.id;
    this.#problem(charge.id, null);
    try {
      const order = await this.store.decideCharge(this.order.id, charge.id, reason);
      this.rejecting = null;
      this.dispatchEvent(
        new ChargeDecidedEvent(order, order.supplier_charges?.find((c) => c.id === charge.id) ?? charge),
      );
      // The buttons are gone: the focus goes to the charge's outcome.
      this.#focus(`#state-${charge.id}`);
    } catch (error) {
      this.#problem(charge.id, failureText(error, this.supplier));
    } finally {
      this.sending = null;
    }
  }

  protected override render() {
    const charges = this.order?.supplier_charges ?? [];
    if (!charges.length) return nothing;
    return html`<section aria-labelledby="charges-title" part="supplier-charges">
      <h3 id="charges-title">${msg(str`Charges added by ${this.supplier}`, { desc: "The supplier's name" })}</h3>
      <ul>${charges.map((c) => this.#charge(c))}</ul>
    </section>`;
  }

  /** One node whatever the state, so the focus put on it survives the decision's re-render. */
  #state(charge: SupplierCharge) {
    const [tone, text] =
      charge.state === 'pending'
        ? ['warn', msg('To approve', { desc: 'A charge waiting for the customer' })]
        : charge.state === 'approved'
          ? ['ok', msg('Approved', { desc: 'A charge the customer approved (or that needed no approval)' })]
          : ['no', msg('Rejected', { desc: 'A charge the customer rejected' })];
    return html`<span class=${`badge ${tone}`} id=${`state-${charge.id}`} tabindex="-1">${text}</span>`;
  }

  #charge(charge: SupplierCharge) {
    const pending = charge.state === 'pending';
    const problem = this.problems.get(charge.id);
    return html`<li class=${pending ? 'pending' : ''} data-charge=${charge.id}>
      <div class="head">
        <span class="what"><span class="label">${charge.label}</span>${this.#state(charge)}</span>
        <span class="amount">${this.money(charge.amount_minor)}</span>
      </div>
      ${
        pending
          ? html`<p class="muted">${msg('Not in the total until you approve it.')}</p>`
          : charge.state === 'rejected'
            ? html`<p class="muted">${
                charge.reason
                  ? msg(str`Not in the total. Your reason: ${charge.reason}`, {
                      desc: 'A rejected charge; the reason given',
                    })
                  : msg('Not in the total.')
              }</p>`
            : nothing
      }
      ${pending && this.canDecide ? this.#actions(charge) : nothing}
      ${
        pending && !this.canDecide
          ? html`<p class="muted">${msg('Someone of your account who may place orders can approve or reject it.')}</p>`
          : nothing
      }
      <div role="alert">${problem ? html`<p class="problem">${problem}</p>` : nothing}</div>
    </li>`;
  }

  #actions(charge: SupplierCharge) {
    const busy = this.sending === charge.id;
    if (this.rejecting === charge.id) {
      const reasonId = `reason-${charge.id}`;
      return html`<form @submit=${(e: Event) => {
        e.preventDefault();
        void this.#decide(charge, this.reason);
      }} @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          this.#keep(charge);
        }
      }}>
        <label for=${reasonId}>${msg('Why do you reject it?', { desc: 'The reason a customer rejects a charge' })}</label>
        <textarea id=${reasonId} rows="2" maxlength=${LIMITS.maxReasonLength} aria-required="true" .value=${this.reason}
          aria-invalid=${this.reasonMissing ? 'true' : 'false'}
          aria-describedby=${`${reasonId}-count ${reasonId}-hint`}
          @input=${(e: Event) => {
            this.reason = (e.target as HTMLTextAreaElement).value;
            if (this.reason.trim()) this.reasonMissing = false;
          }}></textarea>
        <span class="count muted" id=${`${reasonId}-count`}>${charactersUsed(this.reason.length, LIMITS.maxReasonLength)}</span>
        <p id=${`${reasonId}-hint`} class=${this.reasonMissing ? 'problem' : 'muted'}>${
          this.reasonMissing
            ? msg('Please give a reason.')
            : msg(str`${this.supplier} reads your reason.`, { desc: "The supplier's name" })
        }</p>
        <div class="actions">
          <button type="submit" class="primary" part="button" ?disabled=${busy}>${busy ? msg('Sending…') : msg('Reject charge')}</button>
          <button type="button" part="button" ?disabled=${busy} @click=${() => this.#keep(charge)}>${msg('Keep it for now', { desc: 'Closes the rejection form without rejecting' })}</button>
        </div>
      </form>`;
    }
    return html`<div class="actions">
      <button type="button" class="primary" part="button" id=${`approve-${charge.id}`} ?disabled=${busy}
        @click=${() => this.#decide(charge, null)}>${busy ? msg('Sending…') : msg('Approve')}</button>
      <button type="button" part="button" id=${`reject-${charge.id}`} ?disabled=${busy}
        @click=${() => this.#askReason(charge)}>${msg('Reject')}</button>
    </div>`;
  }
}

define('portal-supplier-charges', PortalSupplierCharges);

declare global {
  interface HTMLElementTagNameMap {
    'portal-supplier-charges': PortalSupplierCharges;
  }
}
