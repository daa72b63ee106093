/** The line magic %results: list the kept results, export one to a file, diff two. */
import { splitArgLine } from "../framework/split-arg-line";
import { closestWord } from "../../common/closest-word";
import { attachDisplay } from "../../common/mime-bundle";
import type { LineMagic } from "../framework/magic";
import { UsageError } from "../framework/usage-error";
import { exportResult } from "./export-result";
import { findKeptResult, keptResults } from "./kept-results";
import { resultDiff } from "./result-diff";
import { resultsCompare } from "./results-compare";
import { parseResultsArgs } from "./results-args";
import { resultsList } from "./results-list";

export const RESULTS_SUMMARY = "the kept results: list them, export one (--csv/--json/--trace FILE), diff two, compare several (Node and CPython side by side)";

export const RESULTS_HELP = [
  "%results                                 the kept results ($last and each $results.NAME): kind, magic line, tasks, median wall, when, machine",
  "%results export NAME --csv FILE          one row per measured run of every experiment (RFC 4180 CSV)",
  "%results export NAME --json FILE         the full result as JSON",
  "%results export NAME --trace FILE        the task spans as Chrome trace events (open in Perfetto or chrome://tracing): one track per",
  "                                         thread or process, one process per experiment, measured runs one after another",
  "%results diff A B                        A and B side by side: median wall, CPU, peak RSS, loop delay p99, tasks, with B/A;",
  "                                         and the options and the machine where they differ",
  "%results compare A B [C...]              single experiments kept from separate cells (%%threads beside %%python --model threads, say) in one table",
  "                                         and one bars chart, each row's wall time against A's: the median of every cross ratio of their runs",
  "                                         with an exact Mann–Whitney interval and a verdict (unpaired: the runs were not interleaved, so a",
  "                                         change of the machine between the cells is in the ratio; %%compare interleaves); 4 runs a side for a verdict",
  "",
  "NAME, A, B: a name given with --name (or $results.NAME), or $last (also: last) for the latest result.",
  "FILE is relative to the notebook's folder unless absolute; an existing file is replaced.",
  "diff pairs two single experiments, the same models of two %%compare results, or the same values of two sweeps.",
].join("\n");

export const SUBCOMMANDS = ["export", "diff", "compare"];

/** Runs `%results ARGS` against the notebook's variables; files are written relative to `notebookDirectory`. */
export function resultsLineMagic(args: string, scope: Record<string, unknown>, notebookDirectory: string): Record<string, string> {
  const [subcommand, ...words] = splitArgLine(args);
  if (subcommand === undefined) return resultsList(keptResults(scope));
  if (subcommand === "export") return { "text/plain": exportResult(words, scope, notebookDirectory) };
  if (subcommand === "diff") {
    const { positionals } = parseResultsArgs("diff", words, {}, "%results diff A B");
    if (positionals.length !== 2) throw new UsageError(`%results diff takes two kept results, A and B, got ${positionals.length === 0 ? "none" : positionals.join(" ")}; write %results diff A B (%results lists them)`);
    return resultDiff(findKeptResult(scope, positionals[0], "%results diff"), findKeptResult(scope, positionals[1], "%results diff"));
  }
  const near = closestWord(subcommand, SUBCOMMANDS);
  throw new UsageError(`%results has no subcommand ${JSON.stringify(subcommand)}${near ? ` (did you mean ${near}?)` : ""}; write %results, %results export NAME --csv FILE (or --json FILE, --trace FILE), %results diff A B, or %results compare A B [C...]`);
}

export const resultsMagic: LineMagic = {
  name: "results",
  summary: RESULTS_SUMMARY,
  help: RESULTS_HELP,
  async run(args, ctx) {
    const [subcommand, ...words] = splitArgLine(args);
    if (subcommand === "compare") {
      const { positionals } = parseResultsArgs("compare", words, {}, "%results compare A B [C...]");
      for (const bundle of resultsCompare(positionals, ctx.notebookScope, ctx.clientSession)) ctx.display(bundle);
      return undefined;
    }
    const bundle = resultsLineMagic(args, ctx.notebookScope, ctx.notebookDirectory ?? process.cwd());
    return attachDisplay({}, () => bundle);
  },
};
