/**
 * `npm run bench` (after `vite build`): every benchmark of the project in one run on this
 * machine, printed as one report and written to bench/RESULTS.md with the machine and the date.
 *
 * 1. Bundle sizes (bench/bundle.ts): every .js in dist/, each entry with what it loads, beside Lit alone.
 * 2. Pricing (bench/pricing.ts): the shared Pricer on 10,000 products for one customer.
 * 3. Widget (bench/widget.ts): real Chromium, catalogues of 1,000, 10,000 and 50,000 products, first
 *    and returning visit.
 * 4. API (bench/api.ts): autocannon against SQLite and PostgreSQL, beside a bare Express hello-world;
 *    checkout at a fixed rate; a scale workspace (10,000 products, a customer with 100,000 orders).
 *
 * The report opens with the goals of issue 14 (bench/goals.ts): today's figure, the goal, met or not.
 *
 * PostgreSQL rows need BENCH_DATABASE_URL or TEST_DATABASE_URL (a role that may CREATE DATABASE:
 * the run uses a database of its own and drops it). A benchmark: it never fails on a missed target.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchApi, benchDatabase, formatApi } from './api.ts';
import { benchBundle, formatBundle } from './bundle.ts';
import { formatGoals, issue14Goals } from './goals.ts';
import { benchPricing, formatPricing } from './pricing.ts';
import { benchWidget, formatWidget } from './widget.ts';

const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const progress = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const started = Date.now();
const loadAtStart = loadavg()[0];
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

progress('bundle sizes');
const bundle = await benchBundle();
progress(`pricing (${elapsed()})`);
const pricing = await benchPricing({ log: progress });
progress(`widget in Chromium (${elapsed()})`);
const widget = await benchWidget();
progress(`API under autocannon (${elapsed()})`);
const database = await benchDatabase();
let api;
try {
  api = await benchApi({ pgUrl: database?.url, log: progress });
} finally {
  await database?.drop();
}

const cpu = cpus();
const commit = git('rev-parse', '--short', 'HEAD');
const dirty = git('status', '--porcelain').length > 0;
const machine = [
  `- Date: ${new Date().toISOString()}`,
  `- CPU: ${cpu[0]?.model.trim() ?? 'unknown'}, ${cpu.length} cores`,
  `- RAM: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  `- OS: ${type()} ${release()}`,
  `- Node ${process.version}, Chromium ${widget.chromium}`,
  `- Code: ${commit || 'unknown commit'}${dirty ? ' with uncommitted changes' : ''}`,
  `- Load average (1 min) at the start and the end: ${loadAtStart.toFixed(2)} and ${loadavg()[0].toFixed(2)} on ${cpus().length} cores (anything else running shares the machine and lowers the figures)`,
  `- Whole run: ${elapsed()}`,
].join('\n');

const goals = formatGoals(issue14Goals({ bundle, pricing, widget, api }));
const report = `# Benchmark results

Written by \`npm run bench\`: every figure below comes from one run, on one machine. Other
machines (and other loads on this one) give other figures; compare runs on the same machine.

## Goals of issue 14

Each figure from this run (the sections below give the details and how each is measured).

${goals}

## This run

${machine}

## Bundle size

Minified as shipped; gzip at level 9. An entry's first columns count it with every module it
imports statically (what a page downloads before the element can render); modules behind a
dynamic \`import()\` are counted apart. Lit alone is the floor: the smallest any Lit element ships.

${formatBundle(bundle)}

## Pricing

${formatPricing(pricing)}

## Widget in Chromium

${formatWidget(widget)}

## API

${formatApi(api)}
`;

writeFileSync(RESULTS, report);
console.log(report);
progress(`written to bench/RESULTS.md (${elapsed()})`);
