import { z } from 'zod';
import { DateTime, Id, Text } from './common.ts';
import { COUNTRY_CODES } from './rules/addresses.ts';

/** The account's delivery and billing addresses (issue 16): several sites, one default of each kind. */

export const AddressKind = z.enum(['delivery', 'billing']);

const Line = (max: number) => Text(max).trim().min(1);
/** Blank is the same as null: none. */
const Optional = (max: number) => Text(max).trim().nullable();

export const CountryCode = z
  .enum(COUNTRY_CODES as [string, ...string[]])
  .meta({ description: 'ISO 3166-1 alpha-2 country code, upper case, e.g. ES, IE, US.' });

/** What a person types for an address; null (or left out) for an optional field: none. */
const AddressFields = {
  label: Line(100).meta({ description: 'How the account names the site, e.g. "Main kitchen".' }),
  name: Line(200).meta({ description: 'The recipient: a person or the business.' }),
  line1: Line(200),
  line2: Optional(200).optional(),
  city: Line(100),
  region: Optional(100).optional().meta({ description: 'State, province or county, where the country uses one.' }),
  postal_code: Optional(20).optional(),
  country: CountryCode,
  phone: Optional(40).optional().meta({ description: 'For the carrier.' }),
};

/** An address as it is printed on an order: what the order keeps, whatever happens to the address later. */
export const PostalAddress = z.object({
  label: z.string(),
  name: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  postal_code: z.string().nullable(),
  country: z.string(),
  phone: z.string().nullable(),
});
export type PostalAddress = z.infer<typeof PostalAddress>;

export const Address = PostalAddress.extend({
  id: Id,
  kind: AddressKind,
  is_default: z.boolean().meta({
    description: 'The default of its kind: exactly one of each kind while the account has any of that kind.',
  }),
  created_at: DateTime,
  updated_at: DateTime,
});
export type Address = z.infer<typeof Address>;

export const AddressList = z.object({
  items: z.array(Address).meta({
    description:
      "Live addresses (archived ones left out): delivery first, each kind's default first, then oldest first.",
  }),
});
export type AddressList = z.infer<typeof AddressList>;

export const CreateAddressRequest = z
  .object({
    kind: AddressKind,
    ...AddressFields,
    is_default: z.boolean().optional().meta({
      description: "Make it the default of its kind. The account's first address of a kind is its default anyway.",
    }),
  })
  .strict();
export type CreateAddressRequest = z.infer<typeof CreateAddressRequest>;

export const AddressPatch = z
  .object({
    ...AddressFields,
    is_default: z.literal(true).meta({
      description:
        'Make it the default of its kind (the former default stops being one). To change the default, set it on another address.',
    }),
  })
  .partial()
  .strict();
export type AddressPatch = z.infer<typeof AddressPatch>;

/** The order's delivery address: a copy taken at checkout, with the address it was copied from. */
export const DeliveryAddress = PostalAddress.extend({
  address_id: Id.meta({ description: 'The address it was copied from (it may have changed or been archived since).' }),
});
export type DeliveryAddress = z.infer<typeof DeliveryAddress>;

export const CustomerAddressPath = z.object({ id: Id, address_id: Id });
