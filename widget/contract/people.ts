import { z } from 'zod';
import { DateTime, Id, Role, Text, listOf } from './common.ts';
import { Language } from './admin.ts';
import { SpendingLimitFields } from './approvals.ts';

/** The people of a company account (issue 16): each with their own links and a role. */

const Name = Text(200).trim().min(1);
const Email = z.email().max(254);
const Phone = Text(50).trim().min(1);

/** Which emails a person receives (each true until they turn it off in their profile). */
export const EmailPreferences = z.object({
  order_placed: z.boolean().meta({ description: 'The confirmation of an order they placed.' }),
  approval_needed: z.boolean().meta({ description: "An order waits for the account's Admins (Admins only)." }),
  approval_outcome: z.boolean().meta({ description: 'An order they placed was approved or rejected.' }),
  shipped: z.boolean().meta({ description: 'An order they placed was shipped (carrier and tracking link).' }),
});
export type EmailPreferences = z.infer<typeof EmailPreferences>;
export type EmailKind = keyof EmailPreferences;

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
  emails: EmailPreferences,
  default_delivery_address_id: Id.nullable().meta({
    description: "The delivery address checkout pre-selects for them; null: the account's default.",
  }),
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

// ---- each person's own profile (the link's person)

/** The link's own person: what they may read and change about themselves. */
export const Profile = Person.pick({
  id: true,
  name: true,
  email: true,
  language: true,
  role: true,
  phone: true,
  emails: true,
  default_delivery_address_id: true,
});
export type Profile = z.infer<typeof Profile>;

export const ProfilePatch = z
  .object({
    name: Name,
    phone: Phone.nullable(),
    language: Language.nullable(),
    emails: EmailPreferences.partial().strict(),
    default_delivery_address_id: Id.nullable().meta({
      description:
        "One of the account's current delivery addresses (else 422 `unknown_address`); null: the account's default.",
    }),
  })
  .partial()
  .strict()
  .meta({ description: 'Fields left out keep their value; in `emails`, each preference left out too.' });
export type ProfilePatch = z.infer<typeof ProfilePatch>;
