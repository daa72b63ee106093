#!/usr/bin/env node
// @ts-check
/** The `conclab` command: starts the kernel, runs notebooks, installs the kernelspec. */
"use strict";
const { existsSync, readFileSync } = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");

const USAGE = `usage: conclab <command> [options]

commands:
  kernel --connection-file FILE   start the kernel (Jupyter runs this from kernel.json)
  run NOTEBOOK.ipynb [...]         execute notebooks and write their outputs back; HTML reports
                                   with --html OUT.html or --html-dir DIR
  install [--user | --sys-prefix | --prefix DIR] [--name N] [--display-name S] [--uninstall]
                                   register the kernel with Jupyter

  conclab <command> --help         a command's options
  conclab --version`;

/** A module compiled to dist/, or a message saying how to build it. @param {string} relative */
function requireBuilt(relative) {
  const file = path.join(ROOT, "dist", relative);
  if (!existsSync(file)) {
    console.error(`conclab: ${file} is missing: the TypeScript sources are not compiled. Run \`npm run build\` in ${ROOT}, then try again.`);
    process.exit(1);
  }
  return require(file);
}

/** @param {string[]} args @returns {string} the connection file named by --connection-file FILE, --connection-file=FILE or -f FILE */
function connectionFileArgument(args) {
  const { parseArgs } = require("node:util");
  let values;
  try {
    ({ values } = parseArgs({ args, strict: true, options: { "connection-file": { type: "string", short: "f" }, help: { type: "boolean", short: "h" } } }));
  } catch (e) {
    console.error(`conclab kernel: ${/** @type {Error} */ (e).message.split(". To specify")[0]}; expected --connection-file FILE`);
    process.exit(2);
  }
  if (values.help) {
    console.log("usage: conclab kernel --connection-file FILE\n\nStarts the kernel on the ports and key in FILE, the connection file Jupyter writes ({connection_file} in kernel.json).");
    process.exit(0);
  }
  const file = values["connection-file"];
  if (!file) {
    console.error("conclab kernel: --connection-file FILE is required: the connection file Jupyter writes (kernel.json passes it as {connection_file})");
    process.exit(2);
  }
  return file;
}

/** @param {unknown} error */
function fail(error) {
  console.error(`conclab: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}

function main() {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case "kernel":
      requireBuilt("kernel/main.js").startKernel(connectionFileArgument(args)).catch(fail);
      return;
    case "run":
      requireBuilt("notebook-runner/run-command.js")
        .runCommand(args)
        .then((/** @type {number} */ code) => (process.exitCode = code), fail);
      return;
    case "install":
      process.exitCode = require("../install.js").main(args);
      return;
    case "--version":
    case "-v":
      console.log(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
      return;
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return;
    default:
      console.error(`conclab: unknown command ${JSON.stringify(command)}; expected kernel, run or install\n\n${USAGE}`);
      process.exitCode = 2;
  }
}

main();
