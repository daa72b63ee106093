import { mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import { closeSharedEngine, fakeMagicContext } from "../../test/support/fake-magic-context";
import { cdMagic, pwdMagic } from "./working-directory.magic";

const start = process.cwd();
afterAll(() => {
  process.chdir(start);
  closeSharedEngine();
});

const folder = realpathSync(mkdtempSync(path.join(tmpdir(), "conclab-cd-")));

test("%cd FOLDER moves the kernel and says where; %pwd gives it; %cd - goes back; %cd alone goes home", async () => {
  const ctx = fakeMagicContext();
  process.chdir(start);
  await cdMagic.run(`'${folder}'`, ctx);
  await expect(pwdMagic.run("", ctx)).resolves.toBe(folder);
  await cdMagic.run("-", ctx);
  expect(process.cwd()).toBe(start);
  await cdMagic.run("", ctx);
  expect(process.cwd()).toBe(homedir());
  expect(ctx.stdoutText).toEqual([`${folder}\n`, `${start}\n`, `${homedir()}\n`]);
});

test("a folder that is not there, or is a file, is named in the error, and the kernel stays where it was", async () => {
  process.chdir(folder);
  writeFileSync(path.join(folder, "plain"), "");
  await expect(cdMagic.run("missing", fakeMagicContext())).rejects.toThrow(`%cd: there is no folder ${path.join(folder, "missing")}; the kernel stays in ${folder}`);
  await expect(cdMagic.run("plain", fakeMagicContext())).rejects.toThrow(`%cd: ${path.join(folder, "plain")} is not a folder`);
  await expect(cdMagic.run("a b", fakeMagicContext())).rejects.toThrow("%cd takes one folder, got 2 words (a, b); quote a path with spaces in it: %cd 'a b'");
  await expect(pwdMagic.run("/tmp", fakeMagicContext())).rejects.toThrow("%pwd takes no arguments");
  expect(process.cwd()).toBe(folder);
});
