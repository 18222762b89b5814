import cors from 'cors';
import type { RequestHandler } from 'express';
import type { AppConfig } from '../context.ts';
import { redactSecrets } from '../auth/secrets.ts';

/** Headers on every answer: nothing cached, no referrer leaks a token, no sniffing. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
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

/**
 * One line per request, after it ends. The URL's secrets are redacted (`log` redacts too, see
 * createApp) and its control characters escaped, so a request can neither leak nor forge a line.
 */
export function requestLog(log: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const url = redactSecrets(req.originalUrl).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
      log(`${req.method} ${url} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    next();
  };
}
