import type { Request, Router } from 'express';
import { endpoints, type CreatedToken, type Permissions } from '../../widget/contract/index.ts';
import { getCustomer } from '../db/customers.ts';
import { getPerson } from '../db/people.ts';
import { ALL_PERMISSIONS, insertToken, listTokens, revokeToken } from '../db/tokens.ts';
import { HttpError, notFound } from '../errors.ts';
import { hashSecret, hintFor, newSecret, PORTAL_TOKEN_PREFIX } from '../auth/secrets.ts';
import { linkUrl } from '../link-mail.ts';
import { adminRoute, type Services } from './define.ts';
import { serverBase } from './links.ts';

/** Makes a link of a customer (for one of their people, or the account's own) and answers it with its secret. */
export async function issueLink(
  services: Services,
  req: Request,
  link: {
    customerId: string;
    personId: string | null;
    permissions: Permissions;
    expiresAt: string | null;
    now: Date;
  },
): Promise<CreatedToken> {
  const token = newSecret(PORTAL_TOKEN_PREFIX);
  const id = crypto.randomUUID();
  const record = await insertToken(services.db, {
    id,
    customerId: link.customerId,
    personId: link.personId,
    hash: hashSecret(token),
    hint: hintFor(token),
    sealed: services.linkSeal.seal(id, token),
    permissions: link.permissions,
    expiresAt: link.expiresAt,
    now: link.now.toISOString(),
  });
  const url = linkUrl((await services.workspace.get()).settings.portal_page_url, serverBase(services, req), token);
  return {
    id: record.id,
    token,
    url,
    client_id: record.client_id,
    person_id: record.person_id,
    permissions: record.permissions,
    expires_at: record.expires_at,
    created_at: record.created_at,
  };
}

export function tokenRoutes(router: Router, services: Services): void {
  adminRoute(router, services, endpoints.createToken, async ({ body, now, req }) => {
    if (body.expires_at && Date.parse(body.expires_at) <= now.getTime()) {
      throw new HttpError(400, 'validation_failed', 'expires_at must be in the future.', [
        { path: 'body.expires_at', message: 'must be in the future' },
      ]);
    }
    const customer = await getCustomer(services.db, body.client_id);
    if (!customer) throw notFound('No customer with that client_id.');
    if (customer.archived_at !== null) {
      throw new HttpError(422, 'customer_archived', 'The customer is archived: unarchive them before making a link.', [
        { path: 'body.client_id', message: 'archived customer' },
      ]);
    }
    const personId = body.person_id ?? null;
    if (personId !== null && !(await getPerson(services.db, customer.id, personId))) {
      throw new HttpError(422, 'unknown_person', 'This customer has no such person (or they were removed).', [
        { path: 'body.person_id', message: 'not a person of this customer' },
      ]);
    }
    return issueLink(services, req, {
      customerId: customer.id,
      personId,
      permissions: { ...ALL_PERMISSIONS, ...body.permissions },
      expiresAt: body.expires_at ? new Date(body.expires_at).toISOString() : null,
      now,
    });
  });

  adminRoute(router, services, endpoints.listTokens, async ({ query }) =>
    listTokens(services.db, { clientId: query.client_id, cursor: query.cursor, limit: query.limit }),
  );

  adminRoute(router, services, endpoints.revokeToken, async ({ params, now }) => {
    if (!(await revokeToken(services.db, params.id, now.toISOString()))) throw notFound('No token with that id.');
    return null;
  });
}
