import { runMagicCell } from "../../magics/registry";
import type { ExperimentValue } from "../../magics/experiment/open-experiment";
import type { FakeMagicContext } from "./fake-magic-context";

/** Runs a magic cell and resolves to what it kept as $last (a task magic shows its result and returns nothing). */
export async function runMagicForResult(name: string, argLine: string, body: string, ctx: FakeMagicContext): Promise<unknown> {
  await runMagicCell(name, argLine, body, ctx);
  return ctx.notebookScope.$last;
}

/** Runs a task magic and hands back its result (kept as $last) with the time it took, for tests. */
export async function runExperimentCell(ctx: FakeMagicContext, magicLine: string, body: string): Promise<{ result: ExperimentValue; ms: number }> {
  const [, name, argLine] = /^%%(\S+)\s*(.*)$/.exec(magicLine)!;
  const started = Date.now();
  const result = (await runMagicForResult(name, argLine, body, ctx)) as ExperimentValue;
  return { result, ms: Date.now() - started };
}
