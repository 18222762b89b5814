import { existsSync, readdirSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler, type Response, type Router } from 'express';
import { chooseCoding, CODINGS } from './middleware/coding.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface StaticDirs {
  /** The built widget (`npm run build` writes dist/). */
  widget: string;
  /** Example merchant pages. */
  examples: string;
  /** The built example apps (React, no-server); default `<widget>/examples`. Served at /examples/ before `examples`. */
  builtExamples?: string;
  /** The built supplier console; default `<widget>/console`. Served at /admin/. */
  console?: string;
}

export const DEFAULT_STATIC: StaticDirs = {
  widget: `${root}dist`,
  examples: `${root}examples`,
  builtExamples: `${root}dist/examples`,
  console: `${root}dist/console`,
};

/** `customer-portal.B2kcwlhh.js`: the bundle under its content-hashed name (see vite.config.ts). */
const HASHED_BUNDLE = /^customer-portal\.[\w-]{8,}\.js$/;
/** Rollup's chunks and Vite's assets carry a content hash in their names. */
const HASHED_DIR = /(^|\/)(chunks|assets)\//;

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The pages' CSP: everything from this origin, nothing inline, no eval. */
const EXAMPLES_CSP =
  "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The supplier console's CSP: the examples' strictest (nothing inline, no eval, Trusted Types with
 * Lit's policy only), no images from elsewhere, and its forms post nowhere.
 */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types lit-html";

/** Per page, where the default does not fit (the pages say why). */
const PAGE_CSP: Record<string, string> = {
  // The strictest a merchant may run: Trusted Types on, Lit's policy the only one allowed.
  '/strict-csp.html':
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types lit-html 'allow-duplicates'",
  // The elements call a mock API host that the page's service worker answers.
  '/no-server/':
    "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; worker-src 'self'; connect-src 'self' https://api.supplier.test; base-uri 'none'; frame-ancestors 'none'",
};
PAGE_CSP['/no-server/index.html'] = PAGE_CSP['/no-server/']!;

/** The script-tag bundle's immutable name in `dir` (`customer-portal.<hash>.js`), if built. */
export function hashedBundle(dir: string = DEFAULT_STATIC.widget): string | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir).find((name) => HASHED_BUNDLE.test(name));
}

/** Headers of the widget's files under `dir`. */
function widgetHeaders(dir: string) {
  return (res: Response, file: string): void => {
    // Sites may embed them under COEP (CORP); which may load them as modules is corsFor's (CORS).
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    // A precompressed form (`x.js.br`) is cached as its file is.
    const path = relative(dir, file)
      .split(sep)
      .join('/')
      .replace(/\.(br|gz)$/, '');
    // Hashed names never change content; the others are revalidated (ETag) on every load.
    res.setHeader('Cache-Control', HASHED_BUNDLE.test(path) || HASHED_DIR.test(path) ? IMMUTABLE : 'no-cache');
  };
}

const SUFFIX = { br: '.br', gzip: '.gz' } as const;

/**
 * A file's precompressed form (scripts/precompress.ts, run by `npm run build`) when the client
 * takes it: the request is served from `<file>.br` or `<file>.gz` with the file's own type, so
 * nothing is compressed per request. Every answer for a file that has such forms varies by
 * Accept-Encoding. Files without them go on to the next handler unchanged.
 */
function precompressed(dir: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    // express.static refuses these itself; they must not reach the file system from here either.
    if (path.includes('\0') || path.split('/').includes('..')) return next();
    const file = join(dir, path);
    const codings = CODINGS.filter((coding) => existsSync(file + SUFFIX[coding]));
    if (codings.length === 0) return next();
    res.vary('Accept-Encoding');
    const coding = chooseCoding(req.get('accept-encoding'), codings);
    if (!coding) return next();
    res.setHeader('Content-Encoding', coding);
    res.type(extname(path));
    const query = req.url.indexOf('?');
    req.url = query < 0 ? req.url + SUFFIX[coding] : req.url.slice(0, query) + SUFFIX[coding] + req.url.slice(query);
    next();
  };
}

/**
 * The built widget at /widget/ and the example pages at /examples/, as a merchant's site would
 * serve them: `/widget/customer-portal.js` (no-cache, ETag), the bundle's immutable name
 * `/widget/customer-portal.<hash>.js` and its lazy chunks (cached for a year), the per-element
 * scripts under `/widget/elements/` (built in dist/standalone/), answered to pages on other origins (see corsFor).
 */
export function staticRoutes(router: Router, dirs: StaticDirs): void {
  const builtExamples = dirs.builtExamples ?? join(dirs.widget, 'examples');
  if (!existsSync(dirs.widget)) {
    router.get('/widget/customer-portal.js', (_req, res) => {
      res
        .status(404)
        .type('text/plain')
        .send('The widget is not built: run `npm run build` (npm start does it for you).');
    });
  }
  // The example apps' and the console's builds live under dist/ too; they are pages, served at /examples/ and /admin/ only.
  const notExamples: RequestHandler = (req, _res, next) =>
    /^\/(examples|console)\//.test(req.path) ? next('router') : next();
  // The per-element scripts, Lit inside (dist/standalone/); dist/elements/ holds the npm package's entries, for bundlers.
  const standalone = join(dirs.widget, 'standalone');
  const notFound: RequestHandler = (_req, _res, next) => next('router');
  router.use(
    '/widget/elements',
    precompressed(standalone),
    express.static(standalone, { index: false, setHeaders: widgetHeaders(standalone) }),
    notFound,
  );
  router.use(
    '/widget',
    notExamples,
    precompressed(dirs.widget),
    express.static(dirs.widget, { index: false, fallthrough: true, setHeaders: widgetHeaders(dirs.widget) }),
  );

  router.use(
    '/examples',
    (req, res, next) => {
      res.setHeader('Content-Security-Policy', PAGE_CSP[req.path] ?? EXAMPLES_CSP);
      next();
    },
    express.static(builtExamples, { index: 'index.html' }),
    express.static(dirs.examples, { index: 'index.html' }),
  );

  // The supplier console: one page and its hashed assets; the admin key stays in the tab (sessionStorage).
  const consoleDir = dirs.console ?? join(dirs.widget, 'console');
  router.use(
    '/admin',
    (req, res, next) => {
      // The page's assets are relative to /admin/: /admin alone would load them from /.
      if (req.originalUrl.split('?')[0] === '/admin') return res.redirect(301, '/admin/');
      res.setHeader('Content-Security-Policy', CONSOLE_CSP);
      next();
    },
    precompressed(consoleDir),
    express.static(consoleDir, {
      index: 'index.html',
      setHeaders: (res, file) => {
        if (
          HASHED_DIR.test(
            relative(consoleDir, file)
              .split(sep)
              .join('/')
              .replace(/\.(br|gz)$/, ''),
          )
        )
          res.setHeader('Cache-Control', IMMUTABLE);
      },
    }),
  );
  if (!existsSync(join(consoleDir, 'index.html'))) {
    router.get('/admin/', (_req, res) => {
      res
        .status(404)
        .type('text/plain')
        .send('The console is not built: run `npm run build` (npm start does it for you).');
    });
  }
}
