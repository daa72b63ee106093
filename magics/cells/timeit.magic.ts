import { flag, integer, option, optionalOption } from "../framework/option-spec";
import { wrapBody } from "../body/wrap-body";
import { defineMagic } from "../framework/magic";
import { MAX_LOOPS, autorangeLoops } from "../timing/autorange";
import { GlobalHook } from "../timing/global-hook";
import { TimeitResult } from "../timing/timeit-result";

type TimedLoop = (loops: number) => Promise<number>;

const timedLoops = new GlobalHook<(loop: TimedLoop) => void>("conclab.timeit.loop");

export const timeitMagic = defineMagic({
  name: "timeit",
  summary: "time the cell over many loops and runs, like IPython's %%timeit",
  lineSummary: "time one statement over many loops and runs (%%timeit times a cell)",
  description:
    "Runs the cell as plain TypeScript (top-level await works) in a loop: -n loops per run, -r runs; " +
    "without -n, the first of 1, 2, 5, 10, 20, 50... loops whose run takes 0.2 s (the one before it when R runs of that would take the whole measurement past 2.5 s); " +
    "prints the mean and standard deviation per loop. Variables the cell declares stay inside the loop; its imports go to the notebook.",
  options: {
    loops: optionalOption(integer("N", 1, MAX_LOOPS), "loops per run", { short: "n", defaultText: "auto-ranged" }),
    runs: option(integer("R", 1, 1000), "runs; the mean and standard deviation are over these", { default: 7, short: "r" }),
    output: { ...flag("return a TimeitResult (loops, repeat, best, worst, allRuns, timings, average, stdev)"), short: "o" },
    quiet: { ...flag("print nothing"), short: "q" },
  },
  async run(options, body, ctx) {
    let loop: TimedLoop | undefined;
    const cell = wrapBody(
      body,
      (imports) => `${imports}${timedLoops.code}(async (conclabLoops: number) => { const conclabStart = performance.now(); for (let conclabLoop = 0; conclabLoop < conclabLoops; conclabLoop++) {`,
      "\n} return performance.now() - conclabStart; });",
    );
    const compileStart = process.hrtime.bigint();
    await timedLoops.with((l) => (loop = l), () => ctx.compilePlainCell(cell.source)());
    const compileTime = Number(process.hrtime.bigint() - compileStart) / 1e9;
    const seconds = async (loops: number) => {
      if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error("the cell was interrupted");
      return (await loop!(loops)) / 1000;
    };
    const loops = options.loops ?? (await autorangeLoops(seconds, options.runs));
    const allRuns: number[] = [];
    for (let run = 0; run < options.runs; run++) allRuns.push(await seconds(loops));
    const result = new TimeitResult(loops, options.runs, allRuns, compileTime);
    if (!options.quiet) ctx.stdout(`${result.toString()}\n${result.cachingWarning() ?? ""}`.trimEnd() + "\n");
    return options.output ? result : undefined;
  },
});
