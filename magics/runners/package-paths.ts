import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

let root: string | undefined;

/** The folder of conclab's package.json, found from this file whether it runs from source or from dist/. */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "conclab") return (root = dir);
    if (path.dirname(dir) === dir) throw new Error(`cannot find conclab's package.json above ${__dirname}`);
  }
}

/**
 * Workers and child processes run compiled JavaScript from dist/, also when the kernel itself runs
 * from TypeScript sources (as under ts-jest).
 */
export function compiledFile(relative: string): string {
  const file = path.join(packageRoot(), "dist", relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: workers and child processes run conclab's compiled JavaScript; run \`npm run build\` in ${packageRoot()} first`);
  return file;
}
