import { runMagicCell } from "../registry";
import { closeSharedEngine, fakeMagicContext } from "../../test/support/fake-magic-context";
import { TimeitResult } from "./timeit-result";

afterAll(closeSharedEngine);

const IPYTHON_LINE = /^\d+(\.\d+)? (s|ms|µs|ns) ± \d+(\.\d+)? (s|ms|µs|ns) per loop \(mean ± std\. dev\. of (\d+) runs?, ([\d,]+) loops? each\)$/;

describe("%%time", () => {
  it("runs the cell as plain TypeScript, prints CPU and wall time, returns its value and keeps its variables", async () => {
    const ctx = fakeMagicContext();
    const value = await runMagicCell("time", "", "const kept = 21;\nawait new Promise((r) => setTimeout(r, 20));\nkept * 2", ctx);
    expect(value).toBe(42);
    expect(ctx.stdoutText.join("")).toMatch(/^CPU times: user \S+ \S+, sys: \S+ \S+, total: \S+ \S+\nWall time: (\d+(\.\d+)?) (ms|s)\n/);
    const wall = /Wall time: ([\d.]+) (ms|s)/.exec(ctx.stdoutText.join(""))!;
    expect(Number(wall[1]) * (wall[2] === "s" ? 1000 : 1)).toBeGreaterThanOrEqual(19);
    await expect(ctx.cell("kept")).resolves.toBe(21);
  });

  it("passes on a type error of the cell", async () => {
    await expect(runMagicCell("time", "", "const n: number = 'x';", fakeMagicContext())).rejects.toThrow(/not assignable/);
  });
});

describe("%%timeit", () => {
  it("runs -r runs of -n loops and prints IPython's line; -o returns a TimeitResult", async () => {
    const ctx = fakeMagicContext();
    await ctx.cell("const values = [3, 1, 2];");
    const result = (await runMagicCell("timeit", "-n 50 -r 3 -o", "import * as util from 'node:util';\nutil.inspect([...values].sort())", ctx)) as TimeitResult;
    expect(result).toBeInstanceOf(TimeitResult);
    expect(result).toMatchObject({ loops: 50, repeat: 3 });
    expect(result.allRuns).toHaveLength(3);
    expect(result.timings.every((t) => t > 0)).toBe(true);
    const printed = ctx.stdoutText.join("").split("\n")[0];
    expect(printed).toMatch(IPYTHON_LINE);
    expect(IPYTHON_LINE.exec(printed)!.slice(5, 7)).toEqual(["3", "50"]);
  });

  it("auto-ranges the loop count to the first of 1, 2, 5, 10... that takes 0.2 s, with top-level await", async () => {
    const ctx = fakeMagicContext();
    const result = (await runMagicCell("timeit", "-r 2 -o -q", "await new Promise((r) => setTimeout(r, 25));", ctx)) as TimeitResult;
    expect(result.loops).toBe(10);
    expect(result.best).toBeGreaterThanOrEqual(0.024);
    expect(ctx.stdoutText).toEqual([]);
  });

  it("returns nothing without -o, and keeps the cell's declarations inside its loop", async () => {
    const ctx = fakeMagicContext();
    await expect(runMagicCell("timeit", "-n 2 -r 1", "const inside = 1;", ctx)).resolves.toBeUndefined();
    await expect(ctx.cell("typeof inside")).rejects.toThrow(/Cannot find name 'inside'/);
  });
});

describe("TimeitResult", () => {
  it("prints like IPython and computes best, worst, average and the population stdev per loop", () => {
    const result = new TimeitResult(10, 2, [0.1, 0.3], 0.01);
    expect(result.timings).toEqual([0.01, 0.03]);
    expect(result.best).toBe(0.01);
    expect(result.worst).toBe(0.03);
    expect(result.average).toBeCloseTo(0.02);
    expect(result.stdev).toBeCloseTo(0.01);
    expect(result.toString()).toBe("20 ms ± 10 ms per loop (mean ± std. dev. of 2 runs, 10 loops each)");
    expect(new TimeitResult(1, 1, [2], 0).toString()).toBe("2 s ± 0 ns per loop (mean ± std. dev. of 1 run, 1 loop each)");
    expect(result[Symbol.for("Jupyter.display") as never]).toBeDefined();
  });

  it("warns like IPython when the slowest run is over 4 times the fastest", () => {
    expect(new TimeitResult(1, 2, [0.001, 0.005], 0).cachingWarning()).toBe("The slowest run took 5.00 times longer than the fastest. This could mean that an intermediate result is being cached.");
    expect(new TimeitResult(1, 2, [0.001, 0.002], 0).cachingWarning()).toBeUndefined();
  });
});
