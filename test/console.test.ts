/**
 * conclab in `jupyter console`, as a user at a terminal sees it: the console runs in tmux, a cell
 * is typed line by line and the screen is read back. The console shows display_data and ignores
 * update_display_data, so a magic's table must not be an update.
 */
import { spawnSync } from "node:child_process";
import { itWithPython, jupyterEnvironment } from "./support/jupyter-python";
import { sleep } from "./kernel-harness";

const SESSION = `conclab-console-${process.pid}`;
/** The Jupyter data folder of the test's console: its kernel's connection file is in there. */
let dataDir: string | undefined;

function tmux(args: string[], env?: NodeJS.ProcessEnv): string {
  const run = spawnSync("tmux", args, { encoding: "utf8", env });
  if (run.error) throw new Error(`tmux could not run (${run.error.message}); install it (Debian: tmux)`);
  if (run.status !== 0) throw new Error(`tmux ${args[0]} failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

/** Types `line` (without a `;` at its end: tmux takes that for a command separator) and Enter. */
function type(line: string): void {
  if (line) tmux(["send-keys", "-t", SESSION, "-l", line]);
  tmux(["send-keys", "-t", SESSION, "Enter"]);
}

const screen = () => tmux(["capture-pane", "-p", "-J", "-S", "-200", "-t", SESSION]);

async function screenOnceItHolds(pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let shown = screen();
  while (!pattern.test(shown) && Date.now() < deadline) {
    await sleep(250);
    shown = screen();
  }
  return shown;
}

afterAll(async () => {
  // `exit` shuts the kernel down with the console; killing the session is the fallback.
  spawnSync("tmux", ["send-keys", "-t", SESSION, "exit", "Enter"]);
  for (let waited = 0; waited < 10_000 && spawnSync("tmux", ["has-session", "-t", SESSION]).status === 0; waited += 250) await sleep(250);
  spawnSync("tmux", ["kill-session", "-t", SESSION]);
  // A console killed with its session leaves its kernel running.
  if (dataDir) spawnSync("pkill", ["-f", `conclab.js kernel --connection-file ${dataDir}`]);
});

const hasTmux = spawnSync("tmux", ["-V"]).status === 0;

// Without tmux the test is skipped, as the Jupyter tests are without Jupyter, unless CI requires them.
(hasTmux || process.env.CONCLAB_REQUIRE_JUPYTER === "1" ? describe : describe.skip)("jupyter console (needs tmux)", () => {
  itWithPython(
    ["jupyter_console"],
    "shows the table of a magic that showed live progress (the progress line, then the table)",
    async (python) => {
      const env = jupyterEnvironment();
      dataDir = env.JUPYTER_DATA_DIR;
      tmux(["new-session", "-d", "-s", SESSION, "-x", "200", "-y", "60", python, "-m", "jupyter_console", "--kernel", "conclab", "--ZMQTerminalIPythonApp.confirm_exit=False", "--ZMQTerminalInteractiveShell.use_kernel_is_complete=False"], env);
      expect(await screenOnceItHolds(/In \[1\]/, 60_000)).toMatch(/In \[1\]/);
      // jupyter_console 6.4 waits for an is_complete reply inside its key handler, which then re-enters
      // itself and drops the input when the reply is slow (as the kernel's first one is on a busy
      // machine: it loads TypeScript's parser). Without it, the console ends a cell at an empty line.
      // 4 sequential tasks of 150 ms, 3 runs: long enough (1.8 s) for the progress to show and update.
      // Keys that arrive while it is still handling the kernel's first messages are lost the same way.
      await sleep(3000);
      for (const line of ["%%async --tasks 4 --concurrency 1 --repeat 3", "await task.sleep(150)", "", ""]) {
        type(line);
        await sleep(300);
      }
      const shown = await screenOnceItHolds(/\nasync +\d[\d.]* ms \(/, 60_000);
      expect(shown).toMatch(/%%async · run \d of 3/);
      expect(shown).toMatch(/%%async --tasks 4 --concurrency 1 --repeat 3: median of 3 runs \(min–max\)\nmodel +wall +CPU of the body/);
      expect(shown).toMatch(/\nasync +\d[\d.]* ms \(/);
    },
    150_000,
  );
});
