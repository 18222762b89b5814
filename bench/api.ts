/**
 * `npm run bench:api`: requests/s and latency of the reference API under autocannon, beside a
 * bare Express hello-world on the same machine, from one run. SQLite always; PostgreSQL too
 * when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set. `benchApi` is what `npm run bench` runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
export const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

interface Started {
  child: ChildProcess;
  info: { port: number; tokens?: string[]; products?: string[]; db?: string };
}

/** Starts bench/serve.ts in its own process: the figures then leave out this process's own work and garbage. */
export async function serve(mode: 'bare' | 'portal' | 'existing', env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve.ts', mode], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, info: JSON.parse(line) };
}

export interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function run(name: string, options: autocannon.Options): Promise<Row> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function portalRequests(info: Started['info']) {
  const tokens = info.tokens!;
  let n = 0;
  const path = (suffix: string) => `/api/v1/customer-portal/view/${tokens[n++ % tokens.length]}${suffix}`;
  return {
    get: (suffix: string): autocannon.Request[] => [
      { method: 'GET', setupRequest: (req) => ({ ...req, path: path(suffix) }) },
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

async function benchPortal(label: string, env: Record<string, string>, only?: 'orders'): Promise<Row[]> {
  const server = await serve('portal', env);
  try {
    const base = `http://127.0.0.1:${server.info.port}`;
    const req = portalRequests(server.info);
    const rows = [await run(`GET orders (${label})`, { url: base, requests: req.get('/orders') })];
    if (only) return rows;
    rows.push(await run(`GET catalog (${label})`, { url: base, requests: req.get('/catalog') }));
    rows.push(await run(`POST orders (${label})`, { url: base, requests: req.post() }));
    return rows;
  } finally {
    server.child.kill('SIGTERM');
  }
}

export interface ApiReport {
  duration: number;
  connections: number;
  bare: Row;
  rows: Row[];
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
    bare.child.kill('SIGTERM');
  }
  log(`api: bare Express ${bareRow.rps.toFixed(0)} req/s`);
  const rows = [bareRow, ...(await benchPortal('SQLite', {}))];
  // The same read with the order-list cache off: what every read costs right after a change.
  rows.push(...(await benchPortal('SQLite, cache off', { BENCH_ANSWER_CACHE: '0' }, 'orders')));
  log('api: SQLite done');
  if (options.pgUrl) {
    rows.push(...(await benchPortal('PostgreSQL', { BENCH_DATABASE_URL: options.pgUrl })));
    log('api: PostgreSQL done');
  }
  return { duration: DURATION, connections: CONNECTIONS, bare: bareRow, rows, postgres: Boolean(options.pgUrl) };
}

/** The report as a Markdown table. */
export function formatApi(report: ApiReport): string {
  const lines = [
    `autocannon, ${report.connections} connections, ${report.duration} s per scenario; portal requests rotate over 500 tokens; the rate limiter runs on every request (budget raised so it counts without refusing). Each server is its own process. Nothing writes while GET orders runs, so after each customer's first read the list comes from the order-list cache (the token lookup, which reads the customer's revision, still runs on every request); "cache off" is the same read with the cache turned off, as every read right after a change to the customer's documents.`,
    '',
    '| Scenario | Requests/s | p50 | p99 | vs bare Express | Non-2xx or errors |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.rows.map(
      (r) =>
        `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} ms | ${r.p99} ms | ${((r.rps / report.bare.rps) * 100).toFixed(0)}% | ${r.non2xx + r.errors} |`,
    ),
  ];
  if (!report.postgres)
    lines.push('', 'PostgreSQL rows skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to include them.');
  return lines.join('\n');
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const report = await benchApi({ pgUrl: PG_URL });
  const { rows, bare: bareRow } = report;
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(
    `\nAPI benchmark: ${new Date().toISOString()}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}`,
  );
  console.log(
    `autocannon: ${CONNECTIONS} connections, ${DURATION} s each; portal requests rotate over 500 tokens; limiter on, budget raised so it counts without refusing;`,
  );
  console.log(
    "GET orders: no writes while it runs, so the order-list cache answers after each customer's first read (the token and revision lookup runs every time)",
  );
  console.log(
    `${pad('scenario', 34)} ${pad('req/s', 9)} ${pad('p50 ms', 7)} ${pad('p99 ms', 7)} ${pad('vs bare', 8)} non-2xx`,
  );
  for (const r of rows) {
    console.log(
      `${pad(r.name, 34)} ${pad(r.rps.toFixed(0), 9)} ${pad(String(r.p50), 7)} ${pad(String(r.p99), 7)} ${pad(`${((r.rps / bareRow.rps) * 100).toFixed(0)}%`, 8)} ${r.non2xx + r.errors}`,
    );
  }
  const orders = rows.find((r) => r.name === 'GET orders (SQLite)')!;
  const ratio = orders.rps / bareRow.rps;
  console.log(
    `\nTarget: GET orders with SQLite at >= 50% of bare Express: ${(ratio * 100).toFixed(0)}% (${ratio >= 0.5 ? 'met' : 'NOT met'})`,
  );
  if (!PG_URL) console.log('PostgreSQL rows skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to include them.');
}
