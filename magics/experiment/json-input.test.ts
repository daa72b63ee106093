import { checkJsonInput } from "./json-input";

describe("checkJsonInput", () => {
  it("lets plain data through", () => {
    expect(() => checkJsonInput("python", "xs", { a: [1, "two", null, true, { b: 2.5 }] })).not.toThrow();
  });

  it.each([
    [new Map([[1, 2]]), "xs is a Map"],
    [[1, Number.NaN], "xs[1] is NaN"],
    [{ a: { f: () => 1 } }, "xs.a.f is a function"],
    [[undefined], "xs[0] is undefined"],
    [{ big: 10n }, "xs.big is a bigint"],
    [new Float64Array(2), "xs is a Float64Array"],
  ])("names what JSON cannot carry: %p", (value, named) => {
    expect(() => checkJsonInput("python", "xs", value)).toThrow(`%%python: --input: ${named}, which JSON cannot carry to Python`);
  });
});
