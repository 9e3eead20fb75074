import { mkdirSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type MailComposerClass from 'nodemailer/lib/mail-composer';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { OutboxMessage } from './outbox.entity';

export interface SendOptions {
  /**
   * Runs once the final "." of SMTP DATA has been handed to the operating system (the socket holds
   * no unsent byte of the message): from then on the server may accept the message, so this is where
   * a sender records that it may have been sent. Called at most once, synchronously from the event
   * that saw the bytes leave; not called when the connection broke before. For `.eml` files: once the
   * file has its final name.
   */
  handedOver?: () => void;
  /**
   * Runs once every byte of the message is handed to the connection, right before the final "." of
   * SMTP DATA that lets the server accept it; the "." waits until it returns (or its promise
   * resolves). A worker killed before it leaves the server an unfinished message, which SMTP servers
   * discard. If it throws or rejects, the message is abandoned and `send` fails with that error.
   */
  beforeAccept?: () => void | Promise<void>;
}

/** Sends one message; resolves when the server accepted it. */
export interface MailTransport {
  send(message: OutboxMessage & { from: string; messageId: string }, options?: SendOptions): Promise<void>;
  close(): void;
}

// nodemailer is loaded on the first mail: most processes that import the kit never send one.
/* eslint-disable @typescript-eslint/no-require-imports -- lazy on purpose (see above) */
const MailComposer = (): typeof MailComposerClass => require('nodemailer/lib/mail-composer');
const SmtpConnection = (): typeof SMTPConnection => require('nodemailer/lib/smtp-connection');
/* eslint-enable @typescript-eslint/no-require-imports */

/** SMTPConnection's current (plain or TLS) socket: not in nodemailer's typed API, read only to see it flushed. */
type WithSocket = { _socket?: { writableLength: number; destroyed: boolean } };

/**
 * Calls `done` once the stream that `message` is piped into (nodemailer's DataStream, which appends
 * the final ".") has ended and the socket has written every byte to the operating system.
 */
function afterFinalDot(message: Readable, connection: SMTPConnection, done: () => void): void {
  const pipe = message.pipe.bind(message);
  message.pipe = ((dest: NodeJS.WritableStream, options?: { end?: boolean }) => {
    (dest as unknown as NodeJS.EventEmitter).once('end', () => {
      const socket = (connection as unknown as WithSocket)._socket;
      const check = () => {
        if (!socket || socket.destroyed) return; // the "." may not have left: not handed over
        if (socket.writableLength === 0) done();
        else setImmediate(check);
      };
      check();
    });
    return pipe(dest, options);
  }) as typeof message.pipe;
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

/** The message as RFC 5322 bytes, and its SMTP envelope. */
async function compose(m: OutboxMessage & { from: string; messageId: string }) {
  const node = new (MailComposer())(toNodemailer(m)).compile();
  const envelope = node.getEnvelope();
  return { raw: await node.build(), envelope: { from: envelope.from || m.from, to: envelope.to } };
}

/**
 * The message as a stream that ends (and so lets the "." follow) only after `beforeAccept`:
 * its first read hands over every byte, the second runs the callback and then ends the stream —
 * in the same tick when the callback is synchronous.
 */
function gatedMessage(raw: Buffer, beforeAccept?: () => void | Promise<void>): Readable {
  let handedOver = false;
  return new Readable({
    read() {
      if (!handedOver) {
        handedOver = true;
        this.push(raw);
        return;
      }
      const gate = beforeAccept;
      beforeAccept = undefined;
      let pending: void | Promise<void>;
      try {
        pending = gate?.();
      } catch (e) {
        this.destroy(e as Error);
        return;
      }
      if (!pending) this.push(null);
      else
        pending.then(
          () => this.push(null),
          (e: Error) => this.destroy(e),
        );
    },
  });
}

interface SmtpOptions {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  maxConnections: number;
}

/**
 * A small pool of SMTP connections (nodemailer's SMTPConnection, its documented low-level API).
 * The pooled transport of nodemailer buffers the message ahead of the DATA command, so it cannot hold
 * back the final "." until the outbox has marked the mail; here the message stream is read only
 * after the server said "354 go ahead". A connection that saw any error is closed, never reused.
 */
function smtpPool(o: SmtpOptions) {
  const live = new Set<SMTPConnection>();
  const idle: SMTPConnection[] = [];
  const waiting: Array<() => void> = [];
  let connecting = 0;
  let closed = false;

  const forget = (c: SMTPConnection) => {
    if (!live.delete(c)) return;
    const i = idle.indexOf(c);
    if (i >= 0) idle.splice(i, 1);
    waiting.shift()?.();
  };

  const connect = () =>
    new Promise<SMTPConnection>((resolve, reject) => {
      const c = new (SmtpConnection())({
        host: o.host,
        port: o.port,
        secure: o.secure,
        // Each send finishes (or fails) well within the outbox's claim time (MAIL_CLAIM_SECONDS).
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
        // Local sinks and test servers offer no certificate worth checking; real servers on 587 do STARTTLS.
        tls: { rejectUnauthorized: o.host !== '127.0.0.1' && o.host !== 'localhost' },
      });
      let settled = false;
      const fail = (e: Error) => {
        forget(c);
        if (settled) return;
        settled = true;
        c.close();
        reject(e);
      };
      const ready = () => {
        settled = true;
        live.add(c);
        resolve(c);
      };
      c.on('error', fail);
      c.once('end', () => fail(new Error('SMTP connection closed')));
      c.connect((err) => {
        if (err) return fail(err);
        if (!o.auth || !c.allowsAuth) return ready();
        c.login({ user: o.auth.user, pass: o.auth.pass }, (e) => (e ? fail(e) : ready()));
      });
    });

  const acquire = async (): Promise<SMTPConnection> => {
    for (;;) {
      if (closed) throw new Error('mail transport closed');
      const c = idle.pop();
      if (c) return c;
      if (live.size + connecting < o.maxConnections) {
        connecting++;
        try {
          return await connect();
        } finally {
          connecting--;
        }
      }
      await new Promise<void>((r) => waiting.push(r));
    }
  };

  const release = (c: SMTPConnection, healthy: boolean) => {
    if (healthy && live.has(c) && !closed) {
      idle.push(c);
      waiting.shift()?.();
    } else {
      forget(c);
      c.close();
    }
  };

  const sendOn = (c: SMTPConnection, envelope: { from: string; to: string[] }, message: Readable) =>
    new Promise<void>((resolve, reject) => c.send(envelope, message, (err) => (err ? reject(err) : resolve())));

  return {
    async send(m: OutboxMessage & { from: string; messageId: string }, options?: SendOptions) {
      const { raw, envelope } = await compose(m);
      for (let attempt = 0; ; attempt++) {
        const reused = idle.length > 0;
        const c = await acquire();
        const message = gatedMessage(raw, options?.beforeAccept);
        if (options?.handedOver) afterFinalDot(message, c, options.handedOver);
        try {
          await sendOn(c, envelope, message);
          release(c, true);
          return;
        } catch (e) {
          release(c, false);
          // A kept-alive connection the server had closed fails before reading the message: one more try.
          if (reused && !message.readableDidRead && attempt === 0) continue;
          throw e;
        }
      }
    },
    close() {
      closed = true;
      for (const c of [...live]) {
        const busy = !idle.includes(c);
        forget(c);
        // A busy connection is cut (its unfinished message is discarded); in DATA "QUIT" would be text.
        if (busy) c.close();
        else c.quit();
      }
      for (const w of waiting.splice(0)) w();
    },
  };
}

/**
 * SMTP (pooled connections) when `smtpUrl` is set; otherwise every mail becomes an `.eml` file in
 * `mailDir`, where a developer can open it (written under a temporary name and renamed after
 * `beforeAccept`, so a crash leaves no half-counted file).
 */
export function createMailTransport(options: { smtpUrl?: string; mailDir: string; maxConnections?: number }): MailTransport {
  if (options.smtpUrl) {
    const url = new URL(options.smtpUrl);
    return smtpPool({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      maxConnections: options.maxConnections ?? 2,
    });
  }
  mkdirSync(options.mailDir, { recursive: true });
  return {
    async send(m, sendOptions) {
      const { raw } = await compose(m);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const safeTo = m.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
      const file = path.join(options.mailDir, `${stamp}-${safeTo}-${m.messageId.replace(/[<>@]/g, '')}.eml`);
      await writeFile(`${file}.part`, raw);
      try {
        await sendOptions?.beforeAccept?.();
      } catch (e) {
        await unlink(`${file}.part`).catch(() => undefined);
        throw e;
      }
      await rename(`${file}.part`, file);
      sendOptions?.handedOver?.();
    },
    close: () => undefined,
  };
}
