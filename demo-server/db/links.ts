import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** A link as sending it needs: its state, its sealed copy and its customer. */
export interface LinkToSend {
  id: string;
  expires_at: string | null;
  revoked_at: string | null;
  sealed_token: string | null;
  customer: {
    id: string;
    business_name: string;
    email: string | null;
    language: string | null;
    archived_at: string | null;
  };
}

export async function getLinkToSend(db: Kysely<Database>, id: string): Promise<LinkToSend | undefined> {
  const row = await db
    .selectFrom('portal_tokens')
    .innerJoin('customers', 'customers.id', 'portal_tokens.customer_id')
    .select([
      'portal_tokens.id',
      'portal_tokens.expires_at',
      'portal_tokens.revoked_at',
      'portal_tokens.sealed_token',
      'customers.id as customer_id',
      'customers.business_name',
      'customers.email',
      'customers.language',
      'customers.archived_at',
    ])
    .where('portal_tokens.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    expires_at: row.expires_at,
    revoked_at: row.revoked_at,
    sealed_token: row.sealed_token,
    customer: {
      id: row.customer_id,
      business_name: row.business_name,
      email: row.email,
      language: row.language,
      archived_at: row.archived_at,
    },
  };
}
