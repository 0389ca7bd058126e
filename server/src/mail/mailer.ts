/**
 * Outgoing mail. With an SMTP URL: nodemailer's SMTP transport. Without: each message is written
 * as an .eml file in the mailbox folder and one log line gives the recipient, subject and link,
 * so a developer can follow recovery flows without a mail server.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Clock } from '../../../src-shared/clock';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The action link, if any: logged in mailbox mode. */
  link?: string;
  /** Extra headers (the notifications' List-Unsubscribe, RFC 8058). */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export type MailConfig =
  | { kind: 'smtp'; url: string; from: string }
  | { kind: 'mailbox'; dir: string; from: string }
  /** Keeps messages in memory (tests that do not care about mail). */
  | { kind: 'memory'; from: string; sent?: MailMessage[] };

/** `clock` names the mailbox files (they sort in the order they were sent, by the server's time). */
export function createMailer(config: MailConfig, log: (line: string) => void, clock: Clock): Mailer {
  if (config.kind === 'memory') {
    const sent = config.sent ?? [];
    return { send: async (m) => void sent.push(m), close: () => {} };
  }
  if (config.kind === 'smtp') {
    const transport = nodemailer.createTransport(config.url);
    return {
      async send(m) {
        await transport.sendMail({ from: config.from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers });
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m) {
      const info = await transport.sendMail({ from: config.from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers });
      mkdirSync(config.dir, { recursive: true });
      const file = join(config.dir, `${clock().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.eml`);
      writeFileSync(file, info.message as Buffer);
      log(`Courriel pour ${m.to} : « ${m.subject} » -> ${file}${m.link ? ` ; lien : ${m.link}` : ''}`);
    },
    close: () => transport.close(),
  };
}
