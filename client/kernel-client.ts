/**
 * A small Jupyter client: starts a kernel process, talks to it over zeromq, and collects the
 * iopub messages of each request. Used by the notebook runner and by the kernel tests.
 */
import { ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as zmq from "zeromq";
import { PACKAGE_ROOT } from "../common/package-paths";
import type * as KernelArgv from "../kernelspec/kernel-argv";
import { ConnectionInfo, endpoint } from "../protocol/connection-file";
import { Header, JsonObject, Message } from "../protocol/messages";
import { Signer, decode, encode, newHeader } from "../protocol/wire";

/** The command that starts the kernel, as kernel.json has it: kernelspec/kernel-argv.js stays plain JavaScript for install.js, so it is loaded from the package rather than compiled into dist/. */
export const { KERNEL_ARGV } = require(path.join(PACKAGE_ROOT, "kernelspec", "kernel-argv.js")) as typeof KernelArgv;

export interface StartOptions {
  /** The kernel's argv with `{connection_file}` in it; by default this package's kernel. */
  argv?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the first kernel_info_reply. */
  readyTimeoutMs?: number;
  /** Where the kernel's own stderr goes (its log); default: kept in `kernelLog`. */
  onKernelStderr?: (text: string) => void;
}

export interface Reply<C = JsonObject> {
  reply: Message<C>;
  /** Every iopub message whose parent is the request, up to and including status: idle. */
  iopub: Message[];
}

type Channel = "shell" | "control" | "stdin";

interface Pending {
  reply?: Message;
  idle: boolean;
  /** Settle on the reply alone, without waiting for status: idle on iopub. */
  untilReply: boolean;
  iopub: Message[];
  resolve(value: Reply<never>): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class KernelClient {
  readonly session = randomUUID();
  readonly signer: Signer;
  kernelLog = "";
  /** Answers an input_request from the kernel; by default an empty string. */
  onInputRequest: (prompt: string, password: boolean) => string | Promise<string> = () => "";
  private readonly pending = new Map<string, Pending>();
  private readonly iopubListeners = new Set<(msg: Message) => void>();
  private readonly sendQueues: Partial<Record<Channel, Promise<unknown>>> = {};
  private readonly sockets: { shell: zmq.Dealer; control: zmq.Dealer; stdin: zmq.Dealer; iopub: zmq.Subscriber };
  private exitPromise: Promise<number | null>;
  private closed = false;

  private constructor(readonly connection: ConnectionInfo, readonly process: ChildProcess, private readonly tempDir: string) {
    this.signer = new Signer(connection.key, connection.signature_scheme);
    // The kernel sends input_request to the identity that sent execute_request on shell: stdin must share it.
    const routingId = this.session;
    this.sockets = { shell: new zmq.Dealer({ routingId }), control: new zmq.Dealer({ routingId }), stdin: new zmq.Dealer({ routingId }), iopub: new zmq.Subscriber() };
    for (const name of ["shell", "control", "stdin", "iopub"] as const) {
      const socket = this.sockets[name];
      socket.linger = 0;
      socket.connect(endpoint(connection, name));
    }
    this.sockets.iopub.subscribe();
    this.exitPromise = new Promise((resolve) => {
      process.once("exit", (code) => resolve(code));
      // A kernel that cannot be spawned (no such executable) emits "error" and maybe never "exit".
      process.once("error", (e) => {
        this.kernelLog += `cannot start the kernel: ${e.message}\n`;
        resolve(null);
      });
    });
    for (const name of ["shell", "control", "stdin", "iopub"] as const) void this.receive(name);
  }

  static async start(options: StartOptions = {}): Promise<KernelClient> {
    const ports = await Promise.all([0, 1, 2, 3, 4].map(freePort));
    const connection: ConnectionInfo = {
      transport: "tcp",
      ip: "127.0.0.1",
      shell_port: ports[0],
      iopub_port: ports[1],
      stdin_port: ports[2],
      control_port: ports[3],
      hb_port: ports[4],
      key: randomBytes(16).toString("hex"),
      signature_scheme: "hmac-sha256",
      kernel_name: "conclab",
    };
    const tempDir = mkdtempSync(path.join(tmpdir(), "conclab-client-"));
    const connectionFile = path.join(tempDir, "connection.json");
    writeFileSync(connectionFile, JSON.stringify(connection));
    const [command, ...args] = (options.argv ?? KERNEL_ARGV).map((a) => a.replace("{connection_file}", connectionFile));
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const client = new KernelClient(connection, child, tempDir);
    const log = (chunk: Buffer) => {
      const text = chunk.toString();
      if (options.onKernelStderr) options.onKernelStderr(text);
      else client.kernelLog = (client.kernelLog + text).slice(-100_000);
    };
    child.stdout?.on("data", log);
    child.stderr?.on("data", log);
    try {
      await client.waitReady(options.readyTimeoutMs ?? 30_000);
    } catch (e) {
      client.close();
      throw e;
    }
    return client;
  }

  /** Resolves when a kernel_info_reply arrived and iopub is known to be subscribed (a message reached us on it). */
  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let iopubHeard = false;
    let replied = false;
    const stopListening = this.listen(() => (iopubHeard = true));
    let exitCode: number | null | undefined;
    void this.exitPromise.then((code) => (exitCode = code));
    try {
      while (Date.now() < deadline) {
        if (exitCode !== undefined) throw new Error(`the kernel exited with code ${exitCode} before it was ready; its log:\n${this.kernelLog}`);
        void this.request("shell", "kernel_info_request", {}, { untilReply: true }).then(() => (replied = true));
        await new Promise((resolve) => setTimeout(resolve, 10));
        if (replied && iopubHeard) return;
      }
    } finally {
      stopListening();
    }
    throw new Error(`the kernel did not answer kernel_info_request within ${timeoutMs} ms; its log:\n${this.kernelLog}`);
  }

  private async receive(name: keyof KernelClient["sockets"]): Promise<void> {
    const socket = this.sockets[name];
    try {
      for await (const frames of socket) {
        let msg: Message;
        try {
          msg = decode(frames, this.signer);
        } catch {
          continue;
        }
        if (name === "iopub") this.onIopub(msg);
        else if (name === "stdin") void this.answerInput(msg);
        else this.onReply(msg);
      }
    } catch (e) {
      if (!this.closed) throw e;
    }
  }

  private onIopub(msg: Message): void {
    for (const listener of this.iopubListeners) listener(msg);
    const pending = this.pending.get((msg.parent_header as Header).msg_id);
    if (!pending) return;
    pending.iopub.push(msg);
    if (msg.header.msg_type === "status" && msg.content.execution_state === "idle") {
      pending.idle = true;
      this.settle((msg.parent_header as Header).msg_id);
    }
  }

  private onReply(msg: Message): void {
    const pending = this.pending.get((msg.parent_header as Header).msg_id);
    if (!pending) return;
    pending.reply = msg;
    this.settle((msg.parent_header as Header).msg_id);
  }

  private settle(msgId: string): void {
    const pending = this.pending.get(msgId);
    if (pending?.reply && (pending.idle || pending.untilReply)) {
      this.pending.delete(msgId);
      pending.resolve({ reply: pending.reply as Message<never>, iopub: pending.iopub });
    }
  }

  private async answerInput(msg: Message): Promise<void> {
    if (msg.header.msg_type !== "input_request") return;
    const content = msg.content as { prompt: string; password: boolean };
    const value = await this.onInputRequest(content.prompt, content.password);
    await this.send("stdin", { identities: [], header: newHeader("input_reply", this.session, "client"), parent_header: msg.header, metadata: {}, content: { value }, buffers: [] });
  }

  /** Subscribe to every iopub message; returns the unsubscribe function. */
  listen(listener: (msg: Message) => void): () => void {
    this.iopubListeners.add(listener);
    return () => this.iopubListeners.delete(listener);
  }

  async send(channel: Channel, message: Message<unknown>): Promise<void> {
    await this.sendFrames(channel, encode(message, this.signer));
  }

  /** Sends raw frames (tests use it for malformed or badly signed messages). zeromq.js takes one send at a time per socket: queue them. */
  sendFrames(channel: Channel, frames: Buffer[]): Promise<void> {
    const sent = (this.sendQueues[channel] ?? Promise.resolve()).then(() => this.sockets[channel].send(frames));
    this.sendQueues[channel] = sent.catch(() => undefined);
    return sent;
  }

  message<C>(msgType: string, content: C): Message<C> {
    return { identities: [], header: newHeader(msgType, this.session, "client"), parent_header: {}, metadata: {}, content, buffers: [] };
  }

  /** Sends a request and resolves once its reply and its iopub idle status have both arrived. */
  request<C = JsonObject>(channel: "shell" | "control", msgType: string, content: JsonObject = {}, { untilReply = false } = {}): Promise<Reply<C>> {
    const msg = this.message(msgType, content);
    const result = new Promise<Reply<C>>((resolve) => {
      this.pending.set(msg.header.msg_id, { idle: false, untilReply, iopub: [], resolve });
    });
    void this.send(channel, msg);
    return result;
  }

  /** @param options.untilReply resolve on execute_reply without waiting for status: idle (iopub may then be incomplete) */
  execute(code: string, options: { silent?: boolean; storeHistory?: boolean; stopOnError?: boolean; userExpressions?: JsonObject; allowStdin?: boolean; untilReply?: boolean } = {}): Promise<Reply> {
    return this.request("shell", "execute_request", {
      code,
      silent: options.silent ?? false,
      store_history: options.storeHistory ?? true,
      user_expressions: options.userExpressions ?? {},
      allow_stdin: options.allowStdin ?? true,
      stop_on_error: options.stopOnError ?? true,
    }, { untilReply: options.untilReply });
  }

  /** Round-trip time of one heartbeat ping in ms; rejects after timeoutMs. */
  async heartbeat(timeoutMs = 1000): Promise<number> {
    const socket = new zmq.Request({ linger: 0, receiveTimeout: timeoutMs, sendTimeout: timeoutMs });
    socket.connect(endpoint(this.connection, "hb"));
    try {
      const started = performance.now();
      await socket.send(Buffer.from("ping"));
      await socket.receive();
      return performance.now() - started;
    } finally {
      socket.close();
    }
  }

  /** Interrupts the kernel the way the kernelspec says: by SIGINT or by interrupt_request on control. */
  async interrupt(mode: "signal" | "message" = "message"): Promise<void> {
    if (mode === "signal") this.process.kill("SIGINT");
    else await this.request("control", "interrupt_request");
  }

  exited(): Promise<number | null> {
    return this.exitPromise;
  }

  /** Asks the kernel to shut down, waits for it to exit (killing it after graceMs), and closes the sockets. */
  async shutdown(graceMs = 5000): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      void this.request("control", "shutdown_request", { restart: false });
      const timer = setTimeout(() => this.process.kill("SIGKILL"), graceMs);
      await this.exitPromise;
      clearTimeout(timer);
    }
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const socket of Object.values(this.sockets)) socket.close();
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill("SIGKILL");
    rmSync(this.tempDir, { recursive: true, force: true });
  }
}
