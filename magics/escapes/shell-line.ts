/** `!command`: one line of a cell run by /bin/sh, as IPython runs it. */
import { UsageError } from "../framework/usage-error";
import type { MagicContext } from "../framework/magic-context";
import { describeExit, runShell } from "./shell-command";

export const SHELL_LINE_HELP = [
  "!COMMAND    run COMMAND with /bin/sh in the kernel's folder (%cd moves it) and environment (%env sets it);",
  "            its output shows as it comes, a non-zero exit status is said on stderr, interrupt stops it.",
  "            A cell may hold several ! lines, and TypeScript lines between them. Any line that starts with !",
  "            is a shell line, even !done && run(): write (!done) && run() for TypeScript's \"not\".",
].join("\n");

/** `!done && run()`, `!flag`: a line that reads as TypeScript's "not" of a name, which the shell got. */
const NEGATED_NAME = /^[A-Za-z_$][\w$]*(?=\s*(?:$|[.()[;?]|&&|\|\|))/;

/** Runs the command; a failing one is said on stderr and the cell goes on, as in IPython. */
export async function runShellLine(command: string, ctx: MagicContext): Promise<void> {
  if (!command) throw new UsageError("! needs a command after it, e.g. !ls -l");
  const exit = await runShell(true, command, ctx);
  if (exit.code === 0) return;
  const name = NEGATED_NAME.exec(command)?.[0];
  const hint = name
    ? `A line that starts with ! runs in the shell, as in IPython. If you meant TypeScript's "not", start the line otherwise: (!${name})${command.slice(name.length)}\n`
    : "";
  ctx.stderr(`!${command} ${describeExit(exit)}\n${hint}`);
}
