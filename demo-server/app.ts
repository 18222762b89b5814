import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import compression from 'compression';
import express from 'express';
import type { AppConfig } from './context.ts';
import { AdminKeys } from './auth/admin-keys.ts';
import { PortalTokens, TokenUse } from './auth/portal.ts';
import { redactSecrets } from './auth/secrets.ts';
import { docsRoutes } from './docs.ts';
import { healthRoutes } from './health.ts';
import { LinkSeal, linkSealKeyFile } from './link-seal.ts';
import { Mailer } from './mailer.ts';
import { DEFAULT_STATIC, staticRoutes, type StaticDirs } from './static.ts';
import { WorkspaceCache } from './db/workspace.ts';
import { AnswerCache } from './routes/answer-cache.ts';
import { CatalogCache } from './routes/catalog-cache.ts';
import { errorHandler, notFoundHandler } from './middleware/errors.ts';
import { createLimiters } from './middleware/rate-limit.ts';
import { corsFor, requestLog, securityHeaders } from './middleware/security.ts';
import { backOfficeRoutes } from './routes/back-office.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { catalogAdminRoutes } from './routes/catalog-admin.ts';
import { checkoutRoutes } from './routes/checkout.ts';
import { activityRoutes } from './routes/activity.ts';
import { adminKeyRoutes } from './routes/admin-keys.ts';
import { addressRoutes } from './routes/addresses.ts';
import { customerRoutes } from './routes/customers.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import type { Services } from './routes/define.ts';
import { deliveryRoutes } from './routes/deliveries.ts';
import { deliveryServiceRoutes } from './routes/delivery-services.ts';
import { invoiceRoutes } from './routes/invoices.ts';
import { linkRoutes } from './routes/links.ts';
import { orderChangeRoutes } from './routes/order-changes.ts';
import { orderRoutes } from './routes/orders.ts';
import { paymentRoutes } from './routes/payments.ts';
import { quoteRoutes } from './routes/quotes.ts';
import { sessionRoutes } from './routes/session.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { peopleRoutes } from './routes/people.ts';
import { approvalRoutes } from './routes/approvals.ts';
import { supplierChargeRoutes } from './routes/supplier-charges.ts';
import { workspaceRoutes } from './routes/workspace.ts';

/** Builds the reference API from a config object; it neither listens nor reads the environment. */
export function createApp(
  config: AppConfig,
  options: { serverUrl?: string; staticDirs?: StaticDirs } = {},
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('case sensitive routing', true);
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);

  // Every line the app logs passes through here: no token or admin key reaches the log, whatever logs it.
  const sink = config.log ?? ((line: string) => console.error(line));
  const log = (line: string) => sink(redactSecrets(line));

  const services: Services = {
    db: config.db.kysely,
    config,
    limiters: createLimiters(config),
    tokens: new PortalTokens(config.db.kysely, new TokenUse(config.db, config.tokenUseFlushMs)),
    adminKeys: new AdminKeys(config.db, config.adminTokenHash, config.tokenUseFlushMs),
    workspace: new WorkspaceCache(config.db.kysely),
    answers: new AnswerCache(config.answerCacheSize),
    catalog: new CatalogCache(config.db.kysely, config.catalogCacheBytes),
    mailer: new Mailer(
      {
        ...config.mail,
        outboxDir: config.mail?.outboxDir ?? join(config.dataDir ?? join(tmpdir(), 'customer-portal'), 'outbox'),
      },
      log,
    ),
    linkSeal: new LinkSeal(config.linkSealKey ?? (config.dataDir ? linkSealKeyFile(config.dataDir) : randomBytes(32))),
    serverUrl: options.serverUrl,
    now: config.now ?? (() => new Date()),
  };
  // Before the request log: a load balancer's probes every few seconds would drown it.
  healthRoutes(app, config);
  if (config.log) app.use(requestLog(log));
  app.use(securityHeaders);
  app.use(corsFor(config));
  // JSON answers and pages over 1 KiB, compressed by Accept-Encoding; the catalogue and the
  // widget's files arrive compressed already (made once) and pass through.
  app.use(compression({ threshold: 1024 }));

  const router = express.Router({ caseSensitive: true });
  docsRoutes(router, options.serverUrl);
  staticRoutes(router, options.staticDirs ?? DEFAULT_STATIC);
  for (const mount of [
    customerRoutes,
    addressRoutes,
    deliveryServiceRoutes,
    tokenRoutes,
    peopleRoutes,
    approvalRoutes,
    linkRoutes,
    workspaceRoutes,
    catalogAdminRoutes,
    adminKeyRoutes,
    activityRoutes,
    sessionRoutes,
    catalogRoutes,
    dashboardRoutes,
    orderRoutes,
    orderChangeRoutes,
    supplierChargeRoutes,
    checkoutRoutes,
    quoteRoutes,
    invoiceRoutes,
    paymentRoutes,
    deliveryRoutes,
    backOfficeRoutes,
  ]) {
    mount(router, services);
  }
  app.get('/', (_req, res) => {
    res.redirect('/docs');
  });
  app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler(log));
  return app;
}
