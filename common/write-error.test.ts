import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { whyCannotWrite } from "./write-error";

/** The reason for what writing `file` really throws. */
function reasonFor(file: string): string {
  try {
    writeFileSync(file, "x");
  } catch (e) {
    return whyCannotWrite(e as NodeJS.ErrnoException, file);
  }
  throw new Error(`${file} was written`);
}

test("names the path and what to change, for each way writing fails", () => {
  const folder = mkdtempSync(path.join(tmpdir(), "conclab-write-"));
  writeFileSync(path.join(folder, "plain"), "");
  expect(reasonFor(path.join(folder, "missing", "x.txt"))).toBe(`the folder ${path.join(folder, "missing")} does not exist: create it first, or give a path in a folder that exists`);
  expect(reasonFor(path.join(folder, "plain", "x.txt"))).toBe(`${path.join(folder, "plain", "x.txt")}: a part of this path is a file, not a folder; give a path whose folders exist`);
  expect(reasonFor(folder)).toBe(`${folder} is a folder; give a file name, e.g. ${path.join(folder, "out.txt")}`);
});
