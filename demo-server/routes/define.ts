import { createHash } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { LIMITS, type Endpoint } from '../../widget/contract/index.ts';
import { accessRefusal } from '../../widget/contract/rules/access.ts';
import type { AppConfig, Principal } from '../context.ts';
import type { Database } from '../db/schema.ts';
import type { Workspace, WorkspaceCache } from '../db/workspace.ts';
import { HttpError, refuseIf } from '../errors.ts';
import type { Limiters } from '../middleware/rate-limit.ts';
import type { AdminKeys } from '../auth/admin-keys.ts';
import { PortalTokens } from '../auth/portal.ts';
import type { AnswerCache } from './answer-cache.ts';
import { chooseCoding, type Coding } from '../middleware/coding.ts';
import type { CatalogCache } from './catalog-cache.ts';
import type { LinkSeal } from '../link-seal.ts';
import type { Mailer } from '../mailer.ts';

export interface Services {
  db: Kysely<Database>;
  config: AppConfig;
  limiters: Limiters;
  tokens: PortalTokens;
  adminKeys: AdminKeys;
  workspace: WorkspaceCache;
  answers: AnswerCache;
  catalog: CatalogCache;
  /** The server's one mailer (SMTP, or the outbox). */
  mailer: Mailer;
  /** Seals portal tokens so a link can be sent again later. */
  linkSeal: LinkSeal;
  /** This server's public base URL when known (PUBLIC_URL); else each request's own. */
  serverUrl?: string;
  now(): Date;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;
type Body<E extends Endpoint> = E['binary'] extends string
  ? Download
  : E['response'] extends z.ZodType
    ? z.input<E['response']>
    : null;

/** What the handler of a binary endpoint returns: sent as a download of the endpoint's type. */
export interface Download {
  bytes: Buffer;
  filename: string;
}

export interface Ctx<E extends Endpoint> {
  params: Infer<E['params']>;
  query: Infer<E['query']>;
  body: Infer<E['body']>;
  req: Request;
  res: Response;
  now: Date;
}

export interface PortalCtx<E extends Endpoint> extends Ctx<E> {
  principal: Principal;
  workspace: Workspace;
}

/** An answer with a status other than the endpoint's success status (e.g. an idempotent replay). */
export class Answer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/**
 * A JSON answer kept serialized (the catalogue): sent with a strong ETag, answered 304 to a
 * request that already holds it, and sent in the compressed form the client accepts, made once.
 */
export interface SerializedAnswer {
  readonly body: Buffer;
  readonly etag: string;
  encoded(coding: Coding): Promise<Buffer>;
}
const isSerialized = (result: unknown): result is SerializedAnswer =>
  typeof result === 'object' &&
  result !== null &&
  (result as SerializedAnswer).body instanceof Buffer &&
  typeof (result as SerializedAnswer).etag === 'string';

/** `If-None-Match` (kept aside by securityHeaders) names `etag`: weak comparison, as RFC 9110 asks for this header. */
function alreadyHeld(res: Response, etag: string): boolean {
  const header = res.locals.ifNoneMatch;
  if (typeof header !== 'string') return false;
  return header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

async function sendSerialized(res: Response, status: number, answer: SerializedAnswer) {
  // The client's cache may keep it (it holds prices, no one else's data) but asks each time.
  res.set({ 'Cache-Control': 'private, no-cache', ETag: answer.etag, Vary: 'Accept-Encoding' });
  if (alreadyHeld(res, answer.etag)) return void res.status(304).end();
  const coding = chooseCoding(res.req.get('accept-encoding'));
  const bytes = coding ? await answer.encoded(coding) : answer.body;
  if (coding) res.setHeader('Content-Encoding', coding);
  res
    .status(status)
    .set({ 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(bytes.length) })
    .end(bytes);
}

function issues(error: z.ZodError, where: string) {
  return error.issues.map((i) => ({ path: [where, ...i.path].join('.'), message: i.message }));
}

/** Parses params, query and body against the endpoint's schemas: 400 with every problem in `details`. */
function parseInput(endpoint: Endpoint, req: Request) {
  const problems: { path: string; message: string }[] = [];
  const parse = (schema: z.ZodType | undefined, value: unknown, where: string) => {
    if (!schema) return undefined;
    const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
    if (!result.success) problems.push(...issues(result.error, where));
    return result.data;
  };
  const params = parse(endpoint.params, req.params, 'path');
  const query = parse(endpoint.query, req.query, 'query');
  const body = parse(endpoint.body, req.body, 'body');
  if (problems.length) throw new HttpError(400, 'validation_failed', 'The request is not valid.', problems);
  return { params, query, body };
}

const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

const jsonBody = express.json({ limit: LIMITS.maxBodyBytes, strict: true });
/** Endpoints without a body still refuse an oversized one, as the parser would. */
const noBody: RequestHandler = (req, _res, next) =>
  next(
    Number(req.get('content-length') ?? 0) > LIMITS.maxBodyBytes
      ? new HttpError(413, 'payload_too_large', 'The request body is larger than 100 KB.')
      : undefined,
  );
/** A bulk endpoint's larger limit, with a 413 that names it. */
function largeJsonBody(maxBytes: number): RequestHandler {
  const parse = express.json({ limit: maxBytes, strict: true });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) =>
      next(
        (error as { type?: string } | undefined)?.type === 'entity.too.large'
          ? new HttpError(413, 'payload_too_large', `The request body is larger than ${maxBytes / (1024 * 1024)} MB.`)
          : error,
      ),
    );
}
/** Bodies are parsed only where an endpoint takes one; 100 KB at most (413 beyond) unless the endpoint allows more. */
const bodyParser = (endpoint: Endpoint) =>
  endpoint.body ? (endpoint.maxBodyBytes ? largeJsonBody(endpoint.maxBodyBytes) : jsonBody) : noBody;

async function send(res: Response, endpoint: Endpoint, result: unknown) {
  if (isSerialized(result)) {
    await sendSerialized(res, endpoint.status, result);
  } else if (result instanceof Answer) {
    for (const [k, v] of Object.entries(result.headers)) res.setHeader(k, v);
    res.status(result.status).json(result.body);
  } else if (endpoint.binary) {
    const { bytes, filename } = result as Download;
    // Always quoted, as the widest range of clients expect; the names are ours and kept to plain ASCII.
    res.setHeader('Content-Disposition', `attachment; filename="${filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"`);
    res.status(endpoint.status).type(endpoint.binary).send(bytes);
  } else if (endpoint.status === 204) {
    res.status(204).end();
  } else {
    res.status(endpoint.status).json(result);
  }
}

/** Admin endpoints: `Authorization: Bearer <admin key>` (the bootstrap key or a named one); failures count against the per-IP limit. */
export function adminRoute<E extends Endpoint>(
  router: Router,
  services: Services,
  endpoint: E,
  handler: (ctx: Ctx<E>) => Promise<Body<E> | Answer>,
): void {
  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (match && (await services.adminKeys.authenticate(match[1], services.now()))) return next();
    res.setHeader('WWW-Authenticate', 'Bearer');
    services.limiters.invalidCredentials(req, res, () =>
      next(new HttpError(401, 'unauthorized', 'A valid admin key is required: Authorization: Bearer <ADMIN_TOKEN>.')),
    );
  };
  router[endpoint.method](
    expressPath(endpoint.path),
    authenticate,
    bodyParser(endpoint),
    async (req: Request, res: Response) => {
      const input = parseInput(endpoint, req);
      const result = await handler({ ...input, req, res, now: services.now() } as Ctx<E>);
      await send(res, endpoint, result);
    },
  );
}

/**
 * Portal endpoints, in the order of the contract's `accessRefusal`: the token resolves to a
 * principal (else 401, counted per IP), the token's read or write budget, the body as bytes
 * (413, 400 malformed_json), the workspace section and the token permission (403), then the
 * input (400), then the handler.
 */
export function portalRoute<E extends Endpoint>(
  router: Router,
  services: Services,
  endpoint: E,
  handler: (ctx: PortalCtx<E>) => Promise<Body<E> | Answer | SerializedAnswer>,
  options: {
    /**
     * Which answers the AnswerCache keeps, by their query: they must depend only on the customer's
     * documents (the tables of CUSTOMER_DOCUMENT_TABLES) and the query, never on the clock or the
     * workspace. They are served from the cache while the customer's revision stands still.
     */
    cacheByRevision?: (query: Infer<E['query']>) => boolean;
  } = {},
): void {
  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    const principal = await services.tokens.resolve(String(req.params.token ?? ''), services.now());
    if (principal) {
      res.locals.principal = principal;
      return next();
    }
    services.limiters.invalidCredentials(req, res, () =>
      next(
        new HttpError(
          401,
          'invalid_token',
          'This portal link is not valid: it may have expired or been revoked. Please ask your supplier for a new link.',
        ),
      ),
    );
  };
  const budget = endpoint.method === 'get' ? services.limiters.reads : services.limiters.writes;
  router[endpoint.method](
    expressPath(endpoint.path),
    authenticate,
    budget,
    bodyParser(endpoint),
    async (req: Request, res: Response) => {
      const principal = res.locals.principal!;
      const workspace = await services.workspace.get();
      refuseIf(
        accessRefusal(endpoint, workspace.settings.sections, principal.permissions, principal.person?.role ?? null),
      );
      const input = parseInput(endpoint, req);
      const cacheKey = options.cacheByRevision?.(input.query as Infer<E['query']>)
        ? `${endpoint.path}\u0000${principal.customerId}\u0000${JSON.stringify(input.query)}`
        : undefined;
      const cached = cacheKey && services.answers.get(cacheKey, principal.revision);
      if (cached) return sendJson(res, endpoint.status, cached);
      const result = await handler({ ...input, req, res, now: services.now(), principal, workspace } as PortalCtx<E>);
      if (cacheKey && !(result instanceof Answer) && !isSerialized(result)) {
        const json = JSON.stringify(result);
        services.answers.set(cacheKey, principal.revision, json);
        return sendJson(res, endpoint.status, json);
      }
      await send(res, endpoint, result);
    },
  );
}

/** A body already serialized, sent as `res.json` would send it. */
function sendJson(res: Response, status: number, json: string) {
  res.status(status).set('Content-Type', 'application/json; charset=utf-8').send(json);
}

/** Canonical hash of a parsed request body, for idempotency comparisons. */
export function hashBody(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}
