import { css } from 'lit';
import { orderStyles } from '../../parts/order-detail.ts';
import { shared } from '../../styles/shared.ts';

export const styles = [
  shared,
  orderStyles,
  css`
  :host { display: block; container: past-orders / inline-size; }
  :host([hidden]) { display: none; }
  section + section { margin-top: calc(var(--_space) * 2); }
  h2 { margin: 0 0 4px; font-size: 1.25rem; }
  h3 { margin: var(--_space) 0 6px; font-size: 1rem; }
  .intro { margin: 0 0 var(--_space); }

  .orders-table .row { grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr) minmax(0, .9fr) minmax(0, .8fr) minmax(0, .6fr) minmax(0, 3.4fr); }
  .history-table .row { grid-template-columns: minmax(0, 2fr) minmax(0, 1.1fr) minmax(0, 1.6fr) minmax(0, .8fr) minmax(0, 1fr) minmax(0, 1fr); }
  .order-row:not(.draft) { cursor: pointer; }
  .order-row:not(.draft):hover { background: var(--_background); }
  .order-row.draft { color: var(--_muted); }
  .reason { font-size: .85rem; flex-basis: 100%; }
  .actions { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
  .actions button { padding: 6px 10px; }
  .c-actions { justify-content: flex-end; }
  .c-product { display: flex; flex-direction: column; }
  .badge.ok::before { content: ''; display: inline-block; width: .5em; height: .5em; border-radius: 50%; background: currentColor; margin-inline-end: 5px; vertical-align: middle; }

  .more { display: flex; justify-content: center; margin-top: var(--_space); }
  .empty { padding: calc(var(--_space) * 2); text-align: center; background: var(--_surface); border: 1px dashed var(--_border); border-radius: var(--_radius); }
  .empty strong { display: block; font-size: 1.1rem; }

  .feedback:not(:empty) { background: var(--_surface); border: 1px solid var(--_border); border-inline-start: 4px solid var(--_success); border-radius: var(--_radius); padding: 8px 12px; margin-block: 0 var(--_space); }
  .feedback.error:not(:empty) { border-inline-start-color: var(--_danger); }
  .feedback.warn:not(:empty) { border-inline-start-color: var(--_warning); }
  .guide-actions { display: flex; justify-content: flex-end; margin-block: 0 8px; }
  .guide-qty { display: inline-flex; align-items: center; gap: 6px; }
  .guide-qty input { width: 5em; }
  .field-error { display: block; color: var(--_danger); font-size: .85rem; }
  .feedback .actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-top: 8px; }
  .feedback p { margin: 0; }
  .feedback ul { margin: 4px 0; padding-inline-start: 1.2em; }
  .feedback .skipped { color: var(--_warning); }

  .notice { background: var(--_surface); border: 1px solid var(--_border); border-inline-start: 4px solid var(--_danger); border-radius: var(--_radius); padding: var(--_space); margin-block: var(--_space); }
  .notice h2 { margin: 0 0 4px; font-size: 1.1rem; }

  .skeleton { display: grid; gap: 8px; }
  .skeleton .bar { height: 48px; border-radius: var(--_radius); background: var(--_border); opacity: .5; }
  .skeleton.orders { min-height: calc(10 * 56px); }
  .skeleton.history { min-height: calc(6 * 56px); }

  .detail .body { padding: var(--_space); }
  .detail .head { display: flex; justify-content: space-between; align-items: center; gap: var(--_space); }
  .detail .actions { margin-top: var(--_space); border-top: 1px solid var(--_border); padding-top: var(--_space); }

  @container past-orders (max-width: 599px) {
    .orders-table .row { grid-template-columns: minmax(0, 1fr) auto; grid-template-areas: 'number status' 'date total' 'items items' 'actions actions'; }
    .orders-table .c-number { grid-area: number; }
    .orders-table .c-status { grid-area: status; }
    .orders-table .c-date { grid-area: date; }
    .orders-table .c-total { grid-area: total; }
    .orders-table .c-items { grid-area: items; text-align: start; }
    .orders-table .c-actions { grid-area: actions; justify-content: flex-start; }
    .history-table .row { grid-template-columns: minmax(0, 1fr) auto; grid-template-areas: 'product badge' 'last times' 'qty add'; }
    .history-table .c-product { grid-area: product; }
    .history-table .c-badge { grid-area: badge; }
    .history-table .c-last { grid-area: last; }
    .history-table .c-times { grid-area: times; }
    .history-table .c-qty { grid-area: qty; }
    .history-table .c-add { grid-area: add; }
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton .bar { animation: pulse 1.2s ease-in-out infinite alternate; }
    @keyframes pulse { to { opacity: .35; } }
  }
`,
];
