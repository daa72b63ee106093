import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { itWithPython, validateNotebookFile } from "../test/support/jupyter-python";
import { Message } from "../protocol/messages";
import { CodeCell, Notebook, NotebookFormatError, parseNotebook, readNotebook, serializeNotebook, splitLines, writeNotebook } from "./nbformat";
import { OutputRecorder } from "./output-recorder";

const OLD_NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 2,
  metadata: { orig_nbformat: 3 },
  cells: [
    { cell_type: "markdown", metadata: {}, source: ["# Title\n", "text"] },
    { cell_type: "code", id: "same", metadata: { trusted: true, tags: ["x"] }, source: ["let a = 1;\n", "a"], outputs: [{ output_type: "stream", name: "stdout", text: ["a\n", "b\n"] }], execution_count: 3 },
    { cell_type: "code", id: "same", metadata: {}, source: "", outputs: [], execution_count: null },
    { cell_type: "raw", id: "not valid!", metadata: {}, source: "raw" },
  ],
};

let temp: string;
beforeEach(() => {
  temp = mkdtempSync(path.join(tmpdir(), "conclab-nbformat-"));
});
afterEach(() => rmSync(temp, { recursive: true, force: true }));

describe("parseNotebook", () => {
  it("upgrades nbformat 4.x to 4.5: valid unique ids, joined lines, transient metadata dropped", () => {
    const notebook = parseNotebook(JSON.stringify(OLD_NOTEBOOK));
    expect(notebook.nbformat_minor).toBe(5);
    const ids = notebook.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids[1]).toBe("same");
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
    expect(notebook.cells[0].source).toBe("# Title\ntext");
    expect((notebook.cells[1] as CodeCell).outputs[0]).toEqual({ output_type: "stream", name: "stdout", text: "a\nb\n" });
    expect(notebook.cells[1].metadata).toEqual({ tags: ["x"] });
    expect(notebook.metadata).toEqual({});
  });

  it("says how to convert an nbformat 3 notebook, and names a file that is not JSON", () => {
    expect(() => parseNotebook(JSON.stringify({ nbformat: 3, worksheets: [] }), "old.ipynb")).toThrow("Convert it with: jupyter nbconvert --to notebook --nbformat 4 old.ipynb");
    expect(() => parseNotebook("{", "broken.ipynb")).toThrow(NotebookFormatError);
    expect(() => parseNotebook("{", "broken.ipynb")).toThrow(/^broken.ipynb is not JSON/);
    expect(() => readNotebook(path.join(temp, "missing.ipynb"))).toThrow(/cannot read the notebook .*missing\.ipynb/);
  });

  it("rejects unknown cell and output types, saying where", () => {
    const notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code", id: "a", metadata: {}, source: "", outputs: [{ output_type: "picture" }], execution_count: null }] };
    expect(() => parseNotebook(JSON.stringify(notebook), "n.ipynb")).toThrow('n.ipynb, cell 1, output 1: unknown output_type "picture"');
  });
});

describe("serializeNotebook", () => {
  it("writes as nbformat does: lines split, keys sorted, one-space indent, final newline", () => {
    const notebook = parseNotebook(JSON.stringify(OLD_NOTEBOOK));
    const text = serializeNotebook(notebook);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain('\n "cells": [\n  {\n   "cell_type": "markdown",');
    expect(text).toContain('"source": [\n    "# Title\\n",\n    "text"\n   ]');
    expect(Object.keys(JSON.parse(text))).toEqual(["cells", "metadata", "nbformat", "nbformat_minor"]);
    expect(parseNotebook(text)).toEqual(notebook);
  });

  it("splits only text-like mime data and keeps JSON mime data as values", () => {
    const notebook: Notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          id: "c",
          cell_type: "code",
          metadata: {},
          source: "x",
          execution_count: 1,
          outputs: [{ output_type: "display_data", metadata: {}, data: { "text/html": "<b>a</b>\n<i>b</i>", "image/png": "iVBOR\nw0K", "application/vnd.plotly.v1+json": { data: [{ y: [1] }] } } }],
        },
      ],
    };
    const data = JSON.parse(serializeNotebook(notebook)).cells[0].outputs[0].data;
    expect(data["text/html"]).toEqual(["<b>a</b>\n", "<i>b</i>"]);
    expect(data["image/png"]).toBe("iVBOR\nw0K");
    expect(data["application/vnd.plotly.v1+json"]).toEqual({ data: [{ y: [1] }] });
  });

  it("splitLines keeps line endings and the last partial line", () => {
    expect(splitLines("a\nb\r\nc")).toEqual(["a\n", "b\r\n", "c"]);
    expect(splitLines("a\n")).toEqual(["a\n"]);
    expect(splitLines("")).toEqual([]);
  });

  itWithPython(["nbformat"], "produces notebooks that nbformat.validate accepts, with every kind of output", (python) => {
    const source = path.join(temp, "old.ipynb");
    writeFileSync(source, JSON.stringify(OLD_NOTEBOOK));
    const notebook = readNotebook(source);
    const cell = notebook.cells[2] as CodeCell;
    const recorder = new OutputRecorder();
    const apply = (msgType: string, content: Record<string, unknown>) =>
      recorder.apply(cell, { header: { msg_type: msgType } as Message["header"], content });
    apply("stream", { name: "stdout", text: "one\n" });
    apply("stream", { name: "stdout", text: "two\n" });
    apply("stream", { name: "stderr", text: "warn" });
    apply("display_data", { data: { "text/plain": "chart", "application/vnd.plotly.v1+json": { data: [{ type: "bar", y: [1, 2] }], layout: {} } }, metadata: {}, transient: { display_id: "d1" } });
    apply("update_display_data", { data: { "text/plain": "chart v2", "text/html": "<b>v2</b>" }, metadata: { isolated: true }, transient: { display_id: "d1" } });
    apply("display_data", { data: { "image/png": "iVBORw0KGgo=", "image/svg+xml": "<svg xmlns='http://www.w3.org/2000/svg'/>" }, metadata: { "image/png": { width: 10 } } });
    apply("execute_result", { data: { "text/plain": "42", "application/json": { answer: 42 } }, metadata: {}, execution_count: 7 });
    apply("error", { ename: "Error", evalue: "boom", traceback: ["\u001b[31mError\u001b[0m: boom"] });
    cell.execution_count = 7;
    const written = path.join(temp, "written.ipynb");
    writeNotebook(written, notebook);
    validateNotebookFile(python, written);
    expect(readNotebook(written)).toEqual(notebook);
  });
});
