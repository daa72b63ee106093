import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { crc32, inflateSync } from "node:zlib";
import { itWithPython, listKernelspecs } from "../test/support/jupyter-python";

const ROOT = path.resolve(__dirname, "..");
const INSTALL = path.join(ROOT, "install.js");

let temp: string;
beforeEach(() => {
  temp = mkdtempSync(path.join(tmpdir(), "conclab-install-"));
});
afterEach(() => rmSync(temp, { recursive: true, force: true }));

/** Runs install.js with a clean environment: no Jupyter on PATH, HOME in the temp folder, unless `env` says otherwise. */
function install(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [INSTALL, ...args], { encoding: "utf8", env: { HOME: temp, PATH: "", ...env } });
  return { status: result.status, out: result.stdout + result.stderr };
}

function readPng(file: string): { width: number; height: number; pixels: Buffer } {
  const png = readFileSync(file);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("ascii", at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
  const width = chunks[0].data.readUInt32BE(0);
  const height = chunks[0].data.readUInt32BE(4);
  expect([...chunks[0].data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
  const pixels = inflateSync(chunks[1].data);
  expect(pixels.length).toBe((width * 4 + 1) * height);
  return { width, height, pixels };
}

const kernelsDir = (prefix: string) => path.join(prefix, "share", "jupyter", "kernels");

describe("install.js", () => {
  it("writes kernel.json and real PNG logos under --prefix DIR/share/jupyter/kernels/conclab", () => {
    const result = install(["--prefix", temp]);
    const dir = path.join(kernelsDir(temp), "conclab");
    expect(result.status).toBe(0);
    expect(result.out).toContain(`Installed the kernelspec conclab ("TypeScript (conclab)") in ${dir}`);
    expect(readdirSync(dir).sort()).toEqual(["kernel.json", "logo-32x32.png", "logo-64x64.png"]);
    const spec = JSON.parse(readFileSync(path.join(dir, "kernel.json"), "utf8"));
    expect(spec).toMatchObject({
      argv: [process.execPath, path.join(ROOT, "bin", "conclab.js"), "kernel", "--connection-file", "{connection_file}"],
      display_name: "TypeScript (conclab)",
      language: "typescript",
      interrupt_mode: "message",
    });
    expect(typeof spec.metadata).toBe("object");
    for (const size of [32, 64]) {
      const { width, height, pixels } = readPng(path.join(dir, `logo-${size}x${size}.png`));
      expect([width, height]).toEqual([size, size]);
      const centre = (size / 2) * (size * 4 + 1) + 1 + (size / 2) * 4;
      expect(pixels[centre + 3]).toBe(255);
      expect(pixels[1 + 3]).toBe(0); // the rounded corner is transparent
      const colours = new Set<string>();
      for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) colours.add(pixels.subarray(y * (size * 4 + 1) + 1 + x * 4, y * (size * 4 + 1) + 5 + x * 4).join(","));
      expect(colours).toContain("255,255,255,255"); // the letters
      expect(colours).toContain("49,120,198,255"); // the background
    }
  });

  it("is idempotent: installing again replaces the folder, leaving nothing stale", () => {
    expect(install(["--prefix", temp]).status).toBe(0);
    const dir = path.join(kernelsDir(temp), "conclab");
    writeFileSync(path.join(dir, "stale.txt"), "from an older install");
    const first = readFileSync(path.join(dir, "kernel.json"), "utf8");
    expect(install(["--prefix", temp]).status).toBe(0);
    expect(readFileSync(path.join(dir, "kernel.json"), "utf8")).toBe(first);
    expect(existsSync(path.join(dir, "stale.txt"))).toBe(false);
  });

  it("honours --name and --display-name, and --uninstall removes only that kernelspec", () => {
    expect(install(["--prefix", temp]).status).toBe(0);
    expect(install(["--prefix", temp, "--name", "conclab-dev", "--display-name", "TS dev"]).status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(kernelsDir(temp), "conclab-dev", "kernel.json"), "utf8")).display_name).toBe("TS dev");
    const removed = install(["--prefix", temp, "--name", "conclab-dev", "--uninstall"]);
    expect(removed.status).toBe(0);
    expect(removed.out).toContain("Removed the kernelspec conclab-dev");
    expect(readdirSync(kernelsDir(temp))).toEqual(["conclab"]);
    const again = install(["--prefix", temp, "--name", "conclab-dev", "--uninstall"]);
    expect(again.status).toBe(0);
    expect(again.out).toContain("Nothing to remove");
  });

  it("installs for the user by default: $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else ~/.local/share/jupyter (with no jupyter on PATH)", () => {
    const data = path.join(temp, "data");
    expect(install([], { JUPYTER_DATA_DIR: data }).out).toContain(path.join(data, "kernels", "conclab"));
    expect(existsSync(path.join(data, "kernels", "conclab", "kernel.json"))).toBe(true);
    const xdg = path.join(temp, "xdg");
    expect(install(["--user"], { XDG_DATA_HOME: xdg }).status).toBe(0);
    expect(existsSync(path.join(xdg, "jupyter", "kernels", "conclab", "kernel.json"))).toBe(process.platform === "linux");
    expect(install(["--user"]).status).toBe(0);
    if (process.platform === "linux") expect(existsSync(path.join(temp, ".local", "share", "jupyter", "kernels", "conclab", "kernel.json"))).toBe(true);
  });

  it("needs no Python, and says what to do when --sys-prefix cannot find one", () => {
    const result = install(["--sys-prefix"]);
    expect(result.status).toBe(2);
    expect(result.out).toMatch(/--sys-prefix asks Python for sys\.prefix, but running python3? failed .*use --user or --prefix DIR/);
  });

  it.each([
    [["--bogus"], "Unknown option '--bogus'; expected --user, --sys-prefix, --prefix DIR"],
    [["--user", "--prefix", "/tmp/x"], "choose one place to install, got --user and --prefix"],
    [["--prefix"], "Option '--prefix <value>' argument missing"],
    [["--name", "has space"], '--name expects letters, digits, ".", "_" or "-"'],
    [["--display-name", " "], "--display-name expects the text Jupyter should show"],
    [["stray"], "Unexpected argument 'stray'"],
  ])("rejects %j, naming the flag and what was expected", (args, message) => {
    const result = install(args);
    expect(result.status).toBe(2);
    expect(result.out).toContain(message);
  });

  it("explains itself with --help, saying the default is --user", () => {
    const result = install(["--help"]);
    expect(result.status).toBe(0);
    expect(result.out).toContain("the default is --user");
  });

  itWithPython(["jupyter_client"], "is listed by jupyter kernelspec list, by prefix (JUPYTER_PATH) and by data dir", (python) => {
    expect(install(["--prefix", temp]).status).toBe(0);
    const byPrefix = listKernelspecs(python, { ...process.env, JUPYTER_PATH: path.join(temp, "share", "jupyter") });
    expect(byPrefix.conclab).toBe(path.join(kernelsDir(temp), "conclab"));
    const data = path.join(temp, "data");
    expect(install(["--name", "conclab-data"], { JUPYTER_DATA_DIR: data }).status).toBe(0);
    const byDataDir = listKernelspecs(python, { ...process.env, JUPYTER_DATA_DIR: data });
    expect(byDataDir["conclab-data"]).toBe(path.join(data, "kernels", "conclab-data"));
  });
});
