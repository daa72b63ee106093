/** IPython's everyday escapes through a real kernel over ZeroMQ: ! lines, %%bash, %%html, %%writefile, %env, %cd, %who, %time, _ and __. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import { KernelClient } from "../client/kernel-client";
import type { Reply } from "../client/kernel-channels";
import { childrenOf, ofType, resultText, sleep, startKernel, streamText } from "./kernel-harness";

const notebookFolder = realpathSync(mkdtempSync(path.join(tmpdir(), "conclab-escapes-")));
let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel({ cwd: notebookFolder });
});
afterAll(async () => kernel?.shutdown());

/** Runs `code` and expects it to fail with `ename`; gives its evalue. Later cells run as usual. */
async function failure(code: string, ename: string): Promise<string> {
  const { reply } = await kernel.execute(code, { stopOnError: false });
  expect(reply.content).toMatchObject({ status: "error", ename });
  return String(reply.content.evalue);
}

function ok(result: Reply): Reply {
  expect(result.reply.content).toMatchObject({ status: "ok" });
  return result;
}

describe("! lines", () => {
  test("a cell of ! lines runs each with /bin/sh, streaming stdout and stderr", async () => {
    const result = ok(await kernel.execute("!echo one; echo oops >&2\n\n!echo two"));
    expect(streamText(result, "stdout")).toBe("one\ntwo\n");
    expect(streamText(result, "stderr")).toBe("oops\n");
  });

  test("an unknown command shows the shell's stderr and exit status 127; a failing one its status; the cell goes on", async () => {
    const unknown = ok(await kernel.execute("!no-such-command-here\n!echo still running"));
    expect(streamText(unknown, "stderr")).toMatch(/no-such-command-here: (command )?not found\n!no-such-command-here exited with status 127\n/);
    expect(streamText(unknown, "stdout")).toBe("still running\n");
    const failing = ok(await kernel.execute("!ls /no/such/folder"));
    expect(streamText(failing, "stderr")).toMatch(/\/no\/such\/folder.*\n!ls \/no\/such\/folder exited with status 2\n$/s);
  });

  for (const mode of ["message", "signal"] as const) {
    test(`interrupt (${mode}) stops !sleep 30 within 2 s and leaves no process behind`, async () => {
      const running = kernel.execute("!echo started; sleep 30");
      await sleep(800);
      const started = Date.now();
      await kernel.interrupt(mode);
      const result = await running;
      expect(Date.now() - started).toBeLessThan(2000);
      expect(result.reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
      expect(streamText(result)).toBe("started\n");
      expect(childrenOf(kernel.process.pid!)).toEqual([]);
      expect(resultText(await kernel.execute("1 + 1"))).toBe("2");
    }, 30_000);
  }
});

describe("%%bash, %%sh, %%html, %%javascript", () => {
  test("%%bash and %%sh stream the script's output; a non-zero exit fails the cell with its status", async () => {
    expect(streamText(ok(await kernel.execute('%%bash\nfor i in 1 2; do echo "n=$i"; done')))).toBe("n=1\nn=2\n");
    expect(streamText(ok(await kernel.execute("%%sh\necho from sh")))).toBe("from sh\n");
    expect(await failure("%%bash\nno-such-command-here\nexit 3", "CalledProcessError")).toBe("the bash script exited with status 3");
  });

  test("an interrupt stops a %%bash script", async () => {
    const running = kernel.execute("%%bash\nsleep 30");
    await sleep(500);
    await kernel.interrupt("message");
    expect((await running).reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    // The cell ends at the interrupt, as every cell magic does; the script goes within a second (SIGINT, then SIGKILL).
    for (let waited = 0; childrenOf(kernel.process.pid!).length > 0 && waited < 1500; waited += 100) await sleep(100);
    expect(childrenOf(kernel.process.pid!)).toEqual([]);
  }, 30_000);

  test("%%html and %%javascript (%%js) send their body as display data of their type", async () => {
    const html = ofType(ok(await kernel.execute("%%html\n<b>bold</b>")), "display_data");
    expect(html.map((m) => (m.content.data as Record<string, string>)["text/html"])).toEqual(["<b>bold</b>"]);
    for (const name of ["javascript", "js"]) {
      const js = ofType(ok(await kernel.execute(`%%${name}\nelement.textContent = 'hi';`)), "display_data");
      expect(js.map((m) => (m.content.data as Record<string, string>)["application/javascript"])).toEqual(["element.textContent = 'hi';"]);
    }
    expect(await failure("%%html", "UsageError")).toBe("%%html needs a body: the HTML to show goes on the lines below %%html");
  });
});

describe("%%writefile, %env, %cd, %pwd", () => {
  test("%%writefile writes relative to the notebook's folder, says Writing / Overwriting / Appending to, and names a path it cannot write", async () => {
    expect(streamText(ok(await kernel.execute("%%writefile notes.txt\nfirst")))).toBe("Writing notes.txt\n");
    expect(streamText(ok(await kernel.execute("%%writefile -a notes.txt\nsecond")))).toBe("Appending to notes.txt\n");
    expect(readFileSync(path.join(notebookFolder, "notes.txt"), "utf8")).toBe("first\nsecond\n");
    expect(streamText(ok(await kernel.execute("%%writefile notes.txt\nthird")))).toBe("Overwriting notes.txt\n");
    expect(await failure("%%writefile missing/notes.txt\nx", "UsageError")).toBe(
      `%%writefile: the folder ${path.join(notebookFolder, "missing")} does not exist: create it first, or give a path in a folder that exists`,
    );
  });

  test("%env sets a variable that later ! lines see, gives it back, and names one that is not set", async () => {
    expect(streamText(ok(await kernel.execute("%env CONCLAB_GREETING=hello there")))).toBe("env: CONCLAB_GREETING=hello there\n");
    expect(streamText(ok(await kernel.execute("!echo $CONCLAB_GREETING")))).toBe("hello there\n");
    expect(resultText(await kernel.execute("%env CONCLAB_GREETING"))).toBe("'hello there'");
    expect(resultText(await kernel.execute("%env"))).toContain("CONCLAB_GREETING: 'hello there'");
    expect(await failure("%env CONCLAB_NOT_SET", "UsageError")).toContain("there is no environment variable CONCLAB_NOT_SET");
  });

  test("%cd moves where ! lines and %%writefile start and says where; %pwd gives it; a bad folder is named", async () => {
    const sub = path.join(notebookFolder, "sub dir");
    mkdirSync(sub);
    expect(streamText(ok(await kernel.execute("%cd 'sub dir'")))).toBe(`${sub}\n`);
    expect(streamText(ok(await kernel.execute("!pwd")))).toBe(`${sub}\n`);
    expect(resultText(await kernel.execute("%pwd"))).toBe(`'${sub}'`);
    await kernel.execute("%%writefile here.txt\nx");
    expect(existsSync(path.join(sub, "here.txt"))).toBe(true);
    expect(await failure("%cd /no/such/folder", "UsageError")).toBe(`%cd: there is no folder /no/such/folder; the kernel stays in ${sub}`);
    expect(streamText(ok(await kernel.execute("%cd")))).toBe(`${homedir()}\n`);
    expect(streamText(ok(await kernel.execute(`%cd ${notebookFolder}`)))).toBe(`${notebookFolder}\n`);
  });
});

describe("%who, %whos, %time, %timeit, _ and __", () => {
  test("%who and %whos list the variables the cells defined, with their TypeScript types, not the kernel's", async () => {
    ok(await kernel.execute("const primes = [2, 3, 5];\nfunction double(n: number) { return n * 2; }\nprimes.length"));
    expect(streamText(ok(await kernel.execute("%who")))).toBe("double\tprimes\n");
    const table = streamText(ok(await kernel.execute("%whos")));
    expect(table).toMatch(/^double +function\(n: number\): number +\[Function: double\]$/m);
    expect(table).toMatch(/^primes +number\[\] +\[ 2, 3, 5 \]$/m);
  });

  test("%time and %timeit time one statement; %time gives its value", async () => {
    const timed = ok(await kernel.execute("%time primes.map(double)"));
    expect(streamText(timed)).toMatch(/^CPU times: .*\nWall time: /);
    expect(resultText(timed)).toBe("[ 4, 6, 10 ]");
    expect(streamText(ok(await kernel.execute("%timeit -n 100 -r 3 primes.map(double)")))).toMatch(/per loop \(mean ± std\. dev\. of 3 runs, 100 loops each\)/);
    expect(await failure("%timeit -n", "UsageError")).toContain("-n expects N, an integer from 1 to 1,000,000,000, got nothing");
  });

  test("_ and __ are the last two results shown, typed for later cells, until a cell declares _ itself", async () => {
    await kernel.execute("6 * 7");
    await kernel.execute("'answer'");
    expect(resultText(await kernel.execute("`${__} is the ${_}`"))).toBe("'42 is the answer'");
    expect(resultText(await kernel.execute("_.length"))).toBe("16");
    ok(await kernel.execute("const _ = 'mine';"));
    await kernel.execute("1 + 1");
    expect(resultText(await kernel.execute("_"))).toBe("'mine'");
  });
});

describe("mixed cells and help", () => {
  test("line magics and ! lines among TypeScript lines run in their place, with the variables of the lines above", async () => {
    const result = ok(await kernel.execute("const folder = 'mixed';\n%cd /tmp\n!pwd\nconst after = 2;\n%timeit -n 5 -r 1 folder.length + after\nafter * 21"));
    expect(streamText(result)).toMatch(/^\/tmp\n\/tmp\n.* per loop \(mean ± std\. dev\. of 1 run, 5 loops each\)\n$/);
    expect(resultText(result)).toBe("42");
    await kernel.execute(`%cd ${notebookFolder}`);
  });

  test("a mistaken magic line stops the cell before any of it runs", async () => {
    expect(await failure("!echo ran > ran.txt\n%whoo", "UsageError")).toMatch(/^there is no line magic %whoo; did you mean %who\?/);
    expect(existsSync(path.join(notebookFolder, "ran.txt"))).toBe(false);
    expect(await failure("const x = 1;\n%%bash\necho hi", "UsageError")).toBe("%%bash goes on the first line of its cell, with the bash script below it: move it to the top of a cell of its own");
  });

  test("%lsmagic lists the escapes and %magic NAME or %NAME? gives their help", async () => {
    const listed = resultText(await kernel.execute("%lsmagic"))!;
    for (const name of ["%%bash", "%%sh", "%%html", "%%javascript (%%js)", "%%writefile", "%env", "%cd", "%pwd", "%who", "%whos", "%time", "%timeit", "!COMMAND"]) expect(listed).toContain(`  ${name} `);
    expect(resultText(await kernel.execute("%magic writefile"))).toContain("%%writefile [-a] FILE");
    const page = (await kernel.execute("%cd?")).reply.content.payload as Array<{ data: Record<string, string> }>;
    expect(page[0].data["text/plain"]).toContain("%cd -");
  });
});
