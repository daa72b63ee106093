import { UsageError } from "./usage-error";
import { MAX_WORKERS, scheduleOption, taskOptions, workersOption } from "../options/experiment-options";
import { argument, flag, integer, option, word } from "./option-spec";
import { parseMagicArgs } from "./parse-magic-args";

const threadsLike = { ...taskOptions, workers: workersOption("worker threads", "worker is an OS thread"), schedule: scheduleOption, spawn: flag("a flag") };
const writefileLike = { append: { ...flag("append"), short: "a" }, file: argument(word("FILE", "a path"), "the file to write") };
const timeitLike = { loops: { ...option(integer("N", 1, 1000), "loops", { default: 1 }), short: "n" }, output: { ...flag("return it"), short: "o" } };

function usageError(argLine: string, specs: Parameters<typeof parseMagicArgs>[1] = threadsLike): UsageError {
  try {
    parseMagicArgs("threads", specs, argLine);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).name).toBe("UsageError");
    return e as UsageError;
  }
  throw new Error(`expected a UsageError for: ${argLine}`);
}

describe("parseMagicArgs", () => {
  it("fills every default when the line is empty", () => {
    const parsed = parseMagicArgs("threads", threadsLike, "");
    expect(parsed).toMatchObject({ tasks: 10, repeat: 3, warmup: 0, input: [], spawn: false, schedule: { kind: "dynamic" } });
    expect(parsed.timeout).toBeUndefined();
  });

  it("reads values, flags, --opt=value and quoted values", () => {
    const parsed = parseMagicArgs("threads", threadsLike, `--tasks=1_000 --workers 4 --spawn --timeout 2.5 --name 'best_run'`);
    expect(parsed).toMatchObject({ tasks: 1000, workers: 4, spawn: true, timeout: 2.5, name: "best_run" });
  });

  it("takes several names after --input, and --input given again", () => {
    expect(parseMagicArgs("threads", threadsLike, "--input a b --spawn --input c").input).toEqual(["a", "b", "c"]);
  });

  it("reads --schedule dynamic, static and chunk=K", () => {
    expect(parseMagicArgs("threads", threadsLike, "--schedule static").schedule).toEqual({ kind: "static" });
    expect(parseMagicArgs("threads", threadsLike, "--schedule chunk=64").schedule).toEqual({ kind: "chunk", size: 64 });
  });

  it("reads short options, also grouped and with the value attached", () => {
    expect(parseMagicArgs("timeit", timeitLike, "-n 10 -o")).toEqual({ loops: 10, output: true });
    expect(parseMagicArgs("timeit", timeitLike, "-on5")).toEqual({ loops: 5, output: true });
  });

  it("names an unknown option, suggests the near one and lists the options", () => {
    const e = usageError("--wrokers 2");
    expect(e.message).toMatch(/^%%threads: there is no option --wrokers; did you mean --workers\?/);
    expect(e.message).toContain("--tasks");
  });

  it("says which option lacks its value, what it expects and that nothing was given", () => {
    expect(usageError("--workers").message).toMatch(/--workers expects W, an integer from 1 to 256, got nothing/);
    expect(usageError("--workers --spawn").message).toMatch(/--workers expects W, .* got nothing \(the next word, --spawn, is an option\)/);
  });

  it("rejects a value that is not a number, naming option, expectation and what was given", () => {
    expect(usageError("--tasks ten").message).toMatch(/--tasks expects N, an integer from 1 to 1,000,000, got "ten"/);
    expect(usageError("--timeout soon").message).toMatch(/--timeout expects S, a number of seconds above 0 .*, got "soon"/);
  });

  it("rejects an out-of-range number, and for --workers says the limit and why", () => {
    const e = usageError("--workers 1000");
    expect(e.message).toContain(`--workers expects W, an integer from 1 to ${MAX_WORKERS}`);
    expect(e.message).toMatch(/at most 256: each worker is an OS thread.*got "1000"/);
    expect(usageError("--workers 0").message).toMatch(/got "0"/);
    expect(usageError("--timeout 0").message).toMatch(/--timeout expects S.*got "0"/);
  });

  it("rejects a bad schedule and a bad chunk size", () => {
    expect(usageError("--schedule fast").message).toMatch(/--schedule expects S, one of dynamic, static, chunk=K .*got "fast"/);
    expect(usageError("--schedule chunk=0").message).toMatch(/--schedule expects S.*got "chunk=0"/);
  });

  it("rejects a value given to a flag, a value given twice and a stray word", () => {
    expect(usageError("--spawn=yes").message).toMatch(/--spawn is a flag and takes no value, got "yes"/);
    expect(usageError("--tasks 1 --tasks 2").message).toMatch(/--tasks is given twice \(1 and "2"\)/);
    expect(usageError("workers 2").message).toMatch(/unexpected word "workers".*did you mean --workers\?/);
  });

  it("rejects a name that is not a variable name", () => {
    expect(usageError("--input 2fast").message).toMatch(/--input expects NAME, a variable name .*got "2fast"/);
  });

  it("reads a positional word wherever it stands among the options, and says when it is missing or one too many", () => {
    expect(parseMagicArgs("writefile", writefileLike, "-a 'my notes.txt'")).toEqual({ append: true, file: "my notes.txt" });
    expect(parseMagicArgs("writefile", writefileLike, "out.txt --append")).toEqual({ append: true, file: "out.txt" });
    expect(usageError("-a", writefileLike).message).toBe("%%threads: FILE is missing: give the file to write (FILE: a path). %%threads? lists its options");
    expect(usageError("a.txt b.txt", writefileLike).message).toMatch(/unexpected word "b.txt": the line takes options and FILE \(quote a word with spaces in it\)/);
  });
});
