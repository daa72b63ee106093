import { mkdtempSync, readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import { runMagicCell } from "../registry";
import { closeSharedEngine, fakeMagicContext } from "../../test/support/fake-magic-context";
import { expandHome } from "./expand-home";

afterAll(closeSharedEngine);

const folder = mkdtempSync(path.join(tmpdir(), "conclab-writefile-"));

test("writes the cell with a newline at its end, and says Writing, Overwriting or Appending to, as IPython", async () => {
  const file = path.join(folder, "notes.txt");
  const said: string[] = [];
  for (const [argLine, body] of [[file, "first"], [`'${file}'`, "second\n"], [`-a ${file}`, "third"]]) {
    const ctx = fakeMagicContext();
    await expect(runMagicCell("writefile", argLine, body, ctx)).resolves.toBeUndefined();
    said.push(ctx.stdoutText.join(""));
  }
  expect(said).toEqual([`Writing ${file}\n`, `Overwriting ${file}\n`, `Appending to ${file}\n`]);
  expect(readFileSync(file, "utf8")).toBe("second\nthird\n");
});

test("appending to a file that is not there writes it", async () => {
  const ctx = fakeMagicContext();
  await runMagicCell("writefile", `--append ${path.join(folder, "new.txt")}`, "x", ctx);
  expect(ctx.stdoutText.join("")).toBe(`Writing ${path.join(folder, "new.txt")}\n`);
});

test("a missing folder, a folder given as the file, or no FILE: the error names the path and what to do", async () => {
  const missing = path.join(folder, "missing", "x.txt");
  await expect(runMagicCell("writefile", missing, "x", fakeMagicContext())).rejects.toThrow(`%%writefile: the folder ${path.dirname(missing)} does not exist: create it first, or give a path in a folder that exists`);
  await expect(runMagicCell("writefile", folder, "x", fakeMagicContext())).rejects.toThrow(`%%writefile: ${folder} is a folder; give a file name`);
  await expect(runMagicCell("writefile", "-a", "x", fakeMagicContext())).rejects.toThrow("%%writefile: FILE is missing: give the file to write");
});

test("~ is the home folder, as in a shell", () => {
  expect(expandHome("~/notes.txt")).toBe(path.join(homedir(), "notes.txt"));
  expect(expandHome("~")).toBe(homedir());
  expect(expandHome("a~/b")).toBe("a~/b");
});
