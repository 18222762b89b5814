import type { Request, Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { getLinkToSend } from '../db/links.ts';
import { HttpError, notFound } from '../errors.ts';
import { linkLanguage, linkMail, linkUrl, shareLinks, type LinkMessage } from '../link-mail.ts';
import { adminRoute, type Services } from './define.ts';

/** This server's own address: the configured one, else the one the request reached it by. */
export const serverBase = (services: Services, req: Request): string =>
  services.serverUrl ?? `${req.protocol}://${req.get('host')}`;

export function linkRoutes(router: Router, services: Services): void {
  adminRoute(router, services, endpoints.sendToken, async ({ params, body, req, now }) => {
    const link = await getLinkToSend(services.db, params.id);
    if (!link) throw notFound('No token with that id.');
    if (link.revoked_at || (link.expires_at !== null && Date.parse(link.expires_at) <= now.getTime())) {
      throw new HttpError(
        422,
        'link_not_active',
        'This link has been revoked or has expired: create a new link for this customer.',
      );
    }
    if (link.customer.archived_at)
      throw new HttpError(422, 'customer_archived', 'This customer is archived: their links do not work.');
    const token = services.linkSeal.open(link.id, link.sealed_token);
    if (!token) {
      throw new HttpError(
        409,
        'link_not_resendable',
        'This link was made before links could be re-sent; create a new link for this customer.',
      );
    }
    const to = body?.to ?? link.customer.email;
    if (!to) throw new HttpError(422, 'email_required', 'This customer has no email address: give one in `to`.');

    const workspace = await services.workspace.get();
    const language = linkLanguage(link.customer.language, workspace.locale);
    const message: LinkMessage = {
      language,
      locale: workspace.locale.toLowerCase().startsWith(language) ? workspace.locale : language,
      workspaceName: workspace.name,
      businessName: link.customer.business_name,
      url: linkUrl(workspace.settings.portal_page_url, serverBase(services, req), token),
      expiresAt: link.expires_at,
      note: body?.message,
    };
    const sent = await services.mailer.send(linkMail(message, to));
    return { sent_to: to, message_id: sent.messageId, url: message.url, share: shareLinks(message, to) };
  });
}
