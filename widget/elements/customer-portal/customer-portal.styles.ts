import { css } from 'lit';
import { shared } from '../../styles/shared.ts';

export const styles = [
  shared,
  css`
  /* The same box as the page's customer-portal:not(:defined) reservation (README), kept through the skeleton,
     the welcome and the shop: the page below never moves, nor does a scrollbar come and go. */
  :host { display: block; box-sizing: border-box; min-height: var(--portal-min-height, 80vh); container: portal / inline-size; background: var(--_background); padding: var(--_space); border-radius: var(--_radius); }
  :host([hidden]) { display: none; }
  .header { display: flex; align-items: center; gap: var(--_space); background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 8px var(--_space); }
  .header .customer { color: var(--_muted); flex: 1; }
  /* A phone: the supplier's name on one line, the customer and "Not you?" under it, the cart beside both. */
  @container portal (max-width: 599px) {
    .header { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 0 8px; padding: 8px 12px; }
    .header .supplier { grid-column: 1; }
    .header .customer { grid-column: 1; grid-row: 2; font-size: .9rem; }
    .header .cart-button { grid-column: 2; grid-row: 1 / span 2; align-self: center; white-space: nowrap; }
  }
  .cart-button .count { display: inline-block; min-width: 1.6em; margin-inline-start: 6px; background: var(--_primary); color: var(--_on-primary); border-radius: 999px; text-align: center; }
  .welcome { max-width: 32rem; margin: 10vh auto; text-align: center; background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 2); }
  .welcome h1 { margin: 0 0 8px; font-size: 1.6rem; }
  .welcome .supplier { color: var(--_muted); margin: 0 0 8px; }
  .welcome .actions { display: flex; flex-direction: column; align-items: center; gap: 8px; margin-top: var(--_space); }
  /* The account navigation: one row of links (scrolling sideways if they do not fit); a menu on narrow screens. */
  .nav { margin-block: var(--_space) 0; }
  .nav .links { margin: 0; padding: 2px; display: flex; gap: 4px; overflow-x: auto; scrollbar-width: thin; }
  .nav a { display: block; white-space: nowrap; padding: 8px 14px; border-radius: var(--_radius); color: var(--_text); text-decoration: none; border: 1px solid transparent; }
  .nav a:hover { background: var(--_surface); border-color: var(--_border); }
  .nav a[aria-current='page'] { background: var(--_surface); border-color: var(--_border); color: var(--_primary); font-weight: 600; box-shadow: inset 0 -3px 0 var(--_primary); }
  .nav .menu-button { display: none; }
  .section { margin-block-start: var(--_space); min-height: 24rem; }
  .section h2[tabindex='-1']:focus, .shop h2:focus { outline: none; }
  .section .notice .back, .notice a { color: var(--_primary); }
  .notice { background: var(--_surface); border: 1px solid var(--_border); border-inline-start: 4px solid var(--_primary); border-radius: var(--_radius); padding: var(--_space); margin-block: var(--_space); }
  .notice h2 { margin: 0 0 4px; font-size: 1.1rem; }
  .notice.warning { border-inline-start-color: var(--_warning); }
  .notice.error { border-inline-start-color: var(--_danger); }
  .skeleton .bar { height: 40px; border-radius: var(--_radius); background: var(--_border); opacity: .5; margin-block: var(--_space); }
  .skeleton .cards { display: grid; gap: var(--_space); }
  .skeleton .card { height: 168px; border-radius: var(--_radius); background: var(--_surface); border: 1px solid var(--_border); }
  .cart-dialog { border: none; border-radius: var(--_radius); padding: 0; width: min(44rem, calc(100% - 2 * var(--_space))); max-height: 90vh; color: var(--_text); background: var(--_surface); }
  .cart-dialog::backdrop { background: rgb(0 0 0 / 40%); }
  @container portal (max-width: 599px) {
    :host { padding: 8px; }
    .nav .menu-button { display: flex; align-items: center; gap: 8px; width: 100%; text-align: start; font-weight: 600; }
    .nav .menu-button .muted { font-weight: 400; }
    .nav .menu-button::after { content: ''; margin-inline-start: auto; width: .5em; height: .5em; border: solid currentColor; border-width: 0 2px 2px 0; transform: translateY(-25%) rotate(45deg); }
    .nav .menu-button[aria-expanded='true']::after { transform: translateY(25%) rotate(-135deg); }
    .nav .links { display: none; flex-direction: column; margin-top: 4px; padding: 4px; background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); overflow: visible; }
    .nav .links.open { display: flex; }
    .nav a[aria-current='page'] { border-color: transparent; box-shadow: inset 3px 0 0 var(--_primary); }
    .cart-dialog { width: 100%; max-width: 100%; margin: auto 0 0; border-radius: var(--_radius) var(--_radius) 0 0; max-height: 85vh; }
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton .bar, .skeleton .card { animation: pulse 1.2s ease-in-out infinite alternate; }
    @keyframes pulse { to { opacity: .35; } }
  }
`,
];
