// Generated from widget/contract by `npm run gen:contract`. Do not edit: change the contract and regenerate.
import type { endpoints as contract } from '../contract/endpoints.ts';
import type { ClientEndpoint, ClientEndpoints } from './schema.ts';

/** Every portal endpoint: `name method path [pdf|idempotent]`, the path after the common prefix. */
const table = `
getSession get /session
getCatalog get /catalog
getDashboard get /dashboard
listAddresses get /addresses
createAddress post /addresses
patchAddress patch /addresses/{id}
archiveAddress delete /addresses/{id}
getDeliveryOptions get /delivery-options
listOrders get /orders
getOrder get /orders/{id}
getOrderPdf get /orders/{id}/pdf pdf
getOrderHistory get /order-history
placeOrder post /orders idempotent
updateOrder patch /orders/{id}
cancelOrder post /orders/{id}/cancel
approveOrderCharge post /orders/{id}/charges/{charge_id}/approve
rejectOrderCharge post /orders/{id}/charges/{charge_id}/reject
listQuotes get /quotes
getQuote get /quotes/{id}
acceptQuote post /quotes/{id}/accept
declineQuote post /quotes/{id}/decline
listInvoices get /invoices
getInvoice get /invoices/{id}
getInvoicePdf get /invoices/{id}/pdf pdf
listPayments get /payments
listDeliveries get /deliveries
getDelivery get /deliveries/{id}
listAccountPeople get /people
invitePerson post /people
changePersonRole patch /people/{id}
removePerson delete /people/{id}
getProfile get /profile
patchProfile patch /profile
getAccountSettings get /account/settings
patchAccountSettings patch /account/settings
listApprovals get /approvals
approveOrder post /orders/{id}/approve
rejectOrder post /orders/{id}/reject
`;

/** Every portal endpoint: its method and path (the answer schemas are in schemas.gen.ts, loaded on demand). */
export const endpoints = Object.fromEntries(
  table
    .trim()
    .split('\n')
    .map((line) => {
      const [name, method, path, flag] = line.split(' ');
      const endpoint = {
        name,
        method,
        path: '/api/v1/customer-portal/view/{token}' + path,
        ...(flag === 'pdf' && { binary: 'application/pdf' }),
        ...(flag === 'idempotent' && { idempotent: true }),
      } as ClientEndpoint;
      return [name, endpoint];
    }),
) as unknown as ClientEndpoints<typeof contract>;
