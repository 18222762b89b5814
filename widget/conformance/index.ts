/**
 * The conformance kit: checks that a server answers the customer-portal contract, through HTTP
 * and the admin API only (never its database), so it runs against any implementation. Used by
 * `npx customer-portal-conformance` and by the project's own tests (reference server, mock API).
 */
import { z } from 'zod';
import { CustomerList } from '../contract/index.ts';
import { CHECKS, type Check, type CheckOptions } from './checks.ts';
import { CheckContext, Stop } from './context.ts';
import { Client, type FetchLike } from './http.ts';
import type { CheckResult, Report } from './report.ts';
import { World } from './world.ts';

export { formatReport, type CheckResult, type Failure, type Report } from './report.ts';
export { CHECKS, type Check } from './checks.ts';

export interface ConformanceOptions {
  /** The server's base URL, e.g. https://api.example.com (the contract's paths start with /api/v1). */
  base: string;
  /** The admin key (the server's ADMIN_TOKEN): the kit makes and revokes its own portal tokens. */
  adminKey: string;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /** Called as each check ends, e.g. to print progress. */
  log?: (line: string) => void;
  /** Only these checks (by name), with the checks they need; default all. */
  only?: string[];
  /** The two customers to use (ids); default the first two the admin API lists. */
  customers?: string[];
  /** Generated carts per customer in price-agreement (each places an order); default 3. */
  carts?: number;
  /** Seeds the generated carts; default random (printed in the report). */
  seed?: number;
}

/** Runs the checks and answers the report; never throws for what the server answers. */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const started = Date.now();
  const client = new Client(options.base, options.adminKey, options.fetch ?? ((input, init) => fetch(input, init)));
  const world = new World(client);
  const checkOptions: CheckOptions = {
    carts: options.carts ?? 3,
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
  };
  const results: CheckResult[] = [];

  /** Runs `body` in the check's context; a Stop (skip) or an exception ends it, recorded. */
  const attempt = async (ctx: CheckContext, body: (ctx: CheckContext) => Promise<void>) => {
    const before = client.count;
    const t0 = Date.now();
    try {
      await body(ctx);
    } catch (error) {
      if (!(error instanceof Stop)) {
        ctx.fail({
          message: `the check could not finish: ${error instanceof Error ? error.message : String(error)}`,
          expected: 'answers the kit can read',
          contract: 'the whole contract',
        });
      }
    }
    return { requests: client.count - before, durationMs: Date.now() - t0 };
  };
  const prepared = new Map<string, { ctx: CheckContext; requests: number; durationMs: number }>();

  const run = async (check: Pick<Check, 'name' | 'title' | 'writes'>, body: (ctx: CheckContext) => Promise<void>) => {
    const early = prepared.get(check.name);
    const ctx = early?.ctx ?? new CheckContext(client);
    const spent = ctx.skipped ? { requests: 0, durationMs: 0 } : await attempt(ctx, body);
    const status = ctx.failures.length ? 'fail' : ctx.skipped ? 'skip' : 'pass';
    const notes = ctx.skipped ? [ctx.skipped, ...ctx.notes] : ctx.notes;
    const result: CheckResult = {
      name: check.name,
      title: check.title,
      status,
      failures: ctx.failures,
      notes,
      requests: spent.requests + (early?.requests ?? 0),
      durationMs: spent.durationMs + (early?.durationMs ?? 0),
      writes: check.writes ?? false,
    };
    results.push(result);
    options.log?.(`${status.toUpperCase()}  ${check.name} (${result.requests} requests, ${result.durationMs} ms)`);
    return result;
  };

  const setup = await run(
    { name: 'setup', title: 'the admin API lists the customers the kit makes tokens for' },
    async (ctx) => {
      const exchange = await client.call('listCustomers', { query: { limit: '100' } });
      const list = ctx.success('listCustomers', exchange, 'the customers (with the admin key)') as
        z.output<typeof CustomerList> | undefined;
      if (!list) return;
      const chosen = options.customers?.length
        ? options.customers.map(
            (id) => list.items.find((c) => c.id === id) ?? ctx.skip(`customer ${id} is not in the first 100 customers`),
          )
        : list.items.slice(0, 2);
      if (chosen.length === 0) ctx.skip('the workspace has no customer');
      world.customers.push(...chosen);
      ctx.note(chosen.map((c) => `customer ${world.letter(c)}: ${c.business_name} (${c.id})`).join('; '));
    },
  );

  if (setup.status === 'pass') {
    const wanted = new Set(options.only ?? CHECKS.map((c) => c.name));
    for (const check of CHECKS) for (const need of wanted.has(check.name) ? (check.needs ?? []) : []) wanted.add(need);
    const selected = CHECKS.filter((c) => wanted.has(c.name));
    for (const check of selected) {
      if (!check.prepare) continue;
      const ctx = new CheckContext(client);
      prepared.set(check.name, { ctx, ...(await attempt(ctx, (c) => check.prepare!(c, world, checkOptions))) });
    }
    for (const check of selected) await run(check, (ctx) => check.run(ctx, world, checkOptions));
    await world.cleanUp();
  }
  return {
    ok: results.every((r) => r.status !== 'fail'),
    base: options.base,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    requests: client.count,
    seed: checkOptions.seed,
    checks: results,
  };
}
