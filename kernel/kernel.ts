/** The kernel: its parts, wired to the I/O thread and the dispatcher; the services request handlers use. */
import { randomUUID } from "node:crypto";
import { Dispatcher } from "./dispatch/dispatcher";
import { handlerTables } from "./dispatch/handler-tables";
import { CommRegistry } from "./handlers/comms";
import { CellOutput, currentCellOutput } from "./execution/cell-output";
import { runtimeError } from "./execution/cell-error";
import { InterruptGate } from "./execution/interrupt-gate";
import { captureStdio } from "./execution/stdio-capture";
import { hideAsyncStateFromInspect } from "./execution/async-state-inspect";
import { TypeScriptExecutor } from "./execution/ts-executor";
import { StagedEngine } from "./engine/staged-engine";
import { History } from "./history";
import { Publisher } from "./iopub";
import { log } from "./log";
import type { ConnectionInfo } from "../protocol/connection-file";
import { installKernelHooks } from "../public/kernel-hooks";
import type { KernelServices } from "./kernel-services";
import { IoLink } from "./transport/io-link";

/** How long the kernel waits with nothing to do before it builds the full TypeScript checker (about a second of work). */
const IDLE_BEFORE_FULL_ENGINE_MS = 300;

export class Kernel implements KernelServices {
  readonly session = randomUUID();
  readonly link: IoLink;
  readonly publisher: Publisher;
  readonly dispatcher: Dispatcher;
  readonly history = new History();
  readonly comms = new CommRegistry();
  readonly interrupts = new InterruptGate();
  private executionCount = 0;
  /** The latest cell: output from outside any cell's async context goes there. */
  private latestOutput: CellOutput | undefined;
  readonly engine: StagedEngine;
  private executorInstance: TypeScriptExecutor | undefined;
  private closing = false;
  private fullEngineScheduled = false;

  constructor(connection: ConnectionInfo, readonly cwd = process.cwd()) {
    this.link = new IoLink(connection, this.session, {
      request: (channel, message) => this.dispatcher.receive(channel, message),
      clientGone: (why) => {
        log(`${why}: the kernel shuts down`);
        this.shutdownAndExit();
      },
      exit: (code) => {
        if (this.closing) return;
        log(`the I/O thread stopped (code ${code}); the kernel exits`);
        process.exit(1);
      },
    });
    this.publisher = new Publisher(this.link, this.session);
    this.engine = new StagedEngine(cwd);
    const tables = handlerTables(this);
    this.dispatcher = new Dispatcher(this.publisher, tables.shell, tables.control, () => this.buildFullEngineWhenIdle());
    captureStdio(() => this.latestOutput);
    hideAsyncStateFromInspect();
    installKernelHooks({
      display: (data, options) => this.outputOfCurrentCell("display()").display(data, options),
      clear: (wait) => this.outputOfCurrentCell("clear()").clear(wait),
      clientSession: () => this.outputOfCurrentCell("display.plotly()").request.header.session,
      input: (prompt, password) => this.input(prompt, password),
    });
    process.on("SIGINT", () => this.interrupts.interrupt());
    process.on("uncaughtException", (error) => this.reportStray("uncaught exception", error));
    process.on("unhandledRejection", (reason) => this.reportStray("unhandled promise rejection", reason));
  }

  get ownThreadIds(): number[] {
    return this.link.osThreadId === undefined ? [] : [this.link.osThreadId];
  }

  get executor(): TypeScriptExecutor {
    this.executorInstance ??= new TypeScriptExecutor(this.engine, this.interrupts, this.cwd);
    return this.executorInstance;
  }

  beginCell(output: CellOutput, storeHistory: boolean): number {
    if (storeHistory) this.executionCount += 1;
    this.latestOutput = output;
    return this.executionCount;
  }

  abortQueuedExecutions(): void {
    this.dispatcher.abortQueuedExecutions();
  }

  private outputOfCurrentCell(what: string): CellOutput {
    const output = currentCellOutput.getStore() ?? this.latestOutput;
    if (!output) throw new Error(`${what} was called outside of any cell`);
    return output;
  }

  /** An error thrown where no cell awaits it (a timer, a forgotten promise): shown on the cell that started it. */
  private reportStray(what: string, thrown: unknown): void {
    const output = currentCellOutput.getStore() ?? this.latestOutput;
    const error = this.executorInstance ? this.executorInstance.toCellError(thrown) : runtimeError(thrown, () => undefined);
    const text = `[conclab] ${what} after the cell returned (the kernel keeps running):\n${error.traceback.join("\n")}\n`;
    if (output) {
      output.stream("stderr", text);
      output.flush();
    } else log(text);
  }

  private async input(prompt: string, password: boolean): Promise<string> {
    const output = this.outputOfCurrentCell("input()");
    const content = output.request.content as { allow_stdin?: boolean };
    if (content.allow_stdin === false) throw new Error("input() needs a frontend that accepts input, and this one sent allow_stdin: false");
    output.flush();
    const reply = this.dispatcher.nextInputReply();
    this.publisher.reply(output.request, "stdin", "input_request", { prompt, password });
    return String((await this.interrupts.race(reply)).content.value ?? "");
  }

  async start(): Promise<void> {
    await this.link.ready;
    // The light checker first, so the first cells answer soon; the full one when nothing waits.
    setImmediate(() => {
      this.engine.startLight();
      this.buildFullEngineWhenIdle();
    });
  }

  /**
   * Builds the full TypeScript checker once the kernel has been idle for a moment. Called after
   * every request. "Idle for a moment" is counted from the end of the last request: a timer
   * that falls due while a long cell blocks the main thread would otherwise start the build (a
   * second or more of blocking) just as the next cell arrives, and an interrupt of that cell
   * would wait for the build.
   */
  private buildFullEngineWhenIdle(): void {
    if (this.engine.ready || this.fullEngineScheduled) return;
    this.fullEngineScheduled = true;
    const buildOrWait = (): void => {
      const idleFor = this.dispatcher.idleForMs;
      if (this.engine.ready || this.closing) this.fullEngineScheduled = false;
      else if (idleFor >= IDLE_BEFORE_FULL_ENGINE_MS) {
        this.fullEngineScheduled = false;
        this.engine.ensureFull();
      } else setTimeout(buildOrWait, IDLE_BEFORE_FULL_ENGINE_MS - idleFor).unref();
    };
    setTimeout(buildOrWait, IDLE_BEFORE_FULL_ENGINE_MS).unref();
  }

  /**
   * Closes the sockets and exits. Worker threads end with the process, and child processes of
   * %%processes once their parent is gone. A frontend that restarts starts a new process.
   */
  shutdownAndExit(): void {
    if (this.closing) return;
    this.closing = true;
    this.engine.close();
    this.link
      .close()
      .catch((e: Error) => log(`shutdown: ${e.message}`))
      .finally(() => process.exit(0));
  }
}
