// Browser tests of the widget: TypeScript through esbuild, a real Chromium through Playwright,
// the network mocked with msw's service worker. Run with `npm run test:widget`.
import { readFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, findChromium } from './test/browser.mjs';

// msw's service worker must be served from the site root to control the test pages.
const mswWorker = readFileSync(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url), 'utf8');

export default {
  files: 'test/widget/**/*.test.ts',
  // msw/browser and Lit ship browser builds behind the "browser" export condition.
  nodeResolve: { exportConditions: ['browser'] },
  // tsconfig carries experimentalDecorators and useDefineForClassFields: false, which Lit's decorators need.
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json' })],
  middleware: [
    (ctx, next) => {
      if (ctx.path === '/mockServiceWorker.js') {
        ctx.type = 'js';
        ctx.body = mswWorker;
        return undefined;
      }
      return next();
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    }),
  ],
  // One page at a time: every test file registers the same service worker scope.
  concurrency: 1,
  testFramework: { config: { timeout: 10_000 } },
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
};
