/**
 * What every view of a customer's orders shares (<past-orders> and the portal's Orders section):
 * the words for channels, an order's lines, totals and deliveries, saving its PDF,
 * reordering it, and the styles of those tables (rows on wide screens, cards on narrow ones) and
 * of the dialogs (a modal on wide screens, a bottom drawer on narrow ones).
 */
import { css, html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type {
  DeliverySummary,
  DocumentLine,
  OrderChannel,
  OrderCharge,
  OrderDetail,
  SupplierCharge,
} from '../contract/index.ts';
import { postalAddress } from './address.ts';
import type { PortalStore, ReorderLine, ReorderResult } from '../state/store.ts';
import { DELIVERY_STATUS_LABEL, REASON_LABEL, chargeLabel, formatDate, safeLink, skuText } from './format.ts';

/** How an order was placed (a getter per channel: read in the language on screen). */
export const CHANNEL_LABEL: Record<OrderChannel, string> = {
  get portal() {
    return msg('Portal', { desc: 'How an order was placed: in this ordering portal' });
  },
  get quote() {
    return msg('From quote', { desc: 'How an order was placed: made from an accepted quote' });
  },
  get sales_rep() {
    return msg('Sales rep', { desc: "How an order was placed: by the supplier's sales representative" });
  },
  get phone() {
    return msg('Phone', { desc: 'How an order was placed' });
  },
  get email() {
    return msg('Email', { desc: 'How an order was placed' });
  },
  get integration() {
    return msg('Integration', { desc: "How an order was placed: by another system (the customer's software)" });
  },
};

/** "1 item", "3 items": the products in an order, counted by quantity. */
export const itemCount = (n: number) => (n === 1 ? msg('1 item') : msg(str`${n} items`));

/** The unit's name once the catalogue has it, else its code. */
export function unitName(store: PortalStore | undefined, productId: string, uom: string): string {
  return store?.product(productId)?.units.find((u) => u.code === uom)?.name ?? uom;
}

/** "12 × Cold Brew Coffee 1 L", with the unit when the product has several. */
export function lineText(
  store: PortalStore | undefined,
  productId: string,
  uom: string,
  quantity: number,
  name: string,
): string {
  const product = store?.product(productId);
  return `${quantity} × ${name}${product && product.units.length > 1 ? ` (${unitName(store, productId, uom)})` : ''}`;
}

/** Saves a file the browser holds (e.g. an order's PDF) under `filename`, through a hidden link in `root`. */
export function saveFile(root: Node & ParentNode, file: Blob, filename: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  root.append(link);
  link.click();
  link.remove();
  // Long enough for the browser to have read it, then the memory goes back.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Today's catalogue and session (for the cart's total), then the lines into the cart through the store. */
export async function reorderLines(store: PortalStore, lines: readonly ReorderLine[]): Promise<ReorderResult> {
  await Promise.all([store.loadSession(), store.loadCatalog()]);
  return store.reorder(lines);
}

export interface ReorderCopy {
  text: string;
  added: string[];
  skipped: string[];
}

/** What to tell the customer after reordering order `number`: what went into the cart, what was left out and why. */
export function reorderCopy(
  store: PortalStore,
  number: string,
  lines: readonly DocumentLine[],
  result: ReorderResult,
): ReorderCopy {
  return {
    text:
      result.added.length === 1
        ? msg(str`Added 1 line of ${number} to your cart, at today's prices.`, {
            desc: 'After reordering an order; its number',
          })
        : result.added.length
          ? msg(str`Added ${result.added.length} lines of ${number} to your cart, at today's prices.`, {
              desc: 'After reordering an order; a count, then its number',
            })
          : msg(str`Nothing from ${number} could be added to your cart.`, {
              desc: 'After reordering an order; its number',
            }),
    added: result.added.map((line) =>
      lineText(
        store,
        line.product_id,
        line.uom,
        line.quantity,
        lines.find((l) => l.product_id === line.product_id)?.name ?? line.product_id,
      ),
    ),
    skipped: result.skipped.map((s) => `${s.name} (${skuText(s.sku)}): ${REASON_LABEL[s.reason]}`),
  };
}

// --- templates ----------------------------------------------------------------------------------

export interface LineFormat {
  money: (minor: number) => string;
  unit: (productId: string, uom: string) => string;
}

/** An order's lines as a table (cards on narrow screens), labelled by the heading with `titleId`. */
export function linesTable(lines: readonly DocumentLine[], format: LineFormat, titleId: string) {
  return html`<div role="table" class="table lines-table" aria-labelledby=${titleId}>
    <div role="rowgroup">
      <div role="row" class="row head">
        <span role="columnheader">${msg('Product')}</span><span role="columnheader" class="num">${msg('Quantity')}</span><span role="columnheader">${msg('Unit')}</span>
        <span role="columnheader" class="num">${msg('Unit price')}</span><span role="columnheader" class="num">${msg('Line total')}</span>
      </div>
    </div>
    <div role="rowgroup">${lines.map(
      (line) => html`<div role="row" class="row">
      <span role="cell" class="c-name">${line.name} <span class="sku">${skuText(line.sku)}</span></span>
      <span role="cell" class="c-qty num"><span class="label" aria-hidden="true">${msg('Quantity')} </span>${line.quantity}</span>
      <span role="cell" class="c-unit">${format.unit(line.product_id, line.uom)}</span>
      <span role="cell" class="c-price num"><span class="label" aria-hidden="true">${msg('Unit price')} </span>${format.money(line.unit_price_minor)}</span>
      <span role="cell" class="c-total num">${format.money(line.line_total_minor)}</span>
    </div>`,
    )}</div>
  </div>`;
}

/**
 * Subtotal, freight ("Free" when none), the charges besides freight (none where hidden: null), the
 * charges the supplier added that count (approved ones) and total.
 */
export function totalsList(
  totals: {
    subtotal_minor: number;
    freight_minor: number;
    total_minor: number;
    charges?: OrderCharge[] | null;
    supplier_charges?: SupplierCharge[];
  },
  money: (minor: number) => string,
) {
  return html`<dl class="totals">
    <dt>${msg('Subtotal')}</dt><dd>${money(totals.subtotal_minor)}</dd>
    <dt>${msg('Freight')}</dt><dd>${totals.freight_minor ? money(totals.freight_minor) : msg('Free', { desc: 'No freight to pay' })}</dd>
    ${(totals.charges ?? []).map((c) => html`<dt>${chargeLabel(c.kind)}</dt><dd>${money(c.amount_minor)}</dd>`)}
    ${(totals.supplier_charges ?? [])
      .filter((c) => c.state === 'approved')
      .map((c) => html`<dt>${c.label}</dt><dd>${money(c.amount_minor)}</dd>`)}
    <dt class="total">${msg('Total')}</dt><dd class="total">${money(totals.total_minor)}</dd>
  </dl>`;
}

/**
 * An order's deliveries, each with its carrier, dates and tracking (a link only for a web address);
 * dates in `locale` (the element's, see intlLocaleOf).
 */
/** Where the order goes, as it was at checkout: the site's label over the address; nothing for an order without one. */
export function deliveryAddress(order: OrderDetail, locale: string | undefined) {
  const a = order.delivery_address;
  if (!a) return nothing;
  return html`<div class="deliver-to"><p class="muted">${msg('Deliver to', { id: 'order.deliver-to', desc: "Before an order's delivery address" })}</p>
    <strong>${a.label}</strong>${postalAddress(a, locale)}</div>`;
}

export function deliveriesList(deliveries: readonly DeliverySummary[], locale: string | undefined) {
  if (!deliveries.length) return html`<p class="muted">${msg('Not shipped yet.')}</p>`;
  return html`<ul class="deliveries">${deliveries.map((d) => {
    const link = safeLink(d.tracking_url);
    const date = (iso: string) => formatDate(iso, locale);
    const when = d.delivered_at
      ? msg(str`delivered ${date(d.delivered_at)}`, {
          desc: 'A delivery, after its number and carrier: the date it arrived',
        })
      : d.shipped_at
        ? msg(str`shipped ${date(d.shipped_at)}`, {
            desc: 'A delivery, after its number and carrier: the date it left',
          })
        : '';
    return html`<li>
      <strong>${DELIVERY_STATUS_LABEL[d.status]}</strong>
      <span>${d.number}, ${d.carrier}${when ? `, ${when}` : ''}</span>
      ${
        d.tracking_number || link
          ? html`<span>${msg('Tracking:', { desc: "Before a parcel's tracking number" })} ${
              link
                ? html`<a href=${link} target="_blank" rel="noopener noreferrer">${d.tracking_number ?? msg('track the parcel', { desc: "A link to the carrier's tracking page, when there is no tracking number" })}</a>`
                : d.tracking_number
            }</span>`
          : nothing
      }
    </li>`;
  })}</ul>`;
}

/**
 * Tables made of ARIA roles (so narrow screens lay the same rows out as cards), facts, totals,
 * deliveries, and `dialog.sheet`. Narrow means the nearest size container (the element's host)
 * is under 600 px.
 */
export const orderStyles = css`
  .deliver-to { margin-block-end: 8px; }
  .deliver-to p { margin: 0 0 2px; font-size: .9rem; }
  address.postal { font-style: normal; }
  address.postal .line { display: block; }
  .table { display: grid; background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; }
  .row { display: grid; gap: 4px 12px; align-items: center; padding: 10px 12px; border-top: 1px solid var(--_border); min-height: 32px; }
  .row.head { border-top: none; font-weight: 600; font-size: .85rem; color: var(--_muted); min-height: 0; }
  .lines-table .row { grid-template-columns: minmax(0, 2.6fr) minmax(0, .8fr) minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1fr); }
  .num { text-align: end; }
  .label { display: none; color: var(--_muted); }
  .sku { color: var(--_muted); font-size: .85rem; }
  .badge.status { color: var(--_muted); }
  a { color: var(--_primary); }

  .facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(10em, 1fr)); gap: 8px var(--_space); margin: var(--_space) 0 0; }
  .facts div { display: flex; flex-direction: column; }
  .facts dt { color: var(--_muted); font-size: .85rem; }
  .facts dd { margin: 0; }
  .totals { margin: 8px 0 0; display: grid; justify-content: end; grid-template-columns: auto auto; gap: 2px var(--_space); }
  .totals dt { text-align: end; }
  .totals dd { margin: 0; text-align: end; }
  .totals .total { font-weight: 700; }
  .deliveries { list-style: none; padding: 0; margin: 0; display: grid; gap: 6px; }
  .deliveries li { display: flex; flex-wrap: wrap; gap: 4px 12px; }

  .sheet { border: none; border-radius: var(--_radius); padding: 0; width: min(48rem, calc(100% - 2 * var(--_space))); max-height: 90vh; color: var(--_text); background: var(--_surface); }
  .sheet::backdrop { background: rgb(0 0 0 / 40%); }

  @container (max-width: 599px) {
    .table { background: none; border: none; gap: 8px; overflow: visible; }
    .table > [role='rowgroup'] { display: grid; gap: 8px; }
    .row { border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
    .row.head { position: absolute; width: 1px; height: 1px; padding: 0; border: none; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .label { display: inline; }
    /* A line as one reads it: the product, then "3 × Case of 12   €1.12   €3.36" on one baseline. */
    .lines-table .row { grid-template-columns: auto auto minmax(0, 1fr) auto; grid-template-areas: 'name name name name' 'qty unit price total'; column-gap: 6px; align-items: baseline; }
    .lines-table .c-name { grid-area: name; font-weight: 600; }
    .lines-table .c-qty { grid-area: qty; text-align: start; }
    .lines-table .c-qty .label, .lines-table .c-price .label { display: none; }
    .lines-table .sku { white-space: nowrap; }
    .lines-table .c-qty::after { content: ' ×'; }
    .lines-table .c-unit { grid-area: unit; }
    .lines-table .c-price { grid-area: price; color: var(--_muted); text-align: start; }
    .lines-table .c-total { grid-area: total; font-weight: 600; }
    .sheet { width: 100%; max-width: 100%; margin: auto 0 0; border-radius: var(--_radius) var(--_radius) 0 0; max-height: 85vh; }
  }
`;
