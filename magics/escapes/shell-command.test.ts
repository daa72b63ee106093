import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { closeSharedEngine, fakeMagicContext } from "../../test/support/fake-magic-context";
import { describeExit, runShell } from "./shell-command";

afterAll(closeSharedEngine);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether any process of the group `pgid` is still there. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("runShell", () => {
  it("streams stdout and stderr to the cell as they come, not when the command ends", async () => {
    const ctx = fakeMagicContext();
    const arrived: number[] = [];
    const started = Date.now();
    const streamed = { ...ctx, stdout: (text: string) => (arrived.push(Date.now() - started), ctx.stdout(text)) };
    const exit = await runShell(true, "echo first; sleep 0.6; echo second; echo warning >&2", streamed);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(ctx.stdoutText.join("")).toBe("first\nsecond\n");
    expect(ctx.stderrText.join("")).toBe("warning\n");
    expect(arrived[arrived.length - 1] - arrived[0]).toBeGreaterThanOrEqual(400);
  });

  it("says how the command ended: its exit status, or the signal that killed it", async () => {
    const ctx = fakeMagicContext();
    expect(await runShell(true, "exit 3", ctx)).toEqual({ code: 3, signal: null });
    const killed = await runShell(true, "kill -TERM $$", ctx);
    expect(describeExit(killed)).toBe("was killed by SIGTERM");
    expect(describeExit({ code: 3, signal: null })).toBe("exited with status 3");
  });

  it("gives the command an empty stdin, so a command that reads it ends at once", async () => {
    const ctx = fakeMagicContext();
    await expect(runShell(true, "cat; echo read-all", ctx)).resolves.toEqual({ code: 0, signal: null });
    expect(ctx.stdoutText.join("")).toBe("read-all\n");
  });

  it("stops the command's whole process group at an interrupt, and rejects with the interrupt once it is gone", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "conclab-shell-"));
    for (const script of ["sleep 30", "trap '' INT; sleep 30"]) {
      const ctx = fakeMagicContext();
      const pidFile = path.join(folder, "pid");
      const running = runShell("bash", `echo $$ > ${pidFile}; ${script}`, ctx);
      await sleep(300);
      const started = Date.now();
      ctx.interrupt();
      await expect(running).rejects.toThrow("KeyboardInterrupt");
      expect(Date.now() - started).toBeLessThan(2000);
      const pgid = Number(readFileSync(pidFile, "utf8"));
      for (let waited = 0; groupAlive(pgid) && waited < 1000; waited += 50) await sleep(50);
      expect(groupAlive(pgid)).toBe(false);
    }
  });

  it("rejects, naming the shell, when the shell cannot start", async () => {
    await expect(runShell("/no/such/shell", "true", fakeMagicContext())).rejects.toThrow("cannot start /no/such/shell: spawn /no/such/shell ENOENT");
  });
});
