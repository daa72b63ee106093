// @ts-check
/**
 * The command that starts the kernel: kernel.json's argv (install.js) and conclab's own client.
 *
 * `--no-concurrent-recompilation`: TypeScript's checker runs on the kernel's main thread, and V8
 * optimises its large functions on background threads. Their compile memory stays in glibc's
 * per-thread malloc arenas, about 29 MiB per thread, for the rest of the session; compiled on the
 * main thread it is reused (npm run bench, the soak rows). V8 reads the flag only when it creates an
 * isolate, so the kernel turns it back on at start (main.ts) and every worker thread a magic starts
 * optimises in the background as plain Node does.
 */
"use strict";
const path = require("node:path");

const MAIN_THREAD_NODE_FLAGS = ["--no-concurrent-recompilation"];

const KERNEL_ARGV = [process.execPath, ...MAIN_THREAD_NODE_FLAGS, path.join(__dirname, "..", "..", "bin", "conclab.js"), "kernel", "--connection-file", "{connection_file}"];

module.exports = { KERNEL_ARGV, MAIN_THREAD_NODE_FLAGS };
