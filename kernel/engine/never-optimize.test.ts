import { neverOptimize, withIntrinsics } from "./never-optimize";
import { createTypeScriptEngine, tslabTypeScriptPath } from "./tslab-adapter";

/** V8's %GetOptimizationStatus bit for code TurboFan compiled (src/runtime/runtime-test.cc). */
const TURBOFANNED = 1 << 6;

const optimizationStatus = withIntrinsics<(f: (...args: never[]) => unknown) => number>("f", "return %GetOptimizationStatus(f);");

test("a marked function stays unoptimised however hot it runs, while its twin is optimised", async () => {
  const source = "let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s;";
  const marked = new Function("n", source) as (n: number) => number;
  const twin = new Function("n", source) as (n: number) => number;
  expect(neverOptimize([marked])).toBeUndefined();
  let sink = 0;
  for (let round = 0; round < 200 && !(optimizationStatus(twin) & TURBOFANNED); round++) {
    for (let i = 0; i < 1000; i++) sink += marked(100) + twin(100);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  expect(sink).toBeGreaterThan(0);
  expect(optimizationStatus(twin) & TURBOFANNED).toBeTruthy();
  expect(optimizationStatus(marked) & TURBOFANNED).toBe(0);
});

test("TypeScript's createProgram, createTypeChecker and createPrinter stay unoptimised over 300 cells", async () => {
  const engine = createTypeScriptEngine({ light: true });
  // Unmarked, V8 compiled createProgram after about 200 such cells.
  for (let i = 0; i < 300; i++) engine.convert("", `const x${i} = ${i} + 1;`);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  engine.close();
  const ts = require(tslabTypeScriptPath()) as Record<string, (...args: never[]) => unknown>;
  const optimised = ["createProgram", "createTypeChecker", "createPrinter"].filter((name) => optimizationStatus(ts[name]) & TURBOFANNED);
  expect(optimised).toEqual([]);
}, 60_000);
