/** What an experiment is made of: the model's plan, and the body compiled for it with its --input copied. */
import type { ParsedOptions } from "../framework/option-spec";
import type { taskOptions } from "../options/experiment-options";
import { CompiledTaskBody, compileTaskBody } from "../body/compile-task-body";
import type { TaskBodySource } from "../body/task-module";
import type { MagicContext } from "../framework/magic-context";
import type { ExperimentOptions, ModelName } from "../result/experiment-result";
import type { Runner } from "../runners/runner";
import type { LaneSetup } from "../lanes/lane-messages";
import { TaskExecutor } from "../tasks/task-executor";
import { TaskTable } from "../tasks/task-table";
import { UsageError } from "../framework/usage-error";
import { notebookVariables } from "../framework/notebook-variables";
import type { ServerAddress } from "../tasks/loopback-client";
import { checkJsonInput } from "./json-input";

/** What a runner is built from. */
export interface RunnerParts {
  table: TaskTable;
  /** The --input values as copied for the body. */
  input: unknown;
  /** The loopback server, when the body uses it. */
  server: ServerAddress | undefined;
  /** For workers and child processes: the TypeScript body and what they run it with. */
  laneSetup(): LaneSetup;
  /** For the main-thread models: the TypeScript body loaded here, seeing the notebook's variables. */
  mainThreadExecutor(): TaskExecutor;
  /** The cell's streams, for what workers and processes write to theirs. */
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface ExperimentPlan {
  model: ModelName;
  /** "%%threads --workers 2" */
  magicLine: string;
  common: ParsedOptions<typeof taskOptions>;
  /** The model's own options, as the result records them. */
  modelOptions: Partial<ExperimentOptions>;
  /** Where tasks run when not on the main thread ("in another thread"): the body then cannot see notebook variables. */
  isolatedWhere?: string;
  /** How a task that did not finish was stopped, for its error message. */
  stoppedHow: string;
  createRunner(parts: RunnerParts): Runner;
}

/** --sweep of a number the body reads: its name and this point's value, handed in as task.input (or task.input.NAME beside --input). */
export interface SweptInput {
  name: string;
  value: number;
}

/** The body ready for its runner: TypeScript compiled here, or Python, which its harness compiles (and reports errors of in the cell's lines). */
export type PreparedBody = { language: "typescript"; compiled: CompiledTaskBody } | { language: "python"; usesServer: boolean };

/** A body prepared for one plan, with its --input copied: what can fail without starting anything. */
export interface PreparedExperiment {
  plan: ExperimentPlan;
  body: PreparedBody;
  input: unknown;
}

/** Type-checks and compiles the body for `plan` and copies its input; throws UsageError or BodyTypeError before anything starts. */
export function prepareExperiment(plan: ExperimentPlan, body: string, ctx: MagicContext, swept?: SweptInput): PreparedExperiment {
  const input = copiedInput(plan.model, plan.common.input, inputValue(plan.model, plan.common.input, ctx.notebookScope, swept));
  const compiled = compileTaskBody(taskBodySource(plan, body, ctx.notebookDeclarations, swept?.name), ctx.engine);
  return { plan, body: { language: "typescript", compiled }, input };
}

/**
 * A Python body for `plan`: its --input checked to be data JSON carries (a UsageError names what is
 * not). The body itself is compiled by the harness, which reports a syntax error at the cell's line.
 */
export function preparePythonExperiment(plan: ExperimentPlan, body: string, ctx: MagicContext, swept?: SweptInput): PreparedExperiment {
  const input = inputValue(plan.model, plan.common.input, ctx.notebookScope, swept);
  for (const name of plan.common.input) checkJsonInput("python", name, ctx.notebookScope[name]);
  return { plan, body: { language: "python", usesServer: /\bserver\b/.test(body) }, input };
}

/** The body as `plan` type-checks it: task.input typed from --input and the swept number (named `sweptName`), which the declarations declare. */
export function taskBodySource(plan: ExperimentPlan, body: string, notebookDeclarations: string, sweptName: string | undefined): TaskBodySource {
  return {
    magic: plan.model,
    body,
    notebookDeclarations: sweptName ? `${notebookDeclarations}\ndeclare const ${sweptName}: number;\n` : notebookDeclarations,
    inputNames: sweptName ? [...plan.common.input, sweptName] : plan.common.input,
    isolatedWhere: plan.isolatedWhere,
  };
}

/**
 * The value task.input gets from --input, its names checked to exist; with a swept input, its value
 * joins them (alone: task.input is the number; beside --input: task.input.NAME).
 */
export function inputValue(magic: string, names: readonly string[], scope: Record<string, unknown>, swept: SweptInput | undefined): unknown {
  for (const name of names) {
    if (!(name in scope)) {
      const known = notebookVariables(scope);
      throw new UsageError(`%%${magic}: --input ${name}: there is no notebook variable ${name}; define it in a cell above (notebook variables: ${known.slice(0, 20).join(", ") || "none yet"})`);
    }
  }
  const entries: [string, unknown][] = [...names.map((n): [string, unknown] => [n, scope[n]]), ...(swept ? [[swept.name, swept.value] as [string, unknown]] : [])];
  return entries.length === 0 ? undefined : entries.length === 1 ? entries[0][1] : Object.fromEntries(entries);
}

/** --input copied once (structured clone) the way it reaches workers. */
function copiedInput(magic: string, names: readonly string[], value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch (e) {
    throw new UsageError(
      `%%${magic}: --input ${names.join(" ")} cannot be copied into the tasks: ${(e as Error).message}. --input copies with structured clone: plain data, typed arrays, Maps and Sets are copied and SharedArrayBuffers shared; functions and objects holding functions cannot be`,
    );
  }
}
