import { css } from 'lit';
import { shared } from '../widget/styles/shared.ts';

/** The widget's tokens and controls (widget/styles/shared.ts), and the console's few layouts on top. */
export const consoleStyles = [
  shared,
  css`
  :host { display: block; }
  h1 { font-size: 1.5rem; margin: 0 0 12px; }
  h2 { font-size: 1.15rem; margin: 0 0 8px; }
  h3 { font-size: 1rem; margin: 0 0 6px; }
  h1:focus, h2:focus, h3:focus { outline: none; }
  h1:focus-visible, h2:focus-visible, h3:focus-visible { outline: 3px solid var(--_primary); outline-offset: 2px; }
  .card { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_space); min-width: 0; }
  .cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; }
  .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 140px), 1fr)); gap: 8px 16px; margin: 8px 0; }
  .fields div { min-width: 0; }
  .fields .wide { grid-column: span 2; }
  .fields dt { font-size: .8rem; color: var(--_muted); }
  .fields dd { margin: 0; overflow-wrap: anywhere; }
  .row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
  .row > * { min-width: 0; }
  .field { display: grid; gap: 4px; margin: 0 0 12px; min-width: 0; align-content: start; }
  .field label, .field .label { font-weight: 600; font-size: .9rem; }
  .field input:not([type='checkbox']), .field select, .field textarea { width: 100%; box-sizing: border-box; }
  .check { display: flex; gap: 8px; align-items: flex-start; margin: 0 0 8px; }
  .check input { margin-top: .3em; flex: none; }
  .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 380px), 1fr)); gap: 0 16px; align-items: start; }
  fieldset { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 12px var(--_space); margin: 0 0 16px; min-width: 0; }
  legend { font-weight: 700; padding: 0 4px; }
  .error { color: var(--_danger); margin: 6px 0; font-weight: 600; }
  .error:empty { display: none; }
  .ok { color: var(--_success); margin: 6px 0; }
  .hint { color: var(--_muted); font-size: .85rem; margin: 0; }
  .toolbar { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; margin: 0 0 12px; }
  .toolbar .field { margin: 0; flex: 0 1 360px; }
  .status { margin: 8px 0; color: var(--_muted); }
  table { border-collapse: collapse; width: 100%; font-size: .95rem; }
  caption { text-align: start; font-weight: 600; padding: 4px 0; }
  th, td { text-align: start; padding: 6px 8px; border-bottom: 1px solid var(--_border); vertical-align: top; overflow-wrap: anywhere; }
  td.num, th.num { text-align: end; white-space: nowrap; }
  tr.changed td { background: color-mix(in srgb, var(--_warning) 10%, transparent); }
  .mark { color: var(--_warning); font-weight: 700; }
  .badge.danger { color: var(--_danger); }
  .badge.waiting { color: var(--_muted); border-style: dashed; }
  .badge.portal { color: var(--_on-primary); background: var(--_primary); border-color: var(--_primary); }
  h4 { margin: 12px 0 6px; }
  address { font-style: normal; }
  .panel { margin-top: 12px; }
  .form-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 240px), 1fr)); gap: 0 16px; }
  .actions { margin-top: 8px; }
  ul.plain { list-style: none; padding: 0; margin: 0 0 12px; display: grid; gap: 6px; }
  ul.plain li { overflow-wrap: anywhere; }
  .panel form, .panel .created { margin-bottom: 16px; }
  .secret { font-family: ui-monospace, monospace; }
`,
];
