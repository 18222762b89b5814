import { parseEnv } from './config.ts';
import { openDb } from './db/connect.ts';
import { setAdminKeyHash } from './db/workspace.ts';
import { ADMIN_KEY_PREFIX, hashSecret, newSecret } from './auth/secrets.ts';

/** `npm run admin-key`: issues a new admin key, stores its hash, prints it once. The old key stops working. */
const env = parseEnv(process.env);
// A command, not a server: it may wait for the server's writes to SQLite.
const db = await openDb({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, busyTimeoutMs: 5000 });
const key = newSecret(ADMIN_KEY_PREFIX);
await setAdminKeyHash(db.kysely, hashSecret(key));
await db.close();
console.log(`New admin key (shown once): ${key}`);
if (env.ADMIN_TOKEN) console.log('Note: ADMIN_TOKEN is set, and while it is, the server uses it instead of this key.');
