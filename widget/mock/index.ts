/**
 * `customer-portal-widget/mock`: the portal API as msw handlers, for front-end work without a
 * backend (the no-server example runs on it). Built from the contract like the reference server:
 * requests are checked in the same order, answers validated against the response schemas, prices
 * resolved with the pricing module; and it passes the same conformance kit as the server.
 *
 * ```ts
 * import { setupWorker } from 'msw/browser';
 * import { createHandlers, createState } from 'customer-portal-widget/mock';
 * await setupWorker(...createHandlers(createState({ token: 'cpt_demo' }))).start();
 * ```
 * Needs `msw` 2 (an optional peer dependency of this package).
 */
export {
  API_BASE,
  TOKEN,
  createHandlers,
  createState,
  addSupplierCharge,
  decideOrderRequest,
  withdrawSupplierCharge,
  errorResponse,
  mockUrl,
  type MockState,
  type ContractViolation,
  type LoggedRequest,
} from './handlers.ts';
export { createMockApi, type MockApi, type MockApiOptions } from './api.ts';
