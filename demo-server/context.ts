import type { Permissions, Role } from '../widget/contract/index.ts';
import type { Db } from './db/connect.ts';
import type { RateLimits } from './config.ts';

/**
 * Who is asking, resolved once from the portal token. Every portal route receives this and
 * nothing else about identity: the customer account, and the person of it the link belongs to.
 */
export interface Principal {
  customerId: string;
  tokenId: string;
  /** The person the link belongs to, as they are now; null: the account's own link. */
  person: { id: string; name: string; role: Role } | null;
  /** The token's permissions narrowed by the person's role (effectivePermissions). */
  permissions: Permissions;
  expiresAt: string | null;
  /**
   * The revision of the customer's documents as the token was resolved (see migration 0004):
   * answers that read only those documents are cached under it.
   */
  revision: number;
  /** The customer's price group as the token was resolved: what their catalogue is priced with. */
  priceGroupId: string | null;
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
  /**
   * Origins whose pages may call the portal endpoints and load the widget files (CORS). Absent:
   * any origin (the token in the path is the credential; no cookies). Admin endpoints never answer
   * another origin.
   */
  allowedOrigins?: string[];
  /** Shared counter store for rate limits across processes; memory when absent. `/readyz` checks it. */
  redis?: RedisLike;
  /** Express `trust proxy` setting, for deployments behind a load balancer. */
  trustProxy?: string | number | boolean;
  /** Request log sink; tokens are already redacted. Absent: no request log. */
  log?: (line: string) => void;
  /** The clock; tests pass their own to cross expiry instants exactly. */
  now?: () => Date;
  /** How long an in-flight checkout keeps its idempotency key before a retry may take over. */
  idempotencyLockMs?: number;
  /** Test only (see TEST_PAUSE_CHECKOUT_KEYS): awaited inside the checkout transaction, after the order and its key are written. */
  pauseInCheckout?: (idempotencyKey: string) => Promise<void>;
  /** How often tokens' last_used_at is written (default 10 s); it is never written on the request path. */
  tokenUseFlushMs?: number;
  /** How long a placed order's idempotency key replays it (default 24 h); afterwards the key is new again. */
  idempotencyTtlMs?: number;
  /** First pages of order lists kept by the AnswerCache, one per customer (default 5,000, a few KB each); 0 turns it off. */
  answerCacheSize?: number;
  /** Bytes of serialized catalogue answers kept, one per price group and catalogue revision (default 64 MiB). */
  catalogCacheBytes?: number;
  /** DATA_DIR: the mail outbox (`outbox/`) and the link seal key file (`link-seal.key`) live there. */
  dataDir?: string;
  /** SMTP_URL, MAIL_FROM; without an SMTP server, messages go to `outbox` (default DATA_DIR/outbox). */
  mail?: { smtpUrl?: string; from?: string; outboxDir?: string; timeoutMs?: number };
  /**
   * LINK_SEAL_KEY (32 bytes): seals tokens so links can be sent again. Absent: the key of
   * DATA_DIR/link-seal.key (made at first start), or without DATA_DIR one for this process only.
   */
  linkSealKey?: Buffer;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      principal?: Principal;
    }
  }
}
