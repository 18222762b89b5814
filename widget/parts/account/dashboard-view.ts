import { css, html, nothing, type TemplateResult } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { endpoints } from '../../api/contract.gen.ts';
import type { Dashboard, Invoice, QuoteState, Section } from '../../contract/index.ts';
import { define } from '../../define.ts';
import { routeHref, sectionAllowed } from '../../state/route.ts';
import { DELIVERY_STATUS_LABEL, ORDER_STATUS_LABEL, today } from '../format.ts';
import { RetryCountdown } from '../retry-countdown.ts';
import { takesPaymentOnline } from '../payment.ts';
import { canPlaceOrders } from '../../state/permissions.ts';
import { AccountView, badge } from './account-view.ts';

const QUOTE_STATE_LABEL: Record<QuoteState, string> = {
  get requested() {
    return msg('Requested', {
      id: 'quote-state.requested',
      desc: 'State of a quote: asked for at checkout, waiting for the supplier to price and send it',
    });
  },
  get sent() {
    return msg('Open', {
      id: 'quote-state.open',
      desc: 'State of a quote: waiting for the customer to accept or decline it',
    });
  },
  get accepted() {
    return msg('Accepted', { id: 'quote-state.accepted', desc: 'State of a quote' });
  },
  get declined() {
    return msg('Declined', { id: 'quote-state.declined', desc: 'State of a quote' });
  },
  get expired() {
    return msg('Expired', { id: 'quote-state.expired', desc: 'State of a quote: past its validity' });
  },
};
const PAYMENT_STATE_LABEL: Record<Invoice['payment_state'], string> = {
  get paid() {
    return msg('Paid', { id: 'invoice-state.paid', desc: 'Payment state of an invoice' });
  },
  get partial() {
    return msg('Partly paid', { id: 'invoice-state.partial', desc: 'Payment state of an invoice' });
  },
  get not_paid() {
    return msg('Unpaid', { id: 'invoice-state.unpaid', desc: 'Payment state of an invoice' });
  },
};

interface LatestItem {
  number: string;
  /** A date or the carrier, under the number. */
  meta: string;
  badge: TemplateResult;
  amount?: string;
}

interface Latest {
  section: Section;
  title: string;
  all: string;
  none: string;
  items: LatestItem[];
}

/**
 * The portal's Dashboard: quick actions (place an order, track a shipment, pay an invoice), credit limit and available credit, lifetime orders and sales, the
 * outstanding balance, and the latest orders, invoices, quotes and deliveries, each linking to
 * its page. A figure or list the token may not read is left out. Reloads when an order is placed
 * or made from a quote. Internal part of <customer-portal>.
 */
@localized()
export class PortalDashboardView extends AccountView {
  static override styles = [
    AccountView.styles,
    css`
    .quick ul { list-style: none; margin: 0 0 var(--_space); padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
    .quick-action { display: inline-block; padding: 8px 14px; border: 1px solid var(--_primary); border-radius: var(--_radius); color: var(--_primary); text-decoration: none; font-weight: 600; }
    .quick-action:hover { background: var(--_primary); color: var(--_on-primary); }
    .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: var(--_space); margin: 0 0 calc(var(--_space) * 1.5); }
    .figure { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 12px var(--_space); display: flex; flex-direction: column; gap: 2px; min-height: 4.5rem; box-sizing: border-box; }
    .figure dt { color: var(--_muted); font-size: .85rem; }
    .figure dd { margin: 0; font-size: 1.35rem; font-weight: 700; }
    .figure.over { border-color: var(--_warning); border-inline-start-width: 4px; }
    .figure.over dd { color: var(--_warning); }
    .figure .note { display: block; font-size: .85rem; font-weight: 400; color: var(--_warning); }
    .latest-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: var(--_space); }
    .latest { display: flex; flex-direction: column; }
    .latest h3 { margin: 0 0 8px; }
    .latest ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0; flex: 1; align-content: start; }
    .latest li { display: grid; grid-template-columns: minmax(0, 1fr) auto; grid-template-areas: 'number end' 'meta end'; align-items: center; gap: 2px 10px; padding: 8px 0; border-top: 1px solid var(--_border); }
    .latest li:first-child { border-top: none; }
    .latest li a { grid-area: number; font-weight: 600; justify-self: start; }
    .latest li .meta { grid-area: meta; font-size: .9rem; }
    .latest li .end { grid-area: end; display: flex; flex-direction: column; align-items: flex-end; gap: 2px; }
    .latest .all { margin-top: 8px; align-self: flex-start; }
    .skeleton.figures-skeleton { grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); margin-block-end: calc(var(--_space) * 1.5); }
    .skeleton.figures-skeleton .bar { height: 4.5rem; }
    .skeleton.latest-skeleton { grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); }
    .skeleton.latest-skeleton .bar { height: 14rem; }
  `,
  ];

  readonly #retry = new RetryCountdown(this);

  // Loads again when an order is placed or made from a quote (its lists and lifetime figures change).
  readonly #dashboard = new Task(this, {
    args: () => [this.store, this.portal?.ordersRevision] as const,
    task: async ([store], { signal }) =>
      store ? store.client.call(endpoints.getDashboard, {}, { signal }) : undefined,
    onError: (error) => this.failed(error, this.#retry, () => this.#dashboard.run()),
  });

  protected override render() {
    const loading = () => html`<div aria-busy="true">
      <span class="visually-hidden">${msg('Loading your account…')}</span>
      <div class="skeleton figures-skeleton">${Array.from({ length: 5 }, () => html`<div class="bar"></div>`)}</div>
      <div class="skeleton latest-skeleton">${Array.from({ length: 4 }, () => html`<div class="bar"></div>`)}</div>
    </div>`;
    return html`${this.pageHead(msg('Dashboard'))}
      ${this.#quickActions()}
      ${this.#dashboard.render({
        initial: loading,
        pending: () => (this.#dashboard.value ? this.#content(this.#dashboard.value) : loading()),
        error: (error) => this.errorPanel(error, this.#retry, () => this.#dashboard.run()),
        complete: (dashboard) => (dashboard ? this.#content(dashboard) : loading()),
      })}`;
  }

  /**
   * The seed's quick actions, each only where this link and the workspace allow it: place an
   * order (the shop, with place_orders), track a shipment (Deliveries), pay an invoice (Invoices,
   * when the supplier takes payment online). Shown at once, before the figures load.
   */
  #quickActions() {
    const session = this.portal?.session;
    if (!session) return nothing;
    const actions: [string, string][] = [];
    if (canPlaceOrders(session) && session.settings.supplier_available)
      actions.push([routeHref('shop'), msg('Place an order', { desc: 'Dashboard quick action: go to the shop' })]);
    if (sectionAllowed(session, 'deliveries'))
      actions.push([
        routeHref('deliveries'),
        msg('Track a shipment', { desc: 'Dashboard quick action: go to Deliveries' }),
      ]);
    if (sectionAllowed(session, 'invoices') && takesPaymentOnline(session))
      actions.push([routeHref('invoices'), msg('Pay an invoice', { desc: 'Dashboard quick action: go to Invoices' })]);
    if (!actions.length) return nothing;
    return html`<nav class="quick" aria-label=${msg('Quick actions')}>
      <ul>${actions.map(([href, label]) => html`<li><a class="quick-action" part="button" href=${href}>${label}</a></li>`)}</ul>
    </nav>`;
  }

  #content(d: Dashboard) {
    const money = (minor: number) => this.money(minor, d.currency);
    const over = d.available_credit_minor !== null && d.available_credit_minor < 0;
    const figure = (label: string, value: unknown, extra?: unknown) =>
      html`<div class="figure"><dt>${label}</dt><dd>${value}${extra ?? nothing}</dd></div>`;
    return html`
      <section aria-labelledby="figures-title">
      <h3 id="figures-title" class="visually-hidden">${msg('Your account in figures')}</h3>
      <dl class="figures">
        ${figure(msg('Credit limit'), money(d.credit_limit_minor))}
        ${
          d.available_credit_minor === null
            ? nothing
            : over
              ? html`<div class="figure over"><dt>${msg('Available credit')}</dt><dd>−${money(-d.available_credit_minor)}
              <span class="note">${msg(str`Over your credit limit by ${money(-d.available_credit_minor)}`, { desc: 'An amount of money follows' })}</span></dd></div>`
              : figure(msg('Available credit'), money(d.available_credit_minor))
        }
        ${d.outstanding_balance_minor === null ? nothing : figure(msg('Outstanding balance'), money(d.outstanding_balance_minor))}
        ${d.lifetime_orders === null ? nothing : figure(msg('Lifetime orders', { desc: 'How many orders the customer has placed in all' }), d.lifetime_orders.toLocaleString(this.locale))}
        ${d.lifetime_sales_minor === null ? nothing : figure(msg('Lifetime sales', { desc: 'How much the customer has bought in all' }), money(d.lifetime_sales_minor))}
      </dl>
      </section>
      <div class="latest-grid">${this.#latest(d).map((l) => this.#latestList(l))}</div>`;
  }

  /** The latest documents of each section the customer may read, in the order of the navigation. */
  #latest(d: Dashboard): Latest[] {
    const money = (minor: number, currency: string) => this.money(minor, currency);
    const lists: (Latest | null)[] = [
      d.recent.orders && {
        section: 'orders',
        title: msg('Latest orders'),
        all: msg('View all orders'),
        none: msg('No orders yet.'),
        items: d.recent.orders.map((o) => ({
          number: o.number,
          meta: this.date(o.created_at),
          badge: badge(ORDER_STATUS_LABEL[o.status], 'neutral'),
          amount: money(o.total_minor, o.currency),
        })),
      },
      d.recent.invoices && {
        section: 'invoices',
        title: msg('Latest invoices'),
        all: msg('View all invoices'),
        none: msg('No invoices yet.'),
        items: d.recent.invoices.map((i) => ({
          number: i.number,
          meta: msg(str`Due ${this.day(i.due_at)}`, { desc: "An invoice's due date" }),
          amount: money(i.total_minor, i.currency),
          badge:
            i.balance_minor > 0 && i.due_at < today()
              ? badge(msg('Overdue', { desc: 'An invoice unpaid after its due date' }), 'danger')
              : badge(PAYMENT_STATE_LABEL[i.payment_state], i.payment_state === 'paid' ? 'ok' : 'warn'),
        })),
      },
      d.recent.quotes && {
        section: 'quotes',
        title: msg('Latest quotes'),
        all: msg('View all quotes'),
        none: msg('No quotes yet.'),
        items: d.recent.quotes.map((q) => ({
          number: q.number,
          meta: msg(str`Valid until ${this.day(q.valid_until)}`, { desc: "A quote's last valid day" }),
          amount: money(q.total_minor, q.currency),
          badge: badge(
            QUOTE_STATE_LABEL[q.state],
            q.state === 'sent' || q.state === 'requested'
              ? 'info'
              : q.state === 'accepted'
                ? 'ok'
                : q.state === 'expired'
                  ? 'warn'
                  : 'neutral',
          ),
        })),
      },
      d.recent.deliveries && {
        section: 'deliveries',
        title: msg('Latest deliveries'),
        all: msg('View all deliveries'),
        none: msg('No deliveries yet.'),
        items: d.recent.deliveries.map((del) => ({
          number: del.number,
          meta: del.carrier,
          badge: badge(
            DELIVERY_STATUS_LABEL[del.status],
            del.status === 'delivered' ? 'ok' : del.status === 'in_transit' ? 'info' : 'neutral',
          ),
        })),
      },
    ];
    return lists.filter((l): l is Latest => l !== null && sectionAllowed(this.portal?.session, l.section));
  }

  #latestList(l: Latest) {
    const id = `latest-${l.section}`;
    return html`<section class="latest panel" aria-labelledby=${id}>
      <h3 id=${id}>${l.title}</h3>
      ${
        l.items.length
          ? html`<ul>${l.items.map(
              (item) => html`<li>
            <a href=${routeHref(l.section, item.number)}>${item.number}</a>
            <span class="meta muted">${item.meta}</span>
            <span class="end">${item.badge}${item.amount ? html`<span>${item.amount}</span>` : nothing}</span>
          </li>`,
            )}</ul>`
          : html`<p class="muted">${l.none}</p>`
      }
      <a class="all" href=${routeHref(l.section)}>${l.all}</a>
    </section>`;
  }
}

define('portal-dashboard-view', PortalDashboardView);

declare global {
  interface HTMLElementTagNameMap {
    'portal-dashboard-view': PortalDashboardView;
  }
}
