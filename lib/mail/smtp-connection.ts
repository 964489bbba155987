import net from "node:net";
import tls from "node:tls";

// One SMTP conversation over node:net / node:tls: reads multi-line replies, writes commands, upgrades with
// STARTTLS, and fails every step that takes longer than `timeoutMs`. Never logs what it sends.

export interface SmtpReply {
  code: number;
  lines: string[];
}

/** A refusal or failure of the SMTP server, with its reply when there is one. Messages never hold credentials. */
export class SmtpError extends Error {
  override name = "SmtpError";
  constructor(
    message: string,
    readonly reply?: SmtpReply,
  ) {
    super(reply ? `${message} (${reply.code} ${reply.lines.join(" ").slice(0, 200)})` : message);
  }
}

export interface SmtpEndpoint {
  host: string;
  port: number;
  /** true: TLS from the first byte (smtps, port 465). */
  secure: boolean;
  timeoutMs: number;
  /** Extra TLS options, e.g. a private CA. Certificates are always verified. */
  tls?: Pick<tls.ConnectionOptions, "ca" | "servername" | "minVersion">;
}

type Waiter = { resolve: (reply: SmtpReply) => void; reject: (error: Error) => void };

export class SmtpConnection {
  private socket: net.Socket;
  private buffer = "";
  private partial: string[] = [];
  private replies: SmtpReply[] = [];
  private waiter: Waiter | null = null;
  private failure: Error | null = null;

  private constructor(
    socket: net.Socket,
    private readonly endpoint: SmtpEndpoint,
  ) {
    this.socket = socket;
    this.attach(socket);
  }

  /** Connects (with TLS for `secure`) within the timeout. */
  static open(endpoint: SmtpEndpoint): Promise<SmtpConnection> {
    return new Promise((resolve, reject) => {
      const socket = endpoint.secure
        ? tls.connect({ host: endpoint.host, port: endpoint.port, servername: servername(endpoint), ...endpoint.tls })
        : net.connect({ host: endpoint.host, port: endpoint.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new SmtpError(`could not connect to the SMTP server ${endpoint.host}:${endpoint.port} within ${endpoint.timeoutMs} ms`));
      }, endpoint.timeoutMs);
      socket.once(endpoint.secure ? "secureConnect" : "connect", () => {
        clearTimeout(timer);
        socket.removeAllListeners("error");
        resolve(new SmtpConnection(socket, endpoint));
      });
      socket.once("error", (error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new SmtpError(`could not connect to the SMTP server ${endpoint.host}:${endpoint.port}: ${error.message}`));
      });
    });
  }

  get encrypted(): boolean {
    return this.socket instanceof tls.TLSSocket && this.socket.encrypted;
  }

  private attach(socket: net.Socket) {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => this.receive(chunk));
    socket.on("error", (error) => this.fail(new SmtpError(`SMTP connection error: ${error.message}`)));
    socket.on("close", () => this.fail(new SmtpError("the SMTP server closed the connection")));
  }

  private receive(chunk: string) {
    this.buffer += chunk;
    if (this.buffer.length > 64 * 1024) {
      this.fail(new SmtpError("the SMTP server sent an over-long reply"));
      this.socket.destroy();
      return;
    }
    let end: number;
    while ((end = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, end).replace(/\r$/, "");
      this.buffer = this.buffer.slice(end + 1);
      const code = Number(line.slice(0, 3));
      if (!/^\d{3}([ -]|$)/.test(line)) {
        this.fail(new SmtpError("the SMTP server sent a malformed reply"));
        this.socket.destroy();
        return;
      }
      this.partial.push(line.slice(4));
      if (line[3] !== "-") {
        this.replies.push({ code, lines: this.partial });
        this.partial = [];
      }
    }
    this.deliver();
  }

  private deliver() {
    if (!this.waiter) return;
    const reply = this.replies.shift();
    if (reply) {
      const waiter = this.waiter;
      this.waiter = null;
      waiter.resolve(reply);
    } else if (this.failure) {
      const waiter = this.waiter;
      this.waiter = null;
      waiter.reject(this.failure);
    }
  }

  private fail(error: Error) {
    this.failure ??= error;
    this.deliver();
  }

  /** The next complete reply, or a timeout. */
  read(what: string): Promise<SmtpReply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        this.socket.destroy();
        reject(new SmtpError(`the SMTP server did not answer ${what} within ${this.endpoint.timeoutMs} ms`));
      }, this.endpoint.timeoutMs);
      this.waiter = {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.deliver();
    });
  }

  /**
   * Sends one command line and checks the reply code. `what` names the step in errors; a command carrying secrets
   * (AUTH) is never echoed anywhere.
   */
  async command(line: string, expected: readonly number[], what: string): Promise<SmtpReply> {
    this.socket.write(`${line}\r\n`);
    return this.expect(expected, what);
  }

  async expect(expected: readonly number[], what: string): Promise<SmtpReply> {
    const reply = await this.read(what);
    if (!expected.includes(reply.code)) throw new SmtpError(`the SMTP server refused ${what}`, reply);
    return reply;
  }

  /** Writes raw data (the DATA payload, already dot-stuffed and terminated). */
  write(data: string) {
    this.socket.write(data);
  }

  /** Upgrades the connection after the server's 220 to STARTTLS. */
  async startTls(): Promise<void> {
    // Anything the server sent after its 220 would be read as if it came over TLS: refuse (STARTTLS injection).
    if (this.buffer.length > 0 || this.replies.length > 0) throw new SmtpError("the SMTP server sent data before the TLS handshake");
    const plain = this.socket;
    plain.removeAllListeners("data");
    plain.removeAllListeners("error");
    plain.removeAllListeners("close");
    const secured = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const socket = tls.connect({ socket: plain, host: this.endpoint.host, servername: servername(this.endpoint), ...this.endpoint.tls });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new SmtpError(`the TLS handshake with the SMTP server did not finish within ${this.endpoint.timeoutMs} ms`));
      }, this.endpoint.timeoutMs);
      socket.once("secureConnect", () => {
        clearTimeout(timer);
        socket.removeAllListeners("error");
        resolve(socket);
      });
      socket.once("error", (error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new SmtpError(`the TLS handshake with the SMTP server failed: ${error.message}`));
      });
    });
    this.socket = secured;
    this.attach(secured);
  }

  /** Ends politely (QUIT), never waiting longer than the timeout; errors at this point are ignored. */
  async close(): Promise<void> {
    if (!this.failure) {
      try {
        await this.command("QUIT", [221], "QUIT");
      } catch {
        // the message was already accepted; a rude goodbye changes nothing
      }
    }
    this.socket.destroy();
  }

  destroy() {
    this.socket.destroy();
  }
}

function servername(endpoint: SmtpEndpoint): string | undefined {
  if (endpoint.tls?.servername) return endpoint.tls.servername;
  return net.isIP(endpoint.host) ? undefined : endpoint.host;
}
