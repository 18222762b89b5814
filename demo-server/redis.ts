import { createClient } from 'redis';
import type { RedisLike } from './context.ts';

/** A connected Redis client as the app uses it, and how to let it go. */
export interface SharedRedis extends RedisLike {
  /** Drops the connection (and stops reconnecting) without waiting for Redis. */
  close(): void;
}

/** Reconnect after 50 ms, doubling up to 2 s, with jitter so that many instances do not retry in step. */
const backoff = (retries: number) => Math.min(50 * 2 ** retries, 2000) + Math.floor(Math.random() * 100);

/**
 * Connects to Redis so that an outage fails requests fast and heals by itself: while the
 * connection is down commands are refused at once (node-redis would otherwise queue them, and
 * every request would hang until Redis came back), and the client reconnects with backoff for as
 * long as it takes. (A Redis that hangs with its connection open is bounded by `RedisCounters`.) One line is logged when Redis is lost and one when it is back, not one per retry.
 * `npm start` and the tests build their client here.
 */
export async function connectRedis(url: string, log: (line: string) => void): Promise<SharedRedis> {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: backoff },
  });
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log(`redis: ${error.message || error.name}; reconnecting until it answers`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    log('redis: connected again');
  });
  await client.connect();
  return {
    sendCommand: (args) => client.sendCommand(args),
    close: () => {
      if (client.isOpen) client.destroy();
    },
  };
}
