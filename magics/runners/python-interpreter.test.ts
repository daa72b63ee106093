import { choosePython } from "./python-interpreter";

describe("choosePython", () => {
  it("finds python3 on PATH by default", () => {
    expect(choosePython(undefined, { PATH: "/nonexistent:/usr/bin" })).toEqual({ found: true, path: "/usr/bin/python3" });
  });

  it("says in one line that there is no python3 on PATH", () => {
    expect(choosePython(undefined, { PATH: "/nonexistent" })).toEqual({ found: false, message: "CPython not measured: no python3 on PATH; set CONCLAB_PYTHON or pass --python PATH" });
  });

  it("takes --python before CONCLAB_PYTHON, and names the one given when it is missing", () => {
    expect(choosePython("/nonexistent/python", { CONCLAB_PYTHON: "/usr/bin/python3" })).toEqual({ found: false, message: "CPython not measured: --python /nonexistent/python is not an executable file" });
    expect(choosePython(undefined, { CONCLAB_PYTHON: "/nonexistent/python", PATH: "/usr/bin" })).toEqual({ found: false, message: "CPython not measured: CONCLAB_PYTHON=/nonexistent/python is not an executable file" });
    expect(choosePython(undefined, { CONCLAB_PYTHON: "/usr/bin/python3", PATH: "" })).toEqual({ found: true, path: "/usr/bin/python3" });
  });
});
