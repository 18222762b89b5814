/**
 * npm run seed                          seed the demo workspace unless the database already has one
 * npm run seed -- --reset               delete all data, then seed the demo workspace
 * npm run seed -- --customers 1000 --products 10000 --orders 200000
 *                                       add generated load-test data (seeds the demo first if empty)
 *
 * Uses DATABASE_URL (PostgreSQL) when set, else SQLite under DATA_DIR (default ./data).
 */
import { parseArgs } from 'node:util';
import { openDb } from './connect.ts';
import { isSeeded, resetData, seedDemo, seedScale, tableCounts } from './seed.ts';

const USAGE = `usage: npm run seed -- [--reset] [--customers N] [--products N] [--orders N]

  (no options)     seed the demo workspace if the database is empty
  --reset          delete every row first, then seed the demo workspace
  --customers N    add N generated customers         (load-test data on top of the demo;
  --products N     add N generated products           seeds the demo first when empty;
  --orders N       add N generated orders with lines  counts left out are 0)
  -h, --help       show this help

Environment: DATABASE_URL (PostgreSQL; else SQLite), DATA_DIR (SQLite directory, default ./data).`;

class UsageError extends Error {}

interface Command {
  reset: boolean;
  scale: { customers: number; products: number; orders: number } | null;
  help: boolean;
}

function count(name: string, value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value.trim()))
    throw new UsageError(`--${name} must be a non-negative whole number, got "${value}"`);
  const n = Number(value.trim());
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${name} is too large: ${value}`);
  return n;
}

function parseCommand(args: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        reset: { type: 'boolean', default: false },
        customers: { type: 'string' },
        products: { type: 'string' },
        orders: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  const wantsScale = values.customers !== undefined || values.products !== undefined || values.orders !== undefined;
  return {
    reset: values.reset === true,
    help: values.help === true,
    scale: wantsScale
      ? {
          customers: count('customers', values.customers),
          products: count('products', values.products),
          orders: count('orders', values.orders),
        }
      : null,
  };
}

async function main(): Promise<void> {
  let command: Command;
  try {
    command = parseCommand(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`seed: ${error.message}\n\n${USAGE}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  if (command.help) {
    console.log(USAGE);
    return;
  }

  // A command, not a server: it may wait for the server's writes to SQLite.
  const db = await openDb({
    dataDir: process.env.DATA_DIR || './data',
    databaseUrl: process.env.DATABASE_URL || undefined,
    busyTimeoutMs: 5000,
  });
  const started = Date.now();
  try {
    console.log(`seed: ${db.description}`);
    if (command.reset) {
      await resetData(db.kysely);
      console.log('seed: deleted all data');
    }
    if (command.scale) {
      const r = await seedScale(db.kysely, { ...command.scale, log: (msg) => console.log(`seed: ${msg}`) });
      console.log(
        `seed: added ${r.customers} customers, ${r.products} products, ${r.orders} orders (${r.orderLines} lines)`,
      );
    } else if (await isSeeded(db.kysely)) {
      console.log('seed: the database already holds a workspace; nothing to do.');
      console.log('seed: to start over, run `npm run seed -- --reset` (deletes all data).');
      return;
    } else {
      const r = await seedDemo(db.kysely, { deliveryServices: true, waitingOrders: true });
      console.log(
        `seed: seeded the demo workspace with ${r.customers.length} customers: ${r.customers.map((c) => c.business_name).join(', ')}`,
      );
    }
    const counts = await tableCounts(db.kysely);
    const shown = [
      'categories',
      'products',
      'price_list_entries',
      'promotions',
      'customers',
      'orders',
      'order_lines',
      'quotes',
      'invoices',
      'payments',
      'deliveries',
    ] as const;
    console.log(`seed: ${shown.map((t) => `${t} ${counts[t].toLocaleString('en')}`).join(', ')}`);
    console.log(`seed: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`seed: failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
