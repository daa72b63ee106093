/** The main thread's end of the I/O thread: start it, send messages through it, hear its requests. */
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { ConnectionInfo } from "../../protocol/connection-file";
import type { ChannelName, Message } from "../../protocol/messages";
import { log } from "../log";
import { FromIoThread, IoThreadData, ToIoThread } from "./io-messages";
import { kernelParent } from "./parent-watch";

export interface IoLinkEvents {
  request(channel: "shell" | "control" | "stdin", message: Message): void;
  clientGone(why: string): void;
  exit(code: number): void;
}

export class IoLink {
  private readonly worker: Worker;
  readonly ready: Promise<void>;
  /** The I/O thread's OS id, once it is up. */
  osThreadId: number | undefined;

  constructor(connection: ConnectionInfo, session: string, events: IoLinkEvents) {
    const data: IoThreadData = { connection, session, parent: kernelParent(process.env, log) };
    this.worker = new Worker(path.join(__dirname, "io-thread.js"), { workerData: data, stdout: false, stderr: false });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once("error", reject);
      this.worker.on("message", (message: FromIoThread) => {
        switch (message.kind) {
          case "ready":
            this.osThreadId = message.osThreadId;
            return resolve();
          case "request":
            return events.request(message.channel, reviveBuffers(message.message));
          case "client-gone":
            return events.clientGone(message.why);
          case "log":
            return log(message.text);
        }
      });
    });
    this.worker.on("exit", (code) => events.exit(code));
  }

  send(channel: ChannelName, message: Message<unknown>): void {
    const out: ToIoThread = { kind: "send", channel, message };
    this.worker.postMessage(out);
  }

  /** Flushes queued sends and closes the sockets. */
  async close(): Promise<void> {
    const out: ToIoThread = { kind: "close" };
    this.worker.postMessage(out);
    await new Promise((resolve) => {
      this.worker.once("exit", resolve);
      setTimeout(() => void this.worker.terminate().then(resolve), 1000).unref();
    });
  }
}

/** Structured clone turns Buffers into Uint8Arrays. */
function reviveBuffers(message: Message): Message {
  const toBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return { ...message, identities: message.identities.map(toBuffer), buffers: message.buffers.map(toBuffer) };
}
