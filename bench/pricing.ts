/**
 * Pricing: the shared Pricer resolving 10,000 products for one customer (the one with a price
 * group, so every step of the chain is exercised: group list, default list, base price,
 * promotions), from the demo data plus the scale seed's generated products, loaded the way
 * `GET catalog` loads them. Median of RUNS after WARMUPS warm-up runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadCatalog } from '../demo-server/db/catalog.ts';
import { openDb } from '../demo-server/db/connect.ts';
import { seedDemo, seedScale } from '../demo-server/db/seed.ts';
import { Pricer } from '../widget/pricing/index.ts';

export interface PricingReport {
  products: number;
  priceListEntries: number;
  promotions: number;
  runs: number;
  /** Median ms to build the Pricer (index the lists and promotions). */
  indexMs: number;
  /** Median ms to resolve every product's first unit at quantity 1. */
  resolveMs: number;
  /** Median ms to resolve every unit of every product at quantity 12 (tier breaks). */
  resolveAllUnitsMs: number;
  unitsResolved: number;
  orderable: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export async function benchPricing(
  options: { products?: number; runs?: number; warmups?: number; log?: (msg: string) => void } = {},
): Promise<PricingReport> {
  const target = options.products ?? 10_000;
  const runs = options.runs ?? 15;
  const warmups = options.warmups ?? 3;
  const log = options.log ?? (() => {});
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-bench-pricing-'));
  const db = await openDb({ dataDir });
  try {
    const now = new Date();
    await seedDemo(db.kysely, { now });
    const count = async () =>
      Number(
        (
          await db.kysely
            .selectFrom('products')
            .select(sql<number>`count(*)`.as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await seedScale(db.kysely, { customers: 0, products: Math.max(0, target - (await count())), orders: 0, now });
    const customer = await db.kysely
      .selectFrom('customers')
      .select(['id', 'price_group_id'])
      .where('price_group_id', 'is not', null)
      .orderBy('business_name')
      .executeTakeFirstOrThrow();
    const catalog = await loadCatalog(db.kysely, { priceGroupId: customer.price_group_id, now: now.toISOString() });
    const entries =
      (catalog.pricing.group_list?.entries.length ?? 0) + (catalog.pricing.default_list?.entries.length ?? 0);
    log(
      `pricing: ${catalog.products.length.toLocaleString('en')} products, ${entries.toLocaleString('en')} price-list entries, ${catalog.pricing.promotions.length} promotions`,
    );

    const index: number[] = [];
    const resolve: number[] = [];
    const allUnits: number[] = [];
    let orderable = 0;
    let unitsResolved = 0;
    for (let i = 0; i < warmups + runs; i++) {
      const t0 = performance.now();
      const pricer = new Pricer(catalog.pricing);
      const t1 = performance.now();
      let ok = 0;
      for (const p of catalog.products) if (pricer.resolve(p, p.units[0]?.code ?? '', 1, now).orderable) ok++;
      const t2 = performance.now();
      let units = 0;
      for (const p of catalog.products)
        for (const u of p.units) {
          pricer.resolve(p, u.code, 12, now);
          units++;
        }
      const t3 = performance.now();
      if (i >= warmups) {
        index.push(t1 - t0);
        resolve.push(t2 - t1);
        allUnits.push(t3 - t2);
      }
      orderable = ok;
      unitsResolved = units;
    }
    return {
      products: catalog.products.length,
      priceListEntries: entries,
      promotions: catalog.pricing.promotions.length,
      runs,
      indexMs: median(index),
      resolveMs: median(resolve),
      resolveAllUnitsMs: median(allUnits),
      unitsResolved,
      orderable,
    };
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function formatPricing(r: PricingReport): string {
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  return [
    `One customer with a price group; ${r.products.toLocaleString('en')} products, ${r.priceListEntries.toLocaleString('en')} price-list entries, ${r.promotions} promotions; median of ${r.runs} runs in Node.`,
    '',
    '| Step | Time |',
    '| --- | --- |',
    `| Build the Pricer (index lists and promotions) | ${ms(r.indexMs)} |`,
    `| Resolve ${r.products.toLocaleString('en')} products (first unit, quantity 1; ${r.orderable.toLocaleString('en')} orderable) | ${ms(r.resolveMs)} (${((r.resolveMs * 1000) / r.products).toFixed(2)} µs each) |`,
    `| Resolve every unit of every product at quantity 12 (${r.unitsResolved.toLocaleString('en')} resolutions) | ${ms(r.resolveAllUnitsMs)} |`,
    `| Build + resolve ${r.products.toLocaleString('en')} | ${ms(r.indexMs + r.resolveMs)} |`,
  ].join('\n');
}
