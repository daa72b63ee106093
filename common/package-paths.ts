import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** The folder of conclab's package.json, found from this file whether it runs from the sources (ts-jest) or from dist/. */
export const PACKAGE_ROOT = findPackageRoot();

function findPackageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "conclab") return dir;
    if (path.dirname(dir) === dir) throw new Error(`no conclab package.json above ${__dirname}: conclab must run from inside its package`);
  }
}

/**
 * Workers and child processes run compiled JavaScript from dist/, also when the kernel itself runs
 * from TypeScript sources (as under ts-jest).
 */
export function compiledFile(relative: string): string {
  const file = path.join(PACKAGE_ROOT, "dist", relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: workers and child processes run conclab's compiled JavaScript; run \`npm run build\` in ${PACKAGE_ROOT} first`);
  return file;
}

/** A file the package ships as it is, not compiled (the CPython harness), from the package's root. */
export function packageFile(relative: string): string {
  const file = path.join(PACKAGE_ROOT, relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: it ships with conclab's package (package.json "files")`);
  return file;
}
