import type { Router } from 'express';
import { endpoints, type AccountPerson, type Person, type Profile } from '../../widget/contract/index.ts';
import { noProfile, unknownDefaultAddress } from '../../widget/contract/rules/addresses.ts';
import { getAddress } from '../db/addresses.ts';
import { getCustomer } from '../db/customers.ts';
import { getPerson, insertPerson, listPeople, removePerson, updatePerson, updateProfile } from '../db/people.ts';
import { ALL_PERMISSIONS } from '../db/tokens.ts';
import { HttpError, notFound, ruleError } from '../errors.ts';
import { linkLanguage, linkMail, type LinkMessage } from '../link-mail.ts';
import { MailError } from '../mailer.ts';
import { adminRoute, portalRoute, type Services } from './define.ts';
import { customerOf } from './session.ts';
import { issueLink } from './tokens.ts';

/** The people of a company account: the supplier's admin API and the account Admins' People section. */
export function peopleRoutes(router: Router, services: Services): void {
  const existingCustomer = async (id: string) => {
    const customer = await getCustomer(services.db, id);
    if (!customer) throw notFound('No customer with that id.');
    return customer;
  };
  const person = async (customerId: string, id: string): Promise<Person> => {
    await services.tokens.flushUses();
    const found = await getPerson(services.db, customerId, id);
    if (!found) throw notFound('No such person on this account.');
    return found;
  };

  // ---- the supplier's admin API

  adminRoute(router, services, endpoints.listPeople, async ({ params }) => {
    await existingCustomer(params.id);
    await services.tokens.flushUses();
    return { items: await listPeople(services.db, params.id), next_cursor: null };
  });

  adminRoute(router, services, endpoints.createPerson, async ({ params, body, now }) => {
    await existingCustomer(params.id);
    const id = await insertPerson(services.db, params.id, body, now.toISOString());
    return person(params.id, id);
  });

  adminRoute(router, services, endpoints.patchPerson, async ({ params, body }) => {
    if (!(await updatePerson(services.db, params.id, params.person_id, body)))
      throw notFound('No such person on this customer.');
    return person(params.id, params.person_id);
  });

  adminRoute(router, services, endpoints.deletePerson, async ({ params, now }) => {
    if (!(await removePerson(services.db, params.id, params.person_id, now.toISOString())))
      throw notFound('No such person on this customer.');
    return null;
  });

  // ---- the portal's People section (accountAdmin: the route refuses anyone else)

  const asAccountPerson = ({ customer_id: _, ...p }: Person, youId: string | undefined): AccountPerson => ({
    ...p,
    is_you: p.id === youId,
  });
  const notYourself = (id: string, youId: string | undefined, what: string) => {
    if (id === youId) throw new HttpError(409, 'conflict', `You cannot ${what} yourself: ask another Admin.`);
  };

  portalRoute(router, services, endpoints.listAccountPeople, async ({ principal }) => {
    // A portal read writes nothing (it answers while another process holds SQLite's write lock): last
    // active is as of the last batch of link uses written, at most DEFAULT_TOKEN_USE_FLUSH_MS old.
    const people = await listPeople(services.db, principal.customerId);
    return { items: people.map((p) => asAccountPerson(p, principal.person?.id)), next_cursor: null };
  });

  portalRoute(router, services, endpoints.invitePerson, async ({ principal, body, req, now }) => {
    const customer = await customerOf(services, principal.customerId);
    const id = await insertPerson(services.db, customer.id, body, now.toISOString());
    // Every permission: the role narrows them, so a later change of role needs no new link.
    const link = await issueLink(services, req, {
      customerId: customer.id,
      personId: id,
      permissions: ALL_PERMISSIONS,
      expiresAt: null,
      now,
    });
    const workspace = await services.workspace.get();
    const language = linkLanguage(body.language ?? customer.language, workspace.locale);
    const message: LinkMessage = {
      language,
      locale: workspace.locale.toLowerCase().startsWith(language) ? workspace.locale : language,
      workspaceName: workspace.name,
      businessName: customer.business_name,
      personName: body.name,
      url: link.url,
      expiresAt: null,
    };
    let emailed = true;
    try {
      await services.mailer.send(linkMail(message, body.email));
    } catch (error) {
      // The person and their link stay: the supplier can send the link again from the console.
      if (!(error instanceof MailError)) throw error;
      emailed = false;
    }
    return { ...asAccountPerson(await person(customer.id, id), principal.person?.id), emailed };
  });

  portalRoute(router, services, endpoints.changePersonRole, async ({ principal, params, body }) => {
    if (body.role !== undefined) notYourself(params.id, principal.person?.id, 'change the role of');
    if (!(await updatePerson(services.db, principal.customerId, params.id, body)))
      throw notFound('No such person on this account.');
    return asAccountPerson(await person(principal.customerId, params.id), principal.person?.id);
  });

  portalRoute(router, services, endpoints.removePerson, async ({ principal, params, now }) => {
    notYourself(params.id, principal.person?.id, 'remove');
    if (!(await getPerson(services.db, principal.customerId, params.id)))
      throw notFound('No such person on this account.');
    await removePerson(services.db, principal.customerId, params.id, now.toISOString());
    return null;
  });

  // ---- each person's own profile (any role; the account's own link has none)

  const asProfile = (p: Person): Profile => ({
    id: p.id,
    name: p.name,
    email: p.email,
    language: p.language,
    role: p.role,
    phone: p.phone,
    emails: p.emails,
    default_delivery_address_id: p.default_delivery_address_id,
  });
  const ownPerson = (principal: { person: { id: string } | null }) => {
    if (!principal.person) throw ruleError(noProfile());
    return principal.person.id;
  };

  portalRoute(router, services, endpoints.getProfile, async ({ principal }) => {
    const id = ownPerson(principal);
    const found = await getPerson(services.db, principal.customerId, id);
    if (!found) throw ruleError(noProfile());
    return asProfile(found);
  });

  portalRoute(router, services, endpoints.patchProfile, async ({ principal, body }) => {
    const id = ownPerson(principal);
    const addressId = body.default_delivery_address_id;
    if (addressId) {
      const address = await getAddress(services.db, principal.customerId, addressId);
      if (address?.kind !== 'delivery') throw ruleError(unknownDefaultAddress());
    }
    if (!(await updateProfile(services.db, principal.customerId, id, body))) throw ruleError(noProfile());
    return asProfile((await getPerson(services.db, principal.customerId, id))!);
  });
}
