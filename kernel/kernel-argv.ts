/**
 * kernelspec/kernel-argv.js for the TypeScript side. That file stays plain JavaScript beside the
 * sources, for install.js, so it is loaded from there: it is not compiled into dist/.
 */
import * as path from "node:path";
import type * as KernelArgv from "./kernelspec/kernel-argv";
import { PACKAGE_ROOT } from "./package-root";

export const { KERNEL_ARGV } = require(path.join(PACKAGE_ROOT, "kernel", "kernelspec", "kernel-argv.js")) as typeof KernelArgv;
