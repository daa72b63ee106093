/** `!command`: one line of a cell run by /bin/sh, as IPython runs it. */
import { UsageError } from "../framework/usage-error";
import type { MagicContext } from "../framework/magic-context";
import { describeExit, runShell } from "./shell-command";

export const SHELL_LINE_HELP = [
  "!COMMAND    run COMMAND with /bin/sh in the kernel's folder (%cd moves it) and environment (%env sets it);",
  "            its output shows as it comes, a non-zero exit status is said on stderr, interrupt stops it.",
  "            A cell may hold several ! lines, and TypeScript lines between them.",
].join("\n");

/** Runs the command; a failing one is said on stderr and the cell goes on, as in IPython. */
export async function runShellLine(command: string, ctx: MagicContext): Promise<void> {
  if (!command) throw new UsageError("! needs a command after it, e.g. !ls -l");
  const exit = await runShell(true, command, ctx);
  if (exit.code !== 0) ctx.stderr(`!${command} ${describeExit(exit)}\n`);
}
