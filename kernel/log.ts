import { writeSync } from "node:fs";

/**
 * The kernel's own log, of what went wrong: straight to file descriptor 2, past the capture of
 * process.stderr into cells. Nothing goes there while all is well: jupyter console shares the
 * kernel's stderr with its own screen.
 */
export function log(text: string): void {
  try {
    writeSync(2, `[conclab] ${text}\n`);
  } catch {
    // stderr closed: nowhere left to log
  }
}
