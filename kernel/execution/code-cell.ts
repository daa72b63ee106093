/** A code cell: its TypeScript, and the `!command` and `%magic` lines among it, each run in its place. */
import type { KernelServices } from "../kernel-services";
import { type CellOutput, runInCell } from "./cell-output";
import type { Segment } from "./cell-router";
import { checkLineMagics, runLineMagicSegment, runShellSegment } from "./magic-bridge";
import type { CellValue } from "./ts-executor";

/**
 * Runs the segments in order, each TypeScript part as a cell of its own (type-checked when its
 * turn comes, against the variables of the parts before it), after checking that every line magic
 * exists. The value is the last segment's: a TypeScript part's last expression, or a line magic's.
 */
export async function runCodeCell(kernel: KernelServices, segments: readonly Segment[], output: CellOutput, label: string): Promise<CellValue> {
  checkLineMagics(segments);
  let last: CellValue = { hasValue: false };
  for (const segment of segments) {
    switch (segment.kind) {
      case "typescript":
        last = await runInCell(kernel.interrupts, output, kernel.executor.compile(segment.code, label, segment.firstLine));
        break;
      case "shell":
        await runShellSegment(kernel, segment, output, label);
        last = { hasValue: false };
        break;
      case "line-magic":
        last = { hasValue: true, value: await runLineMagicSegment(kernel, segment, output, label) };
    }
  }
  return last;
}
