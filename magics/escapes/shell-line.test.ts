import { UsageError } from "../framework/usage-error";
import { closeSharedEngine, fakeMagicContext } from "../../test/support/fake-magic-context";
import { runShellLine } from "./shell-line";

afterAll(closeSharedEngine);

test("a command's output goes to the cell, and nothing more when it succeeds", async () => {
  const ctx = fakeMagicContext();
  await runShellLine("echo hi", ctx);
  expect([ctx.stdoutText.join(""), ctx.stderrText.join("")]).toEqual(["hi\n", ""]);
});

test("an unknown or failing command: the shell's stderr, then its exit status, and the cell goes on", async () => {
  const ctx = fakeMagicContext();
  await runShellLine("no-such-command-here", ctx);
  expect(ctx.stderrText.join("")).toMatch(/no-such-command-here: (command )?not found\n!no-such-command-here exited with status 127\n$/);
  const failing = fakeMagicContext();
  await runShellLine("ls /no/such/folder", failing);
  expect(failing.stderrText.join("")).toMatch(/\/no\/such\/folder.*\n!ls \/no\/such\/folder exited with status 2\n$/s);
});

test("a failing line that reads as TypeScript's negation of a name says how to write it as TypeScript", async () => {
  const ctx = fakeMagicContext();
  await runShellLine("done && run()", ctx);
  expect(ctx.stderrText.join("")).toMatch(/exited with status 2\nA line that starts with ! runs in the shell, as in IPython\. If you meant TypeScript's "not", start the line otherwise: \(!done\) && run\(\)\n$/);
  const flag = fakeMagicContext();
  await runShellLine("notAFlagHere", flag);
  expect(flag.stderrText.join("")).toMatch(/exited with status 127\n.*start the line otherwise: \(!notAFlagHere\)\n$/s);
  const grep = fakeMagicContext();
  await runShellLine("grep x /no/such/file", grep);
  expect(grep.stderrText.join("")).not.toMatch(/TypeScript/);
});

test("a ! without a command is a usage error", async () => {
  await expect(runShellLine("", fakeMagicContext())).rejects.toThrow(new UsageError("! needs a command after it, e.g. !ls -l"));
});
