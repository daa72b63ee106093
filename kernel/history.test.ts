import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { History, globToRegExp } from "./history";

test("globs read as SQLite GLOB: *, ?, classes, case-sensitive, anchored", () => {
  expect(globToRegExp("6 ?*").test("6 * 7")).toBe(true);
  expect(globToRegExp("a*").test("ba")).toBe(false);
  expect(globToRegExp("[ab]x").test("bx")).toBe(true);
  expect(globToRegExp("[^ab]x").test("ax")).toBe(false);
  expect(globToRegExp("A*").test("a")).toBe(false);
  expect(globToRegExp("a.b").test("axb")).toBe(false);
});

test("tail, range and search over this session", () => {
  const history = new History(null);
  ["const a = 1", "a + 1", "const b = 2", "a + 1"].forEach((input, i) => history.add(i + 1, input));
  history.setOutput(2, "2");
  expect(history.query({ hist_access_type: "tail", n: 2 })).toEqual([
    [history.session, 3, "const b = 2"],
    [history.session, 4, "a + 1"],
  ]);
  expect(history.query({ hist_access_type: "range", session: 0, start: 2, stop: 3, output: true })).toEqual([[history.session, 2, ["a + 1", "2"]]]);
  expect(history.query({ hist_access_type: "search", pattern: "a *" })).toHaveLength(2);
  expect(history.query({ hist_access_type: "search", pattern: "a *", unique: true })).toEqual([[history.session, 4, "a + 1"]]);
  expect(history.query({ hist_access_type: "search", pattern: "const*", n: 1 })).toEqual([[history.session, 3, "const b = 2"]]);
});

test("history is kept across sessions in its file, and sessions are numbered on", async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "conclab-history-")), "nested", "history.jsonl");
  const first = new History(file);
  first.add(1, "first session");
  await new Promise((resolve) => setTimeout(resolve, 100));
  const second = new History(file);
  expect(second.session).toBe(first.session + 1);
  expect(second.query({ hist_access_type: "range", session: -1, start: 1 })).toEqual([[first.session, 1, "first session"]]);
});

test("an unknown access type is refused with the accepted ones", () => {
  expect(() => new History(null).query({ hist_access_type: "recent" as never })).toThrow('hist_access_type must be "tail", "range" or "search"');
});
