// A tiny SMTP server for tests (node:net on 127.0.0.1): records every line it receives and each accepted message,
// and can be told to refuse, stall, or inject data, to exercise the client's error paths. Never used by the app.
import net from "node:net";
import tls from "node:tls";

export interface TestSmtpOptions {
  /** AUTH mechanisms to advertise; none when empty. */
  auth?: string[];
  /** Accepted credentials (anything else gets 535). */
  credentials?: { user: string; pass: string };
  /** Advertise STARTTLS and upgrade with this key and certificate. */
  starttls?: { key: string; cert: string };
  /** Send this extra line right after the STARTTLS 220 (an injection attempt). */
  injectAfterStartTls?: string;
  /** Reply to RCPT TO with this line instead of 250. */
  rcptReply?: string;
  /** Accept connections but never say anything. */
  silent?: boolean;
}

export interface ReceivedLine {
  line: string;
  tls: boolean;
}

export interface TestSmtpServer {
  port: number;
  lines: ReceivedLine[];
  messages: { from: string; to: string[]; data: string }[];
  close(): Promise<void>;
}

export async function startTestSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const lines: ReceivedLine[] = [];
  const messages: TestSmtpServer["messages"] = [];
  const sockets = new Set<net.Socket>();

  const server = net.createServer((raw) => {
    sockets.add(raw);
    raw.on("close", () => sockets.delete(raw));
    raw.on("error", () => undefined);
    if (options.silent) return;

    let socket: net.Socket = raw;
    let secure = false;
    let buffer = "";
    let mode: "command" | "data" | "login-user" | "login-pass" = "command";
    let loginUser = "";
    let envelope = { from: "", to: [] as string[], data: [] as string[] };
    const send = (text: string) => socket.write(`${text}\r\n`);
    const accepts = (user: string, pass: string) =>
      !options.credentials || (options.credentials.user === user && options.credentials.pass === pass);

    function onLine(line: string) {
      lines.push({ line, tls: secure });
      if (mode === "data") {
        if (line === ".") {
          messages.push({ from: envelope.from, to: envelope.to, data: envelope.data.join("\r\n") });
          envelope = { from: "", to: [], data: [] };
          mode = "command";
          send("250 2.0.0 queued");
        } else envelope.data.push(line.startsWith("..") ? line.slice(1) : line);
        return;
      }
      if (mode === "login-user") {
        loginUser = Buffer.from(line, "base64").toString("utf8");
        mode = "login-pass";
        send("334 UGFzc3dvcmQ6");
        return;
      }
      if (mode === "login-pass") {
        mode = "command";
        send(accepts(loginUser, Buffer.from(line, "base64").toString("utf8")) ? "235 2.7.0 ok" : "535 5.7.8 authentication failed");
        return;
      }
      const verb = line.split(/[ :]/)[0]?.toUpperCase();
      if (verb === "EHLO") {
        const ext = [
          ...(options.starttls && !secure ? ["STARTTLS"] : []),
          ...(options.auth?.length ? [`AUTH ${options.auth.join(" ")}`] : []),
          "8BITMIME",
        ];
        socket.write(["test.local greets you", ...ext].map((e, i, all) => `250${i === all.length - 1 ? " " : "-"}${e}\r\n`).join(""));
      } else if (verb === "STARTTLS" && options.starttls) {
        socket.write(`220 2.0.0 ready${options.injectAfterStartTls ? `\r\n${options.injectAfterStartTls}` : ""}\r\n`);
        if (options.injectAfterStartTls) return;
        socket.removeAllListeners("data");
        const secured = new tls.TLSSocket(socket, { isServer: true, key: options.starttls.key, cert: options.starttls.cert });
        secured.on("error", () => undefined);
        secured.on("data", onData);
        socket = secured;
        secure = true;
        buffer = "";
      } else if (verb === "AUTH") {
        const [, mechanism, initial] = line.split(" ");
        if (mechanism === "PLAIN" && initial) {
          const [, user = "", pass = ""] = Buffer.from(initial, "base64").toString("utf8").split("\u0000");
          send(accepts(user, pass) ? "235 2.7.0 ok" : "535 5.7.8 authentication failed");
        } else if (mechanism === "LOGIN") {
          mode = "login-user";
          send("334 VXNlcm5hbWU6");
        } else send("504 5.5.4 unrecognised mechanism");
      } else if (verb === "MAIL") {
        envelope.from = /<(.*)>/.exec(line)?.[1] ?? "";
        send("250 2.1.0 ok");
      } else if (verb === "RCPT") {
        if (options.rcptReply) send(options.rcptReply);
        else {
          envelope.to.push(/<(.*)>/.exec(line)?.[1] ?? "");
          send("250 2.1.5 ok");
        }
      } else if (verb === "DATA") {
        mode = "data";
        send("354 end with <CRLF>.<CRLF>");
      } else if (verb === "QUIT") {
        send("221 2.0.0 bye");
        socket.end();
      } else send("502 5.5.2 not implemented");
    }

    function onData(chunk: Buffer) {
      buffer += chunk.toString("utf8");
      let end: number;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        onLine(line);
      }
    }

    raw.on("data", onData);
    send("220 test.local ESMTP ready");
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("test SMTP server has no port");
  return {
    port: address.port,
    lines,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
