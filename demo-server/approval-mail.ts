import type { Language } from '../widget/contract/index.ts';
import { composeMail } from './mail-frame.ts';
import type { Mail } from './mailer.ts';

/** The mails of order approvals (issue 16), in the reader's language, composed as link-mail.ts composes links. */

export interface ApprovalMessage {
  language: Language;
  locale: string;
  workspaceName: string;
  businessName: string;
  /** Who reads it. */
  personName: string;
  orderNumber: string;
  /** The order's total, formatted. */
  total: string;
  /** Who placed the order (in the mail to the Admins). */
  placedBy?: string;
  /** The reader's own portal link (to the Approvals page, or to the order); absent when none can be sent again. */
  url?: string;
  /** The rejection's reason. */
  reason?: string;
}

export type ApprovalMailKind = 'approval_needed' | 'approved' | 'rejected';

const WORDS = {
  en: {
    hello: (m: ApprovalMessage) => `Hello ${m.personName},`,
    approval_needed: {
      subject: (m: ApprovalMessage) => `Approval needed: order ${m.orderNumber} (${m.total})`,
      body: (m: ApprovalMessage) =>
        `${m.placedBy ?? 'Someone'} placed order ${m.orderNumber} for ${m.businessName} (${m.total}). It waits for an Admin to approve or reject it.`,
    },
    approved: {
      subject: (m: ApprovalMessage) => `Order ${m.orderNumber} approved`,
      body: (m: ApprovalMessage) =>
        `Your order ${m.orderNumber} (${m.total}) was approved and goes to ${m.workspaceName}.`,
    },
    rejected: {
      subject: (m: ApprovalMessage) => `Order ${m.orderNumber} rejected`,
      body: (m: ApprovalMessage) => `Your order ${m.orderNumber} (${m.total}) was rejected: ${m.reason ?? ''}`,
    },
    open: 'Open the approvals',
    openOrder: 'See the order',
    noLink: 'Open your ordering portal to see it.',
  },
  es: {
    hello: (m: ApprovalMessage) => `Hola, ${m.personName}:`,
    approval_needed: {
      subject: (m: ApprovalMessage) => `Aprobación necesaria: pedido ${m.orderNumber} (${m.total})`,
      body: (m: ApprovalMessage) =>
        `${m.placedBy ?? 'Alguien'} ha hecho el pedido ${m.orderNumber} para ${m.businessName} (${m.total}). Espera a que un administrador lo apruebe o lo rechace.`,
    },
    approved: {
      subject: (m: ApprovalMessage) => `Pedido ${m.orderNumber} aprobado`,
      body: (m: ApprovalMessage) =>
        `Su pedido ${m.orderNumber} (${m.total}) ha sido aprobado y pasa a ${m.workspaceName}.`,
    },
    rejected: {
      subject: (m: ApprovalMessage) => `Pedido ${m.orderNumber} rechazado`,
      body: (m: ApprovalMessage) => `Su pedido ${m.orderNumber} (${m.total}) ha sido rechazado: ${m.reason ?? ''}`,
    },
    open: 'Abrir las aprobaciones',
    openOrder: 'Ver el pedido',
    noLink: 'Abra su portal de pedidos para verlo.',
  },
} satisfies Record<Language, unknown>;

export function approvalMail(kind: ApprovalMailKind, m: ApprovalMessage, to: string): Mail {
  const words = WORDS[m.language];
  // The Admins are always pointed somewhere; the buyer gets a button only when a link of theirs can be sent.
  const button = kind === 'approval_needed' ? words.open : words.openOrder;
  return composeMail({
    language: m.language,
    subject: words[kind].subject(m),
    to,
    from: m.workspaceName,
    blocks: [
      words.hello(m),
      words[kind].body(m),
      m.url ? { url: m.url, button, text: m.url } : kind === 'approval_needed' && words.noLink,
    ],
  });
}
