import type { EmailKind, OrderDetail } from '../../widget/contract/index.ts';
import { ordererOf, placedByPerson } from '../db/approvals.ts';
import { getCustomer } from '../db/customers.ts';
import { wants } from '../db/people.ts';
import { orderMail, type OrderMailKind, type OrderMessage } from '../order-mail.ts';
import { messageFor } from './approvals.ts';
import type { Services } from './define.ts';

type OrderFigures = Pick<OrderDetail, 'id' | 'number' | 'total_minor' | 'currency'>;

const PREFERENCE: Record<OrderMailKind, EmailKind> = { order_placed: 'order_placed', shipped: 'shipped' };

/**
 * Who hears of an order's progress: the person who placed it, when that mail is on in their
 * profile; for an order of the account's own link (or another channel) the customer's email,
 * which has no preferences. A removed person hears nothing. Null: nobody.
 */
async function readerOf(services: Services, customerId: string, order: OrderFigures, kind: OrderMailKind) {
  const customer = await getCustomer(services.db, customerId);
  if (!customer) return null;
  const person = await ordererOf(services.db, order.id);
  if (person)
    return person.email && wants(person, PREFERENCE[kind]) ? { reader: person, to: person.email, customer } : null;
  if (await placedByPerson(services.db, order.id)) return null;
  const to = customer.email;
  return to ? { reader: { name: customer.business_name, language: customer.language }, to, customer } : null;
}

/**
 * Emails an order's progress without holding up the answer: a mail server that is down is
 * logged, never the order's or the ship action's problem. The recipient and preference are read
 * before this returns, so the answer that follows reflects the profile as it was.
 */
export async function tellOrderProgress(
  services: Services,
  kind: OrderMailKind,
  customerId: string,
  order: OrderFigures,
  shipment: Pick<OrderMessage, 'carrier' | 'trackingNumber' | 'trackingUrl'> = {},
): Promise<void> {
  try {
    const found = await readerOf(services, customerId, order, kind);
    if (!found) return;
    const workspace = await services.workspace.get();
    const message: OrderMessage = { ...messageFor(workspace, found.reader, found.customer, order), ...shipment };
    services.mailer
      .send(orderMail(kind, message, found.to))
      .catch((error: unknown) =>
        services.config.log?.(`${kind} mail for ${order.number} to ${found.to} failed: ${String(error)}`),
      );
  } catch (error) {
    services.config.log?.(`${kind} mail for ${order.number} failed: ${String(error)}`);
  }
}
