import type { Request, RequestHandler } from 'express';
import { endpoints, PORTAL_PREFIX, type Endpoint } from '../../widget/contract/index.ts';
import { HttpError } from '../errors.ts';
import type { AppConfig } from '../context.ts';
import { redactSecrets } from '../auth/secrets.ts';

/**
 * Headers on every answer: nothing cached, no referrer leaks a token, no sniffing. API answers
 * carry no validators (no ETag, no Last-Modified) but the catalogue's, so a conditional request to
 * the API is answered in full: Express would otherwise answer `If-None-Match: *` with a bare 304
 * no client can use. `If-None-Match` is kept aside for the answer that has an ETag (routes/define.ts).
 */
export const securityHeaders: RequestHandler = (req, res, next) => {
  if (req.path.startsWith('/api/')) {
    res.locals.ifNoneMatch = req.headers['if-none-match'];
    delete req.headers['if-none-match'];
    delete req.headers['if-modified-since'];
  }
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
};

/** Where other sites' pages may call: the portal endpoints (the token in the path) and the widget's files. */
const CROSS_ORIGIN_PATHS = [PORTAL_PREFIX.replace('{token}', ''), '/widget/'];

/** The methods the portal's endpoints take, from the contract. */
const PORTAL_METHODS = [
  ...new Set(
    Object.values(endpoints as Record<string, Endpoint>)
      .filter((e) => e.auth === 'portal')
      .map((e) => e.method.toUpperCase()),
  ),
].join(', ');

const isPreflight = (req: Request) =>
  req.method === 'OPTIONS' && req.get('access-control-request-method') !== undefined;

/**
 * CORS. Portal endpoints and widget files answer any origin, or only `allowedOrigins` when the
 * config names them; they need no cookies, so no credentials are ever allowed. Everything else
 * (admin endpoints, docs, example pages) never answers another origin: no
 * Access-Control-Allow-Origin, and its preflight is refused. Timing-Allow-Origin names the same
 * origins, so the embedding page can measure the widget's requests.
 */
export function corsFor(config: AppConfig): RequestHandler {
  const allowed = config.allowedOrigins && new Set(config.allowedOrigins);
  const timing = allowed ? [...allowed].join(', ') : '*';
  return (req, res, next) => {
    if (!CROSS_ORIGIN_PATHS.some((prefix) => req.path.startsWith(prefix))) {
      return next(
        isPreflight(req)
          ? new HttpError(403, 'permission_denied', 'This endpoint does not answer pages on other origins.')
          : undefined,
      );
    }
    if (timing) res.setHeader('Timing-Allow-Origin', timing);
    const origin = req.get('origin');
    if (allowed) res.vary('Origin');
    if (!allowed) res.setHeader('Access-Control-Allow-Origin', '*');
    else if (origin !== undefined && allowed.has(origin)) res.setHeader('Access-Control-Allow-Origin', origin);
    else
      return next(
        isPreflight(req)
          ? new HttpError(403, 'permission_denied', 'This origin may not call the portal (ALLOWED_ORIGINS).')
          : undefined,
      );
    if (isPreflight(req)) {
      res.setHeader('Access-Control-Allow-Methods', PORTAL_METHODS);
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Idempotency-Key');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    res.setHeader(
      'Access-Control-Expose-Headers',
      'RateLimit, RateLimit-Policy, Retry-After, Idempotency-Replayed, Content-Disposition',
    );
    next();
  };
}

// eslint-disable-next-line no-control-regex -- control characters are what the request log escapes
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/**
 * One line per request, after it ends. The URL's secrets are redacted (`log` redacts too, see
 * createApp) and its control characters escaped, so a request can neither leak nor forge a line.
 */
export function requestLog(log: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const url = redactSecrets(req.originalUrl).replace(
        CONTROL_CHARACTERS,
        (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
      );
      log(`${req.method} ${url} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    next();
  };
}
