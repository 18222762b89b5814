import { z } from 'zod';
import { parseSealKey } from './link-seal.ts';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const perMinute = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

/** Environment of `npm start`, parsed once; a bad value stops the server with a clear message. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: optionalString,
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  ADMIN_TOKEN: optionalString.pipe(z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional()),
  ALLOWED_ORIGINS: optionalString,
  REDIS_URL: optionalString.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  TRUST_PROXY: optionalString,
  RATE_LIMIT_READS_PER_MIN: perMinute(30),
  RATE_LIMIT_WRITES_PER_MIN: perMinute(10),
  RATE_LIMIT_INVALID_TOKEN_PER_MIN: perMinute(20),
  LOG_REQUESTS: z.enum(['true', 'false']).default('true'),
  /** How long an in-flight checkout holds its Idempotency-Key before a retry may take it over. */
  IDEMPOTENCY_LOCK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /**
   * Test only: checkouts whose Idempotency-Key starts with this prefix stop inside their
   * transaction (after writing, before the commit) and print a line, so a crash test can kill the
   * process exactly there. Never set it in a deployment.
   */
  TEST_PAUSE_CHECKOUT_KEYS: optionalString,
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(200),
  DEMO_LINKS: z.enum(['true', 'false']).default('false'),
  DEMO_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().positive().max(8760).default(24),
  /** The mail server: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…` (TLS). Unset: messages go to DATA_DIR/outbox. */
  SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  /** The From of every message, e.g. `"Harbour & Vine" <orders@harbourvine.example>`; unset: the workspace's name at no-reply@localhost. */
  MAIL_FROM: optionalString,
  /** 32 bytes (64 hex digits or base64) sealing tokens so links can be sent again; unset: DATA_DIR/link-seal.key. */
  LINK_SEAL_KEY: optionalString.pipe(
    z
      .string()
      .refine((v) => parseSealKey(v) !== undefined, 'LINK_SEAL_KEY must be 32 bytes, as 64 hex digits or base64')
      .optional(),
  ),
});
export type Env = z.infer<typeof EnvSchema>;

export interface RateLimits {
  readsPerMinute: number;
  writesPerMinute: number;
  /** Per client IP, for requests whose token (or admin key) is not valid. */
  invalidTokenPerMinute: number;
  windowMs: number;
}

export function parseEnv(env: NodeJS.ProcessEnv): Env {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid environment:\n${problems}`);
  }
  return parsed.data;
}

export function rateLimitsFromEnv(env: Env): RateLimits {
  return {
    readsPerMinute: env.RATE_LIMIT_READS_PER_MIN,
    writesPerMinute: env.RATE_LIMIT_WRITES_PER_MIN,
    invalidTokenPerMinute: env.RATE_LIMIT_INVALID_TOKEN_PER_MIN,
    windowMs: 60_000,
  };
}

/** The server's base URL: PUBLIC_URL, else localhost on the port it listens on. */
export function publicUrl(env: Env, port = env.PORT): string {
  return (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
}

/**
 * ALLOWED_ORIGINS, comma separated: the only sites whose pages may call the portal endpoints and
 * load the widget files. Unset (or `*`): any site may, as the portal needs no cookies.
 */
export function allowedOrigins(env: Env): string[] | undefined {
  if (!env.ALLOWED_ORIGINS || env.ALLOWED_ORIGINS === '*') return undefined;
  return env.ALLOWED_ORIGINS.split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
}
