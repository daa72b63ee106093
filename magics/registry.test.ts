import { checkLineMagic, completeMagic, listMagics, magicBodyModule, magicHelp, runLineMagic, runMagicCell, UsageError } from "./registry";
import { closeSharedEngine, fakeMagicContext, sharedEngine } from "../test/support/fake-magic-context";

afterAll(closeSharedEngine);

describe("runMagicCell usage errors", () => {
  it("rejects an unknown magic with a suggestion, running nothing", async () => {
    const ctx = fakeMagicContext();
    await expect(runMagicCell("thread", "", "return 1", ctx)).rejects.toThrow(UsageError);
    await expect(runMagicCell("thread", "", "return 1", ctx)).rejects.toThrow(/there is no magic %%thread; did you mean %%threads\? \(%lsmagic lists the magics/);
    expect(ctx.notebookScope.$last).toBeUndefined();
  });

  it("rejects a bad option before anything runs", async () => {
    const ctx = fakeMagicContext();
    await expect(runMagicCell("threads", "--workers 9999", "throw new Error('ran')", ctx)).rejects.toThrow(/--workers expects W, an integer from 1 to 256 \(at most 256: .*\), got "9999"/);
    await expect(runMagicCell("threads", "--spawn --schedule static", "return 1", ctx)).rejects.toThrow(/--schedule static does not apply with --spawn/);
    expect(ctx.notebookScope.$last).toBeUndefined();
  });

  it("rejects --input of a name that is not a notebook variable", async () => {
    const ctx = fakeMagicContext();
    await ctx.cell("const known = 1;");
    await expect(runMagicCell("sync", "--input unknown", "return 1", ctx)).rejects.toThrow(/--input unknown: there is no notebook variable unknown; define it in a cell above \(notebook variables: known\)/);
  });
});

describe("magicHelp and listMagics", () => {
  it("describes a magic's options with what each expects and its default", () => {
    const help = magicHelp("threads")!;
    expect(help).toMatch(/^%%threads \[--tasks N\] .*\[--workers W\] \[--spawn\] \[--schedule S\]/);
    expect(help).toMatch(/--workers W +how many worker threads run tasks at once \(W: an integer from 1 to 256; default the number of cores/);
    expect(help).toMatch(/--input NAME\.\.\. +copy notebook variables/);
    expect(help).toMatch(/--schedule S +.*\(S: one of dynamic, static, chunk=K .*; default dynamic\)/);
    expect(magicHelp("%%timeit")).toMatch(/-n N +loops per run \(N: .*; default auto-ranged\)/);
    expect(magicHelp("nope")).toBeUndefined();
  });

  it("lists every cell magic, every line magic and the ! line with what it does", () => {
    const text = listMagics();
    for (const name of ["sync", "async", "threads", "processes", "compare", "time", "timeit", "bash", "sh", "html", "javascript", "writefile"]) expect(text).toMatch(new RegExp(`^  %%${name} +\\S`, "m"));
    expect(text).toMatch(/^ {2}%%javascript \(%%js\) +send the cell/m);
    for (const name of ["lsmagic", "magic", "results", "env", "cd", "pwd", "who", "whos", "time", "timeit"]) expect(text).toMatch(new RegExp(`^  %${name} +\\S`, "m"));
    expect(text).toMatch(/^ {2}!COMMAND +run COMMAND with \/bin\/sh/m);
  });

  it("gives the help of line magics, of aliases, and says when a cell magic has a line form", () => {
    expect(magicHelp("cd")).toMatch(/^%cd FOLDER +make FOLDER/);
    expect(magicHelp("%env")).toContain("%env NAME=value");
    expect(magicHelp("js")).toMatch(/^%%javascript\n[^]*Also written %%js\./);
    expect(magicHelp("timeit")).toContain("As a line magic: %timeit [OPTIONS] STATEMENT");
  });
});

describe("line magics", () => {
  it("run the line form of %time and %timeit with the statement as the body", async () => {
    const ctx = fakeMagicContext();
    await expect(runLineMagic("time", "6 * 7", ctx)).resolves.toBe(42);
    expect(ctx.stdoutText.join("")).toMatch(/^CPU times: .*\nWall time: /);
    await runLineMagic("timeit", "-n 3 -r 2 Math.hypot(3, 4)", ctx);
    expect(ctx.stdoutText.join("")).toMatch(/per loop \(mean ± std\. dev\. of 2 runs, 3 loops each\)$/m);
    await expect(runLineMagic("timeit", "-n 3", ctx)).rejects.toThrow("%timeit needs a statement after its options, e.g. %timeit Math.sqrt(2)");
    await expect(runLineMagic("timeit", "-x 3 f()", ctx)).rejects.toThrow(/^%timeit: there is no option -x \(options: --loops, --runs, --output, --quiet\)\. %timeit\? lists its options$/);
  });

  it("say what to write instead of an unknown line magic, a cell magic without a line form, or a %%magic below the first line", () => {
    expect(() => checkLineMagic("envv")).toThrow(new UsageError("there is no line magic %envv; did you mean %env? (the line magics are %lsmagic, %magic, %results, %env, %cd, %pwd, %who, %whos, %time, %timeit; cell magics start with %%)"));
    expect(() => checkLineMagic("bash")).toThrow("%bash is a cell magic: write %%bash on the first line of a cell, with the bash script below it");
    expect(() => checkLineMagic("%writefile")).toThrow("%%writefile goes on the first line of its cell, with the text to write below it: move it to the top of a cell of its own");
    expect(() => checkLineMagic("who")).not.toThrow();
  });
});

describe("completeMagic", () => {
  const scope = { data: [1, 2], label: "x", $last: {}, __esModule: true };

  it("completes magic names on the first line", () => {
    expect(completeMagic("%%thr\nreturn 1", 5, scope)).toEqual({ matches: ["%%threads"], start: 0, end: 5 });
    expect(completeMagic("%%t", 3, scope)?.matches).toEqual(["%%threads", "%%time", "%%timeit"]);
  });

  it("completes the options of the magic on the line, and choice values", () => {
    expect(completeMagic("%%threads --tasks 4 --wor", 25, scope)).toEqual({ matches: ["--workers"], start: 20, end: 25 });
    expect(completeMagic("%%threads --sch", 15, scope)?.matches).toEqual(["--schedule"]);
    expect(completeMagic("%%threads --schedule ", 21, scope)).toEqual({ matches: ["dynamic", "static", "chunk="], start: 21, end: 21 });
    expect(completeMagic("%%timeit -", 10, scope)?.matches).toEqual(expect.arrayContaining(["-n", "-r", "-o", "--loops"]));
  });

  it("leaves out the options already on the line, but not those that take several values", () => {
    const line = "%%threads --workers 2 --input data --";
    const matches = completeMagic(line, line.length, scope)!.matches;
    expect(matches).toEqual(expect.arrayContaining(["--input", "--tasks", "--spawn"]));
    expect(matches).not.toContain("--workers");
    expect(completeMagic("%%timeit -n 3 -", 15, scope)!.matches).not.toContain("-n");
    expect(completeMagic("%%timeit -n 3 --", 16, scope)!.matches).not.toContain("--loops");
  });

  it("completes --input with the notebook's variables, one name after another", () => {
    expect(completeMagic("%%threads --input ", 18, scope)).toEqual({ matches: ["data", "label"], start: 18, end: 18 });
    expect(completeMagic("%%threads --input data la", 25, scope)).toEqual({ matches: ["label"], start: 23, end: 25 });
    expect(completeMagic("%%threads --input=d", 19, scope)).toEqual({ matches: ["data"], start: 18, end: 19 });
  });

  it("completes each value of a comma-separated list", () => {
    expect(completeMagic("%%compare --models sync,th", 26, scope)).toEqual({ matches: ["threads"], start: 24, end: 26 });
  });

  it("offers nothing where no word fits: after a single value, for a value without suggestions, after an unknown magic", () => {
    expect(completeMagic("%%threads --schedule static ", 28, scope)?.matches).toEqual([]);
    expect(completeMagic("%%threads --workers ", 20, scope)?.matches).toEqual([]);
    expect(completeMagic("%%nope --", 9, scope)?.matches).toEqual([]);
  });

  it("completes line magic names, and cell magics by their aliases", () => {
    expect(completeMagic("%wh", 3, {})).toEqual({ matches: ["%who", "%whos"], start: 0, end: 3 });
    expect(completeMagic("%%j", 3, {})?.matches).toEqual(["%%javascript", "%%js"]);
    expect(completeMagic("%%writefile -", 13, {})?.matches).toEqual(["--append", "-a"]);
  });

  it("does not complete below the first line or in plain cells", () => {
    expect(completeMagic("%%threads\n--wor", 15, scope)).toBeUndefined();
    expect(completeMagic("const x = 1", 5, scope)).toBeUndefined();
  });
});

describe("magicBodyModule", () => {
  const notebook = { notebookScope: { data: [1, 2] }, notebookDeclarations: "declare const data: number[];\n" };
  const moduleOf = (name: string, argLine: string, body: string) => {
    const module = magicBodyModule(name, argLine, body, notebook);
    if (!module) throw new Error(`%%${name} has no TypeScript body module`);
    return module;
  };

  it("is the module the body is checked as: task.input typed from --input and a swept number", () => {
    const body = "return task.input.";
    const module = moduleOf("sync", "--input data --sweep n=1,2", body);
    const found = sharedEngine().complete(module.declarations, module.source, module.sourceOffset(body.length)!);
    expect(found.candidates).toEqual(["data", "n"]);
    expect(module.bodyOffset(found.start)).toBe(body.length);
  });

  it("makes the notebook's variables unreadable when a model runs the body apart from the notebook", () => {
    expect(moduleOf("sync", "", "return 1;").unreadable).toEqual([]);
    expect(moduleOf("threads", "", "return 1;").unreadable).toEqual(["data"]);
    expect(moduleOf("compare", "--models sync,processes", "return 1;").unreadable).toEqual(["data"]);
    expect(moduleOf("compare", "--models sync,async", "return 1;").unreadable).toEqual([]);
  });

  it("reads an option line that does not parse as no options", () => {
    const body = "return task.";
    const module = moduleOf("threads", "--workers", body);
    expect(sharedEngine().complete(module.declarations, module.source, module.sourceOffset(body.length)!).candidates).toContain("spin");
  });

  it("is the body as written where it runs as a plain cell", () => {
    const module = moduleOf("time", "", "Math.max(1, 2)");
    expect([module.source, module.declarations, module.sourceOffset(3), module.bodyOffset(3)]).toEqual(["Math.max(1, 2)", notebook.notebookDeclarations, 3, 3]);
  });

  it("is no module for a Python body: TypeScript neither completes nor checks it", () => {
    expect(magicBodyModule("python", "--model threads", "await task.sleep(10)", notebook)).toBeUndefined();
  });
});
