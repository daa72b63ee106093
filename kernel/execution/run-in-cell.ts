import type { Kernel } from "../kernel";
import { CellOutput, currentCellOutput } from "./cell-output";

/** Runs `work` inside the cell's output context; an interrupt rejects at once, even while `work` still waits. */
export function runInCell<T>(kernel: Kernel, output: CellOutput, work: () => Promise<T>): Promise<T> {
  return kernel.interrupts.race(currentCellOutput.run(output, work));
}
