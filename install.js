#!/usr/bin/env node
// @ts-check
/**
 * Registers the conclab kernel with Jupyter: writes the kernelspec folder (kernel.json and logos)
 * where `jupyter kernelspec list` finds it. Plain Node, no build and no Python needed.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { parseArgs } = require("node:util");
const { KERNEL_ARGV } = require("./kernelspec/kernel-argv");

const DEFAULT_NAME = "conclab";
const DEFAULT_DISPLAY_NAME = "TypeScript (conclab)";
/** Jupyter's own rule for kernelspec names (jupyter_client.kernelspec._kernel_name_pat). */
const KERNEL_NAME = /^[a-z0-9._-]+$/i;

const USAGE = `usage: node install.js [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name TEXT] [--uninstall]

Registers the conclab TypeScript kernel with Jupyter: writes the kernelspec folder NAME/ with
kernel.json and logos. Running it again replaces the kernelspec; --uninstall removes it.

where (one of; unlike \`jupyter kernelspec install\`, the default is --user):
  --user              your Jupyter data dir: $JUPYTER_DATA_DIR, else \`jupyter --data-dir\`, else
                      ~/.local/share/jupyter (Linux; $XDG_DATA_HOME/jupyter when set),
                      ~/Library/Jupyter (macOS), %APPDATA%\\jupyter (Windows); then kernels/NAME
  --sys-prefix        <sys.prefix>/share/jupyter/kernels/NAME of the Python that runs \`jupyter\`
                      (python3 when no jupyter is on PATH): for a virtualenv or conda env
  --prefix DIR        DIR/share/jupyter/kernels/NAME, as \`jupyter kernelspec install --prefix DIR\`
options:
  --name NAME         kernelspec name (default ${DEFAULT_NAME}): letters, digits, ".", "_", "-"
  --display-name TEXT the name Jupyter shows (default "${DEFAULT_DISPLAY_NAME}")
  --uninstall         remove the kernelspec NAME from the chosen place
  -h, --help          show this help`;

class InstallError extends Error {}

/**
 * @typedef {{ where: "user" | "sys-prefix" | "prefix", prefix?: string, name: string, displayName: string, uninstall: boolean, help: boolean }} InstallOptions
 * @typedef {{ env: NodeJS.ProcessEnv, platform: NodeJS.Platform, homedir: string, log: (line: string) => void, error: (line: string) => void }} InstallContext
 */

/** @param {string[]} argv @returns {InstallOptions} */
function parseInstallArgs(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        user: { type: "boolean" },
        "sys-prefix": { type: "boolean" },
        prefix: { type: "string" },
        name: { type: "string" },
        "display-name": { type: "string" },
        uninstall: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    const message = /** @type {Error} */ (e).message.split(". To specify")[0].replace(/\.$/, "");
    throw new InstallError(`${message}; expected --user, --sys-prefix, --prefix DIR, --name NAME, --display-name TEXT or --uninstall (see --help)`);
  }
  const { values } = parsed;
  const chosen = /** @type {const} */ (["user", "sys-prefix", "prefix"]).filter((flag) => values[flag] !== undefined);
  if (chosen.length > 1) throw new InstallError(`choose one place to install, got ${chosen.map((f) => `--${f}`).join(" and ")}: --user, --sys-prefix or --prefix DIR`);
  if (values.prefix !== undefined && values.prefix.trim() === "") throw new InstallError("--prefix expects a folder, e.g. --prefix /opt/jupyter; got an empty string");
  const name = values.name ?? DEFAULT_NAME;
  if (!KERNEL_NAME.test(name)) throw new InstallError(`--name expects letters, digits, ".", "_" or "-" (Jupyter's rule for kernelspec names); got ${JSON.stringify(name)}`);
  const displayName = values["display-name"] ?? DEFAULT_DISPLAY_NAME;
  if (displayName.trim() === "") throw new InstallError("--display-name expects the text Jupyter should show, e.g. --display-name \"TypeScript (conclab)\"; got an empty string");
  return {
    where: chosen[0] ?? "user",
    prefix: values.prefix,
    name,
    displayName,
    uninstall: values.uninstall === true,
    help: values.help === true,
  };
}

/** The platform's Jupyter data dir when neither $JUPYTER_DATA_DIR nor `jupyter` says otherwise (jupyter_core.paths). */
function defaultUserDataDir(/** @type {InstallContext} */ context) {
  const { env, platform, homedir } = context;
  if (platform === "darwin") return path.join(homedir, "Library", "Jupyter");
  if (platform === "win32") return path.join(env.APPDATA ?? path.join(homedir, "AppData", "Roaming"), "jupyter");
  return path.join(env.XDG_DATA_HOME || path.join(homedir, ".local", "share"), "jupyter");
}

function userDataDir(/** @type {InstallContext} */ context) {
  if (context.env.JUPYTER_DATA_DIR) return path.resolve(context.env.JUPYTER_DATA_DIR);
  const jupyter = spawnSync("jupyter", ["--data-dir"], { encoding: "utf8", env: context.env, timeout: 30_000 });
  const reported = jupyter.status === 0 ? jupyter.stdout.trim() : "";
  return reported && path.isAbsolute(reported) ? reported : defaultUserDataDir(context);
}

/** The executable named `command` on PATH, or undefined. */
function onPath(/** @type {string} */ command, /** @type {InstallContext} */ context) {
  const extensions = context.platform === "win32" ? (context.env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of (context.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = path.join(dir, command + extension);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The Python that runs `jupyter` (from its #! line), since that Python's sys.prefix is where its kernelspec search looks. */
function jupyterPython(/** @type {InstallContext} */ context) {
  const fallback = context.platform === "win32" ? "python" : "python3";
  const jupyter = onPath("jupyter", context);
  if (!jupyter) return fallback;
  let firstLine = "";
  try {
    firstLine = readFileSync(jupyter, "latin1").slice(0, 400).split("\n")[0];
  } catch {
    return fallback;
  }
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(firstLine);
  if (!shebang) return fallback;
  const interpreter = path.basename(shebang[1]) === "env" ? shebang[2] : shebang[1];
  return interpreter && /python/i.test(path.basename(interpreter)) ? interpreter : fallback;
}

function sysPrefix(/** @type {InstallContext} */ context) {
  const python = jupyterPython(context);
  const result = spawnSync(python, ["-c", "import sys; print(sys.prefix)"], { encoding: "utf8", env: context.env, timeout: 30_000 });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : (result.stderr || `exit status ${result.status}`).trim();
    throw new InstallError(`--sys-prefix asks Python for sys.prefix, but running ${python} failed (${why}); install Python or use --user or --prefix DIR instead`);
  }
  context.log(`sys.prefix of ${python}: ${result.stdout.trim()}`);
  return result.stdout.trim();
}

/** The kernelspec folder the options point at. @param {InstallOptions} options @param {InstallContext} context */
function kernelspecDir(options, context) {
  switch (options.where) {
    case "prefix":
      return path.resolve(/** @type {string} */ (options.prefix), "share", "jupyter", "kernels", options.name);
    case "sys-prefix":
      return path.join(sysPrefix(context), "share", "jupyter", "kernels", options.name);
    case "user":
      return path.join(userDataDir(context), "kernels", options.name);
  }
}

/** @param {InstallOptions} options */
function kernelJson(options) {
  const { version } = JSON.parse(readFileSync(path.join(__dirname, "package.json"), "utf8"));
  return {
    argv: KERNEL_ARGV,
    display_name: options.displayName,
    language: "typescript",
    interrupt_mode: "message",
    metadata: { debugger: false, conclab: { version, package: __dirname } },
  };
}

/** Writes the kernelspec, replacing any earlier one of the same name there. @returns {string} its folder */
function install(/** @type {InstallOptions} */ options, /** @type {InstallContext} */ context) {
  const dir = kernelspecDir(options, context);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "kernel.json"), `${JSON.stringify(kernelJson(options), null, 2)}\n`);
  for (const logo of ["logo-32x32.png", "logo-64x64.png"]) copyFileSync(path.join(__dirname, "kernelspec", logo), path.join(dir, logo));
  return dir;
}

/** @returns {{ dir: string, existed: boolean }} */
function uninstall(/** @type {InstallOptions} */ options, /** @type {InstallContext} */ context) {
  const dir = kernelspecDir(options, context);
  const existed = existsSync(dir);
  rmSync(dir, { recursive: true, force: true });
  return { dir, existed };
}

/**
 * Runs the installer with command-line arguments; returns the exit code.
 * @param {string[]} argv
 * @param {Partial<InstallContext>} [overrides]
 */
function main(argv, overrides = {}) {
  /** @type {InstallContext} */
  const context = { env: process.env, platform: process.platform, homedir: os.homedir(), log: (line) => console.log(line), error: (line) => console.error(line), ...overrides };
  try {
    const options = parseInstallArgs(argv);
    if (options.help) {
      context.log(USAGE);
      return 0;
    }
    if (options.uninstall) {
      const { dir, existed } = uninstall(options, context);
      context.log(existed ? `Removed the kernelspec ${options.name} from ${dir}` : `Nothing to remove: no kernelspec ${options.name} at ${dir}`);
      return 0;
    }
    const dir = install(options, context);
    context.log(`Installed the kernelspec ${options.name} ("${options.displayName}") in ${dir}`);
    if (!existsSync(path.join(__dirname, "dist", "kernel", "main.js"))) context.log("Note: dist/ is not built yet; run `npm run build` before starting the kernel.");
    return 0;
  } catch (e) {
    const code = /** @type {NodeJS.ErrnoException} */ (e).code;
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
      context.error(`install.js: ${/** @type {Error} */ (e).message}; choose a place you can write: --user (the default), --prefix DIR, or run with the rights for that folder`);
      return 1;
    }
    if (!(e instanceof InstallError)) throw e;
    context.error(`install.js: ${e.message}`);
    return 2;
  }
}

module.exports = { main, parseInstallArgs, kernelJson, USAGE };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
