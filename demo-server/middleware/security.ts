import cors from 'cors';
import type { RequestHandler } from 'express';
import type { AppConfig } from '../context.ts';
import { redactPath } from '../auth/secrets.ts';

/**
 * Headers on every answer: nothing cached, no referrer leaks a token, no sniffing. API answers
 * carry no validators (no ETag, no Last-Modified), so a conditional request to the API is answered
 * in full: Express would otherwise answer `If-None-Match: *` with a bare 304 no client can use.
 */
export const securityHeaders: RequestHandler = (req, res, next) => {
  if (req.path.startsWith('/api/')) {
    delete req.headers['if-none-match'];
    delete req.headers['if-modified-since'];
  }
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
};

export function corsFor(config: AppConfig): RequestHandler {
  const allowed = new Set(config.allowedOrigins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'],
    exposedHeaders: ['RateLimit', 'RateLimit-Policy', 'Retry-After', 'Idempotency-Replayed', 'Content-Disposition'],
    maxAge: 600,
  });
}

/** One line per request, after it ends; the token in the path is redacted. */
export function requestLog(log: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(`${req.method} ${redactPath(req.originalUrl)} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    next();
  };
}
