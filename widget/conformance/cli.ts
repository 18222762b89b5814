/**
 * `npx customer-portal-conformance --base <url> --admin-key <key>`: checks a server against the
 * customer-portal contract and prints what to fix. Exit code 0: conforms; 1: it does not; 2: usage.
 */
import { CHECKS, formatReport, runConformance } from './index.ts';

const HELP = `Usage: customer-portal-conformance --base <url> --admin-key <key> [options]

Checks that a server implements the customer-portal API contract, over HTTP and the admin API
only: the shape of every answer, error codes, permissions, object-level access between two
customers, the token lifecycle, rate-limit headers, idempotent checkout, prices that agree with
the widget's pricing module on generated carts, order changes with the supplier's approval, and
order approvals with spending limits on a company account.

Run it against a TEST workspace: it makes (and revokes) portal tokens for two customers,
PLACES ORDERS (7 + carts per customer, 13 by default; customer references start with
"conformance-"), changes and cancels one of them, and decides its change requests as the supplier;
for the first customer it invites a Buyer, changes the account's approval settings and the Buyer's
spending limit, approves and rejects the Buyer's orders, then removes the Buyer and puts the
settings back.

Options:
  --base <url>          the server's base URL (the contract's paths start with /api/v1)
  --admin-key <key>     the admin key (or set CONFORMANCE_ADMIN_KEY)
  --customers <a,b>     the two customer ids to use (default: the first two listed)
  --carts <n>           generated carts per customer in price-agreement (default 3)
  --seed <n>            seed of the generated carts, to replay a run
  --only <names>        only these checks, comma separated: ${CHECKS.map((c) => c.name).join(', ')}
  --json                print the report as JSON
  -h, --help            this text

Exit code: 0 the server conforms, 1 it does not, 2 bad usage.`;

function parse(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') out.help = true;
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (inline !== undefined) out[name] = inline;
      else if (name === 'json' || name === 'help') out[name] = true;
      else out[name] = argv[++i] ?? '';
    } else throw new Error(`unexpected argument ${arg}`);
  }
  return out;
}

function usage(message: string): never {
  process.stderr.write(`${message}\n\n${HELP}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args: Record<string, string | true>;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    usage((error as Error).message);
  }
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const text = (name: string) => (typeof args[name] === 'string' ? (args[name] as string) : undefined);
  const base = text('base');
  const adminKey = text('admin-key') ?? process.env.CONFORMANCE_ADMIN_KEY;
  if (!base || !/^https?:\/\//.test(base)) usage('--base <url> is required (http:// or https://)');
  if (!adminKey) usage('--admin-key <key> (or CONFORMANCE_ADMIN_KEY) is required');
  const number = (name: string) => {
    const value = text(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) usage(`--${name} takes a whole number`);
    return Number(value);
  };
  const only = text('only')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only?.filter((name) => !CHECKS.some((c) => c.name === name));
  if (unknown?.length) usage(`unknown check: ${unknown.join(', ')}`);

  const json = args.json === true;
  const report = await runConformance({
    base,
    adminKey,
    only,
    carts: number('carts'),
    seed: number('seed'),
    customers: text('customers')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    log: json ? undefined : (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
  process.exitCode = report.ok ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`customer-portal-conformance: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
