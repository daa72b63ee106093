/** Sends process.stdout/stderr (and so console.*) to the cell that wrote them. */
import { CellOutput, StreamName, currentCellOutput } from "./cell-output";

/**
 * @param fallback the cell to use for writes from outside any cell's async context
 *   (e.g. a callback registered by a library), normally the latest cell.
 */
export function captureStdio(fallback: () => CellOutput | undefined): void {
  for (const name of ["stdout", "stderr"] as StreamName[]) {
    const stream = process[name];
    const write = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((e?: Error | null) => void), callback?: (e?: Error | null) => void) => {
      const cell = currentCellOutput.getStore() ?? fallback();
      if (!cell) return write(chunk, encoding as BufferEncoding, callback);
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString(typeof encoding === "string" ? encoding : "utf8");
      cell.stream(name, text);
      const done = typeof encoding === "function" ? encoding : callback;
      if (done) process.nextTick(done);
      return true;
    });
  }
}
