import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface StaticDirs {
  /** The built widget (`npm run build` writes dist/). */
  widget: string;
  /** Example merchant pages. */
  examples: string;
}

export const DEFAULT_STATIC: StaticDirs = { widget: `${root}dist`, examples: `${root}examples` };

/** The built widget at /widget/ and the example pages at /examples/, as a merchant's site would serve them. */
export function staticRoutes(router: Router, dirs: StaticDirs): void {
  if (!existsSync(dirs.widget)) {
    router.get('/widget/customer-portal.js', (_req, res) => {
      res.status(404).type('text/plain').send('The widget is not built: run `npm run build` (npm start does it for you).');
    });
  }
  router.use('/widget', express.static(dirs.widget, { index: false, fallthrough: true }));
  router.use('/examples', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'");
    next();
  }, express.static(dirs.examples, { index: 'index.html' }));
}
