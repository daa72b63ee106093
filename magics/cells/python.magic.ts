import { TaskOptions, concurrencyOption, taskOptions, workersOption } from "../options/experiment-options";
import { OptionSpec, choice, integer, optionalOption, option, word } from "../framework/option-spec";
import { modelList } from "../options/compare-models";
import { defineMagic, magicLineOf } from "../framework/magic";
import type { CompareModelName, ModelName } from "../result/experiment-result";
import { ExperimentPlan, SweptInput, preparePythonExperiment } from "../experiment/plan";
import { COMPARE_ROUNDS, COMPARE_WARMUP, measureInRounds } from "./compare.magic";
import { measureExperiment } from "../experiment/open-experiment";
import { BODY_FIRST_CELL_LINE } from "../body/load-task-body";
import { PythonModel, PythonRunner } from "../runners/python-runner";
import { choosePython } from "../runners/python-interpreter";
import { UsageError } from "../framework/usage-error";
import { MODEL_MAGIC_OUTCOME, runTaskMagic } from "./task-magic";

const PYTHON_MODELS: Record<PythonModel, PythonModel> = { sync: "sync", asyncio: "asyncio", threads: "threads", spawn: "spawn", processes: "processes" };

/** The model a result names, as the Node magics name it, so that one reading serves both runtimes (spawn: "threads" with options.spawn). */
const RESULT_MODEL: Record<PythonModel, ModelName> = { sync: "sync", asyncio: "async", threads: "threads", spawn: "threads", processes: "processes" };

const WORKER_MODELS: readonly PythonModel[] = ["threads", "spawn", "processes"];

/** The name %%compare's results give each model (spawn is its own there). */
const COMPARE_NAME: Record<PythonModel, CompareModelName> = { sync: "sync", asyncio: "async", threads: "threads", spawn: "spawn", processes: "processes" };

const pythonModels = modelList(Object.keys(PYTHON_MODELS) as PythonModel[], "spawn is a threading.Thread per task");

export const pythonOptions = {
  model: option<PythonModel>(choice("MODEL", PYTHON_MODELS), "how the tasks run: sync (one after another), asyncio (asyncio tasks on one event loop), threads (a ThreadPoolExecutor of W threads), spawn (a new threading.Thread per task, at most W at once), processes (W worker processes)", {
    default: "asyncio",
  }),
  models: optionalOption(pythonModels, "instead of --model: run the body under each of these models, runs interleaved in shuffled rounds as %%compare runs them, each model's wall time against the first's (paired rounds; --repeat 5 or more for a verdict, 12 as %%compare)", {
    defaultText: "one model, --model",
  }),
  ...taskOptions,
  repeat: optionalOption(integer("R", 1, 1000), "measured runs (with --models, measured rounds, each running every model once in shuffled order)", { defaultText: `${taskOptions.repeat.default}; with --models ${COMPARE_ROUNDS}` }),
  warmup: optionalOption(integer("K", 0, 1000), "unmeasured runs before the measured ones (with --models, rounds)", { defaultText: `${taskOptions.warmup.default}; with --models ${COMPARE_WARMUP}` }),
  workers: workersOption("threads or worker processes (threads, spawn, processes)", "thread is an OS thread, each process a whole CPython interpreter"),
  concurrency: asyncioOnly(concurrencyOption),
  python: optionalOption(word("PATH", "the path of a Python interpreter, or its name on PATH (python3.13t)"), "the interpreter to run the body with", { defaultText: "$CONCLAB_PYTHON, else python3 on PATH" }),
};

function asyncioOnly<T>(spec: OptionSpec<T>): OptionSpec<T> {
  return { ...spec, help: `${spec.help} (asyncio)` };
}

type PythonOptions = TaskOptions & { model: PythonModel; workers: number; concurrency: number | undefined };

/** %%python's experiment for one model, run by `python`. */
export function pythonPlan(options: PythonOptions, magicLine: string, python: string, body: string): ExperimentPlan {
  const { model } = options;
  const usesWorkers = WORKER_MODELS.includes(model);
  return {
    model: RESULT_MODEL[model],
    magicLine,
    common: options,
    modelOptions: { ...(usesWorkers ? { workers: options.workers } : {}), ...(model === "spawn" ? { spawn: true } : {}), ...(model === "asyncio" && options.concurrency !== undefined ? { concurrency: options.concurrency } : {}) },
    stoppedHow: "the Python process tree was killed",
    createRunner: ({ input, server, stdout, stderr }) =>
      new PythonRunner({
        python,
        setup: { model, body, firstLine: BODY_FIRST_CELL_LINE, count: options.tasks, workers: options.workers, ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}), input, server },
        stdout,
        stderr,
      }),
  };
}

export const pythonMagic = defineMagic({
  name: "python",
  summary: "run a Python body as N tasks under CPython's asyncio, threads or processes",
  body: "the Python to run, the inside of `async def body(task)`",
  bodyLanguage: "python",
  description:
    "Runs the body, Python: the inside of `async def body(task)`, as N tasks in a CPython harness process under --model: sync, asyncio (asyncio.gather, at most --concurrency at once), " +
    "threads (a ThreadPoolExecutor of W threads), spawn (a threading.Thread per task, at most W at once) or processes (W multiprocessing worker processes, forkserver; a worker that dies is replaced). " +
    "task has index, count, input (the --input values as JSON), thread_id, pid, `await task.sleep(ms)` (asyncio.sleep under asyncio; elsewhere time.sleep, which blocks the thread and releases the GIL), " +
    "task.spin(ms) (pure-Python busy work holding the GIL until the thread used ms of CPU), and task.server (the loopback server: `await task.server.get(path)`, non-blocking under asyncio and blocking elsewhere; " +
    "task.server.get_blocking(path) blocks in any model), with latency_ms= and bytes= to override the server's options. Outside asyncio the body runs with no event loop. " +
    "The interpreter is --python, else $CONCLAB_PYTHON, else python3 on PATH; with none, the cell says so in one line and keeps nothing. " +
    "The result names the runtime (CPython's version, its build, GIL or free-threaded, and whether the GIL was on) and the model as the Node magics do (asyncio is async, spawn is threads with spawn), so %results compare puts it beside theirs. " +
    "A syntax error or a task's exception points at the cell's lines; sys.exit in a task fails that task only; os._exit ends a worker process (replaced) or, in the other models, the interpreter (the run's unfinished tasks fail; the next run starts a new one). " +
    "An interrupt or --timeout kills the whole Python process tree. With --models, one experiment per model, run in shuffled rounds and compared as %%compare compares (its table, verdicts and $last.experiments). " +
    MODEL_MAGIC_OUTCOME,
  options: pythonOptions,
  run(given, body, ctx, argLine) {
    const compared = given.models !== undefined;
    if (compared && /(^|\s)--model(\s|=|$)/.test(argLine)) throw new UsageError(`%%python: --model and --models are exclusive: --model runs one model, --models compares several; got --model ${given.model} and --models ${given.models!.join(",")}`);
    const options = { ...given, repeat: given.repeat ?? (compared ? COMPARE_ROUNDS : taskOptions.repeat.default), warmup: given.warmup ?? (compared ? COMPARE_WARMUP : taskOptions.warmup.default) };
    if (options.concurrency !== undefined && !(options.models ?? [options.model]).includes("asyncio")) throw new UsageError(`%%python: --concurrency applies to the asyncio model only; got ${compared ? `--models ${options.models!.join(",")}` : `--model ${options.model}`} (use --workers)`);
    const python = choosePython(options.python, process.env);
    if (!python.found) {
      ctx.stdout(`${python.message}\n`);
      return Promise.resolve(undefined);
    }
    const magicLine = magicLineOf("python", argLine);
    const cell = { magic: "python", specs: pythonOptions, options, magicLine, ctx };
    const prepare = (o: typeof options, model: PythonModel, swept: SweptInput | undefined) => preparePythonExperiment(pythonPlan({ ...o, model }, magicLine, python.path, body), body, ctx, swept);
    return runTaskMagic(cell, (o, lab, place, swept) =>
      o.models
        ? measureInRounds({ models: o.models.map((m) => COMPARE_NAME[m]), prepared: o.models.map((m) => prepare(o, m, swept)), warmup: o.warmup, repeat: o.repeat, magic: "python" }, ctx, magicLine, lab, place)
        : measureExperiment(prepare(o, o.model, swept), ctx, lab, place),
    );
  },
});
