import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * Vite leaves whitespace in ES library builds (to keep pure annotations for the consumer's
 * tree-shaking); what we ship is final, so every chunk, lazy ones included, is minified fully.
 *
 * The script-tag bundle is built as `customer-portal.<hash>.js` (immutable: lazy views import
 * from it by that name), and `customer-portal.js`, the stable URL merchants paste, is a one-line
 * module re-exporting it: both names, or the two together, give one copy of the code, and a
 * new release reaches every page at the next load.
 */
const finishBundle: Plugin = {
  name: 'finish-bundle',
  apply: 'build',
  async generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const result = await transform(chunk.code, {
        minify: true,
        format: 'esm',
        target: 'es2022',
        legalComments: 'none',
      });
      chunk.code = result.code;
    }
    const bundleEntry = Object.values(bundle).find(
      (c) => c.type === 'chunk' && c.isEntry && c.name === 'customer-portal',
    );
    if (this.environment.name === 'client' && bundleEntry) {
      this.emitFile({
        type: 'asset',
        fileName: 'customer-portal.js',
        source: `export*from"./${bundleEntry.fileName}";\n`,
      });
    }
  },
};

/** msw's service worker beside the no-server example page, so its scope covers the page. */
const mswWorker: Plugin = {
  name: 'msw-worker',
  apply: 'build',
  applyToEnvironment: (environment) => environment.name === 'examples',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'examples/no-server/mockServiceWorker.js',
      source: readFileSync(path('node_modules/msw/lib/mockServiceWorker.js'), 'utf8'),
    });
  },
};

/**
 * `npm run dev`: the example pages on Vite's dev server, with the widget from source where the
 * pages expect the built script (`/widget/customer-portal.js`), msw's worker for the no-server
 * page, and `/api` proxied to a running demo server (`npm start`, or PORTAL_API).
 */
const devWidget: Plugin = {
  name: 'dev-widget',
  apply: 'serve',
  configureServer(server) {
    const worker = readFileSync(path('node_modules/msw/lib/mockServiceWorker.js'), 'utf8');
    server.middlewares.use((req, res, next) => {
      const url = req.url ?? '';
      if (url.startsWith('/widget/customer-portal.js')) req.url = '/widget/index.ts';
      else if (/^\/widget\/elements\/(customer-portal|past-orders|reorder-cart)\.js/.test(url)) {
        const tag = /elements\/([a-z-]+)\.js/.exec(url)![1];
        req.url = `/widget/elements/${tag}/${tag}.ts`;
      } else if (url.startsWith('/examples/no-server/mockServiceWorker.js')) {
        res.setHeader('content-type', 'text/javascript');
        res.end(worker);
        return;
      }
      next();
    });
  },
};

/**
 * The console's page is built from console/index.html into dist/console/ and served at /admin/:
 * its assets are addressed from the page's own folder, whatever that folder is called.
 */
const consolePage: Plugin = {
  name: 'console-page',
  apply: 'build',
  enforce: 'post',
  applyToEnvironment: (environment) => environment.name === 'console',
  generateBundle(_options, bundle) {
    const page = bundle['console/index.html'];
    if (page?.type === 'asset') page.source = String(page.source).replaceAll('"../console/assets/', '"./assets/');
  },
};

const { dependencies, peerDependencies } = JSON.parse(readFileSync(path('package.json'), 'utf8')) as Record<
  string,
  Record<string, string>
>;
const packages = Object.keys({ ...dependencies, ...peerDependencies });

/**
 * The npm entries import the packages they run on (lit, @lit/*, zod, React…) by name: the app
 * installs them once, shared with its own code, and a server resolves Lit's Node build, so the
 * entries import on a server (Next.js, Lit SSR) without a DOM. The script-tag bundle carries its copy.
 */
const isPackageImport = (id: string) => packages.some((name) => id === name || id.startsWith(`${name}/`));

const lazyChunks = (dir: string) => ({ chunkFileNames: `${dir}[name]-[hash].js` });

/** The modules the catalogue imports that other lazy parts import too (see the client build). */
const catalogParts =
  /[\\/]widget[\\/]parts[\\/](tabs|price-block|quantity|dom-id|format|long-list)\.ts$|[\\/]widget[\\/]pricing[\\/]charges\.ts$|[\\/]@lit[\\/]context[\\/]|[\\/](lit|lit-html)[\\/](directives[\\/]keyed|directive-helpers)\.js$/;

/**
 * `vite build` builds, in order, into dist/:
 *
 * - `customer-portal.<hash>.js`: the script-tag bundle, one self-contained ES module registering
 *   the three elements (Lit inside), and `customer-portal.js`, its stable name (see finishBundle).
 *   Views not needed at first paint are lazy chunks in `chunks/`, imported by relative URL, so they
 *   load from wherever the script is served (another origin included).
 * - `standalone/{index,customer-portal,past-orders,reorder-cart}.js`: one script per element, Lit
 *   inside, sharing chunks in `standalone/chunks/`, for sites that want only `<past-orders>` (the
 *   demo server serves them at `/widget/elements/`).
 * - `elements/{index,customer-portal,past-orders,reorder-cart}.js` and `react.js`: the same entries
 *   for bundlers, sharing chunks in `elements/chunks/`: the npm package's entries, importing Lit and their other dependencies by name (see isPackageImport);
 *   `react.js` holds the @lit/react wrappers, with React left to the host.
 * - `examples/`: the React host app and the no-server page (msw in the browser), built as the
 *   merchant's own apps would be; msw and React never reach the bundles above.
 * - `console/`: the supplier console (console/index.html), a page of its own that the demo server
 *   serves at /admin/; nothing of it reaches the widget's bundles (test/build/console.test.ts).
 *
 * Types (`npm run build:types`) and custom-elements.json (`npm run analyze`) come from `npm run build`.
 */
export default defineConfig(({ command }) => ({
  base: command === 'build' ? './' : '/',
  plugins: [finishBundle, mswWorker, devWidget, consolePage],
  resolve: {
    // The React example imports the package as a merchant's app would: the built wrappers in a
    // build, their source on the dev server.
    alias: { 'customer-portal-widget/react': path(command === 'build' ? 'dist/react.js' : 'widget/react/index.ts') },
  },
  server: {
    proxy: { '/api': process.env.PORTAL_API ?? 'http://localhost:3000' },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
  },
  builder: {
    async buildApp(builder) {
      for (const name of ['client', 'standalone', 'elements', 'examples', 'console'])
        await builder.build(builder.environments[name]!);
    },
  },
  environments: {
    client: {
      build: {
        outDir: 'dist',
        emptyOutDir: true,
        // Which chunk imports which, statically or lazily: what loads before first paint (test/build/size.test.ts).
        manifest: '.vite/customer-portal.json',
        lib: {
          entry: { 'customer-portal': path('widget/index.ts') },
          formats: ['es'],
          fileName: () => 'customer-portal.[hash].js',
        },
        rolldownOptions: {
          // Code that the entry and a lazy view share stays in the entry (which may export it to
          // the view) instead of a chunk that the entry would have to fetch before first paint:
          // everything the entry imports statically is one group, which Rolldown merges into the
          // entry (one request, and one gzip stream compresses better than seven).
          preserveEntrySignatures: 'allow-extension',
          output: {
            ...lazyChunks('chunks/'),
            codeSplitting: {
              groups: [
                { name: 'first-paint', tags: ['$initial'] },
                // What the catalogue shares with the order pad, the cart and <past-orders>, in one
                // chunk, which the portal asks for beside the catalogue's own (it imports format.ts
                // from it): the catalogue's code comes in one round trip, not a chunk and then its
                // imports (test/build/size.test.ts).
                { name: 'parts', test: catalogParts },
              ],
            },
          },
        },
      },
    },
    standalone: {
      consumer: 'client',
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        manifest: '.vite/standalone.json',
        lib: {
          entry: {
            'standalone/index': path('widget/index.ts'),
            'standalone/customer-portal': path('widget/elements/customer-portal/customer-portal.ts'),
            'standalone/past-orders': path('widget/elements/past-orders/past-orders.ts'),
            'standalone/reorder-cart': path('widget/elements/reorder-cart/reorder-cart.ts'),
          },
          formats: ['es'],
          fileName: (_format, name) => `${name}.js`,
        },
        rolldownOptions: { output: lazyChunks('standalone/chunks/') },
      },
    },
    elements: {
      consumer: 'client',
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        manifest: '.vite/elements.json',
        lib: {
          entry: {
            'elements/index': path('widget/index.ts'),
            'elements/customer-portal': path('widget/elements/customer-portal/customer-portal.ts'),
            'elements/past-orders': path('widget/elements/past-orders/past-orders.ts'),
            'elements/reorder-cart': path('widget/elements/reorder-cart/reorder-cart.ts'),
            react: path('widget/react/index.ts'),
          },
          formats: ['es'],
          fileName: (_format, name) => `${name}.js`,
        },
        rolldownOptions: {
          external: isPackageImport,
          output: lazyChunks('elements/chunks/'),
        },
      },
    },
    examples: {
      consumer: 'client',
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        assetsDir: 'examples/assets',
        // The example apps carry React, msw and demo data: not the widget's budget (test/build/size.test.ts).
        chunkSizeWarningLimit: 1024,
        rolldownOptions: {
          input: {
            react: path('examples/react/index.html'),
            'no-server': path('examples/no-server/index.html'),
          },
        },
      },
    },
    console: {
      consumer: 'client',
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        assetsDir: 'console/assets',
        manifest: '.vite/console.json',
        // The console carries the contract (zod) to type and route its calls: not the widget's budget.
        chunkSizeWarningLimit: 1024,
        rolldownOptions: { input: { console: path('console/index.html') } },
      },
    },
  },
}));
