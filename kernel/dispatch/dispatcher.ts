/**
 * Handler tables for shell and control, keyed by msg_type. Each request gets busy/idle around it;
 * shell requests run one at a time in arrival order, control requests at once.
 */
import type { Publisher } from "../iopub";
import { log } from "../log";
import type { JsonObject, Message } from "../../protocol/messages";

/** Returns the reply content, or undefined for messages that get no reply (comm_msg, comm_close). */
export type Handler = (request: Message) => Promise<JsonObject | undefined> | JsonObject | undefined;
export type HandlerTable = Record<string, Handler>;

export class Dispatcher {
  private readonly shellQueue: Message[] = [];
  private shellBusy = false;
  private inputWaiter: ((reply: Message) => void) | undefined;
  private lastShellAnswered = performance.now();

  /** @param onIdle called whenever the last queued shell request has been answered */
  constructor(
    private readonly publisher: Publisher,
    private readonly shell: HandlerTable,
    private readonly control: HandlerTable,
    private readonly onIdle: () => void = () => undefined,
  ) {}

  /** No shell request is running or waiting. */
  get idle(): boolean {
    return !this.shellBusy && this.shellQueue.length === 0;
  }

  /** How long the dispatcher has been idle since it answered its last shell request; 0 while not idle. */
  get idleForMs(): number {
    return this.idle ? performance.now() - this.lastShellAnswered : 0;
  }

  receive(channel: "shell" | "control" | "stdin", request: Message): void {
    if (channel === "stdin") {
      if (request.header.msg_type === "input_reply" && this.inputWaiter) this.inputWaiter(request);
      else log(`ignored ${request.header.msg_type} on stdin: no input was asked for`);
      return;
    }
    if (channel === "control") {
      void this.handle("control", this.control, request);
      return;
    }
    this.shellQueue.push(request);
    void this.drainShell();
  }

  /** Resolves with the next input_reply on stdin. */
  nextInputReply(): Promise<Message> {
    return new Promise((resolve) => {
      this.inputWaiter = (reply) => {
        this.inputWaiter = undefined;
        resolve(reply);
      };
    });
  }

  /** Answers every queued execute_request with status "aborted" (stop_on_error). */
  abortQueuedExecutions(): void {
    const aborted = this.shellQueue.filter((m) => m.header.msg_type === "execute_request");
    this.shellQueue.splice(0, this.shellQueue.length, ...this.shellQueue.filter((m) => m.header.msg_type !== "execute_request"));
    for (const request of aborted) {
      this.publisher.status(request, "busy");
      this.publisher.reply(request, "shell", "execute_reply", { status: "aborted", execution_count: null });
      this.publisher.status(request, "idle");
    }
  }

  private async drainShell(): Promise<void> {
    if (this.shellBusy) return;
    this.shellBusy = true;
    for (let request = this.shellQueue.shift(); request; request = this.shellQueue.shift()) await this.handle("shell", this.shell, request);
    this.shellBusy = false;
    this.lastShellAnswered = performance.now();
    this.onIdle();
  }

  private async handle(channel: "shell" | "control", table: HandlerTable, request: Message): Promise<void> {
    const msgType = request.header.msg_type;
    const handler = Object.hasOwn(table, msgType) ? table[msgType] : undefined;
    this.publisher.status(request, "busy");
    try {
      if (!handler) {
        log(`ignored a ${msgType} on ${channel}: no handler for that message type`);
        return;
      }
      const content = await handler(request);
      if (content) this.publisher.reply(request, channel, msgType.replace(/_request$/, "_reply"), content);
    } catch (e) {
      const error = e as Error;
      log(`${msgType} failed: ${error.stack ?? error.message}`);
      if (msgType.endsWith("_request")) {
        this.publisher.reply(request, channel, msgType.replace(/_request$/, "_reply"), {
          status: "error",
          ename: error.name ?? "Error",
          evalue: `the kernel could not answer ${msgType}: ${error.message}`,
          traceback: [],
        });
      }
    } finally {
      this.publisher.status(request, "idle");
    }
  }
}
