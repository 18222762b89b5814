/**
 * `npm run bench:widget`: the built widget (dist/customer-portal.js) on the example merchant page,
 * in a real Chromium, against the demo server on loopback, with a catalogue of ~1,000, ~10,000 and
 * ~50,000 products (BENCH_WIDGET_SIZES=1000,10000 to choose). Prints the median of RUNS runs (after
 * one warm-up) of: first catalogue render (and its parts: the catalogue request, the render after
 * its response), add to cart, search, tab switch, layout shift while loading, and the DOM node count
 * counting into shadow roots; then the returning visit: the same tab reloaded in the same browser
 * context, whose catalogue request Chromium revalidates with If-None-Match (the server reports over
 * IPC the status it answered, 304 or 200: Chromium shows a revalidated answer to the page as the
 * cached 200) and the first card painted after that answer. A benchmark: it prints figures and
 * never fails on a missed target.
 *
 * Everything is measured inside the page with performance.now() (same origin as navigation
 * start and Resource Timing). "Painted" is the end of the first frame that shows the change: a
 * requestAnimationFrame loop sees the change before that frame's style, layout and paint, then a
 * MessageChannel message runs right after them. "In DOM" comes from MutationObservers on the
 * portal's shadow roots (attached by wrapping Element.prototype.attachShadow until the first card).
 * Layout shifts are summed over the whole load; the interactions are scripted (element.click(),
 * an input event), so their shifts are not excluded as user input the way real clicks would be.
 * Script evaluation is from the end of the bundle's download (Resource Timing) to the elements
 * being defined (customElements.whenDefined); main-thread blocking is the total blocking time of
 * the long tasks (Long Tasks API: the part of each task beyond 50 ms) until the page settles
 * after the first render. `benchWidget` is what `npm run bench` runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { chromium, type Browser, type Page } from 'playwright-core';
import { hashSecret, hintFor, newSecret, PORTAL_TOKEN_PREFIX } from '../demo-server/auth/secrets.ts';
import { openDb } from '../demo-server/db/connect.ts';
import { seedDemo, seedScale } from '../demo-server/db/seed.ts';
import { ALL_PERMISSIONS, insertToken } from '../demo-server/db/tokens.ts';
import { tokenKey } from '../widget/state/persist.ts';
import { CHROMIUM_ARGS, findChromium } from '../test/browser.mjs';
import { serve } from './api.ts';

export const SIZES = process.env.BENCH_WIDGET_SIZES
  ? process.env.BENCH_WIDGET_SIZES.split(',').map(Number)
  : [1_000, 10_000, 50_000];
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WARMUPS = Number(process.env.BENCH_WARMUPS ?? 1);
const VIEWPORT = { width: 1280, height: 900 };
const SEARCH_TERM = 'espresso';
const SALE_TAB = 'On Sale';
const TARGET_NODES = 1_500;
/** Issue 14: the first card painted within 50 ms of the catalogue answer, at 10,000 products. */
const TARGET_FIRST_RENDER_MS = 50;

const progress = (msg: string) => process.stderr.write(`bench:widget ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// In the page. Plain JavaScript in strings: tsx would add helpers to functions passed to evaluate.
// ---------------------------------------------------------------------------------------------

/** Runs before the page's own scripts: confirms the welcome, observes layout shifts and the first card. */
function initScript(confirmedKey: string): string {
  return `(() => {
  if (window.top !== window) return;
  try { localStorage.setItem(${JSON.stringify(confirmedKey)}, 'true'); } catch {}
  const B = window.__bench = { cls: 0, shifts: 0, longTasks: [], firstCardDom: null, firstCardFrame: null, firstCardPaint: null, defined: null };
  customElements.whenDefined('customer-portal').then(() => { B.defined = performance.now(); });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) { B.cls += e.value; B.shifts += 1; }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) B.longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}

  const portalRoot = () => document.querySelector('customer-portal')?.shadowRoot ?? null;
  const catalog = () => portalRoot()?.querySelector('portal-catalog') ?? null;
  const catalogRoot = () => catalog()?.shadowRoot ?? null;
  const cards = () => [...(catalogRoot()?.querySelectorAll('[part="product-card"]') ?? [])];
  const firstCard = () => catalogRoot()?.querySelector('[part="product-card"]') ?? null;
  const afterPaint = (cb) => { const ch = new MessageChannel(); ch.port1.onmessage = () => cb(performance.now()); ch.port2.postMessage(null); };
  Object.assign(B, { portalRoot, catalog, catalogRoot, cards, firstCard, afterPaint });

  // In DOM: a MutationObserver on every shadow root attached until the first card exists.
  const attachShadow = Element.prototype.attachShadow;
  const observers = [];
  const stop = () => { for (const o of observers) o.disconnect(); Element.prototype.attachShadow = attachShadow; };
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    const mo = new MutationObserver(() => {
      if (B.firstCardDom === null && firstCard()) { B.firstCardDom = performance.now(); stop(); }
    });
    mo.observe(root, { childList: true, subtree: true });
    observers.push(mo);
    return root;
  };

  // Painted: polled once a frame, before that frame renders.
  const poll = () => {
    if (firstCard()) {
      B.firstCardFrame = performance.now();
      afterPaint((t) => { B.firstCardPaint = t; });
    } else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);

  /** Runs action() and resolves with ms to the DOM showing done() and to the end of the frame that paints it. */
  B.measure = (action, done, timeoutMs = 10000) => new Promise((resolve, reject) => {
    let dom = null;
    const mo = new MutationObserver(() => { if (dom === null && done()) dom = performance.now(); });
    for (const root of [portalRoot(), catalogRoot()]) if (root) mo.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    const t0 = performance.now();
    action();
    const frame = () => {
      if (done()) {
        const seen = performance.now();
        mo.disconnect();
        afterPaint((t) => resolve({ dom: (dom ?? seen) - t0, paint: t - t0 }));
      } else if (performance.now() - t0 > timeoutMs) {
        mo.disconnect();
        reject(new Error('the page did not show the change within ' + timeoutMs + ' ms'));
      } else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });

  /** Resolves after the next frame has been painted (to start each interaction from a quiet page). */
  B.settle = (ms = 0) => new Promise((resolve) => setTimeout(() => requestAnimationFrame(() => afterPaint(resolve)), ms));

  B.addToCart = () => {
    const button = cards().flatMap((c) => [...c.querySelectorAll('button')]).find((b) => !b.disabled && b.textContent.trim() === 'Add');
    if (!button) throw new Error('no enabled Add button among the rendered cards');
    const count = () => portalRoot()?.querySelector('.cart-button .count')?.textContent.trim();
    if (count() !== '0') throw new Error('the cart is not empty before adding: ' + count());
    return B.measure(() => button.click(), () => count() === '1');
  };

  B.tab = (label) => {
    const tab = [...(catalogRoot()?.querySelectorAll('[role="tab"]') ?? [])].find((t) => t.textContent.trim() === label);
    if (!tab) throw new Error('no tab ' + label);
    const panel = () => catalogRoot()?.querySelector('[role="tabpanel"]');
    return B.measure(() => tab.click(), () => tab.getAttribute('aria-selected') === 'true' && panel()?.getAttribute('aria-labelledby') === tab.id && firstCard() !== null);
  };

  B.search = (term) => {
    const input = catalogRoot()?.querySelector('input[type="search"]');
    if (!input) throw new Error('no search input');
    const matches = () => { const list = cards(); return list.length > 0 && list.every((c) => c.querySelector('h3')?.textContent.toLowerCase().includes(term)); };
    return B.measure(() => {
      input.value = term;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }, matches);
  };

  /** Every node reachable from the document, into every open shadow root. */
  B.countNodes = () => {
    let nodes = 0;
    let elements = 0;
    const walk = (node) => {
      nodes += 1;
      if (node.nodeType === 1) {
        elements += 1;
        if (node.shadowRoot) walk(node.shadowRoot);
      }
      for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    };
    walk(document);
    return { nodes, elements, cards: cards().length };
  };

  B.loadFigures = () => {
    const catalogEntry = performance.getEntriesByType('resource').find((e) => /\\/customer-portal\\/view\\/[^/]+\\/catalog(\\?|$)/.test(e.name));
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      firstCardDom: B.firstCardDom,
      firstCardPaint: B.firstCardPaint,
      catalogStart: catalogEntry?.startTime ?? null,
      catalogDuration: catalogEntry?.duration ?? null,
      catalogResponseEnd: catalogEntry?.responseEnd ?? null,
      catalogBytes: catalogEntry?.encodedBodySize ?? null,
      catalogTransfer: catalogEntry?.transferSize ?? null,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
      longestTask: B.longTasks.reduce((m, [, d]) => Math.max(m, d), 0),
      longTasks: B.longTasks.length,
      blockingTime: B.longTasks.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0),
      defined: B.defined,
      scriptResponseEnd: Math.max(0, ...performance.getEntriesByType('resource').filter((e) => /\\/customer-portal(\\.[\\w-]+)?\\.js(\\?|$)/.test(e.name)).map((e) => e.responseEnd)),
      cls: B.cls,
    };
  };
})();`;
}

// ---------------------------------------------------------------------------------------------
// One catalogue size: database, server, runs
// ---------------------------------------------------------------------------------------------

export interface Run {
  firstRender: number;
  firstRenderDom: number;
  catalogFetch: number;
  catalogWait: number;
  renderAfterResponse: number;
  renderAfterResponseDom: number;
  catalogBytes: number;
  /** Bytes of the catalogue answer on the wire, headers included (Resource Timing transferSize). */
  catalogTransfer: number;
  /** The catalogue answer's Content-Encoding, as Chromium received it ('' when none). */
  catalogEncoding: string;
  longestTask: number;
  longTasks: number;
  blockingTime: number;
  scriptEvaluation: number;
  definedAt: number;
  clsLoad: number;
  nodes: number;
  elements: number;
  cards: number;
  addToCart: number;
  addToCartDom: number;
  tabSwitch: number;
  search: number;
  clsTotal: number;
  /** The returning visit: a reload in the same browser context (its HTTP cache and storage kept). */
  returning: Returning;
}

export interface Returning {
  /** Whether the catalogue request carried If-None-Match, and the status the server answered. */
  sentIfNoneMatch: boolean;
  status: number;
  /** Bytes of the catalogue answer on the wire, headers included (Resource Timing transferSize). */
  catalogTransfer: number;
  firstRender: number;
  renderAfterResponse: number;
  longestTask: number;
  blockingTime: number;
}

export interface SizeResult {
  target: number;
  products: number;
  runs: Run[];
  problems: string[];
}

async function benchSize(browser: Browser, target: number): Promise<SizeResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-bench-widget-'));
  const db = await openDb({ dataDir });
  let close = async () => {};
  try {
    const now = new Date();
    const seedStarted = Date.now();
    await seedDemo(db.kysely, { now });
    const countProducts = async () =>
      Number(
        (
          await db.kysely
            .selectFrom('products')
            .select(sql<number>`count(*)`.as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const existing = await countProducts();
    await seedScale(db.kysely, { customers: 0, products: Math.max(0, target - existing), orders: 0, now });
    const products = await countProducts();
    const customer = await db.kysely
      .selectFrom('customers')
      .select(['id', 'business_name'])
      .where('order_template', '=', 'standard')
      .orderBy('business_name')
      .executeTakeFirstOrThrow();
    const token = newSecret(PORTAL_TOKEN_PREFIX);
    await insertToken(db.kysely, {
      id: crypto.randomUUID(),
      customerId: customer.id,
      hash: hashSecret(token),
      hint: hintFor(token),
      permissions: ALL_PERMISSIONS,
      expiresAt: null,
      now: now.toISOString(),
    });
    progress(
      `${products.toLocaleString('en')} products seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s; customer ${customer.business_name}`,
    );

    // Served from a process of its own (as the API benchmark's servers are): this process's
    // seeding and earlier benchmarks leave garbage whose collection would land in the figures.
    await db.close();
    const server = await serve('existing', { BENCH_DATA_DIR: dataDir });
    // The status each catalogue request was answered with, as the server process reports it:
    // Chromium shows a revalidated answer to the page (and to Playwright) as the cached 200.
    const answered: number[] = [];
    server.child.on('message', (message: { catalogAnswered?: number }) => {
      if (message.catalogAnswered !== undefined) answered.push(message.catalogAnswered);
    });
    close = async () => {
      server.child.kill('SIGTERM');
      if (server.child.exitCode === null) await new Promise((resolve) => server.child.once('exit', resolve));
    };
    const url = `http://127.0.0.1:${server.info.port}`;
    const confirmedKey = `customer-portal:v1:confirmed:${tokenKey(token)}`;

    const runs: Run[] = [];
    const problems: string[] = [];
    for (let i = 0; i < WARMUPS + RUNS; i++) {
      const run = await runOnce(browser, `${url}/examples/#portal_token=${token}`, confirmedKey, problems, answered);
      if (i >= WARMUPS) runs.push(run);
      progress(
        `${products.toLocaleString('en')} products, ${i < WARMUPS ? 'warm-up' : `run ${i - WARMUPS + 1}/${RUNS}`}: first render ${run.firstRender.toFixed(0)} ms, add to cart ${run.addToCart.toFixed(0)} ms, ${run.nodes} nodes`,
      );
    }
    return { target, products, runs, problems: [...new Set(problems)] };
  } finally {
    await close();
    await db.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface LoadFigures {
  firstCardDom: number;
  firstCardPaint: number;
  catalogStart: number | null;
  catalogDuration: number | null;
  catalogResponseEnd: number | null;
  catalogBytes: number | null;
  catalogTransfer: number | null;
  longestTask: number;
  longTasks: number;
  blockingTime: number;
  defined: number | null;
  scriptResponseEnd: number;
  cls: number;
}

/** Waits for the first card to be painted and the page to settle, then reads the load's figures. */
async function loadFigures(page: Page): Promise<LoadFigures> {
  // A function, not a string: the example page's CSP forbids eval, which a string predicate needs.
  await page.waitForFunction(
    () => (window as unknown as { __bench?: { firstCardPaint: number | null } }).__bench?.firstCardPaint != null,
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  // Let the virtualizer settle before counting, and before the first interaction.
  await page.evaluate('window.__bench.settle(300)');
  const load = (await page.evaluate('window.__bench.loadFigures()')) as LoadFigures;
  if (load.catalogResponseEnd === null) throw new Error('no Resource Timing entry for the catalogue request');
  return load;
}

const CATALOG_URL = /\/customer-portal\/view\/[^/]+\/catalog(\?|$)/;

async function runOnce(
  browser: Browser,
  link: string,
  confirmedKey: string,
  problems: string[],
  serverAnswered: number[],
): Promise<Run> {
  // A fresh context each run: empty cache and storage, as a customer opening their link.
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript({ content: initScript(confirmedKey) });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/favicon/.test(message.location().url))
        problems.push(`console: ${message.text()}`);
    });
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url().replace(/\/view\/[^/]+/, '/view/[token]')}`),
    );
    // The catalogue request as Chromium's network stack sent it (headers it added included) and its coding.
    const catalogAnswers: Promise<{ encoding: string; ifNoneMatch: boolean }>[] = [];
    page.on('response', (response) => {
      if (!CATALOG_URL.test(response.url())) return;
      catalogAnswers.push(
        (async () => ({
          encoding: (await response.headerValue('content-encoding')) ?? '',
          ifNoneMatch: (await response.request().headerValue('if-none-match')) !== null,
        }))(),
      );
    });

    await page.goto(link, { waitUntil: 'commit' });
    const load = await loadFigures(page);
    if (load.defined === null || load.scriptResponseEnd === 0)
      throw new Error('no timing for the bundle (its Resource Timing entry or the elements being defined)');
    const count = (await page.evaluate('window.__bench.countNodes()')) as {
      nodes: number;
      elements: number;
      cards: number;
    };

    type Timing = { dom: number; paint: number };
    const add = (await page.evaluate('window.__bench.addToCart()')) as Timing;
    await page.evaluate('window.__bench.settle(100)');
    const tab = (await page.evaluate(`window.__bench.tab(${JSON.stringify(SALE_TAB)})`)) as Timing;
    await page.evaluate('window.__bench.settle(100)');
    await page.evaluate('window.__bench.tab("All")');
    await page.evaluate('window.__bench.settle(100)');
    const search = (await page.evaluate(`window.__bench.search(${JSON.stringify(SEARCH_TERM)})`)) as Timing;
    await page.evaluate('window.__bench.settle(100)');
    const clsTotal = (await page.evaluate('window.__bench.cls')) as number;
    const first = await catalogAnswers.at(-1);
    if (!first) throw new Error('no catalogue response seen on the first visit');

    // The returning visit: the same tab reloaded, so the HTTP cache (and the link kept in storage) answer as for a customer coming back.
    const seen = catalogAnswers.length;
    const answeredBefore = serverAnswered.length;
    await page.reload({ waitUntil: 'commit' });
    const again = await loadFigures(page);
    const returned = catalogAnswers.length > seen ? await catalogAnswers.at(-1) : undefined;
    await page.close();

    return {
      firstRender: load.firstCardPaint,
      firstRenderDom: load.firstCardDom,
      catalogFetch: load.catalogDuration!,
      catalogWait: load.catalogStart!,
      renderAfterResponse: load.firstCardPaint - load.catalogResponseEnd!,
      renderAfterResponseDom: load.firstCardDom - load.catalogResponseEnd!,
      catalogBytes: load.catalogBytes ?? 0,
      catalogTransfer: load.catalogTransfer ?? 0,
      catalogEncoding: first.encoding,
      longestTask: load.longestTask,
      longTasks: load.longTasks,
      blockingTime: load.blockingTime,
      scriptEvaluation: load.defined - load.scriptResponseEnd,
      definedAt: load.defined,
      clsLoad: load.cls,
      nodes: count.nodes,
      elements: count.elements,
      cards: count.cards,
      addToCart: add.paint,
      addToCartDom: add.dom,
      tabSwitch: tab.paint,
      search: search.paint,
      clsTotal,
      returning: {
        sentIfNoneMatch: returned?.ifNoneMatch ?? false,
        // 0: the server saw no catalogue request (the answer came from the cache without asking).
        status: serverAnswered.length > answeredBefore ? serverAnswered.at(-1)! : 0,
        catalogTransfer: again.catalogTransfer ?? 0,
        firstRender: again.firstCardPaint,
        renderAfterResponse: again.firstCardPaint - again.catalogResponseEnd!,
        longestTask: again.longestTask,
        blockingTime: again.blockingTime,
      },
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface WidgetReport {
  chromium: string;
  runs: number;
  warmups: number;
  viewport: { width: number; height: number };
  results: SizeResult[];
}

/** Every catalogue size in one Chromium, each on its own database and server. */
export async function benchWidget(options: { sizes?: number[] } = {}): Promise<WidgetReport> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const chromiumVersion = browser.version();
  const results: SizeResult[] = [];
  try {
    for (const size of options.sizes ?? SIZES) results.push(await benchSize(browser, size));
  } finally {
    await browser.close();
  }
  return { chromium: chromiumVersion, runs: RUNS, warmups: WARMUPS, viewport: VIEWPORT, results };
}

type NumericKey = { [K in keyof Run]: Run[K] extends number ? K : never }[keyof Run];
/** The median over a size's runs of one figure (a key of Run, or a figure read from a run). */
export const med = (r: SizeResult, key: NumericKey | ((run: Run) => number)) =>
  median(r.runs.map((run) => (typeof key === 'function' ? key(run) : run[key])));
const kib = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KiB`;
/** How the returning visits' catalogue requests were answered, e.g. "304 ×5, If-None-Match sent 5/5". */
const answered = (r: SizeResult) => {
  const statuses = new Map<number, number>();
  for (const run of r.runs) statuses.set(run.returning.status, (statuses.get(run.returning.status) ?? 0) + 1);
  const sent = r.runs.filter((run) => run.returning.sentIfNoneMatch).length;
  return `${[...statuses].map(([status, n]) => `${status || 'none'} ×${n}`).join(', ')}; If-None-Match sent ${sent}/${r.runs.length}`;
};
const ms = (v: number) => `${v.toFixed(0)} ms`;

const ROWS: [string, (r: SizeResult) => string, string][] = [
  ['script: bundle downloaded -> elements defined (parse, evaluate)', (r) => ms(med(r, 'scriptEvaluation')), ''],
  ['  elements defined (nav start)', (r) => ms(med(r, 'definedAt')), ''],
  ['first catalogue render (nav start -> 1st card painted)', (r) => ms(med(r, 'firstRender')), ''],
  ['  1st card in DOM (nav start)', (r) => ms(med(r, 'firstRenderDom')), ''],
  ['  catalogue request starts (nav start)', (r) => ms(med(r, 'catalogWait')), ''],
  ['  catalogue fetch (Resource Timing duration)', (r) => ms(med(r, 'catalogFetch')), ''],
  ['  catalogue body (bytes on the wire)', (r) => kib(med(r, 'catalogBytes')), ''],
  [
    '  catalogue answer on the wire, headers included (Content-Encoding)',
    (r) => `${kib(med(r, 'catalogTransfer'))} (${r.runs[0]?.catalogEncoding || 'none'})`,
    '≤ 400 KiB at 10,000',
  ],
  [
    '  render after response (-> 1st card painted)',
    (r) => ms(med(r, 'renderAfterResponse')),
    `≤ ${TARGET_FIRST_RENDER_MS} ms at 10,000`,
  ],
  ['  render after response (-> 1st card in DOM)', (r) => ms(med(r, 'renderAfterResponseDom')), ''],
  ['main-thread blocking at startup (total blocking time)', (r) => ms(med(r, 'blockingTime')), ''],
  ['  long tasks (> 50 ms) while loading', (r) => String(med(r, 'longTasks')), ''],
  ['  longest main-thread task while loading', (r) => ms(med(r, 'longestTask')), ''],
  ['add to cart (click -> count "1" painted)', (r) => ms(med(r, 'addToCart')), ''],
  ['  count "1" in DOM', (r) => ms(med(r, 'addToCartDom')), ''],
  [`tab switch (click "${SALE_TAB}" -> painted)`, (r) => ms(med(r, 'tabSwitch')), ''],
  [`filter: search (input "${SEARCH_TERM}" -> results painted)`, (r) => ms(med(r, 'search')), ''],
  ['layout shift while loading (sum of scores)', (r) => med(r, 'clsLoad').toFixed(3), 'none ("no layout shift")'],
  ['  whole run, incl. the scripted interactions', (r) => med(r, 'clsTotal').toFixed(3), ''],
  [
    'DOM nodes after load (into shadow roots)',
    (r) => String(med(r, 'nodes')),
    `< ${TARGET_NODES.toLocaleString('en')}`,
  ],
  ['  of which elements', (r) => String(med(r, 'elements')), ''],
  ['  product cards in DOM', (r) => String(med(r, 'cards')), ''],
  ['returning visit (reload, same context): catalogue answered', answered, '304'],
  ['  catalogue answer on the wire, headers included', (r) => kib(med(r, (run) => run.returning.catalogTransfer)), ''],
  [
    '  first catalogue render (nav start -> 1st card painted)',
    (r) => ms(med(r, (run) => run.returning.firstRender)),
    '',
  ],
  ['  render after response (-> 1st card painted)', (r) => ms(med(r, (run) => run.returning.renderAfterResponse)), ''],
  ['  main-thread blocking (total blocking time)', (r) => ms(med(r, (run) => run.returning.blockingTime)), ''],
  ['  longest main-thread task', (r) => ms(med(r, (run) => run.returning.longestTask)), ''],
];

const setup = (report: WidgetReport) =>
  `dist/customer-portal.js on /examples/ from the demo server on 127.0.0.1 (a process of its own), customer "Blue Door Café" (Standard template), ${report.viewport.width}x${report.viewport.height}; ` +
  `median of ${report.runs} runs after ${report.warmups} warm-up, each in a fresh browser context (empty cache and storage, welcome already confirmed), then reloaded in that context for the returning visit (its HTTP cache and storage kept); Chromium ${report.chromium}`;

/** The report as a Markdown table, with the problems the page showed (if any). */
export function formatWidget(report: WidgetReport): string {
  const lines = [
    `${setup(report)}.`,
    '',
    `| Metric | ${report.results.map((r) => `${r.products.toLocaleString('en')} products`).join(' | ')} | Target |`,
    `| --- | ${report.results.map(() => '---').join(' | ')} | --- |`,
    ...ROWS.map(
      ([label, value, target]) =>
        `| ${label.replace(/^ {2}/, '&nbsp;&nbsp;')} | ${report.results.map(value).join(' | ')} | ${target} |`,
    ),
  ];
  for (const r of report.results) {
    if (r.problems.length)
      lines.push(
        '',
        `Problems seen in the page with ${r.products.toLocaleString('en')} products: ${r.problems.join('; ')}`,
      );
  }
  return lines.join('\n');
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const report = await benchWidget();
  const { results } = report;
  const pad = (s: string, n: number) => s.padEnd(n);
  const padL = (s: string, n: number) => s.padStart(n);
  const labelWidth = Math.max(...ROWS.map(([label]) => label.length)) + 2;
  const colWidth = 18;
  console.log(
    `\nWidget benchmark: ${new Date().toISOString()}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, Chromium ${report.chromium}`,
  );
  console.log(setup(report));
  console.log(
    `${pad('metric', labelWidth)}${results.map((r) => padL(`${r.products.toLocaleString('en')} products`, colWidth)).join('')}  target`,
  );
  for (const [label, value, target] of ROWS) {
    console.log(`${pad(label, labelWidth)}${results.map((r) => padL(value(r), colWidth)).join('')}  ${target}`);
  }

  const big = results.find((r) => r.target === 10_000) ?? results[results.length - 1];
  const nodes = med(big, 'nodes');
  const renderAfter = med(big, 'renderAfterResponse');
  const firstRender = med(big, 'firstRender');
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(`\nTargets at ${big.products.toLocaleString('en')} products:`);
  console.log(`  DOM nodes under ${TARGET_NODES.toLocaleString('en')}: ${nodes} (${verdict(nodes < TARGET_NODES)})`);
  console.log(
    `  first render under ${TARGET_FIRST_RENDER_MS} ms, counted from the catalogue response: ${ms(renderAfter)} (${verdict(renderAfter < TARGET_FIRST_RENDER_MS)}); ` +
      `from navigation start: ${ms(firstRender)} (${verdict(firstRender < TARGET_FIRST_RENDER_MS)})`,
  );
  for (const r of results) {
    if (r.problems.length)
      console.log(
        `\nProblems seen in the page with ${r.products.toLocaleString('en')} products:\n  ${r.problems.join('\n  ')}`,
      );
  }
}
