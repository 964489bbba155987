// A real SMTP server for tests (smtp-server, the server half of nodemailer's project): records each message and
// whether the session was encrypted and authenticated when it arrived.
import { SMTPServer, type SMTPServerAuthentication, type SMTPServerOptions } from "smtp-server";

export interface TestSmtpOptions {
  /** Offer STARTTLS with this certificate. */
  starttls?: { key: string; cert: string };
  /** Require AUTH (PLAIN or LOGIN) with these credentials. */
  credentials?: { user: string; pass: string };
  /** Refuse every recipient with this 5xx text. */
  refuseRecipients?: string;
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Whether the session had been upgraded to TLS when the message arrived. */
  secure: boolean;
  /** The authenticated user, if any. */
  user?: string;
  /** How the client authenticated, e.g. "PLAIN". */
  method?: string;
}

export interface TestSmtpServer {
  port: number;
  messages: ReceivedMail[];
  /** Every attempt to authenticate: the method, and whether the session was encrypted at the time. */
  logins: { method: string; secure: boolean; accepted: boolean }[];
  close(): Promise<void>;
}

export async function startTestSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const logins: TestSmtpServer["logins"] = [];
  const config: SMTPServerOptions = {
    secure: false,
    logger: false,
    disabledCommands: options.starttls ? [] : ["STARTTLS"],
    ...(options.starttls ?? {}),
    authOptional: !options.credentials,
    authMethods: ["PLAIN", "LOGIN"],
    // The client, not the server, must refuse to send credentials in clear text to a remote host: allow it here.
    allowInsecureAuth: true,
    onAuth(auth: SMTPServerAuthentication, session, callback) {
      const accepted = auth.username === options.credentials?.user && auth.password === options.credentials?.pass;
      logins.push({ method: auth.method, secure: session.secure, accepted });
      if (!accepted) return callback(new Error("Invalid username or password"));
      callback(null, { user: auth.username });
    },
    onRcptTo(_address, _session, callback) {
      if (options.refuseRecipients) return callback(Object.assign(new Error(options.refuseRecipients), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
          secure: session.secure,
          user: typeof session.user === "string" ? session.user : undefined,
          method: session.transmissionType,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(config);
  server.on("error", () => undefined); // a client that hangs up mid-session is not the test's failure
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    messages,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
