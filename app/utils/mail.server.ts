/**
 * Outgoing email through nodemailer. With SMTP_URL set it goes to that server; otherwise each message
 * is written as a readable .eml file to the outbox directory (data/outbox/ by default), so a newcomer
 * sees every email the app would send. Sending is only ever done by jobs (app/utils/jobs.server.ts).
 */
import fs from "node:fs";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "./env.server";

export type MailMessage = {
  /** Stable per message (the job's key): a repeated send of the same message is skipped. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The one-click unsubscribe URL (RFC 8058), for every email that is not strictly transactional. */
  unsubscribeUrl?: string;
};

export function outboxDir() {
  return path.resolve(env().OUTBOX_DIR ?? path.join(path.dirname(env().DATABASE_PATH), "outbox"));
}

/** The site's absolute origin for links in emails, which have no request to take it from. */
export function siteUrl(pathname: string) {
  const origin = env().PUBLIC_URL?.replace(/\/$/, "") ?? `http://localhost:${env().PORT || 3000}`;
  return `${origin}${pathname}`;
}

function envelope(message: MailMessage) {
  const domain = /@([^>]+)>?$/.exec(env().MAIL_FROM)?.[1] ?? "kring.example";
  return {
    from: env().MAIL_FROM,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: `<${message.id.replace(/[^\w.-]/g, "-")}@${domain}>`,
    headers: message.unsubscribeUrl
      ? { "List-Unsubscribe": `<${message.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
      : undefined,
  };
}

let smtp: Transporter | undefined;

export async function sendMail(message: MailMessage) {
  const smtpUrl = env().SMTP_URL;
  if (smtpUrl) {
    // Timeouts well inside the job lock (2 minutes), so a slow server fails the attempt instead of
    // letting another process claim the job and send it a second time.
    const url = new URL(smtpUrl);
    for (const [name, ms] of [
      ["connectionTimeout", "20000"],
      ["greetingTimeout", "20000"],
      ["socketTimeout", "60000"],
    ]) {
      if (!url.searchParams.has(name)) url.searchParams.set(name, ms);
    }
    smtp ??= nodemailer.createTransport(url.toString());
    await smtp.sendMail(envelope(message));
    return;
  }
  const file = path.join(outboxDir(), `${message.id.replace(/[^\w.-]/g, "-")}.eml`);
  if (fs.existsSync(file)) return;
  const { message: raw } = await nodemailer
    .createTransport({ streamTransport: true, buffer: true, newline: "windows" })
    .sendMail(envelope(message));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written under a temporary name and renamed, so a reader never sees half a message.
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, raw as Buffer);
  fs.renameSync(partial, file);
}
