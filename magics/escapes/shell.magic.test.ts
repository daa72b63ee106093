import { runMagicCell } from "../registry";
import { closeSharedEngine, fakeMagicContext } from "../../test/support/fake-magic-context";

afterAll(closeSharedEngine);

test("%%bash runs the cell with bash and %%sh with /bin/sh, streaming their output", async () => {
  const ctx = fakeMagicContext();
  await expect(runMagicCell("bash", "", 'for i in 1 2; do echo "line $i"; done\necho "${BASH_VERSION:+bash}"', ctx)).resolves.toBeUndefined();
  expect(ctx.stdoutText.join("")).toBe("line 1\nline 2\nbash\n");
  const sh = fakeMagicContext();
  await runMagicCell("sh", "", 'echo "${BASH_VERSION:-not bash}" >&2', sh);
  expect(sh.stderrText.join("")).toBe("not bash\n");
});

test("a script that exits non-zero fails the cell with CalledProcessError, after its output", async () => {
  const ctx = fakeMagicContext();
  const failed = runMagicCell("bash", "", "echo before\nno-such-command-here\nexit 4", ctx);
  await expect(failed).rejects.toThrow("the bash script exited with status 4");
  await expect(failed).rejects.toHaveProperty("name", "CalledProcessError");
  expect(ctx.stdoutText.join("")).toBe("before\n");
  expect(ctx.stderrText.join("")).toMatch(/no-such-command-here: (command )?not found/);
});

test("without a body, or with an option, nothing runs", async () => {
  await expect(runMagicCell("bash", "", "  \n", fakeMagicContext())).rejects.toThrow("%%bash needs a body: the bash script goes on the lines below %%bash");
  await expect(runMagicCell("sh", "--x", "echo", fakeMagicContext())).rejects.toThrow("%%sh: there is no option --x (it takes none)");
});
