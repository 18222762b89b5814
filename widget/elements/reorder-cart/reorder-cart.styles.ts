import { css } from 'lit';
import { shared } from '../../styles/shared.ts';

export const styles = [
  shared,
  css`
  /* A guest in someone else's header: one line, never wider than the space it is given. */
  /* The same box as the page's reorder-cart:not(:defined) placeholder (see README), so defining it shifts nothing. */
  :host { display: inline-block; vertical-align: middle; max-width: 100%; min-width: min(9rem, 100%); min-height: 2.5rem; }
  :host([hidden]) { display: none; }

  /* Squeezed, the total leaves whole (it wraps onto a second line that is clipped) instead of being cut to "€0…";
     the count stays, and the button's name still says both. */
  .cart-button {
    position: relative; display: inline-flex; flex-wrap: wrap; align-items: center; align-content: flex-start; gap: 0 8px;
    max-width: 100%; height: 2.5rem; box-sizing: border-box;
    white-space: nowrap; overflow: hidden; padding: calc((2.5rem - 2px - 1.25em) / 2) 12px; line-height: 1.25;
    anchor-name: --reorder-cart-button;
  }
  .icon { flex: none; width: 1.25em; height: 1.25em; fill: none; stroke: currentColor; stroke-width: 1.8; stroke-linecap: round; stroke-linejoin: round; }
  .count { flex: none; min-width: 1.6em; padding-inline: 4px; box-sizing: border-box; background: var(--_primary); color: var(--_on-primary); border-radius: 999px; text-align: center; font-variant-numeric: tabular-nums; }
  .total { flex: none; font-variant-numeric: tabular-nums; }

  /* Wide screens: a panel hanging from the button (top-right of the page without anchor positioning). */
  .panel {
    box-sizing: border-box; padding: 0; margin: 0; overflow: auto;
    width: min(28rem, calc(100vw - 2 * var(--_space)));
    max-width: none; max-height: calc(100dvh - 2 * var(--_space));
    inset: var(--_space) var(--_space) auto auto;
    color: var(--_text); background: var(--_surface);
    border: 1px solid var(--_border); border-radius: var(--_radius);
    box-shadow: 0 12px 32px rgb(0 0 0 / 18%);
    container: portal / inline-size;
  }
  .panel::backdrop { background: rgb(0 0 0 / 12%); }
  @supports (position-area: block-end) {
    .panel {
      position-anchor: --reorder-cart-button;
      inset: auto;
      position-area: block-end span-inline-start;
      position-try-fallbacks: flip-inline, flip-block, flip-block flip-inline;
      margin-block: 6px;
      max-height: calc(100% - var(--_space));
    }
  }

  /* Narrow screens: a drawer from the bottom edge, across the width. */
  @media (max-width: 599px) {
    .panel {
      position-area: none; inset: auto 0 0 0; margin: 0;
      width: 100%; max-width: 100%; max-height: 85dvh;
      border-radius: var(--_radius) var(--_radius) 0 0; border-bottom: none;
    }
    .panel::backdrop { background: rgb(0 0 0 / 40%); }
  }

  .head { display: flex; justify-content: space-between; align-items: center; padding: var(--_space) var(--_space) 0; }
  .head h2 { margin: 0; font-size: 1.25rem; }
  .loading { padding: 0 var(--_space); color: var(--_muted); }
  .notice { margin: var(--_space); padding: 8px 12px; background: var(--_background); border-radius: var(--_radius); border-inline-start: 4px solid var(--_warning); }
  .notice.error { border-inline-start-color: var(--_danger); }
  .notice h2 { margin: 0 0 4px; font-size: 1.05rem; }
  .notice p { margin: 0 0 8px; }
`,
];
