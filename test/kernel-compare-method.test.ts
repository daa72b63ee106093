/**
 * %%compare's comparison method, as a statistician would check it: each property over 10 real
 * comparisons in a kernel over ZeroMQ, with %%compare's default rounds and warm-up (--json only
 * shows the result as JSON in place of the table and charts; it changes nothing that is measured).
 */
import { KernelClient } from "../client/kernel-client";
import type { ComparisonResult } from "../magics/result/experiment-result";
import { startKernel } from "./kernel-harness";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

const COMPARISONS = 10;

interface Outcome {
  verdict: string | undefined;
  ratio: number;
  interval: [number, number] | undefined;
  /** The second model's wall time of each measured run, ms. */
  walls: number[];
}

/** Runs one %%compare --json cell and reads the second model's verdict, ratio and wall times from the result it shows. */
async function compare(cell: string): Promise<Outcome> {
  const { reply, iopub } = await kernel.execute(cell);
  if (reply.content.status !== "ok") throw new Error(`${cell.split("\n")[0]}: ${JSON.stringify(reply.content)}`);
  const shown = iopub.filter((m) => ["display_data", "update_display_data"].includes(m.header.msg_type)).map((m) => (m.content.data as Record<string, unknown>)["application/json"]);
  const result = shown.filter((data) => data !== undefined).pop() as ComparisonResult;
  const { test, ratio } = result.ratios[1];
  return { verdict: test?.verdict, ratio, interval: test?.interval, walls: result.experiments[1].runs.map((r) => r.wallMs) };
}

/** What each comparison said, for the failure message: "faster 0.75× (0.71–0.78×)". */
function said(outcomes: readonly Outcome[]): string {
  return outcomes.map((o) => `${o.verdict} ${o.ratio.toFixed(3)}× (${o.interval?.map((v) => v.toFixed(3)).join("–")}×)`).join("; ");
}

const different = (o: Outcome) => o.verdict === "slower" || o.verdict === "faster";

test("equal work under two models (A/A) is called different in at most 1 of 10 comparisons", async () => {
  const outcomes: Outcome[] = [];
  // No await in the body: %%async runs the two tasks one after the other, the same work as %%sync.
  // 2 x 50 ms of CPU: long enough that scheduler noise stays well under the 2% threshold of "negligible".
  for (let i = 0; i < COMPARISONS; i++) outcomes.push(await compare("%%compare --models sync,async --tasks 2 --json\ntask.spin(50);"));
  expect(outcomes.every((o) => o.verdict !== undefined && o.walls.length === 12)).toBe(true);
  expect({ calledDifferent: outcomes.filter(different).length <= 1, said: said(outcomes) }).toEqual({ calledDifferent: true, said: said(outcomes) });
}, 120_000);

test("a real 1.33x difference (two tasks of 10 ms sleep + 10 ms CPU, sync vs async) is found in at least 9 of 10 comparisons", async () => {
  const outcomes: Outcome[] = [];
  // sync: sleep, spin, sleep, spin (40 ms); async: both sleeps at once, then both spins (30 ms).
  for (let i = 0; i < COMPARISONS; i++) outcomes.push(await compare("%%compare --models sync,async --tasks 2 --json\nawait task.sleep(10);\ntask.spin(10);"));
  expect({ found: outcomes.filter((o) => o.verdict === "faster").length >= 9, said: said(outcomes) }).toEqual({ found: true, said: said(outcomes) });
}, 120_000);

test("one stalled run of the faster model among 9 rounds does not hide a real 2x difference", async () => {
  const outcomes: Outcome[] = [];
  for (let i = 0; i < COMPARISONS; i++) {
    // Async runs both tasks at once, so its task 1 starts while task 0 is in flight; sync's never does.
    // Its async run number `stallAt` (the warm-up is run 1) stalls for 500 ms of busy main thread.
    const stallAt = 2 + (i % 9);
    const body = [
      "const g = globalThis as unknown as Record<string, number | undefined>;",
      'g.conclabInFlight = (g.conclabInFlight ?? 0) + 1;',
      `if (task.index === 1 && g.conclabInFlight === 2 && (g.conclabAsyncRuns${i} = (g.conclabAsyncRuns${i} ?? 0) + 1) === ${stallAt}) {`,
      "  const until = Date.now() + 500;",
      "  while (Date.now() < until);",
      "}",
      "await task.sleep(20);",
      "g.conclabInFlight = (g.conclabInFlight ?? 1) - 1;",
    ].join("\n");
    outcomes.push(await compare(`%%compare --models sync,async --tasks 2 --repeat 9 --json\n${body}`));
  }
  // Each comparison had its stall: one async run of 500 ms or more, in the round it was meant for.
  expect(outcomes.map((o) => o.walls.findIndex((w) => w >= 500))).toEqual(Array.from({ length: COMPARISONS }, (_, i) => i % 9));
  expect(outcomes.map((o) => o.walls.filter((w) => w >= 500).length)).toEqual(Array(COMPARISONS).fill(1));
  expect({ found: outcomes.every((o) => o.verdict === "faster"), said: said(outcomes) }).toEqual({ found: true, said: said(outcomes) });
}, 120_000);
