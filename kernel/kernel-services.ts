/** What request handlers may use of the kernel: its parts, and the few actions that change its state. */
import type { TypeScriptEngine } from "../common/typescript-engine";
import type { CommRegistry } from "./handlers/comms";
import type { CellOutput } from "./execution/cell-output";
import type { InterruptGate } from "./execution/interrupt-gate";
import type { TypeScriptExecutor } from "./execution/ts-executor";
import type { History } from "./history";
import type { Publisher } from "./iopub";

export interface KernelServices {
  readonly publisher: Publisher;
  readonly history: History;
  readonly comms: CommRegistry;
  readonly interrupts: InterruptGate;
  /** Completion and inspection. */
  readonly engine: TypeScriptEngine;
  /** Runs cells; holds the notebook's variables and their declarations. */
  readonly executor: TypeScriptExecutor;
  /** The notebook's folder. */
  readonly cwd: string;
  /** The OS ids of the kernel's own threads (the I/O thread): measurements count their CPU as the harness's. */
  readonly ownThreadIds: number[];
  /** Numbers a new cell (the count goes up when it is stored in history) and makes `output` the cell that output from outside any cell goes to. */
  beginCell(output: CellOutput, storeHistory: boolean): number;
  /** stop_on_error: answers every queued execute_request as aborted. */
  abortQueuedExecutions(): void;
  /** Closes the sockets, ends what the kernel started, and exits. */
  shutdownAndExit(): void;
}
