import { hoistImports } from "./hoist-imports";

describe("hoistImports", () => {
  it("takes the leading import statements, in every form, and blanks them in place", () => {
    const body = [
      `// a comment first`,
      `import * as os from "node:os";`,
      `import { readFileSync,`,
      `  // why`,
      `  statSync } from 'node:fs'`,
      `import type { TaskContext } from "conclab";`,
      `import fs = require("node:fs");`,
      `import "node:util"; import data from "./data.json" with { type: "json" };`,
      `return os.cpus().length;`,
    ].join("\n");
    const { imports, rest } = hoistImports(body);
    expect(imports.map((i) => i.flat)).toEqual([
      `import * as os from "node:os";`,
      `import { readFileSync,    statSync } from 'node:fs';`,
      `import type { TaskContext } from "conclab";`,
      `import fs = require("node:fs");`,
      `import "node:util";`,
      `import data from "./data.json" with { type: "json" };`,
    ]);
    expect(imports.map((i) => [i.line, i.column])).toEqual([[1, 0], [2, 0], [5, 0], [6, 0], [7, 0], [7, 20]]);
    expect(body.slice(imports[1].start, imports[1].end)).toBe(`import { readFileSync,\n  // why\n  statSync } from 'node:fs'`);
    expect(body.slice(imports[4].start, imports[4].end)).toBe(`import "node:util";`);
    expect(rest.split("\n")).toHaveLength(9);
    expect(rest.split("\n")[8]).toBe("return os.cpus().length;");
    expect(rest.split("\n").slice(1, 8).every((line) => line.trim() === "" || line.trim().startsWith("//"))).toBe(true);
  });

  it("stops at the first statement and leaves dynamic import() and import.meta alone", () => {
    const { imports, rest } = hoistImports(`const m = await import("node:os");\nimport x from "y";`);
    expect(imports).toEqual([]);
    expect(rest).toBe(`const m = await import("node:os");\nimport x from "y";`);
    expect(hoistImports(`import("node:os")`).imports).toEqual([]);
  });
});
