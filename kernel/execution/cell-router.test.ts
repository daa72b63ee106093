import { routeCell } from "./cell-router";

test("plain TypeScript is one segment, exactly as typed", () => {
  expect(routeCell("const x = 1 % 2;")).toEqual({ kind: "code", segments: [{ kind: "typescript", code: "const x = 1 % 2;", firstLine: 1 }] });
  const negations = "const a = 1;\nconst ok = a\n  !== 2;\n!ok";
  expect(routeCell(negations)).toMatchObject({ segments: [{ kind: "typescript", code: "const a = 1;\nconst ok = a\n  !== 2;" }, { kind: "shell", command: "ok" }] });
});

test("help requests, before or after the name", () => {
  expect(routeCell("Math.max?")).toEqual({ kind: "help", target: "Math.max", magic: false });
  expect(routeCell("??console.log")).toEqual({ kind: "help", target: "console.log", magic: false });
  expect(routeCell("%%threads?")).toEqual({ kind: "help", target: "threads", magic: true });
  expect(routeCell("%cd?")).toEqual({ kind: "help", target: "cd", magic: true });
});

test("a cell magic: name, options, and the body below", () => {
  expect(routeCell("%%threads --workers 2\nawait task.sleep(1);\nreturn 1;")).toEqual({
    kind: "cell-magic",
    name: "threads",
    args: "--workers 2",
    body: "await task.sleep(1);\nreturn 1;",
  });
});

test("a line magic, with its arguments", () => {
  expect(routeCell("%lsmagic")).toEqual({ kind: "code", segments: [{ kind: "line-magic", name: "lsmagic", args: "", line: 1 }] });
  expect(routeCell("%results export fast --csv out.csv")).toMatchObject({ segments: [{ kind: "line-magic", name: "results", args: "export fast --csv out.csv" }] });
});

test("shell lines and line magics among TypeScript lines, each in its place, with the cell's line numbers", () => {
  const cell = "const dir = '/tmp';\n\n%cd /tmp\n!ls -l | head\n!echo done\nconst n = 2;\nn * 2";
  expect(routeCell(cell)).toEqual({
    kind: "code",
    segments: [
      { kind: "typescript", code: "const dir = '/tmp';\n", firstLine: 1 },
      { kind: "line-magic", name: "cd", args: "/tmp", line: 3 },
      { kind: "shell", command: "ls -l | head", line: 4 },
      { kind: "shell", command: "echo done", line: 5 },
      { kind: "typescript", code: "const n = 2;\nn * 2", firstLine: 6 },
    ],
  });
});

test("a ! or % line inside unfinished TypeScript (a template string, a block) stays TypeScript", () => {
  const template = "const text = `\n!important\n%done\n`;\n!echo after";
  expect(routeCell(template)).toMatchObject({ segments: [{ kind: "typescript", code: "const text = `\n!important\n%done\n`;" }, { kind: "shell", command: "echo after", line: 5 }] });
  const block = "if (ready) {\n  !stopped && stop();\n}";
  expect(routeCell(block)).toEqual({ kind: "code", segments: [{ kind: "typescript", code: block, firstLine: 1 }] });
});

test("a %%magic below the first line is kept with its %% for the error that names it", () => {
  expect(routeCell("const x = 1;\n%%bash\necho hi")).toMatchObject({ segments: [{ kind: "typescript" }, { kind: "line-magic", name: "%bash", line: 2 }, { kind: "typescript" }] });
});
