/**
 * What the portal's account views (Dashboard, Quotes, Invoices, Payments, Deliveries) share: the
 * store and session from context, money and dates in the page's language, lists loaded a page at a
 * time with Load more (PagedList), a document read by its key (DocumentDetail), the page heading, filters, badges, and the loading, empty and error states.
 */
import {
  LitElement,
  css,
  html,
  nothing,
  type CSSResultGroup,
  type PropertyValues,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { ApiError } from '../../api/errors.ts';
import type { PaymentMethod, Section } from '../../contract/index.ts';
import { PortalErrorEvent } from '../../events/index.ts';
import { intlLocaleOf } from '../../i18n/locale.ts';
import { stateContext, storeContext } from '../../state/context.ts';
import { routeHref, sectionAllowed, type RouteSection } from '../../state/route.ts';
import type { PortalState, PortalStore } from '../../state/store.ts';
import { shared } from '../../styles/shared.ts';
import { errorCopy } from '../error-copy.ts';
import { formatDate, formatDay, formatMoney } from '../format.ts';
import { orderStyles } from '../order-detail.ts';
import { RetryCountdown } from '../retry-countdown.ts';
import { DocumentSheet } from '../document-sheet.ts';

export const PAYMENT_METHOD_LABEL: Record<PaymentMethod, string> = {
  get bank_transfer() {
    return msg('Bank transfer', { desc: 'How a payment was made' });
  },
  get card() {
    return msg('Card', { desc: 'How a payment was made: a payment card' });
  },
  get cheque() {
    return msg('Cheque', { desc: 'How a payment was made' });
  },
  get cash() {
    return msg('Cash', { desc: 'How a payment was made: in notes and coins' });
  },
  get other() {
    return msg('Other', { desc: 'How a payment was made: none of the usual ways' });
  },
};

/** "12 of 500 characters": how much of a text field's limit is used. */
export const charactersUsed = (used: number, max: number) =>
  msg(str`${used} of ${max} characters`, { desc: 'Under a text field: characters typed, then the limit' });

/** How a badge reads: good news, needs attention, a problem, in progress, or settled. */
export type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'neutral';

export function badge(label: string, tone: Tone) {
  return html`<span class=${`badge tone-${tone}`} part="badge">${label}</span>`;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** A failure as the views handle it: an ApiError, whatever was thrown. */
export function apiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError({ kind: 'network', message: String(error) });
}

/**
 * The base of every account view: the portal's store and state from context, formatting, and
 * the shared states. A view renders its page heading (an `h2`) at once, whatever is loading, so the
 * portal can move the focus to it on navigation.
 */
export abstract class AccountView extends LitElement {
  static override styles: CSSResultGroup = [
    shared,
    orderStyles,
    css`
    :host { display: block; container: account / inline-size; }
    :host([hidden]) { display: none; }
    a { color: var(--_primary); }
    h2 { margin: 0; font-size: 1.35rem; }
    /* The heading takes the focus after a navigation only to start reading there; it is not a control. */
    h2[tabindex='-1']:focus { outline: none; }
    h3 { margin: var(--_space) 0 6px; font-size: 1rem; }
    .page-head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px var(--_space); margin-block-end: var(--_space); min-height: 2.5rem; }
    .page-head h2 { flex: 1 1 auto; }
    .page-head .actions { display: flex; flex-wrap: wrap; gap: 8px; }
    .back { display: inline-block; margin-block-end: 4px; font-size: .9rem; }
    .panel { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_space); }

    .filters { display: flex; gap: 4px; overflow-x: auto; scrollbar-width: thin; margin-block-end: var(--_space); padding: 2px; }
    .filters [role='tab'] { border: 1px solid var(--_border); background: var(--_surface); color: var(--_text); border-radius: 999px; padding: 6px 14px; white-space: nowrap; }
    .filters [role='tab'][aria-selected='true'] { background: var(--_primary); color: var(--_on-primary); border-color: var(--_primary); }

    .badge { white-space: nowrap; }
    .badge.tone-ok { color: var(--_success); }
    .badge.tone-warn { color: var(--_warning); }
    .badge.tone-danger { color: var(--_danger); }
    .badge.tone-info { color: var(--_primary); }
    .badge.tone-neutral { color: var(--_muted); }

    .row a.key { font-weight: 600; }
    .more { display: flex; justify-content: center; margin-top: var(--_space); }
    .empty { padding: calc(var(--_space) * 2); text-align: center; background: var(--_surface); border: 1px dashed var(--_border); border-radius: var(--_radius); }
    .empty strong { display: block; font-size: 1.1rem; }
    .empty p { margin: 4px 0 0; }
    .notice { background: var(--_surface); border: 1px solid var(--_border); border-inline-start: 4px solid var(--_danger); border-radius: var(--_radius); padding: var(--_space); margin-block: var(--_space); }
    .notice h3 { margin: 0 0 4px; font-size: 1.05rem; }
    .notice p { margin: 0 0 8px; }
    .feedback:not(:empty) { background: var(--_surface); border: 1px solid var(--_border); border-inline-start: 4px solid var(--_success); border-radius: var(--_radius); padding: 8px 12px; margin-block: 0 var(--_space); }
    .feedback.error:not(:empty) { border-inline-start-color: var(--_danger); }
    .feedback:focus { outline: none; }
    .feedback p { margin: 0; }

    /* Placeholders as tall as what they stand for, so nothing jumps when it arrives. */
    .skeleton { display: grid; gap: 8px; }
    .skeleton .bar { height: 45px; border-radius: var(--_radius); background: var(--_border); opacity: .5; }
    .skeleton .bar.tall { height: 96px; }

    /* A row opens its document (its link does; the rest of the row is a bigger target for the pointer). */
    .table.data .row:has(a.key[data-item]) { cursor: pointer; }
    .table.data .row:has(a.key[data-item]):hover { background: var(--_background); }
    /* The document over the list: a modal, a drawer on narrow screens (dialog.sheet). Its top or
       height stays put while it loads, so nothing under the pointer moves. */
    dialog.document { margin-block: 5vh auto; }
    dialog.document .document-head { position: sticky; top: 0; z-index: 1; background: var(--_surface); display: flex; align-items: center; gap: 8px var(--_space); padding: var(--_space) var(--_space) 8px; border-block-end: 1px solid var(--_border); }
    dialog.document .document-head h2 { flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; font-size: 1.2rem; }
    dialog.document .document-head h2:focus { outline: none; }
    dialog.document .document-actions { display: flex; flex-wrap: wrap; gap: 8px; padding: 12px var(--_space) 0; }
    dialog.document .document-body { padding: 0 var(--_space) var(--_space); }
    dialog.document .document-body > .feedback:not(:empty) { margin-block: 12px 0; }

    /* Generic cards on narrow screens: the key and status on top, the rest underneath, labelled. */
    @container account (max-width: 599px) {
      dialog.document { margin-block: auto 0; height: 85vh; }
      /* The document's number never breaks; a long status wraps under itself instead. */
      .table.data .row { grid-template-columns: minmax(min-content, 1fr) minmax(0, max-content); }
      .table.data .row > .c-status { text-align: end; }
      .table.data .row > .c-status .badge { white-space: normal; }
      .table.data .row > * { grid-column: 1 / -1; }
      .table.data .row > .c-key { grid-column: 1; grid-row: 1; }
      .table.data .row > .c-status { grid-column: 2; grid-row: 1; justify-self: end; }
      .table.data .num { text-align: start; }
      .skeleton .bar { height: 110px; }
    }
    @media (prefers-reduced-motion: no-preference) {
      .skeleton .bar { animation: pulse 1.2s ease-in-out infinite alternate; }
      @keyframes pulse { to { opacity: .35; } }
    }
  `,
  ];

  @consume({ context: storeContext, subscribe: true }) @state() protected store: PortalStore | undefined;
  @consume({ context: stateContext, subscribe: true }) @state() protected portal: PortalState | undefined;

  /** The section of a view whose documents open over its list (see documentSheet); unset for the others. */
  protected readonly section: RouteSection | undefined = undefined;

  /** The key (number or id) of the document open over the list; null: the list alone. */
  protected get documentKey(): string | null {
    return null;
  }

  /** The document was opened from this list (its row), so closing it is going Back. */
  #openedFromList = false;

  /** The open document's dialog: open while there is a documentKey; Escape and Close go to the list's address. */
  protected readonly sheet = new DocumentSheet(this, {
    dialog: () => this.renderRoot?.querySelector<HTMLDialogElement>('dialog#document') ?? null,
    isOpen: () => this.documentKey !== null,
    dismissed: () => this.#toList(),
    opener: () => this.#rowLink(this.documentKey),
  });

  constructor() {
    super();
    this.addEventListener('click', (event) => {
      const link = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
      if (link?.matches('a.key[data-item]')) this.#openedFromList = true;
    });
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.documentKey === null) this.#openedFromList = false;
  }

  #toList(): void {
    if (!this.section) return;
    if (this.#openedFromList) {
      this.#openedFromList = false;
      history.back();
    } else {
      // Opened from a link or on reload: the list replaces it, as if it had been opened from there.
      // Against the page's own address, not a <base href>: the same document, no new history entry.
      location.replace(new URL(routeHref(this.section), location.href).href);
    }
  }

  /** The link of a document's row in the list: by its number (the address) or its id. */
  #rowLink(key: string | null): HTMLElement | null {
    if (key === null || !this.section) return null;
    const href = routeHref(this.section, key);
    return (
      [...this.renderRoot.querySelectorAll<HTMLAnchorElement>('a.key[data-item]')].find(
        (a) => a.getAttribute('href') === href || a.dataset.item === key,
      ) ?? null
    );
  }

  /** A click on a row outside its links and buttons opens its document, as its link does. */
  protected openRow(event: Event): void {
    const target = event.target as Element;
    if (target.closest('a, button, input, label')) return;
    (event.currentTarget as Element).querySelector<HTMLAnchorElement>('a.key[data-item]')?.click();
  }

  protected get supplier(): string {
    return (
      this.portal?.session?.workspace.name ??
      msg('your supplier', { desc: "Instead of the supplier's name, when it is not known yet" })
    );
  }

  /** The locale of money and dates: the portal's `lang`, else the page's (see intlLocaleOf). */
  protected get locale(): string | undefined {
    return intlLocaleOf(this);
  }

  protected money(minor: number, currency: string): string {
    return formatMoney(minor, currency, this.locale);
  }

  /** An instant (created, shipped...). */
  protected date(iso: string): string {
    return formatDate(iso, this.locale);
  }

  /** A calendar date (due, valid until...). */
  protected day(isoDate: string): string {
    return formatDay(isoDate, this.locale);
  }

  /** A link to a document's page when the customer may open its section, else its number as text. */
  protected docLink(section: Section, number: string, label: string | TemplateResult = number) {
    return sectionAllowed(this.portal?.session, section)
      ? html`<a href=${routeHref(section, number)}>${label}</a>`
      : label;
  }

  /** Tells the page (portal-error) and, after a 429, retries by itself when the countdown ends. */
  protected failed(error: unknown, countdown?: RetryCountdown, retry?: () => void): void {
    if (!(error instanceof ApiError)) return;
    this.dispatchEvent(new PortalErrorEvent(error));
    if (error.kind === 'rate_limited' && countdown && retry) countdown.start(error.retryAfterSeconds ?? 30, retry);
    else if (countdown) countdown.seconds = undefined;
  }

  // --- shared templates ---------------------------------------------------------------------

  /** The page heading: `back` links to the section's list from a document's page. */
  protected pageHead(title: string, options: { back?: { href: string; label: string }; actions?: unknown } = {}) {
    return html`${options.back ? html`<a class="back" href=${options.back.href}>← ${options.back.label}</a>` : nothing}
      <div class="page-head">
        <h2 id="page-title" tabindex="-1">${title}</h2>
        ${options.actions ? html`<div class="actions">${options.actions}</div>` : nothing}
      </div>`;
  }

  /**
   * The document open over the list: a dialog labelled by its heading (the document's number),
   * with Close, the document's actions (Download PDF...), and its body.
   */
  protected documentSheet(title: string, actions: unknown, body: () => unknown) {
    const open = this.documentKey !== null;
    return html`<dialog class="sheet document" id="document" part="detail" aria-modal="true" aria-labelledby="document-title">${
      open
        ? html`
      <div class="document-head">
        <h2 id="document-title" tabindex="-1" autofocus>${title}</h2>
        <button type="button" class="link" part="button" @click=${() => this.sheet.close()}>${msg('Close')}</button>
      </div>
      ${actions ? html`<div class="document-actions">${actions}</div>` : nothing}
      <div class="document-body">${body()}</div>`
        : nothing
    }</dialog>`;
  }

  skeleton(what: string, rows: number, tall = false) {
    return html`<div class="skeleton" aria-busy="true">
      <span class="visually-hidden">${msg(str`Loading ${what}…`, { desc: 'For screen readers while a list or document loads, e.g. "Loading your invoices…"' })}</span>
      ${Array.from({ length: rows }, () => html`<div class=${tall ? 'bar tall' : 'bar'}></div>`)}
    </div>`;
  }

  protected empty(title: string, body: string) {
    return html`<div class="empty"><strong>${title}</strong><p class="muted">${body}</p></div>`;
  }

  errorPanel(error: unknown, countdown: RetryCountdown, retry: () => void) {
    const e = apiError(error);
    const { title, body, canRetry } =
      e.kind === 'not_found'
        ? {
            title: msg('Not found'),
            body: msg(
              str`${this.supplier} has no such document for you. It may have been removed, or the link is mistyped.`,
            ),
            canRetry: false,
          }
        : errorCopy(e, this.supplier, countdown.seconds);
    return html`<div class="notice" part="notice" role="alert">
      <h3>${title}</h3>
      <p>${body}</p>
      ${canRetry ? html`<button type="button" class="primary" part="button" @click=${retry}>${msg('Retry')}</button>` : nothing}
    </div>`;
  }

  /**
   * Filters as a tab list: one tab in the Tab order, arrows, Home and End move between them (and
   * select), the list below is the tab panel.
   */
  protected filterTabs<T extends string>(
    label: string,
    options: readonly { value: T; label: string }[],
    value: T,
    select: (value: T) => void,
    /** The id of the tab panel: another for a second tab list on the page. */
    panel = 'filter-panel',
  ) {
    const move = (event: KeyboardEvent) => {
      const index = options.findIndex((o) => o.value === value);
      const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: options.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      const target = options[(next + options.length) % options.length].value;
      select(target);
      this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#filter-${target}`)?.focus());
    };
    return html`<div class="filters" role="tablist" aria-label=${label}>
      ${options.map(
        (o) => html`<button type="button" role="tab" id=${`filter-${o.value}`} aria-controls=${panel}
        aria-selected=${o.value === value ? 'true' : 'false'} tabindex=${o.value === value ? 0 : -1}
        @click=${() => select(o.value)} @keydown=${move}>${o.label}</button>`,
      )}
    </div>`;
  }
}

/**
 * One document read by its key (an order, a quote, an invoice, a delivery): read again when the
 * store or the key changes, nothing while there is no key. A failure is reported through `failed`
 * (after a 429 it is read again when the countdown ends) and shown with Retry in place.
 */
export class DocumentDetail<T> {
  readonly #retry: RetryCountdown;
  readonly #task: Task<readonly [PortalStore | undefined, string | null], T | undefined>;

  constructor(
    private readonly host: AccountView & ReactiveControllerHost,
    options: {
      args: () => readonly [PortalStore | undefined, string | null];
      load: (store: PortalStore, key: string, signal: AbortSignal) => Promise<T>;
      /** Called with each document read, before it renders. */
      loaded?: (document: T) => void;
      failed: (error: unknown, countdown: RetryCountdown, retry: () => void) => void;
    },
  ) {
    this.#retry = new RetryCountdown(host);
    this.#task = new Task(host, {
      args: options.args,
      task: async ([store, key], { signal }) => {
        if (!store || !key) return undefined;
        const document = await options.load(store, key, signal);
        options.loaded?.(document);
        return document;
      },
      onError: (error) => options.failed(error, this.#retry, () => this.run()),
    });
  }

  get value(): T | undefined {
    return this.#task.value;
  }

  /** Reads the document again. */
  run(): Promise<void> {
    return this.#task.run();
  }

  render(view: { loading: () => unknown; pending?: () => unknown; complete: (document: T | undefined) => unknown }) {
    return this.#task.render({
      initial: view.loading,
      pending: view.pending ?? view.loading,
      error: (error) => this.host.errorPanel(error, this.#retry, () => this.run()),
      complete: view.complete,
    });
  }
}

/**
 * A list read a page at a time: the first page when `args` change (nothing while the first arg is
 * false), the next with `more()`, Load more while there is a next page. After Load more the focus
 * goes to the first new item (an element with `data-item` = its id), so keyboard users continue there.
 */
export class PagedList<T extends { id: string }> {
  items: T[] = [];
  next: string | null = null;
  readonly #retry: RetryCountdown;
  readonly #moreRetry: RetryCountdown;
  readonly #first: Task<readonly unknown[], Page<T> | undefined>;
  readonly #more: Task<readonly unknown[], Page<T> | undefined>;
  /** Which first page the list shows; a Load more started for an earlier one is dropped. */
  #generation = 0;
  #moreGeneration = 0;

  constructor(
    private readonly host: AccountView & ReactiveControllerHost,
    options: {
      args: () => readonly [boolean, ...unknown[]];
      load: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>;
      failed: (error: unknown, countdown: RetryCountdown, retry: () => void) => void;
    },
  ) {
    this.#retry = new RetryCountdown(host);
    this.#moreRetry = new RetryCountdown(host);
    this.#first = new Task(host, {
      args: options.args,
      task: async ([wanted], { signal }) => {
        if (!wanted) return undefined;
        const page = await options.load(undefined, signal);
        this.#generation += 1;
        this.items = page.items;
        this.next = page.next_cursor;
        return page;
      },
      onError: (error) => options.failed(error, this.#retry, () => this.#first.run()),
    });
    this.#more = new Task(host, {
      autoRun: false,
      args: () => [this.next],
      task: async ([cursor], { signal }) => {
        if (typeof cursor !== 'string') return undefined;
        const generation = (this.#moreGeneration = this.#generation);
        const page = await options.load(cursor, signal);
        if (generation !== this.#generation) return undefined;
        this.items = [...this.items, ...page.items];
        this.next = page.next_cursor;
        const first = page.items[0];
        // The button may be gone (last page): keep the keyboard where the new items start.
        host.requestUpdate();
        if (first)
          host.updateComplete.then(() =>
            host.renderRoot.querySelector<HTMLElement>(`[data-item="${CSS.escape(first.id)}"]`)?.focus(),
          );
        return page;
      },
      onError: (error) => options.failed(error, this.#moreRetry, () => this.#more.run()),
    });
  }

  /** Puts a changed item in place (e.g. a quote just accepted), wherever it is in the list. */
  replace(item: T): void {
    if (!this.items.some((i) => i.id === item.id)) return;
    this.items = this.items.map((i) => (i.id === item.id ? item : i));
    this.host.requestUpdate();
  }

  /** Loads the first page again. */
  reload(): void {
    void this.#first.run();
  }

  render(view: { what: string; skeletonRows: number; empty: () => unknown; list: (items: T[]) => unknown }) {
    const skeleton = () => this.host.skeleton(view.what, view.skeletonRows);
    return this.#first.render({
      initial: skeleton,
      pending: skeleton,
      error: (error) => this.host.errorPanel(error, this.#retry, () => this.#first.run()),
      complete: (page) =>
        !page ? skeleton() : this.items.length ? html`${view.list(this.items)}${this.#moreButton()}` : view.empty(),
    });
  }

  #moreButton() {
    const status = this.#more.status;
    // A failed Load more of an earlier list (another filter) is not this list's.
    if (status === TaskStatus.ERROR && this.#moreGeneration === this.#generation) {
      return this.host.errorPanel(this.#more.error, this.#moreRetry, () => this.#more.run());
    }
    if (!this.next) return nothing;
    const busy = status === TaskStatus.PENDING;
    return html`<div class="more"><button type="button" part="button" aria-disabled=${busy ? 'true' : 'false'}
      @click=${() => {
        if (this.#more.status !== TaskStatus.PENDING) void this.#more.run();
      }}>
      ${busy ? msg('Loading more…') : msg('Load more')}</button></div>`;
  }
}
