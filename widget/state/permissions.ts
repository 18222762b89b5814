import type { Session } from '../contract/index.ts';

/**
 * Whether this link may place orders and change or cancel them. Without `place_orders` it browses
 * and builds a cart; a server from before the permission existed sends none, which allows it.
 */
export const canPlaceOrders = (session: Session): boolean => session.permissions.place_orders !== false;
