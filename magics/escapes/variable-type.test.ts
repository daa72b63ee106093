import { typeFromSignature } from "./variable-type";

test("the type of a variable, a function, a class, a module and an import, from their quick info", () => {
  expect(typeFromSignature("xs", "const xs: number[]")).toBe("number[]");
  expect(typeFromSignature("o", "let o: {\n    a: number;\n    b: string;\n}")).toBe("{ a: number; b: string; }");
  expect(typeFromSignature("f", "function f(x: number): number")).toBe("function(x: number): number");
  expect(typeFromSignature("g", "function g(a: string): void (+1 overload)")).toBe("function(a: string): void (+1 overload)");
  expect(typeFromSignature("Point", "class Point")).toBe("class Point");
  expect(typeFromSignature("fs", '(alias) module "fs"\nimport fs')).toBe('module "fs"');
  expect(typeFromSignature("$x", "let $x: string")).toBe("string");
});

test("a long type is cut to a table column", () => {
  const long = typeFromSignature("big", `const big: { ${"a".repeat(60)}: number; }`);
  expect(long).toHaveLength(40);
  expect(long.endsWith("…")).toBe(true);
});
