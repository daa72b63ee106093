import { UsageError } from "./usage-error";
import { splitArgLine } from "./split-arg-line";

describe("splitArgLine", () => {
  it("splits on spaces and tabs, ignoring runs of them", () => {
    expect(splitArgLine("  --tasks 10\t--workers   2 ")).toEqual(["--tasks", "10", "--workers", "2"]);
  });

  it("keeps single-quoted text literally and double-quoted text with its escapes", () => {
    expect(splitArgLine(`--name 'a b\\c' --x "say \\"hi\\" \\\\ \\n"`)).toEqual(["--name", "a b\\c", "--x", 'say "hi" \\ \\n']);
  });

  it("joins quoted and bare parts of one word, and escapes with a backslash outside quotes", () => {
    expect(splitArgLine(`--name=my' 'run a\\ b ""`)).toEqual(["--name=my run", "a b", ""]);
  });

  it("rejects an unclosed quote, naming where it opens", () => {
    expect(() => splitArgLine(`--name "open`)).toThrow(UsageError);
    expect(() => splitArgLine(`--name "open`)).toThrow(/quote " at column 8 .* never closed/);
    expect(() => splitArgLine(`--name 'open`)).toThrow(/quote ' at column 8/);
  });

  it("rejects a lone trailing backslash", () => {
    expect(() => splitArgLine("--name x\\")).toThrow(/lone backslash/);
  });
});
