/**
 * What the customer-portal tests share: the mocked API's life cycle, mounting the element, and
 * queries by role and text that see through the nested shadow roots (customer-portal → portal-catalog,
 * portal-cart), the way a customer or a screen reader sees the page.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import { setupWorker } from 'msw/browser';
import '../../../widget/elements/customer-portal/customer-portal.ts';
import type { CustomerPortal } from '../../../widget/elements/customer-portal/customer-portal.ts';
import type {
  PortalCartChangeEvent,
  PortalErrorEvent,
  PortalOrderPlacedEvent,
  PortalPaymentRequiredEvent,
  PortalReadyEvent,
} from '../../../widget/events/index.ts';
import { API_BASE, TOKEN, createHandlers, createState, type MockState } from '../../../widget/mock/handlers.ts';

export { API_BASE, TOKEN };

// ------------------------------------------------------------------ the mocked API

export interface MockApi {
  readonly worker: ReturnType<typeof setupWorker>;
  /** Creates the mock's state for this test and answers every portal endpoint from it. */
  serve(overrides?: Parameters<typeof createState>[0]): MockState;
}

/**
 * Registers the hooks of one test file: msw's worker for the file, a fresh handler set per test
 * (`api.serve()`), an empty localStorage before and after each test, and a check that no mock answer
 * broke the contract. The page's locale is pinned to en-IE, so money reads "€4.50" on any machine.
 */
export function mockApi(): MockApi {
  const worker = setupWorker();
  let state: MockState | undefined;
  let lang = '';
  before(async () => {
    lang = document.documentElement.lang;
    document.documentElement.lang = 'en-IE';
    await worker.start({ quiet: true, onUnhandledRequest: 'error' });
  });
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    worker.resetHandlers();
    localStorage.clear();
    const violations = state?.violations ?? [];
    state = undefined;
    expect(violations, 'mock answers that broke the contract').to.deep.equal([]);
  });
  after(() => {
    worker.stop();
    document.documentElement.lang = lang;
  });
  return {
    worker,
    serve(overrides) {
      state = createState(overrides);
      worker.use(...createHandlers(state));
      return state;
    },
  };
}

/** Requests the widget sent to one endpoint, oldest first. */
export function requestsTo(state: MockState, endpoint: MockState['requests'][number]['endpoint']) {
  return state.requests.filter((r) => r.endpoint === endpoint);
}

// ------------------------------------------------------------------ mounting

export interface MountOptions {
  /** The `token` attribute; null leaves it out (the element then reads the page's link). */
  token?: string | null;
  /** Width in px of a container around the element; unset: the page's width. */
  width?: number;
}

/** Mounts `<customer-portal api-base=… token=…>`, optionally inside a container of a given width. */
export async function mountPortal(options: MountOptions = {}): Promise<CustomerPortal> {
  const token = options.token === undefined ? TOKEN : options.token;
  const portal = html`<customer-portal api-base=${API_BASE} token=${token ?? nothing}></customer-portal>`;
  if (options.width === undefined) return fixture<CustomerPortal>(portal);
  const container = await fixture<HTMLDivElement>(html`<div style=${`width: ${options.width}px`}>${portal}</div>`);
  const el = container.querySelector('customer-portal')!;
  await el.updateComplete;
  return el;
}

/** Waits for the welcome screen and answers "Yes, start ordering"; resolves when the catalogue shows. */
export async function startOrdering(el: Element): Promise<void> {
  const yes = await findByRole(el, 'button', { name: 'Yes, start ordering' });
  yes.click();
  await catalogueShown(el);
}

/** Waits until the catalogue's tabs and products are on screen. */
export async function catalogueShown(el: Element): Promise<void> {
  await waitUntil(
    () => queryByRole(el, 'tablist') && queryAllByRole(el, 'tab').length > 0,
    'the catalogue did not show',
  );
}

/** Clicks a catalogue tab and waits until it is the selected one. */
export async function selectTab(el: Element, name: string): Promise<void> {
  getByRole(el, 'tab', { name }).click();
  await waitUntil(
    () => getByRole(el, 'tab', { name }).getAttribute('aria-selected') === 'true',
    `the tab ${name} was not selected`,
  );
  await waitUntil(() => !textOf(getByRole(el, 'tabpanel')).includes('Loading'), `the tab ${name} did not load`);
}

/** Opens the cart from the header's Cart button; resolves with the open dialog. */
export async function openCart(el: Element): Promise<HTMLDialogElement> {
  getByRole(el, 'button', { name: /^Cart, \d+ items?$/ }).click();
  return (await findByRole(el, 'dialog', { name: 'Cart' })) as HTMLDialogElement;
}

/** The number the header's Cart button announces ("Cart, 3 items"). */
export function cartCount(el: Element): number {
  const name = accessibleName(getByRole(el, 'button', { name: /^Cart, \d+ items?$/ }));
  return Number(/\d+/.exec(name)![0]);
}

// ------------------------------------------------------------------ the flat tree

/** The children of a node as rendered: a shadow host's shadow root, else its own children. */
function renderedChildren(node: Node): Node[] {
  const root = (node as Element).shadowRoot;
  return Array.from((root ?? node).childNodes);
}

/** Every element under `root` in rendering order, shadow roots included. */
export function allElements(root: Node): Element[] {
  const out: Element[] = [];
  const visit = (node: Node) => {
    for (const child of renderedChildren(node)) {
      if (child instanceof Element) {
        out.push(child);
        visit(child);
      }
    }
  };
  visit(root);
  return out;
}

/** Rendered and not hidden: what a customer can see (closed dialogs and `display: none` are not). */
export function isShown(el: Element): boolean {
  return el.checkVisibility();
}

/** The text a customer reads in `node`, across shadow roots, whitespace collapsed. */
export function textOf(node: Node): string {
  const parts: string[] = [];
  const visit = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) {
      parts.push(n.textContent ?? '');
      return;
    }
    if (n instanceof Element) {
      if (n.matches('style, script, template') || !isShown(n)) return;
      // Form controls show their value, not their children (a select shows its chosen option only).
      if (n instanceof HTMLSelectElement) return void parts.push(` ${n.selectedOptions[0]?.text ?? ''} `);
      if (n instanceof HTMLInputElement || n instanceof HTMLTextAreaElement) return void parts.push(' ');
    }
    const block = n instanceof Element && getComputedStyle(n).display !== 'inline';
    if (block) parts.push(' ');
    for (const child of renderedChildren(n)) visit(child);
    if (block) parts.push(' ');
  };
  visit(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

// ------------------------------------------------------------------ roles and names

const IMPLICIT_ROLES: [string, string][] = [
  ['button', 'button'],
  ['a[href]', 'link'],
  ['h1, h2, h3, h4, h5, h6', 'heading'],
  ['input[type=search]', 'searchbox'],
  ['input[type=number]', 'spinbutton'],
  ['input[type=checkbox]', 'checkbox'],
  ['input:not([type]), input[type=text], input[type=tel], input[type=email], textarea', 'textbox'],
  ['input[type=radio]', 'radio'],
  ['fieldset', 'group'],
  ['form[aria-label], form[aria-labelledby]', 'form'],
  ['select', 'combobox'],
  ['dialog', 'dialog'],
  ['nav', 'navigation'],
  ['section[aria-label], section[aria-labelledby]', 'region'],
  ['ul, ol', 'list'],
  ['li', 'listitem'],
  ['article', 'article'],
  ['summary', 'button'],
  ['img[alt]:not([alt=""])', 'img'],
];

export function roleOf(el: Element): string | null {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit.split(/\s+/)[0];
  return IMPLICIT_ROLES.find(([selector]) => el.matches(selector))?.[1] ?? null;
}

/** The accessible name, as far as these elements need it: aria-labelledby, aria-label, label, content. */
export function accessibleName(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const root = el.getRootNode() as Document | ShadowRoot;
    return labelledBy
      .split(/\s+/)
      .map((id) => textOf(root.getElementById(id) ?? document.createElement('span')))
      .join(' ')
      .trim();
  }
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  const legend = el instanceof HTMLFieldSetElement ? el.querySelector(':scope > legend') : null;
  if (legend) return textOf(legend);
  if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
    const labels = Array.from(el.labels ?? []);
    const own = (l: Element) =>
      Array.from(l.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join(' ');
    return labels.map(own).join(' ').replace(/\s+/g, ' ').trim();
  }
  return textOf(el);
}

export interface RoleQuery {
  /** The accessible name: a string matches exactly, a RegExp anywhere. */
  name?: string | RegExp;
  /** Also match elements that are not shown (e.g. inside a closed dialog). */
  hidden?: boolean;
}

function nameMatches(el: Element, name: RoleQuery['name']): boolean {
  if (name === undefined) return true;
  const actual = accessibleName(el);
  return typeof name === 'string' ? actual === name : name.test(actual);
}

export function queryAllByRole(root: Node, role: string, query: RoleQuery = {}): HTMLElement[] {
  return allElements(root).filter(
    (e): e is HTMLElement => roleOf(e) === role && (query.hidden || isShown(e)) && nameMatches(e, query.name),
  );
}

export function queryByRole(root: Node, role: string, query: RoleQuery = {}): HTMLElement | null {
  const found = queryAllByRole(root, role, query);
  if (found.length > 1)
    throw new Error(`${found.length} elements with role ${role}${describe(query)}; expected at most one`);
  return found[0] ?? null;
}

export function getByRole(root: Node, role: string, query: RoleQuery = {}): HTMLElement {
  const found = queryByRole(root, role, query);
  if (!found) {
    const seen = queryAllByRole(root, role).map((e) => JSON.stringify(accessibleName(e)));
    throw new Error(
      `no element with role ${role}${describe(query)}; shown with that role: ${seen.join(', ') || 'none'}`,
    );
  }
  return found;
}

/** Waits (polling, up to waitUntil's timeout) for exactly one element with the role and name. */
export async function findByRole(root: Node, role: string, query: RoleQuery = {}): Promise<HTMLElement> {
  await waitUntil(
    () => queryAllByRole(root, role, query).length > 0,
    `no element with role ${role}${describe(query)} appeared`,
  );
  return getByRole(root, role, query);
}

/** Waits until `text` is part of what the customer reads in `root`. */
export async function findText(root: Node, text: string | RegExp): Promise<void> {
  const has = () => (typeof text === 'string' ? textOf(root).includes(text) : text.test(textOf(root)));
  await waitUntil(has, `the text ${String(text)} did not appear`).catch((error: Error) => {
    throw new Error(`${error.message}; the page reads: ${textOf(root).slice(0, 600)}`);
  });
}

function describe(query: RoleQuery): string {
  return query.name === undefined ? '' : ` named ${String(query.name)}`;
}

/** Whether `inner` is `outer` or inside it, shadow roots included. */
function flatContains(outer: Node, inner: Node): boolean {
  for (let n: Node | null = inner; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) {
    if (n === outer) return true;
  }
  return false;
}

/** The innermost shown element whose whole text is `text`. */
export function getByText(root: Node, text: string | RegExp): HTMLElement {
  const matches = (e: Element) => {
    const t = textOf(e);
    return typeof text === 'string' ? t === text : text.test(t);
  };
  const found = allElements(root).filter((e): e is HTMLElement => e instanceof HTMLElement && isShown(e) && matches(e));
  const innermost = found.filter((e) => !found.some((other) => other !== e && flatContains(e, other)));
  if (innermost.length !== 1) throw new Error(`${innermost.length} elements read ${String(text)}; expected one`);
  return innermost[0];
}

/** The product card (a list item labelled by the product's name) in the Standard template. */
export function productCard(root: Node, name: string): HTMLElement {
  return getByRole(root, 'listitem', { name });
}

/** The names of the product cards on screen, in order (list items not nested in another, e.g. not tier hints). */
export function productNames(root: Node): string[] {
  const items = queryAllByRole(root, 'listitem');
  return items
    .filter((item) => !items.some((outer) => outer !== item && flatContains(outer, item)))
    .map(accessibleName);
}

/** The focused element, followed into shadow roots. */
export function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Sets a form control's value as typing or choosing would, firing `input` and `change`. */
export function fill(control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

// ------------------------------------------------------------------ time

/**
 * A controllable clock for `setInterval` only (the retry countdown ticks with it). setTimeout stays
 * real, so msw's worker and waitUntil's polling keep working.
 */
export function fakeIntervals() {
  const realSet = window.setInterval;
  const realClear = window.clearInterval;
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; every: number; run: () => void }>();
  window.setInterval = ((handler: TimerHandler, every = 0) => {
    const id = nextId++;
    const run =
      typeof handler === 'function'
        ? (handler as () => void)
        : () => {
            throw new Error('string handlers are not supported');
          };
    timers.set(id, { at: now + Math.max(1, every), every: Math.max(1, every), run });
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) timers.delete(id);
  }) as typeof window.clearInterval;
  return {
    /** Advances the clock, running each interval callback as often as it falls due. */
    tick(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
        if (!due) break;
        const [, timer] = due;
        now = timer.at;
        timer.at += timer.every;
        timer.run();
      }
      now = end;
    },
    restore() {
      window.setInterval = realSet;
      window.clearInterval = realClear;
    },
  };
}

export type PortalEvent =
  PortalReadyEvent | PortalCartChangeEvent | PortalOrderPlacedEvent | PortalPaymentRequiredEvent | PortalErrorEvent;
const PORTAL_EVENTS = [
  'portal-ready',
  'portal-cart-change',
  'portal-order-placed',
  'portal-payment-required',
  'portal-error',
] as const;

/**
 * Records every portal event that reaches the document (so: bubbling and composed), in order,
 * for the tests of the enclosing describe. `onPaymentRequired` is what the host page does with
 * portal-payment-required; by default it takes payment itself.
 */
export function recordPortalEvents() {
  const recorder = {
    seen: [] as PortalEvent[],
    onPaymentRequired: (event: PortalPaymentRequiredEvent) => event.preventDefault(),
    ofType<T extends PortalEvent>(type: T['type']): T[] {
      return recorder.seen.filter((e): e is T => e.type === type);
    },
    clear(): void {
      recorder.seen = [];
    },
  };
  const record = (event: Event) => {
    recorder.seen.push(event as PortalEvent);
    if (event.type === 'portal-payment-required') recorder.onPaymentRequired(event as PortalPaymentRequiredEvent);
  };
  beforeEach(() => {
    recorder.seen = [];
    recorder.onPaymentRequired = (event) => event.preventDefault();
    for (const name of PORTAL_EVENTS) document.addEventListener(name, record);
  });
  afterEach(() => {
    for (const name of PORTAL_EVENTS) document.removeEventListener(name, record);
  });
  return recorder;
}

/** A dialog laid out as a bottom drawer across a narrow screen. */
export function expectBottomDrawer(dialog: HTMLElement): void {
  const box = dialog.getBoundingClientRect();
  expect(Math.abs(box.bottom - window.innerHeight), 'sits on the bottom edge').to.be.below(1);
  expect(box.top, 'a drawer, not a full-height sheet').to.be.above(0);
  expect(Math.round(box.width)).to.equal(document.documentElement.clientWidth);
  expect(getComputedStyle(dialog).borderBottomLeftRadius).to.equal('0px');
}
