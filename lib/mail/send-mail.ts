import "server-only";
import { join } from "node:path";
import { env } from "@/lib/env";
import { createFileTransport } from "@/lib/mail/file-transport";
import { createSmtpTransport } from "@/lib/mail/smtp-transport";
import { DEFAULT_FROM, type MailMessage, type MailTransport } from "@/lib/mail/transport";
import { errorFields, logger } from "@/lib/observability/log";

/** SMTP when SMTP_URL is set; otherwise the local outbox file ($GATEHOUSE_MAIL_DIR, default .data/mail). */
export function mailTransport(): MailTransport {
  const config = env();
  const from = config.MAIL_FROM ?? DEFAULT_FROM;
  if (config.SMTP_URL) return createSmtpTransport({ url: config.SMTP_URL, from });
  return createFileTransport({ dir: config.GATEHOUSE_MAIL_DIR ?? join(process.cwd(), ".data", "mail"), from });
}

export async function sendMail(message: MailMessage): Promise<void> {
  await mailTransport().sendMail(message);
}

const inFlight = new Set<Promise<void>>();

/**
 * Sends without making the caller wait, so a response takes as long whether or not a message was sent (a reset
 * request must not reveal, by its timing, that an account exists). A failure is logged (subject and error only).
 */
export function sendMailInBackground(message: MailMessage): void {
  const delivery = sendMail(message)
    .catch((error: unknown) => {
      logger("mail").error({ subject: message.subject, ...errorFields(error) }, "could not send a message");
    })
    .finally(() => inFlight.delete(delivery));
  inFlight.add(delivery);
}

/** Waits for every background delivery started so far (tests, and Next's after() so serverless hosts wait too). */
export async function flushMail(): Promise<void> {
  await Promise.all([...inFlight]);
}
