/** `%results export NAME --csv FILE | --json FILE | --trace FILE`: writes a kept result to a file in the notebook's folder (or at an absolute path), replacing the file if there is one. */
import { existsSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { formatBytes } from "../../common/units";
import { whyCannotWrite } from "../../common/write-error";
import { plural } from "../render/result-table";
import { UsageError } from "../framework/usage-error";
import { csvText } from "./csv-text";
import { findKeptResult, shownName } from "./kept-results";
import { experimentEntries } from "./result-entries";
import { parseResultsArgs } from "./results-args";
import { runRows } from "./run-rows";
import { traceOf } from "./trace-events";

const FORMATS = ["csv", "json", "trace"] as const;

const USAGE = "%results export NAME --csv FILE, --json FILE or --trace FILE";

function fail(message: string): UsageError {
  return new UsageError(`%results export: ${message}; write ${USAGE}`);
}

/** Writes the file and says what it wrote, where, and how big. */
export function exportResult(words: readonly string[], scope: Record<string, unknown>, notebookDirectory: string): string {
  const { values, positionals } = parseResultsArgs("export", words, { csv: "FILE", json: "FILE", trace: "FILE" }, USAGE);
  if (positionals.length !== 1) throw fail(positionals.length === 0 ? "say which result to export" : `takes one result NAME, got ${positionals.length} words (${positionals.join(" ")})`);
  const formats = FORMATS.filter((f) => values[f] !== undefined);
  if (formats.length > 1) throw fail(`give one of --csv, --json and --trace, not ${formats.map((f) => `--${f}`).join(" and ")} (one format per file)`);
  const format = formats[0];
  if (format === undefined) throw fail("say the format and the file: --csv FILE, --json FILE or --trace FILE");
  const given = values[format]!;
  const kept = findKeptResult(scope, positionals[0], "%results export");
  const file = path.resolve(notebookDirectory, given);
  const rows = format === "csv" ? runRows(kept.result) : undefined;
  const trace = format === "trace" ? traceOf(kept.result) : undefined;
  const text = rows ? csvText(rows) : trace ? `${JSON.stringify(trace)}\n` : `${JSON.stringify(kept.result, null, 2)}\n`;
  const replaced = existsSync(file);
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new UsageError(`%results export: ${whyCannotWrite(e as NodeJS.ErrnoException, file)}`);
  }
  const experiments = plural(experimentEntries(kept.result).length, "experiment");
  const what = rows
    ? `a row for each of ${plural(rows.length - 1, "measured run")} of ${experiments}`
    : trace
      ? `Chrome trace events for Perfetto or chrome://tracing: ${plural(trace.traceEvents.filter((e) => e.ph === "X").length, "task span")} of ${experiments}, measured runs one after another`
      : "the full result";
  return `wrote ${shownName(kept)} to ${file} (${format === "trace" ? "trace JSON" : format.toUpperCase()}, ${what}, ${formatBytes(Buffer.byteLength(text))})${replaced ? "; it replaced the file that was there" : ""}`;
}
