/**
 * A plain cell's top-level code against the same code inside a function, in one kernel, sent
 * through the client: a counting loop, and a loop over an array of objects an earlier cell
 * declared. Each cell times its own loop with performance.now(), so the type-check and the
 * round-trip, which both cells pay alike, stay out of the ratio.
 */
import { KernelClient } from "../client/kernel-client";
import { median } from "../magics/statistics/statistics";
import type { BenchRow } from "./bench-row";

const ROUNDS = 9;
const OBJECTS = 1_000_000;
const PASSES = 10;

interface LoopPair {
  name: string;
  topLevel: string;
  inFunction: string;
}

/** Each cell's last expression is the milliseconds its loop took. */
const PAIRS: LoopPair[] = [
  {
    name: "`let acc = 0; for (let i = 0; i < 1e7; i++) acc += i;`",
    topLevel: "const started = performance.now();\nlet acc = 0; for (let i = 0; i < 1e7; i++) acc += i;\nperformance.now() - started",
    inFunction: "function count() { let acc = 0; for (let i = 0; i < 1e7; i++) acc += i; return acc; }\nconst started = performance.now();\ncount();\nperformance.now() - started",
  },
  {
    name: `\`for (const o of objects) sum += o.v\`, ${OBJECTS / 1e6}M objects of an earlier cell, x${PASSES}`,
    topLevel: `const started = performance.now();\nlet sum = 0; for (let pass = 0; pass < ${PASSES}; pass++) for (const o of objects) sum += o.v;\nperformance.now() - started`,
    inFunction: `function total(list: { v: number }[]) { let sum = 0; for (let pass = 0; pass < ${PASSES}; pass++) for (const o of list) sum += o.v; return sum; }\nconst started = performance.now();\ntotal(objects);\nperformance.now() - started`,
  },
];

async function cellMs(kernel: KernelClient, code: string): Promise<number> {
  const { reply, iopub } = await kernel.execute(code);
  const result = iopub.find((m) => m.header.msg_type === "execute_result");
  const text = (result?.content.data as Record<string, string> | undefined)?.["text/plain"];
  if (reply.content.status !== "ok" || text === undefined) throw new Error(`the cell failed or showed no result: ${JSON.stringify(reply.content)}\n${code}`);
  return Number(text);
}

/** Rows: the top-level loop's median ms (value) against the same loop in a function (baseline), alternated round by round. */
export async function benchTopLevelCode(): Promise<BenchRow[]> {
  const kernel = await KernelClient.start();
  try {
    const declared = await kernel.execute(`const objects = Array.from({ length: ${OBJECTS} }, (_, i) => ({ v: i }));`);
    if (declared.reply.content.status !== "ok") throw new Error(`declaring the objects failed: ${JSON.stringify(declared.reply.content)}`);
    const rows: BenchRow[] = [];
    for (const pair of PAIRS) {
      const topLevel: number[] = [];
      const inFunction: number[] = [];
      await cellMs(kernel, pair.topLevel);
      await cellMs(kernel, pair.inFunction);
      for (let round = 0; round < ROUNDS; round++) {
        topLevel.push(await cellMs(kernel, pair.topLevel));
        inFunction.push(await cellMs(kernel, pair.inFunction));
      }
      const value = median(topLevel);
      const baseline = median(inFunction);
      rows.push({ name: `top level / in a function: ${pair.name}`, value, baseline, ratio: value / baseline, unit: "ms", target: "<= 1.5" });
    }
    return rows;
  } finally {
    await kernel.shutdown();
  }
}
