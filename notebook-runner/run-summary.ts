/** The words a run is reported in, shared by the terminal, the report page and the index page. */
import { formatMs } from "../common/units";
import { NotebookExecution, RunFailure } from "./notebook-runner";

/** "cell 5 (id 1a2b3c4d)": the 1-based position among all cells, as a reader counts them, and the id to search for. */
export function cellLabel(failure: Pick<RunFailure, "cellIndex" | "cellId">): string {
  return failure.cellIndex === undefined ? "before any cell" : `cell ${failure.cellIndex + 1} (id ${failure.cellId})`;
}

export function failureHeadline(failure: RunFailure): string {
  switch (failure.reason) {
    case "kernel-start":
      return `the kernel did not start: ${failure.evalue.split("\n")[0]}`;
    case "kernel-died":
      return `the kernel died while running ${cellLabel(failure)}`;
    case "timeout":
      return `${cellLabel(failure)} timed out: ${failure.evalue}`;
    case "error":
      return `${cellLabel(failure)} raised ${failure.ename}: ${failure.evalue}`;
  }
}

export function runHeadline(run: Pick<NotebookExecution, "ok" | "cells" | "failure" | "durationMs">): string {
  const ran = run.cells.filter((c) => c.status !== "not-run" && c.status !== "skipped").length;
  const done = `${ran} of ${run.cells.length} code cells ran in ${formatMs(run.durationMs)}`;
  return run.failure ? `failed: ${failureHeadline(run.failure)} (${done})` : `ok: ${done}`;
}
