// @ts-check
/** The command that starts the kernel: kernel.json's argv (install.js) and conclab's own client. */
"use strict";
const path = require("node:path");

const KERNEL_ARGV = [process.execPath, path.join(__dirname, "..", "bin", "conclab.js"), "kernel", "--connection-file", "{connection_file}"];

module.exports = { KERNEL_ARGV };
