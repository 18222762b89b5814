/**
 * `npm run build:mock`: the mock API (widget/mock/) as dist/mock/index.js for
 * `customer-portal-widget/mock`. The contract, zod and the pricing module are bundled in; msw is
 * the app's own (an optional peer dependency), so its handlers join the app's worker or server.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

await build({
  entryPoints: { index: path('../widget/mock/index.ts') },
  outdir: path('../dist/mock'),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['msw', 'msw/*'],
  minify: true,
  logLevel: 'warning',
});
