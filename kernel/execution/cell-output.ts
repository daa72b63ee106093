/**
 * Where one cell's output goes: streams (batched and capped), display data, clear_output.
 * Output keeps going to the cell that produced it, also from timers that fire after it returned.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Publisher } from "../iopub";
import type { JsonObject, Message } from "../../protocol/messages";
import type { InterruptGate } from "./interrupt-gate";

export type StreamName = "stdout" | "stderr";

/** Stream text held back before it is sent: fewer, larger messages. */
const BATCH_BYTES = 64 * 1024;
const BATCH_MS = 25;
/** Stream text one cell may send; past it the rest is dropped, with a notice. */
export const STREAM_LIMIT_BYTES = 4 * 1024 * 1024;

export class CellOutput {
  private pending: Record<StreamName, string> = { stdout: "", stderr: "" };
  private sent = 0;
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly request: Message, private readonly publisher: Publisher, private readonly silent = false) {}

  stream(name: StreamName, text: string): void {
    if (this.silent || text.length === 0) return;
    if (this.sent >= STREAM_LIMIT_BYTES) {
      this.dropped += Buffer.byteLength(text);
      return;
    }
    this.pending[name] += text;
    this.sent += text.length;
    if (this.pending[name].length >= BATCH_BYTES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  display(data: JsonObject, options: { metadata?: JsonObject; displayId?: string; update?: boolean } = {}): void {
    if (this.silent) return;
    this.flush();
    const transient = options.displayId ? { display_id: options.displayId } : {};
    this.publisher.publish(this.request, options.update ? "update_display_data" : "display_data", { data, metadata: options.metadata ?? {}, transient });
  }

  clear(wait = false): void {
    if (this.silent) return;
    this.flush();
    this.publisher.publish(this.request, "clear_output", { wait });
  }

  publish(msgType: string, content: JsonObject): void {
    if (this.silent) return;
    this.flush();
    this.publisher.publish(this.request, msgType, content);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const name of ["stdout", "stderr"] as const) {
      if (this.pending[name]) this.publisher.publish(this.request, "stream", { name, text: this.pending[name] });
      this.pending[name] = "";
    }
  }

  /** Sends what is pending and, when output was dropped, says how much. */
  finish(): void {
    this.flush();
    if (this.dropped > 0) {
      this.publisher.publish(this.request, "stream", {
        name: "stderr",
        text: `\n[conclab] output truncated: this cell printed more than ${STREAM_LIMIT_BYTES / 1024 / 1024} MB; ${this.dropped} more bytes were dropped. Write large output to a file, or display a summary.\n`,
      });
      this.dropped = 0;
    }
  }
}

/** The cell whose code is running in the current async context. */
export const currentCellOutput = new AsyncLocalStorage<CellOutput>();

/** Runs `work` inside the cell's output context; an interrupt rejects at once, even while `work` still waits. */
export function runInCell<T>(interrupts: InterruptGate, output: CellOutput, work: () => Promise<T>): Promise<T> {
  return interrupts.race(currentCellOutput.run(output, work));
}
