import { NotebookScope, declaredNames } from "./notebook-scope";

/** What tslab's converter emits for `const before = 5; let counter = 0; while (true) { counter++ }`, with the reset split as TypeScript splits it past 50 names. */
const OUTPUT = [
  'Object.defineProperty(exports, "__esModule", { value: true });',
  "exports.counter = exports.before = void 0;",
  "exports.after = void 0;",
  "const before = 5;",
  "exports.before = before;",
  "exports.elsewhere = void 0;",
].join("\n");

test("a cell declares the names its output resets before its first statement, and no name its code sets later", () => {
  expect(declaredNames(OUTPUT)).toEqual(["counter", "before", "after"]);
  expect(declaredNames("exports.x = 1;")).toEqual([]);
});

describe("a cell that stops early", () => {
  const stop = new Error("stopped");

  function runStopped(notebook: NotebookScope, declared: string[], body: (exports: Record<string, unknown>) => void) {
    return notebook.runCell(declared, "In [3]", async () => {
      const exports = notebook.variables;
      for (const name of declared) exports[name] = undefined;
      body(exports);
      throw stop;
    });
  }

  it("keeps the names it reached, even one it set to undefined, and their latest values", async () => {
    const notebook = new NotebookScope();
    await expect(runStopped(notebook, ["before", "counter", "empty"], (exports) => {
      exports.before = 5;
      for (let i = 1; i <= 3; i++) exports.counter = i;
      exports.empty = undefined;
    })).rejects.toBe(stop);
    expect(notebook.variables).toEqual({ before: 5, counter: 3, empty: undefined });
  });

  it("leaves a name it had not reached throwing when read, until code writes it", async () => {
    const notebook = new NotebookScope();
    await expect(runStopped(notebook, ["after"], () => undefined)).rejects.toBe(stop);
    expect(() => notebook.variables.after).toThrow(new ReferenceError("after has no value: In [3] stopped before it ran the declaration of after"));
    notebook.variables.after = 1;
    expect(notebook.variables.after).toBe(1);
  });

  it("counts the writes of a name that an earlier stopped cell left unset", async () => {
    const notebook = new NotebookScope();
    await expect(runStopped(notebook, ["again"], () => undefined)).rejects.toBe(stop);
    await expect(runStopped(notebook, ["again"], (exports) => void (exports.again = 2))).rejects.toBe(stop);
    expect(notebook.variables.again).toBe(2);
  });
});
