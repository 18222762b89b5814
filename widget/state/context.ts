import { createContext } from '@lit/context';
import type { PortalState, PortalStore } from './store.ts';

/** The store itself: stable for the element's life, for calling its methods. */
export const storeContext = createContext<PortalStore>(Symbol('portal-store'));
/** The current snapshot: a new value on every change, so consumers re-render. */
export const stateContext = createContext<PortalState>(Symbol('portal-state'));
