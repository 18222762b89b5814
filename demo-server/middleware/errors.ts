import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorBody } from '../../widget/contract/index.ts';
import { HttpError, UnavailableError } from '../errors.ts';
import { isLockContention } from '../db/connect.ts';
import { redactSecrets } from '../auth/secrets.ts';

export function sendError(res: Parameters<RequestHandler>[1], error: HttpError): void {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  if (error instanceof UnavailableError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  res.status(error.status).json(body);
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No route for ${req.method} ${redactSecrets(req.path)}`));
};

/** Retry-After when the database is busy: another writer's lock is usually held for moments. */
const BUSY_RETRY_SECONDS = 1;

/**
 * Last handler: every failure becomes the contract's JSON error. Body-parser errors keep their
 * 4xx status; a write that could not get the database's lock (another writer held it) is a 503
 * with `Retry-After`; anything unexpected is logged and answered as a bare 500, never a stack trace.
 */
export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof HttpError) return sendError(res, err);
    const status =
      typeof err?.status === 'number' ? err.status : typeof err?.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const byType: Record<string, HttpError> = {
        'entity.parse.failed': new HttpError(400, 'malformed_json', 'The request body is not valid JSON.'),
        'entity.too.large': new HttpError(413, 'payload_too_large', 'The request body is larger than 100 KB.'),
        'charset.unsupported': new HttpError(
          415,
          'unsupported_media_type',
          "The request body's charset is not supported: send UTF-8 JSON.",
        ),
        'encoding.unsupported': new HttpError(
          415,
          'unsupported_media_type',
          "The request body's Content-Encoding is not supported: send it plain, gzip, deflate or br.",
        ),
      };
      return sendError(
        res,
        byType[err.type] ?? new HttpError(status, 'validation_failed', 'The request could not be read.'),
      );
    }
    if (isLockContention(err)) {
      log(`database busy (${err.code}): answered 503`);
      return sendError(
        res,
        new UnavailableError('The server is busy. Please try again in a moment.', BUSY_RETRY_SECONDS),
      );
    }
    log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    sendError(res, new HttpError(500, 'internal_error', 'Something went wrong on the server. Please try again.'));
  };
}
