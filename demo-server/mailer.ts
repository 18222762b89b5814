import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { HttpError } from './errors.ts';

export interface MailConfig {
  /** `smtp://user:pass@host:587` or `smtps://…`: send through that server. Absent: write to the outbox. */
  smtpUrl?: string;
  /** The From of every message (MAIL_FROM); absent: the workspace's name at no-reply@localhost. */
  from?: string;
  /** Where messages are written as .eml files when there is no SMTP server (DATA_DIR/outbox). */
  outboxDir: string;
  /** Longest wait for each step with the SMTP server: connecting, its greeting, any silence (default 10 s). */
  timeoutMs?: number;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The sender's name when MAIL_FROM is not set (the workspace's name). */
  fromName?: string;
}

export interface SentMail {
  messageId: string;
}

/** 502 `mail_failed`: nothing was sent (the server is down, refused the message, or the outbox could not be written). */
export class MailError extends HttpError {
  constructor(reason: string) {
    super(502, 'mail_failed', `The email could not be sent: ${reason}`);
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The server's one way to send email (links now; invitations, approvals, codes, replies later).
 * With an SMTP server: nodemailer over SMTP, each step bounded so a dead server fails a request
 * quickly rather than holding it. Without one: each message is written to the outbox as an .eml
 * file, and its subject and recipient (never its body: it may hold a link) go to the log.
 */
export class Mailer {
  readonly #config: MailConfig;
  readonly #log: (line: string) => void;
  readonly #transport: Transporter;
  readonly mode: 'smtp' | 'outbox';

  constructor(config: MailConfig, log: (line: string) => void) {
    this.#config = config;
    this.#log = log;
    this.mode = config.smtpUrl ? 'smtp' : 'outbox';
    const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#transport = config.smtpUrl
      ? nodemailer.createTransport({
          url: config.smtpUrl,
          connectionTimeout: timeout,
          greetingTimeout: timeout,
          socketTimeout: timeout * 2,
          dnsTimeout: timeout,
        })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  async send(mail: Mail): Promise<SentMail> {
    const message = {
      from: this.#config.from ?? { name: mail.fromName ?? 'Customer portal', address: 'no-reply@localhost' },
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    };
    let info: { messageId: string; message?: unknown };
    try {
      info = await this.#transport.sendMail(message);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#log(`mail to ${mail.to} failed: ${reason}`);
      throw new MailError(reason);
    }
    if (this.mode === 'outbox') this.#write(mail, info.message as Buffer);
    return { messageId: info.messageId };
  }

  #write(mail: Mail, raw: Buffer) {
    const file = join(
      this.#config.outboxDir,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`,
    );
    try {
      mkdirSync(this.#config.outboxDir, { recursive: true, mode: 0o700 });
      // The message may carry a portal link: readable by this user only.
      writeFileSync(file, raw, { mode: 0o600 });
    } catch (error) {
      throw new MailError(
        `the outbox could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
    this.#log(`mail written to the outbox (no SMTP_URL): "${mail.subject}" to ${mail.to}: ${file}`);
  }

  close(): void {
    this.#transport.close();
  }
}
