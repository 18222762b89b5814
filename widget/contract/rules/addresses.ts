import type { Permission } from '../common.ts';
import type { RuleRefusal } from './refusal.ts';

// No zod here: the reference server, the mock API and the widget share it.

export type AddressKind = 'delivery' | 'billing';

/**
 * Which permission manages the account's addresses (add, change, archive, make default) in the
 * portal: for now any link that may order. Issue 16's roles narrow it to the account's Admins:
 * change it here, and the endpoints, the mock and the widget follow.
 */
export const ADDRESS_MANAGER_PERMISSION: Permission = 'place_orders';

/** Whether a link's permissions let it manage the addresses (a permission absent from an older server counts as given). */
export const mayManageAddresses = (permissions: Readonly<Partial<Record<Permission, boolean>>>): boolean =>
  permissions[ADDRESS_MANAGER_PERMISSION] !== false;

/** Checkout's `delivery_address_id` names no live delivery address of this customer (archived, billing, another's, none). */
export const unknownDeliveryAddress = (): RuleRefusal => ({
  status: 422,
  code: 'unknown_address',
  message: 'That delivery address is not one of your current delivery addresses. Please choose another.',
  details: [{ path: 'body.delivery_address_id', message: 'unknown delivery address' }],
});

/**
 * The address an order goes to when checkout names none: the default delivery address, else
 * none (an account without delivery addresses orders as before, with no address on the order).
 */
export function chosenDeliveryAddress<A extends { id: string; kind: AddressKind; is_default: boolean }>(
  live: readonly A[],
  requestedId: string | undefined,
): A | null | RuleRefusal {
  const delivery = live.filter((a) => a.kind === 'delivery');
  if (requestedId === undefined) return delivery.find((a) => a.is_default) ?? delivery[0] ?? null;
  return delivery.find((a) => a.id === requestedId) ?? unknownDeliveryAddress();
}
