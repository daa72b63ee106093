/**
 * The channels of one Jupyter client to a running kernel: requests on shell and control, answers
 * to input requests on stdin, and the iopub messages of each request. KernelClient starts a kernel
 * and talks through these; `connect` attaches to one someone else started.
 */
import { randomUUID } from "node:crypto";
import * as zmq from "zeromq";
import { ConnectionInfo, endpoint } from "../protocol/connection-file";
import { Header, JsonObject, Message } from "../protocol/messages";
import { Signer, decode, encode, newHeader } from "../protocol/wire";

export interface ChannelOptions {
  /**
   * The session id of this client's messages, which is also the routing identity of its shell,
   * control and stdin sockets; a new one by default. Two clients given the same one are what
   * jupyter_client's `km.client()` makes when called twice.
   */
  session?: string;
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

export class KernelChannels {
  readonly session: string;
  readonly signer: Signer;
  /** Answers an input_request from the kernel; by default an empty string. */
  onInputRequest: (prompt: string, password: boolean) => string | Promise<string> = () => "";
  private readonly pending = new Map<string, Pending>();
  private readonly iopubListeners = new Set<(msg: Message) => void>();
  private readonly sendQueues: Partial<Record<Channel, Promise<unknown>>> = {};
  private readonly sockets: { shell: zmq.Dealer; control: zmq.Dealer; stdin: zmq.Dealer; iopub: zmq.Subscriber };
  protected closed = false;

  protected constructor(readonly connection: ConnectionInfo, options: ChannelOptions = {}) {
    this.session = options.session ?? randomUUID();
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
    for (const name of ["shell", "control", "stdin", "iopub"] as const) void this.receive(name);
  }

  /** Connects to a running kernel and resolves once it answers kernel_info_request. */
  static async connect(connection: ConnectionInfo, options: ChannelOptions & { readyTimeoutMs?: number } = {}): Promise<KernelChannels> {
    const channels = new KernelChannels(connection, options);
    const timeoutMs = options.readyTimeoutMs ?? 30_000;
    if (await channels.becameReady(timeoutMs)) return channels;
    channels.close();
    throw new Error(`no kernel answered kernel_info_request on ${endpoint(connection, "shell")} within ${timeoutMs} ms: check that the kernel runs and that these are its connection file's ports and key`);
  }

  /**
   * True once a kernel_info_reply arrived and iopub is known to be subscribed (a message reached
   * us on it); false after `timeoutMs`, or as soon as `giveUp()` is true.
   */
  protected async becameReady(timeoutMs: number, giveUp: () => boolean = () => false): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let iopubHeard = false;
    let replied = false;
    const stopListening = this.listen(() => (iopubHeard = true));
    try {
      while (Date.now() < deadline && !giveUp()) {
        void this.request("shell", "kernel_info_request", {}, { untilReply: true }).then(() => (replied = true));
        await new Promise((resolve) => setTimeout(resolve, 10));
        if (replied && iopubHeard) return true;
      }
      return false;
    } finally {
      stopListening();
    }
  }

  private async receive(name: keyof KernelChannels["sockets"]): Promise<void> {
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

  /** Closes this client's sockets; the kernel goes on. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const socket of Object.values(this.sockets)) socket.close();
  }
}
