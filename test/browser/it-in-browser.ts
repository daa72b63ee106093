/**
 * `it` for a browser test: it needs Debian's chromium and a Python with classic Notebook and
 * nbconvert. Without them the test is skipped, or fails when CONCLAB_REQUIRE_JUPYTER=1 (CI).
 */
import { itWithPython } from "../support/jupyter-python";
import { CHROMIUM, hasChromium } from "./offline-page";

const MODULES = ["notebook", "nbconvert", "nbformat"];

export function itInBrowser(name: string, test: (python: string) => Promise<void>, timeoutMs: number): void {
  if (hasChromium()) {
    itWithPython(MODULES, name, test, timeoutMs);
  } else if (process.env.CONCLAB_REQUIRE_JUPYTER === "1") {
    it(name, () => {
      throw new Error(`CONCLAB_REQUIRE_JUPYTER=1 but there is no chromium at ${CHROMIUM}; install it (Debian: apt-get install chromium) or set CONCLAB_CHROMIUM to its path`);
    });
  } else {
    it.skip(`${name} (needs chromium at ${CHROMIUM})`, () => undefined);
  }
}
