/**
 * The goals of issue 14, each with today's figure from one `npm run bench` run, the goal and a
 * verdict. A goal the run could not measure says why instead of being left out.
 */
import type { ApiReport, Row } from './api.ts';
import type { BundleReport } from './bundle.ts';
import type { PricingReport } from './pricing.ts';
import type { Run, SizeResult, WidgetReport } from './widget.ts';

export interface Goal {
  name: string;
  /** Today's figure, or why there is none. */
  today: string;
  goal: string;
  /** undefined: not measured in this run. */
  met: boolean | undefined;
}

/**
 * What was done towards each goal, and what is left, said in the row when the run does not meet it
 * (the issue: "or the row says what was tried and what the figure is").
 */
export const TRIED: Record<string, string> = {
  'Catalogue answer, 10,000 products, on the wire':
    'Brotli or gzip by Accept-Encoding, compressed once per price group and revision; the compact form.',
  'First card painted after the catalogue answer, 10,000 products':
    "The compact catalogue (123 bytes a product instead of 417; about half the parse), the answer's parse and its check in two tasks, the browser's formatting data loaded while the catalogue downloads, the catalogue's code asked for beside the session, no copy of the product list at first paint, price-list entries prepared when first priced. Left: the parse of the answer and the first layout of the portal's shadow DOM; a Worker cannot be used (the widget's origin is not the page's, and a blob: worker needs the merchant's CSP to allow it).",
  'Pricing 10,000 products in Node':
    'No arrays, closures or date parsing per price; promotions timed once; one lookup per product for its list entries and promotions; entries prepared when first priced. Left: the two result objects per price, the shape of the public API.',
  'Script before first paint, gzip':
    "Every view, the catalogue, the cart, <past-orders> and <reorder-cart> load on demand; the answer schemas with their checker, the catalogue's checks and the compact reader load beside the first request; Pay Now's hand-over loads when an order is placed under it; the endpoint table is one line an endpoint.",
  'GET catalog (SQLite), vs bare Express in the same run':
    "The answer serialized and compressed once per price group and revision, a strong ETag and 304, the customer's price group read with the token, the compact form. Left: the revision read and the socket write of each answer, which profiles show dominate on this VM.",
  'GET orders, cache off, vs bare Express':
    "Keyset paging on an index, the token lookup that also reads the customer's revision, prepared statements. Left: the driver's cost per statement (two a request) on this VM.",
  'POST orders on PostgreSQL':
    "The customer's lock taken once, first; the order number assigned last, so the numbering lock is held briefly; no lock waits left in profiles. Left: Node's CPU for about 25 statements a checkout, on a 2-core machine shared by Node, PostgreSQL and the load generator.",
  "Another customer's `/session` while 8 catalogue reads of 10,000 products are in flight":
    'Catalogue reads a page at a time with turns of the event loop between pages; concurrent reads of one context share one reading.',
  '50,000 products: longest main-thread task while loading; total blocking time':
    "The compact catalogue (about 6 MB to parse instead of 20), the answer's parse and check in separate tasks, no copies of the product list at first paint. Left: the one JSON.parse of the whole answer; a streamed or paged catalogue is the next step (a Worker cannot be used cross-origin under a strict CSP).",
  'Orders at volume: GET orders (and order history), a customer with 100,000 orders vs one with 50':
    'Indexes for every list, keyset paging, statistics kept per customer.',
};

export interface Reports {
  bundle?: BundleReport;
  pricing?: PricingReport;
  widget?: WidgetReport;
  api?: ApiReport;
}

/** "Same cost" for orders at volume: within this factor of the small customer's latency, plus timer noise. */
export const SAME_COST_FACTOR = 1.25;
export const SAME_COST_SLACK_MS = 0.5;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
const pct = (v: number) => `${(v * 100).toFixed(0)} %`;
const count = (n: number) => n.toLocaleString('en');

function widgetAt(reports: Reports, products: number): SizeResult | undefined {
  return reports.widget?.results.find((r) => r.target === products && r.runs.length > 0);
}
const med = (size: SizeResult, pick: (run: Run) => number) => median(size.runs.map(pick));
const apiRow = (reports: Reports, name: string): Row | undefined => reports.api?.rows.find((r) => r.name === name);

function notMeasured(name: string, goal: string, why: string): Goal {
  return { name, goal, today: `not measured: ${why}`, met: undefined };
}

export function issue14Goals(reports: Reports): Goal[] {
  const goals: Goal[] = [];
  const noPostgres = 'no PostgreSQL in this run (set BENCH_DATABASE_URL or TEST_DATABASE_URL)';

  {
    const name = 'Catalogue answer, 10,000 products, on the wire';
    const goal = '≤ 400 KiB (compressed, brotli as Chromium asks)';
    const size = widgetAt(reports, 10_000);
    if (!size) goals.push(notMeasured(name, goal, 'the widget benchmark did not run at 10,000 products'));
    else {
      const bytes = med(size, (r) => r.catalogTransfer);
      goals.push({
        name,
        goal,
        today: `${kib(bytes)} (${size.runs[0].catalogEncoding || 'not compressed'}, headers included; ${count(size.products)} products)`,
        met: bytes <= 400 * 1024,
      });
    }
  }
  {
    const name = 'First card painted after the catalogue answer, 10,000 products';
    const goal = '≤ 50 ms';
    const size = widgetAt(reports, 10_000);
    if (!size) goals.push(notMeasured(name, goal, 'the widget benchmark did not run at 10,000 products'));
    else {
      const first = med(size, (r) => r.renderAfterResponse);
      const again = med(size, (r) => r.returning.renderAfterResponse);
      goals.push({
        name,
        goal,
        today: `${ms(first)} first visit (${ms(again)} on the returning visit)`,
        met: first <= 50,
      });
    }
  }
  {
    const name = 'Pricing 10,000 products in Node';
    const goal = '≤ 5 ms';
    const p = reports.pricing;
    if (!p) goals.push(notMeasured(name, goal, 'the pricing benchmark did not run'));
    else {
      const total = p.indexMs + p.resolveMs;
      goals.push({
        name,
        goal,
        today: `${ms(total)} (build the Pricer ${ms(p.indexMs)} + resolve ${count(p.products)} products ${ms(p.resolveMs)})`,
        met: total <= 5,
      });
    }
  }
  {
    const name = 'Script before first paint, gzip';
    const goal = '≤ 25 KiB';
    const entry = reports.bundle?.entries.find((e) => e.file === 'customer-portal.js');
    if (!entry) goals.push(notMeasured(name, goal, 'no dist/customer-portal.js (run vite build first)'));
    else
      goals.push({
        name,
        goal,
        today: `${kib(entry.initial.gzip)} (\`customer-portal.js\` and its ${entry.initial.files - 1} static imports)`,
        met: entry.initial.gzip <= 25 * 1024,
      });
  }
  {
    const name = 'GET catalog (SQLite), vs bare Express in the same run';
    const goal = '≥ 50 %';
    const row = apiRow(reports, 'GET catalog (SQLite)');
    const big = reports.api?.rows.find((r) => /^GET catalog, [\d,]+ products \(SQLite\)$/.test(r.name));
    if (!row || !reports.api) goals.push(notMeasured(name, goal, 'the API benchmark did not run'));
    else {
      const ratio = row.rps / reports.api.bare.rps;
      const atSize = big
        ? `; ${big.name.replace(/^GET catalog, | \(SQLite\)$/g, '')}: ${pct(big.rps / reports.api.bare.rps)}`
        : '';
      goals.push({
        name,
        goal,
        today: `${pct(ratio)} (${row.rps.toFixed(0)} of ${reports.api.bare.rps.toFixed(0)} req/s, demo catalogue in the compact form the portal asks for${atSize})`,
        met: ratio >= 0.5,
      });
    }
  }
  {
    const name = 'GET orders, cache off, vs bare Express';
    const goal = '≥ 40 %';
    const row = apiRow(reports, 'GET orders (SQLite, cache off)');
    if (!row || !reports.api) goals.push(notMeasured(name, goal, 'the API benchmark did not run'));
    else {
      const ratio = row.rps / reports.api.bare.rps;
      goals.push({
        name,
        goal,
        today: `${pct(ratio)} (SQLite, ${row.rps.toFixed(0)} of ${reports.api.bare.rps.toFixed(0)} req/s)`,
        met: ratio >= 0.4,
      });
    }
  }
  {
    const name = 'POST orders on PostgreSQL';
    const goal = `≥ 500 req/s; p99 ≤ 50 ms at a fixed 100 req/s`;
    const row = apiRow(reports, 'POST orders (PostgreSQL)');
    const fixed = reports.api?.rows.find((r) => r.rate !== undefined && r.name.endsWith('(PostgreSQL)'));
    if (!reports.api) goals.push(notMeasured(name, goal, 'the API benchmark did not run'));
    else if (!row || !fixed) goals.push(notMeasured(name, goal, noPostgres));
    else
      goals.push({
        name,
        goal,
        today: `${row.rps.toFixed(0)} req/s; p50 ${fixed.p50} ms, p99 ${fixed.p99} ms at a fixed ${fixed.rate} req/s (${fixed.rps.toFixed(0)} req/s answered)`,
        met: row.rps >= 500 && fixed.p99 <= 50 && fixed.non2xx + fixed.errors === 0,
      });
  }
  {
    const name = "Another customer's `/session` while 8 catalogue reads of 10,000 products are in flight";
    const goal = '< 50 ms';
    const sessions = reports.api?.sessions ?? [];
    if (!sessions.length) goals.push(notMeasured(name, goal, 'the API benchmark did not run'));
    else {
      const figures = sessions.map((s) => `${s.name.replace(/.*\((.*)\)$/, '$1')} ${ms(s.median)}`).join(', ');
      const missing = reports.api?.postgres ? '' : '; PostgreSQL not measured';
      goals.push({
        name,
        goal,
        today: `${figures} (median of ${sessions[0].runs.length}; ${count(sessions[0].catalogProducts)} products${missing})`,
        met: sessions.every((s) => s.median < 50),
      });
    }
  }
  {
    const name = '50,000 products: longest main-thread task while loading; total blocking time';
    const goal = '≤ 100 ms; ≤ 200 ms';
    const size = widgetAt(reports, 50_000);
    if (!size) goals.push(notMeasured(name, goal, 'the widget benchmark did not run at 50,000 products'));
    else {
      const longest = med(size, (r) => r.longestTask);
      const blocking = med(size, (r) => r.blockingTime);
      goals.push({
        name,
        goal,
        today: `${ms(longest)}; ${ms(blocking)} (first visit, ${count(size.products)} products)`,
        met: longest <= 100 && blocking <= 200,
      });
    }
  }
  {
    const name = 'Orders at volume: GET orders (and order history), a customer with 100,000 orders vs one with 50';
    const goal = `same cost (within ${SAME_COST_FACTOR}× + ${SAME_COST_SLACK_MS} ms, mean of one request at a time)`;
    const volume = reports.api?.volume ?? [];
    if (!volume.length) goals.push(notMeasured(name, goal, 'the API benchmark did not run'));
    else {
      const same = (heavy: number, light: number) => heavy <= light * SAME_COST_FACTOR + SAME_COST_SLACK_MS;
      const figures = volume
        .map(
          (v) =>
            `${v.name.replace(/, cache off\)$/, ')')}: ${ms(v.heavy.mean)} at ${count(v.heavyOrders)} vs ${ms(v.light.mean)} at ${count(v.lightOrders)}`,
        )
        .join('; ');
      goals.push({
        name,
        goal,
        today: figures + (reports.api?.postgres ? '' : '; PostgreSQL not measured'),
        met: volume.every((v) => same(v.heavy.mean, v.light.mean)),
      });
    }
  }
  return goals;
}

export function formatGoals(goals: Goal[]): string {
  const verdict = (g: Goal) => (g.met === undefined ? 'not measured' : g.met ? 'met' : 'NOT met');
  const tried = (g: Goal) => (g.met === true ? '' : (TRIED[g.name] ?? ''));
  return [
    '| Goal | Today | Target | Verdict | What was tried (when not met) |',
    '| --- | --- | --- | --- | --- |',
    ...goals.map((g) => `| ${g.name} | ${g.today} | ${g.goal} | ${verdict(g)} | ${tried(g)} |`),
  ].join('\n');
}
