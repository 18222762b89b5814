/**
 * What the account tests share on top of the portal's helpers (mocked API, role queries through
 * shadow roots): putting a `#portal/…` hash in the address bar, mounting the portal there and
 * getting past the welcome, following the navigation, and the rows of a section's table.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import type { Endpoint, Invoice, Quote } from '../../../widget/contract/index.ts';
import type { CustomerPortal } from '../../../widget/elements/customer-portal/customer-portal.ts';
import type { PortalPaymentRequiredEvent } from '../../../widget/events/index.ts';
import { makeDeliveries, makeInvoices, makePayments, makeQuotes, testId } from '../../../widget/mock/data.ts';
import { mockUrl } from '../../../widget/mock/handlers.ts';
import {
  accessibleName,
  findByRole,
  focused,
  getByRole,
  mountPortal,
  queryAllByRole,
  queryByRole,
  textOf,
  type MockApi,
  type MountOptions,
} from '../customer-portal/helpers.ts';

/**
 * Restores the address bar after each test of the enclosing describe (the tests move the hash),
 * so one test's route does not leak into the next.
 */
export function keepAddress(): void {
  let original = '';
  beforeEach(() => {
    original = location.href;
  });
  afterEach(() => history.replaceState(null, '', original.replace(/#.*$/, '')));
}

/** Puts `hash` in the address bar without a history entry, as a page opened from a link would have it. */
export function setHash(hash: string): void {
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

/** Answers "Yes, start ordering" on the welcome screen. */
export async function confirmWelcome(el: Element): Promise<void> {
  const yes = await findByRole(el, 'button', { name: 'Yes, start ordering' });
  yes.click();
  await waitUntil(() => !queryByRole(el, 'button', { name: 'Yes, start ordering' }), 'the welcome did not go');
}

/** Mounts the portal with `hash` in the address bar and gets past the welcome; resolves when `heading` shows. */
export async function openAt(
  hash: string,
  heading: string | RegExp,
  options: MountOptions = {},
): Promise<CustomerPortal> {
  setHash(hash);
  const el = await mountPortal(options);
  await confirmWelcome(el);
  await findByRole(el, 'heading', { name: heading });
  return el;
}

/** The account navigation. */
export function accountNav(el: Element): HTMLElement {
  return getByRole(el, 'navigation', { name: 'Account' });
}

/** The names of the navigation's links, in order. */
export function navLinks(el: Element): string[] {
  const nav = queryByRole(el, 'navigation', { name: 'Account' });
  return nav ? queryAllByRole(nav, 'link', { hidden: true }).map(accessibleName) : [];
}

/** Follows a link of the navigation; resolves when the page's heading has the focus. */
export async function go(el: Element, link: string, heading: string | RegExp = link): Promise<HTMLElement> {
  const menu = queryByRole(accountNav(el), 'button', { name: /^Menu / });
  if (menu && menu.getAttribute('aria-expanded') === 'false') menu.click();
  (await findByRole(accountNav(el), 'link', { name: link })).click();
  return headingFocused(el, heading);
}

/** Waits until the heading named `name` is shown and has the focus. */
export async function headingFocused(el: Element, name: string | RegExp): Promise<HTMLElement> {
  const heading = await findByRole(el, 'heading', { name });
  await waitUntil(
    () => focused() === heading,
    `the focus did not go to the heading ${String(name)}; it is on ${describeFocus()}`,
  );
  return heading;
}

function describeFocus(): string {
  const f = focused();
  return f ? `<${f.localName}> ${textOf(f).slice(0, 60)}` : 'nothing';
}

/** The data rows (not the header) of the table named `name`. */
export function rows(root: Element, name: string): HTMLElement[] {
  const table = queryByRole(root, 'table', { name });
  return table ? queryAllByRole(table, 'row').filter((row) => queryAllByRole(row, 'cell').length > 0) : [];
}

/** The text of each data row's first cell (a document's number), in order. */
export function keys(root: Element, table: string): string[] {
  return rows(root, table).map((row) => textOf(queryAllByRole(row, 'cell')[0]));
}

/** The row whose first cell reads `key`. */
export function row(root: Element, table: string, key: string): HTMLElement {
  const found = rows(root, table).find((r) => textOf(queryAllByRole(r, 'cell')[0]) === key);
  if (!found) throw new Error(`no row ${key} in ${table}; shown: ${keys(root, table).join(', ')}`);
  return found;
}

/** Waits until the table named `name` shows at least one row. */
export async function tableShown(root: Element, name: string): Promise<HTMLElement> {
  const table = await findByRole(root, 'table', { name });
  await waitUntil(() => rows(root, name).length > 0, `the table ${name} has no rows`);
  return table;
}

/** The selected filter tab's name. */
export function selectedFilter(root: Element): string {
  const tab = queryAllByRole(getByRole(root, 'tablist'), 'tab').find((t) => t.getAttribute('aria-selected') === 'true');
  return tab ? accessibleName(tab) : '';
}

/**
 * The page's cross-document navigations (e.g. to a payment page), recorded and stopped before the
 * test page is left, through the Navigation API's cancelable `navigate` event.
 */
export function stopNavigations() {
  const seen: string[] = [];
  const stop = (event: Event) => {
    const e = event as Event & { destination: { url: string; sameDocument: boolean } };
    if (e.destination.sameDocument) return; // hash links, history.replaceState: the test page stays
    seen.push(e.destination.url);
    e.preventDefault();
  };
  const navigation = (window as unknown as { navigation: EventTarget }).navigation;
  beforeEach(() => {
    seen.length = 0;
    navigation.addEventListener('navigate', stop);
  });
  afterEach(() => navigation.removeEventListener('navigate', stop));
  return seen;
}

/** Records `portal-payment-required` at the document; `handle` decides whether the page takes the payment. */
export function paymentEvents() {
  const recorder = {
    seen: [] as PortalPaymentRequiredEvent[],
    handle: (_event: PortalPaymentRequiredEvent) => {},
  };
  const record = (event: PortalPaymentRequiredEvent) => {
    recorder.seen.push(event);
    recorder.handle(event);
  };
  beforeEach(() => {
    recorder.seen = [];
    recorder.handle = () => {};
    document.addEventListener('portal-payment-required', record);
  });
  afterEach(() => document.removeEventListener('portal-payment-required', record));
  return recorder;
}

/** Whether anything inside the element sticks out sideways (and would make the page scroll). */
export function expectNoSidewaysOverflow(el: HTMLElement): void {
  expect(el.scrollWidth, 'the element is wider than its box').to.be.at.most(el.clientWidth);
  const container = el.parentElement!;
  expect(container.scrollWidth, 'the container scrolls sideways').to.be.at.most(container.clientWidth);
}

// ------------------------------------------------------------------ more data than a page holds

/** `count` open quotes besides the dataset's, numbered QT-2024-0100 down, for Load more. */
export function moreQuotes(count: number): Quote[] {
  const [open] = makeQuotes();
  return Array.from({ length: count }, (_, i) => ({
    ...structuredClone(open),
    id: testId(0x80, 0x100 + i),
    number: `QT-2024-${String(100 - i).padStart(4, '0')}`,
  }));
}

/** `count` paid invoices besides the dataset's, numbered INV-2024-0100 down. */
export function moreInvoices(count: number): Invoice[] {
  const paid = makeInvoices()[1];
  return Array.from({ length: count }, (_, i) => ({
    ...structuredClone(paid),
    id: testId(0x90, 0x100 + i),
    number: `INV-2024-${String(100 - i).padStart(4, '0')}`,
  }));
}

/** `count` payments besides the dataset's, numbered PAY-2024-0100 down. */
export function morePayments(count: number): ReturnType<typeof makePayments> {
  const [first] = makePayments();
  return Array.from({ length: count }, (_, i) => ({
    ...structuredClone(first),
    id: testId(0xa0, 0x100 + i),
    number: `PAY-2024-${String(100 - i).padStart(4, '0')}`,
  }));
}

/** `count` deliveries besides the dataset's, numbered DN-2024-0100 down. */
export function moreDeliveries(count: number): ReturnType<typeof makeDeliveries> {
  const [first] = makeDeliveries();
  return Array.from({ length: count }, (_, i) => ({
    ...structuredClone(first),
    id: testId(0x70, 0x100 + i),
    number: `DN-2024-${String(100 - i).padStart(4, '0')}`,
  }));
}

// ------------------------------------------------------------------ the network, held

/**
 * Holds every answer of `endpoint` until `release()`, then lets the mock answer as usual: the
 * screen can be checked while it loads.
 */
export function hold(api: MockApi, endpoint: Endpoint) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  api.worker.use(
    http[endpoint.method](mockUrl(endpoint), async () => {
      await gate;
    }),
  );
  return { release };
}

/** The next request to `endpoint` fails as if the network were down; later ones reach the mock. */
export function failOnce(api: MockApi, endpoint: Endpoint): void {
  api.worker.use(http[endpoint.method](mockUrl(endpoint), () => HttpResponse.error(), { once: true }));
}

// ------------------------------------------------------------------ layout

/**
 * Wide screens show a table (a header row, each row's cells side by side); narrow ones show cards
 * (the header only for screen readers, cells stacked, each row a bordered card).
 */
export function expectLayout(table: HTMLElement, layout: 'rows' | 'cards'): void {
  const [head, ...body] = queryAllByRole(table, 'row');
  const first = body[0];
  const boxes = queryAllByRole(first, 'cell').map((c) => c.getBoundingClientRect());
  // Side by side: every cell overlaps the first one's height. Stacked: some start below it.
  const below = boxes.filter((b) => b.top >= boxes[0].bottom - 0.5).length;
  if (layout === 'rows') {
    expect(head.getBoundingClientRect().height, 'a visible header row').to.be.above(10);
    expect(below, 'cells side by side').to.equal(0);
  } else {
    expect(head.getBoundingClientRect().width, 'the header row is for screen readers only').to.be.at.most(1);
    expect(below, 'cells stacked').to.be.at.least(2);
    expect(getComputedStyle(first).borderTopLeftRadius, 'a card').not.to.equal('0px');
  }
}

/** The document open over its list: the modal dialog (a drawer on narrow screens) named by its heading. */
export async function documentDialog(el: Element, name: string | RegExp): Promise<HTMLDialogElement> {
  const dialog = (await findByRole(el, 'dialog', { name })) as HTMLDialogElement;
  await waitUntil(() => dialog.open, `${String(name)} did not open`);
  return dialog;
}
