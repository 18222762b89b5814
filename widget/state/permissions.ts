import type { Session } from '../contract/index.ts';
import { managesAccount } from '../contract/rules/roles.ts';

/**
 * Whether this link may place orders and change or cancel them. Without `place_orders` it browses
 * and builds a cart; a server from before the permission existed sends none, which allows it.
 */
export const canPlaceOrders = (session: Session): boolean => session.permissions.place_orders !== false;

/**
 * Whether the shop offers Add, the cart and checkout. A person whose role cannot order (a Viewer,
 * Finance) only looks; the account's own link without `place_orders` still builds a cart to pass on.
 */
export const buildsCart = (session: Session): boolean => canPlaceOrders(session) || !session.person;

/** Whether this link may manage the account's people, approvals and addresses: an Admin's, or the account's own (no person), holding every permission. */
export const managesPeople = (session: Session): boolean =>
  managesAccount(session.person?.role ?? null, session.permissions);

/** "Ana" of "Ana Ruiz": how the portal greets a person. */
export const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? name;
