import type { TaskFunction } from "./task-context";
import { LaneTaskContext, RunScope } from "./task-helpers";
import type { ServerAddress } from "./loopback-client";
import { type TaskTable, epochNow } from "./task-table";
import { describeThrown } from "./thrown-error";

/** Runs tasks of one body in one lane (the main thread, a worker or a child process) and records them. */
export class TaskExecutor {
  private scope: RunScope | undefined;

  constructor(
    private readonly body: TaskFunction,
    private readonly count: number,
    private readonly input: unknown,
    private readonly server: ServerAddress | undefined,
    private readonly lane: number,
  ) {}

  /** Starts task `index`; records its span (ending when the body returned or threw) and outcome in `table`, then calls `settled`. Never throws. */
  startTask(table: TaskTable, index: number, signal: AbortSignal, settled: () => void): void {
    table.begin(index, this.lane);
    let endedAt: number | undefined;
    let running: Promise<unknown>;
    try {
      running = this.body(new LaneTaskContext(index, this.scopeOf(signal)), () => (endedAt = epochNow()));
    } catch (thrown) {
      table.fail(index, describeThrown(thrown));
      return settled();
    }
    running.then(
      (value) => {
        table.succeedAt(index, value, endedAt ?? epochNow());
        settled();
      },
      (thrown: unknown) => {
        table.failAt(index, describeThrown(thrown), endedAt ?? epochNow());
        settled();
      },
    );
  }

  /** Every run has a signal of its own; its tasks share one scope. */
  private scopeOf(signal: AbortSignal): RunScope {
    if (this.scope?.signal !== signal) this.scope = { count: this.count, input: this.input, signal, server: this.server };
    return this.scope;
  }

  /** Runs task `index` (see startTask); resolves once it is recorded. */
  runTask(table: TaskTable, index: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => this.startTask(table, index, signal, resolve));
  }

  /** Tasks from..to-1, one after another (a thread or process does one thing at a time). */
  async runRange(table: TaskTable, from: number, to: number, signal: AbortSignal, afterEach?: (index: number) => void): Promise<void> {
    for (let index = from; index < to; index++) {
      await this.runTask(table, index, signal);
      afterEach?.(index);
    }
  }
}
