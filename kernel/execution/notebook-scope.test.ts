import { NotebookScope } from "./notebook-scope";

describe("a cell that stops early", () => {
  const stop = new Error("stopped");

  function runStopped(notebook: NotebookScope, declared: string[], body: (exports: Record<string, unknown>) => void) {
    return notebook.runCell(declared, "In [3]", async () => {
      body(notebook.variables);
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

describe("a run's own values", () => {
  it("start with the scope's plain values of the names asked for, and come back when written back", () => {
    const notebook = new NotebookScope();
    notebook.variables.total = 1;
    const values = notebook.cellValues(["total", "absent"]);
    expect(Object.keys(values)).toEqual(["total"]);
    values.total = 7;
    values.fresh = "new";
    notebook.writeBack(values);
    expect(notebook.variables).toEqual({ total: 7, fresh: "new" });
  });

  it("written back, count as reached by a cell that stops early", async () => {
    const notebook = new NotebookScope();
    const values = notebook.cellValues([]);
    await expect(notebook.runCell(["counter", "after"], "In [4]", async () => {
      values.counter = 3;
      notebook.writeBack(values);
      throw new Error("stopped");
    })).rejects.toThrow("stopped");
    expect(notebook.variables.counter).toBe(3);
    expect(() => notebook.variables.after).toThrow("after has no value: In [4] stopped before it ran the declaration of after");
  });
});

test("define keeps a getter's value as a plain variable, and no __esModule", () => {
  const notebook = new NotebookScope();
  notebook.define(notebook.variables, "__esModule", { value: true });
  notebook.define(notebook.variables, "join", { enumerable: true, get: () => "joined" });
  notebook.variables.join = "again";
  expect(notebook.variables).toEqual({ join: "again" });
});
