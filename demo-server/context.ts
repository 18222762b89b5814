import type { Permissions } from '../widget/contract/index.ts';
import type { Db } from './db/connect.ts';
import type { RateLimits } from './config.ts';

/**
 * Who is asking, resolved once from the portal token. Every portal route receives this and
 * nothing else about identity (later: the user within the customer account, and their role).
 */
export interface Principal {
  customerId: string;
  tokenId: string;
  permissions: Permissions;
  expiresAt: string | null;
  /**
   * The revision of the customer's documents as the token was resolved (see migration 0004):
   * answers that read only those documents are cached under it.
   */
  revision: number;
}

/** A Redis client as the rate limiter needs it (node-redis v5 `createClient()` fits). */
export interface RedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface AppConfig {
  db: Db;
  /** SHA-256 hex of the admin key. */
  adminTokenHash: string;
  rateLimits: RateLimits;
  allowedOrigins: string[];
  /** Shared counter store for rate limits across processes; memory when absent. */
  redis?: RedisLike;
  /** Express `trust proxy` setting, for deployments behind a load balancer. */
  trustProxy?: string | number | boolean;
  /** Request log sink; tokens are already redacted. Absent: no request log. */
  log?: (line: string) => void;
  /** The clock; tests pass their own to cross expiry instants exactly. */
  now?: () => Date;
  /** How long an in-flight checkout keeps its idempotency key before a retry may take over. */
  idempotencyLockMs?: number;
  /** How long a placed order's idempotency key replays it (default 24 h); afterwards the key is new again. */
  idempotencyTtlMs?: number;
  /** First pages of order lists kept by the AnswerCache, one per customer (default 5,000, a few KB each); 0 turns it off. */
  answerCacheSize?: number;
  /** Bytes of serialized catalogue answers kept, one per price group and catalogue revision (default 64 MiB). */
  catalogCacheBytes?: number;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      principal?: Principal;
    }
  }
}
