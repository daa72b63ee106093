import { existsSync } from "node:fs";
import * as path from "node:path";

/** The folder holding conclab's package.json, whether this code runs from dist/ or from the sources (ts-jest). */
export const PACKAGE_ROOT = findPackageRoot();

function findPackageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}: conclab must run from inside its package`);
  }
}
