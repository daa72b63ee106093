import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { StagedEngine } from "./staged-engine";

// The notebook's folder, with no node_modules, as a notebook's may be; the process works elsewhere,
// as after a %cd. Restored afterwards: jest runs other test files in this same process.
const notebookFolder = mkdtempSync(path.join(tmpdir(), "conclab-engine-"));
writeFileSync(path.join(notebookFolder, "helper.ts"), "export const answer = 42;\n");
writeFileSync(path.join(notebookFolder, "outer.ts"), 'import { inner } from "./inner";\nexport const outer = inner + 1;\n');
writeFileSync(path.join(notebookFolder, "inner.ts"), "export const inner: number = 41;\n");
writeFileSync(path.join(notebookFolder, "broken.ts"), 'import { wrong } from "./wrong";\nexport const fine = wrong;\n');
writeFileSync(path.join(notebookFolder, "wrong.ts"), 'export const wrong: number = "not a number";\n');
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

test("the local modules a cell imports, directly or through each other, are emitted beside it once", () => {
  const first = engine.convert("", 'import { outer } from "./outer";\nouter');
  expect(first.diagnostics).toEqual([]);
  expect(first.sideOutputs?.map((o) => path.basename(o.path)).sort()).toEqual(["inner.js", "outer.js"]);
  expect(engine.convert(first.declOutput ?? "", 'import { outer } from "./outer";\nouter + 1').sideOutputs ?? []).toEqual([]);
});

test("a type error in a module that a cell's module imports is the cell's error", () => {
  const { diagnostics } = engine.convert("", 'import { fine } from "./broken";\nfine');
  expect(diagnostics.map((d) => [d.fileName, d.messageText])).toEqual([[expect.stringContaining("wrong.ts"), expect.stringContaining("not assignable")]]);
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

test("of a folder's type packages only Node's globals are in every cell; another package's types come with its import", () => {
  const folder = mkdtempSync(path.join(tmpdir(), "conclab-types-"));
  const typePackage = (name: string, declarations: string) => {
    mkdirSync(path.join(folder, "node_modules", "@types", name), { recursive: true });
    writeFileSync(path.join(folder, "node_modules", "@types", name, "package.json"), JSON.stringify({ name: `@types/${name}`, types: "index.d.ts" }));
    writeFileSync(path.join(folder, "node_modules", "@types", name, "index.d.ts"), declarations);
  };
  typePackage("test-globals", "declare function describeSomething(name: string): void;\n");
  typePackage("shapes", "export declare function area(side: number): number;\n");
  const inFolder = new StagedEngine(folder);
  try {
    expect(inFolder.convert("", "process.pid").diagnostics).toEqual([]);
    expect(inFolder.convert("", 'describeSomething("x")').diagnostics.map((d) => d.messageText)).toEqual(["Cannot find name 'describeSomething'."]);
    expect(inFolder.convert("", 'import { area } from "shapes";\nconst a: number = area(2);').diagnostics).toEqual([]);
  } finally {
    inFolder.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
