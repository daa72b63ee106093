import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { StagedEngine } from "./staged-engine";

// The notebook's folder, with no node_modules, as a notebook's may be; the process works elsewhere,
// as after a %cd. Restored afterwards: jest runs other test files in this same process.
const notebookFolder = mkdtempSync(path.join(tmpdir(), "conclab-engine-"));
writeFileSync(path.join(notebookFolder, "helper.ts"), "export const answer = 42;\n");
const startFolder = process.cwd();
beforeAll(() => process.chdir(mkdtempSync(path.join(tmpdir(), "conclab-elsewhere-"))));
const engine = new StagedEngine(notebookFolder);
afterAll(() => {
  engine.close();
  process.chdir(startFolder);
});

test("the light checker answers plain computation without building the full checker", () => {
  const conversion = engine.convert("", "const xs: number[] = [1, 2, 3];\nxs.map((x) => x * 2)");
  expect(conversion.diagnostics).toEqual([]);
  expect(conversion.declOutput).toContain("declare const xs: number[]");
  expect(engine.ready).toBe(false);
});

test("the light checker's type errors are real type errors", () => {
  expect(engine.convert("", 'const n: number = "text";').diagnostics[0].messageText).toContain("not assignable");
});

test("a cell that needs Node's types is checked by the full checker, which resolves imports from the notebook's folder", () => {
  const conversion = engine.convert("", 'import { cpus } from "node:os";\nimport { answer } from "./helper";\nconsole.log(process.pid, cpus().length, answer)');
  expect(conversion.diagnostics).toEqual([]);
  expect(engine.ready).toBe(true);
});

test("`import ... from \"conclab\"` type-checks from a folder without node_modules", () => {
  expect(engine.convert("", 'import { display } from "conclab";\ndisplay.html("<b>x</b>")').diagnostics).toEqual([]);
  expect(engine.convert("", 'import { display } from "conclab";\ndisplay.html(42)').diagnostics).toHaveLength(1);
});

test("a position in the emitted JavaScript maps back to the cell's line and column", () => {
  const source = "let a = 1;\nfunction explode() {\n  throw new Error(a + '');\n}";
  const output = engine.convert("", source).output!.split("\n");
  const line = output.findIndex((l) => l.includes("throw"));
  const mapper = engine.positionMapper("", source)!;
  expect(mapper(line, output[line].indexOf("throw"))).toEqual({ line: 2, column: 2 });
});
