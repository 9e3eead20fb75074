import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { OutboxMessage } from './outbox.entity';

/** Sends one message; resolves when the server accepted it. */
export interface MailTransport {
  send(message: OutboxMessage & { from: string; messageId: string }): Promise<void>;
  close(): void;
}

function toNodemailer(m: OutboxMessage & { from: string; messageId: string }) {
  return {
    from: m.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    headers: m.headers,
    messageId: m.messageId,
    // base64 is encoded natively; quoted-printable in JavaScript cost most of the CPU of a mail.
    textEncoding: 'base64' as const,
    attachments: m.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') })),
  };
}

/**
 * SMTP (pooled connections) when `smtpUrl` is set; otherwise every mail becomes an `.eml` file in
 * `mailDir`, where a developer can open it.
 */
export function createMailTransport(options: { smtpUrl?: string; mailDir: string; maxConnections?: number }): MailTransport {
  if (options.smtpUrl) {
    const url = new URL(options.smtpUrl);
    const transporter = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      pool: true,
      maxConnections: options.maxConnections ?? 2,
      // Each send finishes (or fails) well within the outbox's claim time (MAIL_CLAIM_SECONDS).
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      maxMessages: Infinity,
      // Local sinks and test servers offer no certificate worth checking; real servers on 587 do STARTTLS.
      tls: { rejectUnauthorized: url.hostname !== '127.0.0.1' && url.hostname !== 'localhost' },
    });
    return {
      send: async (m) => {
        await transporter.sendMail(toNodemailer(m));
      },
      close: () => transporter.close(),
    };
  }
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  mkdirSync(options.mailDir, { recursive: true });
  return {
    send: async (m) => {
      const info = await transporter.sendMail(toNodemailer(m));
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const safeTo = m.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
      writeFileSync(path.join(options.mailDir, `${stamp}-${safeTo}-${m.messageId.replace(/[<>@]/g, '')}.eml`), info.message as Buffer);
    },
    close: () => transporter.close(),
  };
}
