import { wrapBody } from "./wrap-body";

const wrap = (body: string) => wrapBody(body, (imports) => `HEAD ${imports}{`, "\n}");

describe("wrapBody", () => {
  it("keeps the body's lines and puts its imports and the head on its first line", () => {
    const wrapped = wrap(`import * as os from "node:os";\nreturn os.cpus();`);
    expect(wrapped.source).toBe(`HEAD import * as os from "node:os"; {${" ".repeat(30)}\nreturn os.cpus();\n}`);
    expect(wrapped.toBody(1, 7)).toEqual({ line: 1, column: 7 });
    expect(wrapped.toBody(0, 5)).toEqual({ line: 0, column: 0 });
  });

  it("maps a body offset to the source and back, in the body's lines and in an import written on one line", () => {
    const body = `import { cpus } from "node:os";\nreturn cpus().length;`;
    const wrapped = wrap(body);
    const inReturn = body.indexOf("length");
    expect(wrapped.source.slice(wrapped.sourceOffset(inReturn)).startsWith("length;")).toBe(true);
    expect(wrapped.bodyOffset(wrapped.sourceOffset(inReturn)!)).toBe(inReturn);
    const inImport = body.indexOf("pus }");
    expect(wrapped.source.slice(wrapped.sourceOffset(inImport)).startsWith("pus }")).toBe(true);
    expect(wrapped.bodyOffset(wrapped.sourceOffset(inImport)!)).toBe(inImport);
  });

  it("has no place in the source for an offset inside an import spread over lines, nor in the body for the head", () => {
    const body = `import {\n  cpus,\n} from "node:os";\nreturn cpus();`;
    const wrapped = wrap(body);
    expect(wrapped.sourceOffset(body.indexOf("cpus"))).toBeUndefined();
    expect(wrapped.bodyOffset(0)).toBeUndefined();
    expect(wrapped.bodyOffset(wrapped.source.indexOf("import"))).toBeUndefined();
    expect(wrapped.sourceOffset(body.indexOf("return"))).toBe(wrapped.source.indexOf("return"));
  });
});
