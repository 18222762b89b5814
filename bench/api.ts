/**
 * `npm run bench:api`: requests/s and latency of the reference API under autocannon, beside a
 * bare Express hello-world on the same machine, from one run. SQLite always; PostgreSQL too
 * when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set. `benchApi` is what `npm run bench` runs.
 *
 * Every scenario runs once as a warm-up (BENCH_WARMUP seconds), then BENCH_REPEATS times
 * (BENCH_DURATION seconds each); a row is the median of those runs. Per database, two servers:
 * the demo workspace (throughput of the hot reads and of checkout, and checkout at a fixed rate),
 * and the scale workspace (BENCH_SCALE_PRODUCTS products, one customer with BENCH_VOLUME_ORDERS
 * orders, the answer cache off): the catalogue at that size, another customer's /session while
 * 8 catalogue reads are in flight, and one request at a time at the customer with many orders
 * and at one with 50.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const DURATION = Number(process.env.BENCH_DURATION ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
/** Checkout at a fixed rate (autocannon overallRate): the latency a customer sees at a normal load. */
const FIXED_RATE = Number(process.env.BENCH_FIXED_RATE ?? 100);
const SCALE_PRODUCTS = Number(process.env.BENCH_SCALE_PRODUCTS ?? 10_000);
const VOLUME_ORDERS = Number(process.env.BENCH_VOLUME_ORDERS ?? 100_000);
/** Seconds per run of the one-request-at-a-time rows (orders at volume). */
const LATENCY_DURATION = Number(process.env.BENCH_LATENCY_DURATION ?? 2);
/** As test/server/catalog-load.test.ts: catalogue reads in flight while another customer asks for /session. */
export const CONCURRENT_READS = 8;
/** As Chromium asks: the catalogue is answered in the best coding the client accepts. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';
export const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

/** A database of the run's own, so the benchmark never touches data it did not make. */
export async function benchDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  if (!PG_URL) return undefined;
  const name = `portal_bench_${process.pid}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface ServerInfo {
  port: number;
  tokens?: string[];
  products?: string[];
  db?: string;
  catalogProducts?: number;
  heavy?: { token: string; orders: number };
  light?: { token: string; orders: number };
}

export interface Started {
  child: ChildProcess;
  info: ServerInfo;
  /** Ends the process and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts bench/serve.ts in its own process (with an IPC channel): the figures then leave out this process's own work and garbage. */
export async function serve(mode: 'bare' | 'portal' | 'existing', env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve.ts', mode], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, info: JSON.parse(line) as ServerInfo, stop };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  /** Mean ms per request from the request count (finer than the histogram's whole milliseconds). */
  mean: number;
  non2xx: number;
  errors: number;
  connections: number;
  /** Requests/s asked for (autocannon overallRate), when fixed. */
  rate?: number;
}

/** A warm-up run, then REPEATS runs: each figure is the median of the runs; failures are summed. */
async function run(name: string, options: autocannon.Options): Promise<Row> {
  const connections = options.connections ?? CONNECTIONS;
  const duration = Number(options.duration ?? DURATION);
  if (WARMUP > 0) await autocannon({ ...options, connections, duration: WARMUP });
  const results: autocannon.Result[] = [];
  for (let i = 0; i < REPEATS; i++) results.push(await autocannon({ ...options, connections, duration }));
  const sum = (pick: (r: autocannon.Result) => number) => results.reduce((n, r) => n + pick(r), 0);
  return {
    name,
    rps: median(results.map((r) => r.requests.average)),
    p50: median(results.map((r) => r.latency.p50)),
    p99: median(results.map((r) => r.latency.p99)),
    mean: median(results.map((r) => (r.duration * 1000 * connections) / Math.max(1, r.requests.total))),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    connections,
    rate: options.overallRate,
  };
}

function portalRequests(info: ServerInfo) {
  const tokens = info.tokens!;
  let n = 0;
  const path = (suffix: string) => `/api/v1/customer-portal/view/${tokens[n++ % tokens.length]}${suffix}`;
  return {
    get: (suffix: string, headers: Record<string, string> = {}): autocannon.Request[] => [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: path(suffix), headers: { ...req.headers, ...headers } }),
      },
    ],
    post: (): autocannon.Request[] => [
      {
        method: 'POST',
        setupRequest: (req) => {
          const i = n;
          return {
            ...req,
            path: path('/orders'),
            headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${process.pid}-${i}` },
            body: JSON.stringify({
              lines: [{ product_id: info.products![i % info.products!.length], quantity: 1 + (i % 5) }],
            }),
          };
        },
      },
    ],
  };
}

const catalogHeaders = { 'accept-encoding': BROWSER_ACCEPT_ENCODING };

/** The demo workspace: the hot reads and checkout (throughput, then checkout at a fixed rate). */
async function benchPortal(label: string, env: Record<string, string>, only?: 'orders'): Promise<Row[]> {
  const server = await serve('portal', env);
  try {
    const base = `http://127.0.0.1:${server.info.port}`;
    const req = portalRequests(server.info);
    const rows = [await run(`GET orders (${label})`, { url: base, requests: req.get('/orders') })];
    if (only) return rows;
    // The compact form, as the portal asks for it; the full one (other clients) beside it.
    rows.push(
      await run(`GET catalog (${label})`, { url: base, requests: req.get('/catalog?format=compact', catalogHeaders) }),
    );
    rows.push(
      await run(`GET catalog, full form (${label})`, { url: base, requests: req.get('/catalog', catalogHeaders) }),
    );
    rows.push(await run(`POST orders (${label})`, { url: base, requests: req.post() }));
    rows.push(
      await run(`POST orders at a fixed ${FIXED_RATE} req/s (${label})`, {
        url: base,
        requests: req.post(),
        overallRate: FIXED_RATE,
      }),
    );
    return rows;
  } finally {
    await server.stop();
  }
}

/** One message from the server process (IPC) that `accept` takes; resolves with it, or fails after a minute. */
function nextMessage<T>(child: ChildProcess, accept: (message: unknown) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', listener);
      reject(new Error('the bench server did not report what was expected within 60 s'));
    }, 60_000);
    const listener = (message: unknown) => {
      const taken = accept(message);
      if (taken === undefined) return;
      clearTimeout(timer);
      child.off('message', listener);
      resolve(taken);
    };
    child.on('message', listener);
  });
}

export interface SessionWhileReads {
  name: string;
  /** ms from sending /session to its answer's head, per timed run (the warm-up left out). */
  runs: number[];
  median: number;
  catalogProducts: number;
  catalogBytes: number;
}

/**
 * Another customer's /session while CONCURRENT_READS catalogue reads are in flight, timed as
 * test/server/catalog-load.test.ts times it: sent once the server process has seen all the reads
 * arrive (it says so over IPC from its 'request' event). Each run starts from a cold catalogue
 * (the server bumps the catalogue revision first), so the reads are served from the database.
 */
async function sessionWhileReads(label: string, server: Started): Promise<SessionWhileReads> {
  const base = `http://127.0.0.1:${server.info.port}/api/v1/customer-portal/view`;
  const { heavy, light } = server.info;
  const session = `${base}/${light!.token}/session`;
  // Warm the other customer's token and the workspace, so the timed read measures waiting, not a first lookup.
  const warm = await fetch(session);
  await warm.arrayBuffer();
  if (warm.status !== 200) throw new Error(`/session answered ${warm.status}`);
  const runs: number[] = [];
  let catalogBytes = 0;
  for (let i = 0; i < 1 + REPEATS; i++) {
    const changed = nextMessage(server.child, (m) =>
      (m as { catalogChanged?: true }).catalogChanged ? true : undefined,
    );
    server.child.send('catalog-changed');
    await changed;
    let received = 0;
    const arrived = nextMessage(server.child, (m) =>
      (m as { catalogRequest?: true }).catalogRequest && ++received === CONCURRENT_READS ? true : undefined,
    );
    const reads = Array.from({ length: CONCURRENT_READS }, () =>
      fetch(`${base}/${heavy!.token}/catalog?format=compact`).then(async (res) => ({
        status: res.status,
        bytes: (await res.arrayBuffer()).byteLength,
      })),
    );
    await arrived;
    const started = performance.now();
    const answer = await fetch(session);
    const waited = performance.now() - started;
    await answer.arrayBuffer();
    const answers = await Promise.all(reads);
    if (answer.status !== 200 || answers.some((a) => a.status !== 200))
      throw new Error(`/session ${answer.status}, catalogue ${answers.map((a) => a.status).join(' ')}`);
    catalogBytes = answers[0].bytes;
    if (i > 0) runs.push(waited);
  }
  return {
    name: `/session while ${CONCURRENT_READS} catalogue reads of ${server.info.catalogProducts!.toLocaleString('en')} products are in flight (${label})`,
    runs,
    median: median(runs),
    catalogProducts: server.info.catalogProducts!,
    catalogBytes,
  };
}

export interface VolumeRow {
  name: string;
  heavy: Row;
  light: Row;
  heavyOrders: number;
  lightOrders: number;
}

/** The scale workspace: the catalogue at size, /session during catalogue reads, and orders at volume. */
async function benchScale(
  label: string,
  env: Record<string, string>,
  log: (msg: string) => void,
): Promise<{ rows: Row[]; session: SessionWhileReads; volume: VolumeRow[] }> {
  const seeding = Date.now();
  const server = await serve('portal', {
    ...env,
    BENCH_PRODUCTS: String(SCALE_PRODUCTS),
    BENCH_VOLUME_ORDERS: String(VOLUME_ORDERS),
    // Every order list read from the database: the cost at volume, not the cache's.
    BENCH_ANSWER_CACHE: '0',
  });
  log(
    `api: ${label} scale workspace (${server.info.catalogProducts!.toLocaleString('en')} products, ${server.info.heavy!.orders.toLocaleString('en')} orders for one customer) seeded in ${((Date.now() - seeding) / 1000).toFixed(0)} s`,
  );
  try {
    const base = `http://127.0.0.1:${server.info.port}`;
    const req = portalRequests(server.info);
    const products = server.info.catalogProducts!.toLocaleString('en');
    const rows = [
      await run(`GET catalog, ${products} products (${label})`, {
        url: base,
        requests: req.get('/catalog?format=compact', catalogHeaders),
      }),
    ];
    const session = await sessionWhileReads(label, server);
    const volume: VolumeRow[] = [];
    for (const [what, suffix] of [
      ['GET orders', '/orders'],
      ['GET order-history', '/order-history'],
    ] as const) {
      const one = (who: 'heavy' | 'light') =>
        run(`${what}, ${who} (${label})`, {
          url: `${base}/api/v1/customer-portal/view/${server.info[who]!.token}${suffix}`,
          connections: 1,
          duration: LATENCY_DURATION,
        });
      volume.push({
        name: `${what} (${label}, cache off)`,
        heavy: await one('heavy'),
        light: await one('light'),
        heavyOrders: server.info.heavy!.orders,
        lightOrders: server.info.light!.orders,
      });
    }
    return { rows, session, volume };
  } finally {
    await server.stop();
  }
}

export interface ApiReport {
  duration: number;
  warmup: number;
  repeats: number;
  connections: number;
  fixedRate: number;
  bare: Row;
  rows: Row[];
  sessions: SessionWhileReads[];
  volume: VolumeRow[];
  postgres: boolean;
}

/** Every scenario, one after the other: the bare hello-world, then the portal on SQLite and (with a URL) PostgreSQL. */
export async function benchApi(options: { pgUrl?: string; log?: (msg: string) => void } = {}): Promise<ApiReport> {
  const log = options.log ?? (() => {});
  const bare = await serve('bare');
  let bareRow: Row;
  try {
    bareRow = await run('bare Express hello-world', { url: `http://127.0.0.1:${bare.info.port}/hello` });
  } finally {
    await bare.stop();
  }
  log(`api: bare Express ${bareRow.rps.toFixed(0)} req/s`);
  const rows = [bareRow, ...(await benchPortal('SQLite', {}))];
  // The same read with the order-list cache off: what every read costs right after a change.
  rows.push(...(await benchPortal('SQLite, cache off', { BENCH_ANSWER_CACHE: '0' }, 'orders')));
  const sessions: SessionWhileReads[] = [];
  const volume: VolumeRow[] = [];
  const scale = async (label: string, env: Record<string, string>) => {
    const result = await benchScale(label, env, log);
    rows.push(...result.rows);
    sessions.push(result.session);
    volume.push(...result.volume);
  };
  await scale('SQLite', {});
  log('api: SQLite done');
  if (options.pgUrl) {
    rows.push(...(await benchPortal('PostgreSQL', { BENCH_DATABASE_URL: options.pgUrl })));
    await scale('PostgreSQL', { BENCH_DATABASE_URL: options.pgUrl });
    log('api: PostgreSQL done');
  }
  return {
    duration: DURATION,
    warmup: WARMUP,
    repeats: REPEATS,
    connections: CONNECTIONS,
    fixedRate: FIXED_RATE,
    bare: bareRow,
    rows,
    sessions,
    volume,
    postgres: Boolean(options.pgUrl),
  };
}

const msFine = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;

/** The report as Markdown tables. */
export function formatApi(report: ApiReport): string {
  const lines = [
    `autocannon, ${report.connections} connections unless said otherwise; each scenario a ${report.warmup} s warm-up, then the median of ${report.repeats} runs of ${report.duration} s. Portal requests rotate over 500 tokens; the rate limiter runs on every request (budget raised so it counts without refusing). Each server is its own process. Catalogue requests ask for the compact form, as the portal does (\`?format=compact\`; the "full form" row asks for the full one), and for gzip, deflate, br, zstd as Chromium does (the answer comes brotli-compressed). Nothing writes while GET orders runs, so after each customer's first read the list comes from the order-list cache (the token lookup, which reads the customer's revision, still runs on every request); "cache off" is the same read with the cache turned off, as every read right after a change to the customer's documents. The fixed-rate rows send ${report.fixedRate} requests/s in all (autocannon overallRate; latency corrected for coordinated omission).`,
    '',
    '| Scenario | Requests/s | p50 | p99 | vs bare Express | Non-2xx or errors |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.rows.map(
      (r) =>
        `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} ms | ${r.p99} ms | ${r.rate ? '(fixed rate)' : `${((r.rps / report.bare.rps) * 100).toFixed(0)}%`} | ${r.non2xx + r.errors} |`,
    ),
  ];
  if (report.sessions.length) {
    lines.push(
      '',
      `Another customer's \`/session\` while ${CONCURRENT_READS} catalogue reads by one customer are in flight (as test/server/catalog-load.test.ts measures it: sent once the server has received all the reads, timed to the answer's head; each run from a cold catalogue). Median of ${report.repeats} after a warm-up.`,
      '',
      '| Database | Catalogue | /session answered in (median) | Runs |',
      '| --- | --- | --- | --- |',
      ...report.sessions.map(
        (s) =>
          `| ${s.name.replace(/.*\((.*)\)$/, '$1')} | ${s.catalogProducts.toLocaleString('en')} products, ${(s.catalogBytes / 1e6).toFixed(1)} MB | ${msFine(s.median)} | ${s.runs.map((v) => v.toFixed(1)).join(', ')} ms |`,
      ),
    );
  }
  if (report.volume.length) {
    const v0 = report.volume[0];
    lines.push(
      '',
      `Orders at volume: one request at a time (1 connection), answer cache off, at the customer with ${v0.heavyOrders.toLocaleString('en')} orders and at one with ${v0.lightOrders.toLocaleString('en')}; mean latency from the request count, p99 from the histogram.`,
      '',
      `| Scenario | ${v0.heavyOrders.toLocaleString('en')} orders: mean / p99 | ${v0.lightOrders.toLocaleString('en')} orders: mean / p99 | Ratio of means | Non-2xx or errors |`,
      '| --- | --- | --- | --- | --- |',
      ...report.volume.map(
        (v) =>
          `| ${v.name} | ${msFine(v.heavy.mean)} / ${v.heavy.p99} ms | ${msFine(v.light.mean)} / ${v.light.p99} ms | ${(v.heavy.mean / v.light.mean).toFixed(2)} | ${v.heavy.non2xx + v.heavy.errors + v.light.non2xx + v.light.errors} |`,
      ),
    );
  }
  if (!report.postgres)
    lines.push('', 'PostgreSQL rows skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to include them.');
  return lines.join('\n');
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const database = await benchDatabase();
  let report;
  try {
    report = await benchApi({ pgUrl: database?.url, log: (msg) => process.stderr.write(`bench:${msg}\n`) });
  } finally {
    await database?.drop();
  }
  console.log(
    `\nAPI benchmark: ${new Date().toISOString()}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}\n`,
  );
  console.log(formatApi(report));
}
