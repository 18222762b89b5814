/**
 * The no-server page's script: a mock portal API in the browser (msw's service worker, with the
 * handlers and demo data the widget's own tests use, built from the API contract), then the real
 * widget bundle. Only this page loads it: msw stays out of the widget's bundles.
 */
import './jitless.ts';
import { setupWorker } from 'msw/browser';
import { createHandlers, createState } from '../../widget/mock/handlers.ts';

/** The token in this page's elements: the mock accepts it and no other. */
const DEMO_TOKEN = 'cpt_demo_no_server_0123456789';
/** Where the demo server serves the widget; on another host, point this at your copy. */
const WIDGET = '/widget/customer-portal.js';

const worker = setupWorker(...createHandlers(createState({ token: DEMO_TOKEN })));
await worker.start({
  // Served beside this page, so the worker's scope is this folder and nothing else on the site.
  serviceWorker: { url: new URL('mockServiceWorker.js', document.baseURI).pathname },
  quiet: true,
  onUnhandledRequest: 'bypass',
});
// The elements ask the API as soon as they are defined, so they are defined after the mock runs.
await import(/* @vite-ignore */ WIDGET);
