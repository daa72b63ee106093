import { homedir } from "node:os";
import * as path from "node:path";

/** `~` and `~/x` as a shell reads them: in the user's home folder. */
export function expandHome(given: string): string {
  return given === "~" || given.startsWith("~/") ? path.join(homedir(), given.slice(1)) : given;
}
