import { ShownResults } from "./shown-results";

function notebook(scope: Record<string, unknown> = {}) {
  return { scope, declarations: "declare const xs: number[];\n" };
}

test("each shown value becomes _, the one before it __, and both are declared once for later cells", () => {
  const book = notebook();
  const shown = new ShownResults(book);
  expect(shown.names).toEqual([]);
  shown.record(42);
  shown.record("answer");
  expect(book.scope).toEqual({ _: "answer", __: 42 });
  expect(book.declarations).toBe("declare const xs: number[];\ndeclare let _: any;\ndeclare let __: any;\n");
  expect(shown.names).toEqual(["_", "__"]);
});

test("once a cell declares _ itself (its declaration replaces the kernel's), neither _ nor __ changes again", () => {
  const book = notebook();
  const shown = new ShownResults(book);
  shown.record(1);
  book.scope._ = "mine";
  book.declarations = "declare const _ = \"mine\";\ndeclare let __: any;\n";
  shown.record(2);
  expect(book.scope).toEqual({ _: "mine", __: undefined });
  expect(shown.names).toEqual(["__"]);
});

test("a notebook that had a _ of its own (import _ from 'lodash') keeps it", () => {
  const lodash = { chunk: () => [] };
  const book = notebook({ _: lodash });
  const shown = new ShownResults(book);
  shown.record(1);
  expect(book.scope).toEqual({ _: lodash });
  expect(book.declarations).not.toContain("declare let _");
});
