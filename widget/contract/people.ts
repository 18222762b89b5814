import { z } from 'zod';
import { DateTime, Id, Role, Text, listOf } from './common.ts';
import { Language } from './admin.ts';
import { SpendingLimitFields } from './approvals.ts';

/** The people of a company account (issue 16): each with their own links and a role. */

const Name = Text(200).trim().min(1);
const Email = z.email().max(254);
const Phone = Text(50).trim().min(1);

export const Person = z.object({
  id: Id,
  customer_id: Id,
  name: z.string(),
  email: z.string(),
  language: Language.nullable().meta({
    description: "The language of their messages and portal; null: the customer's.",
  }),
  role: Role,
  phone: z.string().nullable(),
  created_at: DateTime,
  last_active_at: DateTime.nullable().meta({
    description: 'The last use of one of their links (written every few seconds, not on each request); null: never.',
  }),
  ...SpendingLimitFields,
});
export type Person = z.infer<typeof Person>;
export const PersonList = listOf(Person);

export const CreatePersonRequest = z
  .object({
    name: Name,
    email: Email,
    role: Role,
    language: Language.nullable().optional(),
    phone: Phone.nullable().optional(),
  })
  .strict();
export type CreatePersonRequest = z.infer<typeof CreatePersonRequest>;

export const PersonPatch = z
  .object({
    name: Name,
    email: Email,
    role: Role,
    language: Language.nullable(),
    phone: Phone.nullable(),
    ...SpendingLimitFields,
  })
  .partial()
  .strict();
export type PersonPatch = z.infer<typeof PersonPatch>;

export const CustomerPersonPath = z.object({ id: Id, person_id: Id });

// ---- the portal's People section (the account's Admins)

/** A person as the account's Admins see them in the portal. */
export const AccountPerson = Person.omit({ customer_id: true }).extend({
  is_you: z.boolean().meta({ description: 'The person this link belongs to.' }),
});
export type AccountPerson = z.infer<typeof AccountPerson>;
export const AccountPersonList = listOf(AccountPerson);

export const InvitePersonRequest = z
  .object({ name: Name, email: Email, role: Role, language: Language.nullable().optional() })
  .strict();
export type InvitePersonRequest = z.infer<typeof InvitePersonRequest>;

export const InvitedPerson = AccountPerson.extend({
  emailed: z
    .boolean()
    .meta({ description: 'Whether the link reached the mail server (false: ask the supplier to send it).' }),
});
export type InvitedPerson = z.infer<typeof InvitedPerson>;

export const AccountPersonPatch = z
  .object({ role: Role, ...SpendingLimitFields })
  .partial()
  .strict()
  .meta({ description: "A role, a spending limit, or both; one cannot change one's own role." });
export type AccountPersonPatch = z.infer<typeof AccountPersonPatch>;
