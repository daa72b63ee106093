import { UsageError } from "../framework/usage-error";
import { asyncOptions } from "../cells/async.magic";
import { threadsOptions } from "../cells/threads.magic";
import { parseMagicArgs } from "../framework/parse-magic-args";
import { checkSweep } from "./sweep-value";

const sweepOf = (argLine: string) => parseMagicArgs("threads", threadsOptions, argLine).sweep;

describe("--sweep", () => {
  it("reads a name and different positive numbers", () => {
    expect(sweepOf("--sweep tasks=1,10,100")).toEqual({ parameter: "tasks", values: [1, 10, 100] });
    expect(sweepOf("--sweep size=0.5,2e3")).toEqual({ parameter: "size", values: [0.5, 2000] });
    expect(sweepOf("")).toBeUndefined();
  });

  it("rejects what is not NAME=numbers above 0, each once, naming the option", () => {
    for (const bad of ["tasks", "tasks=", "tasks=1,,2", "tasks=0,1", "tasks=-1", "tasks=a,b", "1x=1,2", "tasks=2,2"]) {
      expect(() => sweepOf(`--sweep ${bad}`)).toThrow(UsageError);
      expect(() => sweepOf(`--sweep ${bad}`)).toThrow(new RegExp(`--sweep expects NAME=V,V,\\.\\.\\., .*got "${bad}"`));
    }
  });

  it("takes tasks, workers, concurrency only where the magic has that option, with that option's values", () => {
    expect(() => checkSweep("threads", { parameter: "workers", values: [1, 2] }, threadsOptions, [], {})).not.toThrow();
    expect(() => checkSweep("threads", { parameter: "concurrency", values: [1, 2] }, threadsOptions, [], {})).toThrow(/%%threads: --sweep concurrency=1,2: %%threads has no --concurrency; --concurrency is taken by %%async and %%compare/);
    expect(() => checkSweep("async", { parameter: "workers", values: [2] }, asyncOptions, [], {})).toThrow(/--workers is taken by %%threads, %%processes and %%compare/);
    expect(() => checkSweep("threads", { parameter: "workers", values: [1.5] }, threadsOptions, [], {})).toThrow(/1\.5 is not a value of --workers, which expects W, an integer from 1 to 256/);
    expect(() => checkSweep("threads", { parameter: "tasks", values: [2_000_000] }, threadsOptions, [], {})).toThrow(/2000000 is not a value of --tasks/);
  });

  it("reads NAME=VARIABLE, its values taken from the notebook variable when the sweep is checked", () => {
    const sweep = sweepOf("--sweep workers=counts");
    expect(sweep).toEqual({ parameter: "workers", values: [], variable: "counts" });
    if (!sweep) throw new Error("no sweep parsed");
    checkSweep("threads", sweep, threadsOptions, [], { counts: [2, 4, 16, 64] });
    expect(sweep.values).toEqual([2, 4, 16, 64]);
    const size = { parameter: "size", values: [], variable: "sizes" };
    checkSweep("threads", size, threadsOptions, [], { sizes: [0.5, 2] });
    expect(size.values).toEqual([0.5, 2]);
  });

  it("refuses a variable that is missing or not an array of different numbers above 0, saying what it holds", () => {
    const check = (scope: Record<string, unknown>) => () => checkSweep("threads", { parameter: "workers", values: [], variable: "counts" }, threadsOptions, [], scope);
    expect(check({})).toThrow(UsageError);
    expect(check({})).toThrow(/%%threads: --sweep workers=counts: there is no notebook variable counts; define it in a cell above .* e\.g\. const counts = \[1, 2, 4\]/);
    for (const [bad, shown] of [[3, "number 3"], ["1,2", "string 1,2"], [[], "\\[\\]"], [[1, 0], "\\[1, 0\\]"], [[2, 2], "\\[2, 2\\]"], [[1, NaN], "\\[1, NaN\\]"], [[1, "2"], '\\[1, "2"\\]'], [{ length: 1 }, "an object \\(Object\\)"], [null, "null"]] as const) {
      expect(check({ counts: bad })).toThrow(new RegExp(`counts is ${shown}; --sweep NAME=VARIABLE takes a notebook variable holding an array of different numbers above 0`));
    }
  });

  it("checks a variable's values against the option it sets, naming the variable and its values", () => {
    expect(() => checkSweep("threads", { parameter: "workers", values: [], variable: "counts" }, threadsOptions, [], { counts: [2, 512] })).toThrow(
      /%%threads: --sweep workers=counts \(counts = \[2, 512\]\): 512 is not a value of --workers, which expects W, an integer from 1 to 256/,
    );
    expect(() => checkSweep("threads", { parameter: "workers", values: [], variable: "counts" }, threadsOptions, [], { counts: [1.5] })).toThrow(/1\.5 is not a value of --workers/);
  });

  it("refuses a task.input name taken by another option, by --input or by a notebook variable", () => {
    expect(() => checkSweep("threads", { parameter: "size", values: [1] }, threadsOptions, ["data"], {})).not.toThrow();
    expect(() => checkSweep("threads", { parameter: "repeat", values: [1] }, threadsOptions, [], {})).toThrow(/--repeat cannot be swept: of the options, only tasks, workers, concurrency can/);
    expect(() => checkSweep("threads", { parameter: "data", values: [1] }, threadsOptions, ["data"], {})).toThrow(/data is also named by --input/);
    expect(() => checkSweep("threads", { parameter: "size", values: [1] }, threadsOptions, [], { size: 3 })).toThrow(/size is a notebook variable/);
  });
});
