/** `conclab run`: executes notebooks, writes their outputs back, and optionally HTML reports. */
import { formatMs } from "../common/units";
import { existsSync, mkdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { parseArgs, stripVTControlCharacters } from "node:util";
import { writeReport } from "./html-report";
import { NotebookFormatError } from "./nbformat";
import { NotebookRun, RunOptions, runNotebook } from "./notebook-runner";
import { IndexEntry, writeIndex } from "./report-index";
import { shownVerdicts } from "./shown-verdicts";
import { cellLabel, failureHeadline, runHeadline } from "./run-summary";

export const DEFAULT_TIMEOUT_SECONDS = 600;

export const RUN_USAGE = `usage: conclab run NOTEBOOK.ipynb [MORE.ipynb ...] [--html OUT.html | --html-dir DIR] [--timeout S] [--allow-errors] [--interactive-notebooks]

Executes every code cell of each notebook, in order, on a fresh conclab kernel started in the
notebook's folder, and writes the outputs back into the notebook (nbformat 4.5). The notebook is
written without plotly.js (4.7 MB): its charts show their static rendering, and draw interactively
again once a cell is run (the kernel sends plotly.js before the first chart). HTML reports always
carry plotly.js once, so their charts are interactive offline.

options:
  --html OUT.html           also write a self-contained HTML report (with one notebook only)
  --html-dir DIR            also write DIR/<notebook>.html for each notebook and DIR/index.html,
                            which lists every notebook with the claims its verdicts judged
  --timeout S               seconds one cell may run before it is interrupted and the run fails
                            (default ${DEFAULT_TIMEOUT_SECONDS}; 0 = no limit)
  --allow-errors            a cell that raises does not stop or fail the run (timeouts still do)
  --interactive-notebooks   keep plotly.js in each notebook written, so that its charts draw
                            interactively offline without running a cell (about 5 MB a notebook)
  -h, --help                show this help

A cell tagged raises-exception may raise; a cell tagged skip-execution is not run.
Exit status: 0 when every notebook ran cleanly, 1 when one failed, 2 for a usage error.`;

export interface RunCommandIo {
  out: (line: string) => void;
  /** Keep ANSI colours in printed tracebacks. */
  color?: boolean;
  /** Used to run each notebook; replaceable in tests. */
  runNotebook?: (notebookPath: string, options: RunOptions) => Promise<NotebookRun>;
}

class UsageError extends Error {}

interface RunArguments {
  notebooks: string[];
  htmlFile?: string;
  htmlDir?: string;
  timeoutSeconds: number;
  allowErrors: boolean;
  interactiveNotebooks: boolean;
  help: boolean;
}

function parseRunArguments(argv: string[]): RunArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        html: { type: "string" },
        "html-dir": { type: "string" },
        timeout: { type: "string" },
        "allow-errors": { type: "boolean", default: false },
        "interactive-notebooks": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split(". To specify")[0].replace(/\.$/, "")}; the options are --html OUT.html, --html-dir DIR, --timeout S, --allow-errors, --interactive-notebooks (see conclab run --help)`);
  }
  const { values, positionals } = parsed;
  const args: RunArguments = {
    notebooks: positionals,
    htmlFile: values.html,
    htmlDir: values["html-dir"],
    timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    allowErrors: values["allow-errors"] === true,
    interactiveNotebooks: values["interactive-notebooks"] === true,
    help: values.help === true,
  };
  if (args.help) return args;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (values.timeout.trim() === "" || !Number.isFinite(seconds) || seconds < 0) {
      throw new UsageError(`--timeout expects seconds, a number >= 0 (0 = no limit); got ${JSON.stringify(values.timeout)}`);
    }
    args.timeoutSeconds = seconds;
  }
  if (args.notebooks.length === 0) throw new UsageError("give at least one notebook, e.g. conclab run notebooks/intro.ipynb");
  if (args.htmlFile !== undefined && args.htmlDir !== undefined) throw new UsageError("use either --html OUT.html (one notebook) or --html-dir DIR, not both");
  if (args.htmlFile !== undefined && args.notebooks.length > 1) {
    throw new UsageError(`--html writes one report but ${args.notebooks.length} notebooks were given; use --html-dir DIR for several`);
  }
  for (const notebook of args.notebooks) {
    if (!existsSync(notebook) || !statSync(notebook).isFile()) throw new UsageError(`no such notebook file: ${notebook}`);
  }
  return args;
}

/** Report file names for the notebooks, unique within one folder even when two notebooks share a name. */
function reportFiles(dir: string, notebooks: string[]): string[] {
  const used = new Set<string>();
  return notebooks.map((notebook) => {
    const stem = path.basename(notebook, path.extname(notebook));
    let name = `${stem}.html`;
    for (let n = 2; used.has(name); n++) name = `${stem}-${n}.html`;
    used.add(name);
    return path.join(dir, name);
  });
}

function indented(text: string, prefix = "    "): string {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
}

function describeFailure(run: NotebookRun, out: (line: string) => void, color: boolean): void {
  const failure = run.failure!;
  if (failure.cellIndex !== undefined) {
    const cell = run.notebook.cells[failure.cellIndex];
    const source = cell.source.split("\n");
    out(`  ${cellLabel(failure)} source:`);
    out(indented(source.slice(0, 15).join("\n") + (source.length > 15 ? `\n... (${source.length - 15} more lines)` : "")));
  }
  const traceback = failure.traceback.length ? failure.traceback.join("\n") : `${failure.ename}: ${failure.evalue}`;
  out("  error:");
  out(indented(color ? traceback : stripVTControlCharacters(traceback)));
}

async function runOne(notebook: string, args: RunArguments, reportFile: string | undefined, io: RunCommandIo): Promise<IndexEntry> {
  const title = path.basename(notebook, path.extname(notebook));
  io.out(`running ${notebook}`);
  let run: NotebookRun;
  try {
    run = await (io.runNotebook ?? runNotebook)(notebook, {
      timeoutSeconds: args.timeoutSeconds,
      allowErrors: args.allowErrors,
      keepPlotlyLibrary: args.interactiveNotebooks,
      onCellDone: (cell, position, count) => io.out(`  [${position}/${count}] cell ${cell.index + 1} ${cell.status} ${formatMs(cell.durationMs)}`),
    });
  } catch (e) {
    if (!(e instanceof NotebookFormatError)) throw e;
    io.out(`FAILED ${notebook}: ${e.message}`);
    return { title, notebookPath: notebook, ok: false, durationMs: 0, summary: e.message, verdicts: [] };
  }
  io.out(`${run.ok ? "ok" : "FAILED"} ${notebook}: ${runHeadline(run)}`);
  if (run.failure) describeFailure(run, io.out, io.color === true);
  if (reportFile) {
    mkdirSync(path.dirname(path.resolve(reportFile)), { recursive: true });
    writeReport(reportFile, run.notebook, { title, sourcePath: notebook, run });
    io.out(`  report: ${reportFile}`);
  }
  return {
    title,
    notebookPath: notebook,
    reportFile,
    ok: run.ok,
    durationMs: run.durationMs,
    summary: run.failure ? failureHeadline(run.failure) : runHeadline(run),
    verdicts: shownVerdicts(run.notebook),
  };
}

/** Runs `conclab run` with the arguments after "run"; resolves to the process exit code. */
export async function runCommand(argv: string[], io: RunCommandIo = { out: (line) => console.log(line), color: process.stdout.isTTY === true }): Promise<number> {
  let args: RunArguments;
  try {
    args = parseRunArguments(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.out(`conclab run: ${e.message}`);
    return 2;
  }
  if (args.help) {
    io.out(RUN_USAGE);
    return 0;
  }
  const files = args.htmlDir !== undefined ? reportFiles(args.htmlDir, args.notebooks) : args.notebooks.map(() => args.htmlFile);
  const entries: IndexEntry[] = [];
  for (const [i, notebook] of args.notebooks.entries()) entries.push(await runOne(notebook, args, files[i], io));
  if (args.htmlDir !== undefined) io.out(`index: ${writeIndex(args.htmlDir, entries)}`);
  const failed = entries.filter((e) => !e.ok);
  if (entries.length > 1) {
    io.out(failed.length ? `${failed.length} of ${entries.length} notebooks failed: ${failed.map((e) => e.notebookPath).join(", ")}` : `all ${entries.length} notebooks ran cleanly`);
  }
  return failed.length ? 1 : 0;
}
