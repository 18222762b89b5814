import { css } from 'lit';

/**
 * Page-level tokens (`--portal-*`, set by the merchant) resolved once into private variables
 * (`--_*`) with defaults, plus the few controls every part shares.
 */
export const shared = css`
  :host {
    --_primary: var(--portal-color-primary, #0f766e);
    --_on-primary: var(--portal-color-on-primary, #ffffff);
    --_surface: var(--portal-color-surface, #ffffff);
    --_background: var(--portal-color-background, #f6f7f9);
    --_text: var(--portal-color-text, #1f2933);
    --_muted: var(--portal-color-muted, #5f6b7a);
    --_border: var(--portal-color-border, #d9dee5);
    --_success: var(--portal-color-success, #1a7f37);
    --_warning: var(--portal-color-warning, #b45309);
    --_danger: var(--portal-color-danger, #b42318);
    --_radius: var(--portal-radius, 8px);
    --_space: var(--portal-space, 16px);
    font-family: var(--portal-font-family, system-ui, sans-serif);
    color: var(--_text);
    line-height: 1.45;
  }
  button, input, select, textarea { font: inherit; color: inherit; }
  input, select, textarea { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 6px 8px; background: var(--_surface); }
  button { border-radius: var(--_radius); padding: 8px 14px; border: 1px solid var(--_border); background: var(--_surface); cursor: pointer; }
  button.primary { background: var(--_primary); color: var(--_on-primary); border-color: var(--_primary); font-weight: 600; }
  button.link { background: none; border: none; color: var(--_primary); text-decoration: underline; padding: 4px; }
  button:disabled { opacity: .55; cursor: not-allowed; }
  /* Running (a reorder, a download): still focusable, a second press does nothing. */
  button[aria-disabled='true'] { opacity: .7; cursor: progress; }
  :focus-visible { outline: 3px solid var(--_primary); outline-offset: 2px; }
  .badge { display: inline-block; font-size: .8rem; padding: 1px 8px; border-radius: 999px; border: 1px solid currentColor; }
  .badge.ok { color: var(--_success); }
  .badge.warn { color: var(--_warning); }
  .muted { color: var(--_muted); }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
