import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { createTypeScriptEngine } from "./tslab-adapter";
import type { TypeScriptEngine } from "../../common/typescript-engine";

// tslab resolves modules from the working folder; restored afterwards: jest runs other test files in this process.
const startFolder = process.cwd();
let engine: TypeScriptEngine;
beforeAll(() => {
  process.chdir(mkdtempSync(path.join(tmpdir(), "conclab-interfaces-")));
  engine = createTypeScriptEngine({ light: true });
});
afterAll(() => {
  engine.close();
  process.chdir(startFolder);
});

/** The declarations after each cell, or the first cell's type errors. */
function cells(...sources: string[]): string[] {
  let declarations = "";
  for (const source of sources) {
    const conversion = engine.convert(declarations, source);
    if (conversion.diagnostics.length > 0) return conversion.diagnostics.map((d) => `${d.start.line + 1}:${d.start.character + 1} ${d.messageText}`);
    declarations = conversion.declOutput ?? "";
  }
  return [];
}

test("an interface declared again in a later cell merges with the earlier one, there and in the cells after", () => {
  expect(cells("interface P { a: number }", "interface P { b: string }\nconst inside: P = { a: 1, b: 'x' };", "const p: P = { a: 1, b: 'x' };")).toEqual([]);
  expect(cells("interface P { a: number }", "interface P { b: string }", "interface P { c: boolean }", "const p: P = { a: 1, b: 'x', c: true };")).toEqual([]);
});

test("a member declared again with another type is an error at the cell's own declaration", () => {
  expect(cells("interface P { a: number }", "const n = 1;\ninterface P { a: string }")[0]).toBe("2:15 Subsequent property declarations must have the same type.  Property 'a' must be of type 'number', but here has type 'string'.");
});

test("a type alias of the same name still replaces an earlier interface, as a redeclared variable replaces", () => {
  expect(cells("interface P { a: number }", "type P = { b: string };", "const p: P = { b: 'x' };")).toEqual([]);
});

test("an error inside an earlier declaration, caused by the cell's, is placed at the cell's declaration", () => {
  expect(cells("interface G<T> { a: T }", "const n = 1;\ninterface G { b: string }")).toEqual([
    "2:1 All declarations of 'G' must have identical type parameters.",
    "2:11 All declarations of 'G' must have identical type parameters.",
  ]);
});
