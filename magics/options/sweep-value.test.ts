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

  it("refuses a task.input name taken by another option, by --input or by a notebook variable", () => {
    expect(() => checkSweep("threads", { parameter: "size", values: [1] }, threadsOptions, ["data"], {})).not.toThrow();
    expect(() => checkSweep("threads", { parameter: "repeat", values: [1] }, threadsOptions, [], {})).toThrow(/--repeat cannot be swept: of the options, only tasks, workers, concurrency can/);
    expect(() => checkSweep("threads", { parameter: "data", values: [1] }, threadsOptions, ["data"], {})).toThrow(/data is also named by --input/);
    expect(() => checkSweep("threads", { parameter: "size", values: [1] }, threadsOptions, [], { size: 3 })).toThrow(/size is a notebook variable/);
  });
});
