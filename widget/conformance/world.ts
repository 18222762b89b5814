import {
  endpoints,
  type Catalog,
  type CreatedToken,
  type CustomerList,
  type Endpoint,
  type EndpointName,
  type Permissions,
  type Session,
} from '../contract/index.ts';
import type { z } from 'zod';
import type { CheckContext } from './context.ts';
import type { Client } from './http.ts';

export type Customer = z.output<typeof CustomerList>['items'][number];

/** An object a customer owns, found through a list endpoint. */
export interface Owned {
  list: EndpointName;
  id: string;
  number: string | null;
  isDraft: boolean;
}

/** A portal GET endpoint reading one object, and the list it is found in. */
export interface DetailEndpoint {
  name: EndpointName;
  endpoint: Endpoint;
  list: EndpointName;
}

const entries = Object.entries(endpoints) as [EndpointName, Endpoint][];

export const PORTAL = entries.filter(([, e]) => e.auth === 'portal');
export const ADMIN = entries.filter(([, e]) => e.auth === 'admin');
/** The admin operations every backend offers: links, workspace settings, change requests (the kit sets up its world with them). */
export const CORE_ADMIN = ADMIN.filter(([, e]) => !e.backOffice);
/** The supplier's back office: a backend may leave it out; where it answers, it is checked like the rest. */
export const BACK_OFFICE = ADMIN.filter(([, e]) => e.backOffice);
/** Portal reads taking only the token: the lists and the session-wide answers. */
export const PORTAL_READS = PORTAL.filter(([, e]) => e.method === 'get' && !e.path.includes('{id}'));

/**
 * Every portal operation on one object (`{id}`), with the list that names its objects: the GET
 * endpoint whose path is the object's path without `/{id}...` (orders/{id}/pdf → orders).
 */
export const OBJECT_ENDPOINTS: DetailEndpoint[] = PORTAL.filter(([, e]) => e.path.includes('/{id}')).flatMap(
  ([name, endpoint]) => {
    const listPath = endpoint.path.slice(0, endpoint.path.indexOf('/{id}'));
    const list = PORTAL_READS.find(([, e]) => e.path === listPath);
    return list ? [{ name, endpoint, list: list[0] }] : [];
  },
);

export const NIL_ID = '00000000-0000-4000-8000-000000000000';

/** The state a run builds up: the two customers, their tokens, what they own. */
export class World {
  readonly customers: Customer[] = [];
  readonly #tokens: { id: string; customer: string }[] = [];
  readonly #owned = new Map<string, Owned[]>();
  readonly #views = new Map<string, { session: Session; catalog: Catalog }>();
  readonly runId = Date.now().toString(36);
  #tokenCount = 0;

  constructor(readonly client: Client) {}

  /** The customer's letter in reports: A, B. */
  letter(customer: Customer): string {
    return String.fromCharCode(65 + this.customers.indexOf(customer));
  }

  /**
   * A fresh token with every permission (each check takes its own: portal limits count per
   * token), the account's own or, with `personId`, that person's; revoked when the run ends.
   */
  async token(
    ctx: CheckContext,
    customer: Customer,
    options: { permissions?: Partial<Permissions>; personId?: string } = {},
  ): Promise<{ id: string; token: string }> {
    const exchange = await this.client.call('createToken', {
      body: {
        client_id: customer.id,
        ...(options.permissions ? { permissions: options.permissions } : {}),
        ...(options.personId ? { person_id: options.personId } : {}),
      },
    });
    const created = ctx.success('createToken', exchange, 'a new token') as z.output<typeof CreatedToken> | undefined;
    if (!created) ctx.skip('the kit could not make a portal token through the admin API (see the failure above)');
    this.#tokens.push({ id: created.id, customer: customer.id });
    this.client.label(created.token, `token ${this.letter(customer)}${++this.#tokenCount}`);
    return created;
  }

  /** Revokes every token the run made. */
  async cleanUp(): Promise<void> {
    for (const { id } of this.#tokens) await this.client.call('revokeToken', { params: { id } }).catch(() => undefined);
  }

  /** The objects a customer owns, by list (filled by the shapes check; read-only after). */
  owned(customer: Customer): Owned[] {
    return this.#owned.get(customer.id) ?? [];
  }

  addOwned(customer: Customer, objects: Owned[]): void {
    this.#owned.set(customer.id, [...this.owned(customer), ...objects]);
  }

  /** The customer's session and catalogue, read once. */
  async view(ctx: CheckContext, customer: Customer, token: string): Promise<{ session: Session; catalog: Catalog }> {
    const known = this.#views.get(customer.id);
    if (known) return known;
    const session = ctx.success('getSession', await this.client.call('getSession', { as: token })) as
      Session | undefined;
    const catalog = ctx.success('getCatalog', await this.client.call('getCatalog', { as: token })) as
      Catalog | undefined;
    if (!session || !catalog) ctx.skip(`customer ${this.letter(customer)}'s session or catalogue could not be read`);
    const view = { session, catalog };
    this.#views.set(customer.id, view);
    return view;
  }
}
