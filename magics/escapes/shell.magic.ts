/** %%bash and %%sh: the cell is a script for that shell. */
import { defineMagic } from "../framework/magic";
import { describeExit, runShell } from "./shell-command";

/** A script that exited non-zero: named as IPython names it. */
class CalledProcessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CalledProcessError";
  }
}

function shellMagic(name: string, shell: string) {
  return defineMagic({
    name,
    summary: `run the cell as a ${name} script, its output as it comes`,
    description:
      `Runs the cell with ${shell} -c in the kernel's folder (%cd moves it) and environment (%env sets it). Its stdout and stderr show as they come; ` +
      "a non-zero exit status makes the cell fail (CalledProcessError, as IPython's); interrupt sends the script SIGINT, then SIGKILL a second later.",
    body: `the ${name} script`,
    options: {},
    async run(_options, body, ctx) {
      const exit = await runShell(shell, body, ctx);
      if (exit.code !== 0) throw new CalledProcessError(`the ${name} script ${describeExit(exit)}`);
      return undefined;
    },
  });
}

export const bashMagic = shellMagic("bash", "bash");
export const shMagic = shellMagic("sh", "/bin/sh");
