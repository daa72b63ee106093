import { routeCell } from "./cell-router";

test("plain TypeScript", () => {
  expect(routeCell("const x = 1 % 2;")).toEqual({ kind: "typescript", code: "const x = 1 % 2;" });
});

test("help requests, before or after the name", () => {
  expect(routeCell("Math.max?")).toEqual({ kind: "help", target: "Math.max", magic: false });
  expect(routeCell("??console.log")).toEqual({ kind: "help", target: "console.log", magic: false });
  expect(routeCell("%%threads?")).toEqual({ kind: "help", target: "threads", magic: true });
});

test("a cell magic: name, options, and the body below", () => {
  expect(routeCell("%%threads --workers 2\nawait task.sleep(1);\nreturn 1;")).toEqual({
    kind: "cell-magic",
    name: "threads",
    args: "--workers 2",
    body: "await task.sleep(1);\nreturn 1;",
  });
});

test("a line magic, with what follows it", () => {
  expect(routeCell("%lsmagic")).toEqual({ kind: "line-magic", name: "lsmagic", args: "", rest: "" });
  expect(routeCell("%results export fast --csv out.csv")).toMatchObject({ kind: "line-magic", name: "results", args: "export fast --csv out.csv" });
});
