/** Where browser tests leave what a person may want to look at: screenshots, executed notebooks, HTML (test-artifacts/, gitignored). */
import { mkdirSync } from "node:fs";
import * as path from "node:path";

export const ARTIFACTS = path.resolve(__dirname, "..", "..", "test-artifacts");

/** The path of artifact `name`, its folder created. */
export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
