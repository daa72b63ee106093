import * as ts from "typescript";
import { cellScript } from "./cell-script";

/** Lines as tslab's converter emits them for a cell. */
function output(...lines: string[]): string {
  return ['Object.defineProperty(exports, "__esModule", { value: true });', ...lines].join("\n");
}

const nothingEarlier = () => false;
const noValues = () => false;

test("the names of the reset lines are the cell's, the lines go, and every position of the output stays", () => {
  const js = output("exports.counter = exports.before = void 0;", "exports.after = void 0;", "const before = 5;", "exports.before = before;", "exports.elsewhere = void 0;");
  const script = cellScript(ts, js, undefined, nothingEarlier, noValues);
  expect(script.declared).toEqual(["counter", "before", "after"]);
  expect(script.text).toHaveLength(js.length);
  expect(script.text.split("\n").map((line) => line.trim())).toEqual([
    '$$defineScopeProperty(exports, "__esModule", { value: true });',
    "",
    "",
    "const before = 5;",
    "$$local.before = before;",
    "exports.elsewhere = void 0;",
  ]);
});

test("a variable only top-level code names lives on $$local; one a function names stays on the scope, here and later", () => {
  const js = output("exports.show = exports.seen = exports.acc = void 0;", "let acc = 0;", "exports.acc = acc;", "for (let i = 0; i < 3; i++)", "    exports.acc = acc += i;",
    "let seen = 1;", "exports.seen = seen;", "const show = () => seen;", "exports.show = show;");
  const script = cellScript(ts, js, undefined, nothingEarlier, noValues);
  expect(script.local).toEqual(["show", "acc"]);
  expect(script.captured).toEqual(["seen"]);
  expect(script.text).toContain("$$local.acc = acc += i;");
  expect(script.text).toContain("exports.seen = seen;");
  expect(script.text).toContain("$$local.show = show;");
});

test("a variable of an earlier cell comes onto $$local when the scope holds a plain value for it and no function of any cell names it", () => {
  const js = output("for (const o of exports.objects)", "    exports.sum += o.v;", "exports.gone;", "exports.counted;", "const f = () => exports.later;");
  const script = cellScript(ts, js, undefined, (name: string) => name === "counted", (name) => name !== "gone");
  expect(script.local).toEqual(["objects", "sum"]);
  expect(script.fromEarlierCells).toEqual(["objects", "sum"]);
  expect(script.captured).toEqual(["later"]);
  expect(script.text).toContain("for (const o of $$local.objects)\n    $$local.sum += o.v;");
  expect(script.text).toContain("exports.gone;\nexports.counted;");
});

test("eval, with, and any other use of `exports` keep every variable on the scope, and say the cell sees it all", () => {
  const declaring = ["exports.x = void 0;", "let x = 1;", "exports.x = x;"];
  expect(cellScript(ts, output(...declaring), undefined, nothingEarlier, noValues).seesWholeScope).toBe(false);
  for (const line of ["eval('x');", "with (Math) { max(1, 2); }", "console.log(exports);", "function f(exports) { return exports.y; }"]) {
    const script = cellScript(ts, output(...declaring, line), undefined, nothingEarlier, noValues);
    expect(script.local).toEqual([]);
    expect(script.seesWholeScope).toBe(true);
  }
});

test("TypeScript's defineProperty on exports (a named import) goes through the scope's define, and its name stays on the scope", () => {
  const js = output("exports.join = void 0;", 'const path_1 = require("path");', 'Object.defineProperty(exports, "join", { enumerable: true, get: function () { return path_1.join; } });');
  const script = cellScript(ts, js, undefined, nothingEarlier, noValues);
  expect(script.local).toEqual([]);
  expect(script.text).toContain('$$defineScopeProperty(exports, "join", { enumerable: true');
});

test("the last expression's variable stays on the scope, where the kernel reads it", () => {
  const js = output("exports.n = exports.tsLastExpr = void 0;", "let n = 2;", "exports.n = n;", "exports.tsLastExpr = n * 2;");
  const script = cellScript(ts, js, "tsLastExpr", nothingEarlier, noValues);
  expect(script.local).toEqual(["n"]);
  expect(script.text).toContain("exports.tsLastExpr = n * 2;");
});

test("a variable a function names is read and written on the scope everywhere but its declaration and first mirror; a parameter of its name stays", () => {
  const js = output("exports.twice = exports.inc = exports.n = void 0;", "let n = 0;", "exports.n = n;", "const inc = () => { exports.n = (n++, n); };", "exports.inc = inc;",
    "const twice = (n) => n * 2;", "exports.twice = twice;", "exports.n = n = twice(n);");
  const script = cellScript(ts, js, undefined, nothingEarlier, noValues);
  expect(script.text.split("\n").slice(2)).toEqual(["let n = 0;", "exports.n = n;", "const inc = () => { exports.n = (exports.n++, exports.n); };", "$$local.inc = inc;",
    "const twice = (n) => n * 2;", "$$local.twice = twice;", "exports.n = exports.n = twice(exports.n);"]);
  const lastLine = script.text.split("\n").length - 1;
  expect(script.toOutputPosition(lastLine, script.text.split("\n")[lastLine].indexOf("twice"))).toEqual({ line: lastLine, column: "exports.n = n = ".length });
});

test("a function declaration a function names is on the scope from the cell's start, for calls above it", () => {
  const js = output("exports.fib = void 0;", "exports.tsLastExpr = fib(3);", "function fib(k) { return k < 2 ? k : fib(k - 1) + fib(k - 2); }", "exports.fib = fib;");
  const script = cellScript(ts, js, "tsLastExpr", nothingEarlier, noValues);
  expect(script.text.startsWith("exports.fib = fib; ")).toBe(true);
  expect(script.text).toContain("exports.tsLastExpr = exports.fib(3);");
  expect(script.text).toContain("function fib(k) { return k < 2 ? k : exports.fib(k - 1) + exports.fib(k - 2); }");
});
