/**
 * `npm run build:conformance`: the conformance kit as plain JavaScript in dist/conformance/, so
 * `npx customer-portal-conformance` runs from the installed package with node alone. zod and the
 * contract are bundled in (the package's entries import no package); index.js is the library
 * (`customer-portal-widget/conformance`), cli.js the command.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

await build({
  entryPoints: { index: path('../widget/conformance/index.ts'), cli: path('../widget/conformance/cli.ts') },
  outdir: path('../dist/conformance'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
// The command is the package's `bin`: npm links it, node runs it.
const cli = path('../dist/conformance/cli.js');
writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`);
chmodSync(cli, 0o755);
