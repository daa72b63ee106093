import { runMagicCell } from "../registry";
import type { ExperimentValue } from "../run-experiment";
import type { FakeMagicContext } from "./fake-magic-context";

/** Runs a task magic and hands back its result with the time it took, for tests. */
export async function runExperimentCell(ctx: FakeMagicContext, magicLine: string, body: string): Promise<{ result: ExperimentValue; ms: number }> {
  const [, name, argLine] = /^%%(\S+)\s*(.*)$/.exec(magicLine)!;
  const started = Date.now();
  const result = (await runMagicCell(name, argLine, body, ctx)) as ExperimentValue;
  return { result, ms: Date.now() - started };
}
