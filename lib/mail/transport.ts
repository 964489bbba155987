// What every mail transport accepts. Addresses and subjects are single lines: a line break would let a caller
// inject headers, so transports refuse them (that is a bug in the caller, hence a throw, not a Result).
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface MailTransport {
  readonly name: "file" | "smtp";
  sendMail(message: MailMessage): Promise<void>;
}

const ADDRESS = /^[^\s<>@",;:\\()[\]]+@[^\s<>@",;:\\()[\]]+$/;
const LINE_BREAK = /[\r\n\u0000]/;

/** Throws when a message could smuggle headers or is not addressed to one plain mailbox. */
export function assertSendable(message: MailMessage): void {
  if (!ADDRESS.test(message.to)) throw new Error("mail: the recipient must be one plain address (name@example.com)");
  if (LINE_BREAK.test(message.subject) || message.subject.length > 200) throw new Error("mail: the subject must be one line of at most 200 characters");
}

export const DEFAULT_FROM = "Gatehouse <no-reply@gatehouse.local>";
