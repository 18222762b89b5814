import type { Permission } from '../common.ts';
import type { RuleRefusal } from './refusal.ts';
import { managesAccount, type Role } from './roles.ts';

// No zod here: the reference server, the mock API and the widget share it.

export type AddressKind = 'delivery' | 'billing';

/** The officially assigned ISO 3166-1 alpha-2 codes (249), the countries an address may be in. */
export const COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE ' +
  'BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD ' +
  'CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM ' +
  'DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF ' +
  'GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ' +
  'ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN ' +
  'KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME ' +
  'MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA ' +
  'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
  'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI ' +
  'SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK ' +
  'TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI ' +
  'VN VU WF WS YE YT ZA ZM ZW '
)
  .trim()
  .split(' ');
const COUNTRIES = new Set(COUNTRY_CODES);

/** Whether `code` (upper case) is an officially assigned ISO 3166-1 alpha-2 code. */
export const isCountryCode = (code: string): boolean => COUNTRIES.has(code);

/**
 * The permission that manages the account's addresses (add, change, archive, make default) in the
 * portal, besides being one of the account's Admins (the endpoints are `accountAdmin`): a Buyer
 * picks an address at checkout but does not change the account's sites.
 */
export const ADDRESS_MANAGER_PERMISSION: Permission = 'place_orders';

/** Whether a link manages the addresses: the account's Admins, as the endpoints decide (`managesAccount`). */
export const mayManageAddresses = (
  role: Role | null,
  permissions: Readonly<Partial<Record<Permission, boolean>>>,
): boolean => managesAccount(role, permissions);

/** Checkout's `delivery_address_id` names no live delivery address of this customer (archived, billing, another's, none). */
export const unknownDeliveryAddress = (
  message = 'That delivery address is not one of your current delivery addresses. Please choose another.',
): RuleRefusal => ({
  status: 422,
  code: 'unknown_address',
  message,
  details: [{ path: 'body.delivery_address_id', message: 'unknown delivery address' }],
});

/** A profile's `default_delivery_address_id` names no live delivery address of this customer. */
export const unknownDefaultAddress = (): RuleRefusal => ({
  status: 422,
  code: 'unknown_address',
  message: 'default_delivery_address_id is not one of your current delivery addresses. Please choose another.',
  details: [{ path: 'body.default_delivery_address_id', message: 'unknown delivery address' }],
});

/** The account's own link has no person, so no profile (the portal hides the Profile entry for it). */
export const noProfile = (): RuleRefusal => ({
  status: 404,
  code: 'no_profile',
  message: "This is the account's own link: it belongs to no person, so it has no profile.",
});

/**
 * The address an order goes to when checkout names none: the person's default delivery address
 * while it is live, else the account's default, else none (an account without delivery addresses
 * orders as before, with no address on the order).
 */
export function chosenDeliveryAddress<A extends { id: string; kind: AddressKind; is_default: boolean }>(
  live: readonly A[],
  requestedId: string | undefined,
  personDefaultId: string | null = null,
): A | null | RuleRefusal {
  const delivery = live.filter((a) => a.kind === 'delivery');
  if (requestedId === undefined)
    return delivery.find((a) => a.id === personDefaultId) ?? delivery.find((a) => a.is_default) ?? delivery[0] ?? null;
  return delivery.find((a) => a.id === requestedId) ?? unknownDeliveryAddress();
}
