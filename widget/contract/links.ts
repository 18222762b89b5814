import { z } from 'zod';
import { Id, Text } from './common.ts';

/** The supplier's own words added to an email, above the link. */
export const MAX_LINK_MESSAGE_LENGTH = 2000;

export const SendLinkPath = z.object({ id: Id });
export const SendLinkRequest = z
  .object({
    to: z
      .email()
      .max(254)
      .optional()
      .meta({ description: "Where to send the link; absent: the customer's email address." }),
    message: Text(MAX_LINK_MESSAGE_LENGTH)
      .trim()
      .optional()
      .meta({ description: 'A note from the supplier, shown above the link.' }),
  })
  .strict();
export type SendLinkRequest = z.infer<typeof SendLinkRequest>;

export const SentLink = z.object({
  sent_to: z.string().meta({ description: 'The address the email went to.' }),
  message_id: z.string().meta({ description: "The email's Message-ID." }),
  url: z.url().meta({ description: 'The link: the portal page with `#portal_token=…`.' }),
  share: z.object({
    text: z
      .string()
      .meta({ description: "A ready message with the link, in the customer's language, for messaging apps." }),
    whatsapp_url: z.string().meta({ description: 'Opens WhatsApp with the message typed in.' }),
    sms_url: z.string().meta({ description: 'An `sms:` link with the message as its body.' }),
    email_url: z
      .string()
      .meta({ description: "A `mailto:` link with the subject and message, for the supplier's own mail program." }),
  }),
});
export type SentLink = z.infer<typeof SentLink>;
