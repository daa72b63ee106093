/** Bad input from clients and floods of output: each ends in a clear answer and a kernel that goes on serving. */
import { readFileSync } from "node:fs";
import type { KernelClient } from "../client/kernel-client";
import { STREAM_LIMIT_BYTES } from "../kernel/execution/cell-output";
import { encode } from "../protocol/wire";
import { logOnceItHolds, streamText, survivingKernel } from "./kernel-harness";

const subject = survivingKernel();
const stillServing = subject.expectStillServing;
let kernel: KernelClient;
beforeAll(() => {
  kernel = subject.kernel();
});

test("malformed JSON under a valid signature is dropped and logged", async () => {
  const frames = encode(kernel.message("execute_request", { code: "1" }), kernel.signer);
  frames[frames.length - 1] = Buffer.from("{not json");
  frames[frames.length - 5] = Buffer.from(kernel.signer.sign(frames.slice(-4)));
  await kernel.sendFrames("shell", frames);
  expect(await logOnceItHolds(kernel, "content is not JSON")).toContain("content is not JSON");
  await stillServing();
});

test("an unknown msg_type is dropped and logged", async () => {
  await kernel.send("shell", kernel.message("frobnicate_request", {}));
  expect(await logOnceItHolds(kernel, "no handler for that message type")).toContain("no handler for that message type");
  await stillServing();
});

test("a request missing fields is answered with an error that names the field", async () => {
  const { reply } = await kernel.request("shell", "execute_request", { silent: false });
  expect(reply.content).toMatchObject({ status: "error" });
  expect(reply.content.evalue).toContain("content.code");
  await stillServing();
});

test("a 50 MB message is answered, and the kernel goes on", async () => {
  const { reply } = await kernel.request("shell", "execute_request", { code: "21 * 2", padding: "x".repeat(50 * 1024 * 1024), silent: false, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: true });
  expect(reply.content.status).toBe("ok");
  await stillServing();
}, 60_000);

test("a cell printing 100 MB is cut at the stream limit with a notice", async () => {
  const result = await kernel.execute('const mb = "x".repeat(1024 * 1024);\nfor (let i = 0; i < 100; i++) process.stdout.write(mb);');
  expect(result.reply.content.status).toBe("ok");
  expect(streamText(result).length).toBeLessThanOrEqual(STREAM_LIMIT_BYTES + 64 * 1024);
  expect(streamText(result, "stderr")).toContain("output truncated");
  await stillServing();
}, 60_000);

test("a million lines are cut too, and arrive in few messages", async () => {
  const result = await kernel.execute("for (let i = 0; i < 1_000_000; i++) console.log(i);");
  const streams = result.iopub.filter((m) => m.header.msg_type === "stream");
  expect(streams.length).toBeLessThan(200);
  expect(streamText(result, "stderr")).toContain("output truncated");
  await stillServing();
}, 60_000);

test("the kernel listens only on the address of its connection file", () => {
  const ports = ["shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"].map((p) => (kernel.connection as unknown as Record<string, number>)[p]);
  const listening = readFileSync(`/proc/${kernel.process.pid}/net/tcp`, "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === "0A")
    .map((fields) => fields[1].split(":"))
    .filter(([, port]) => ports.includes(parseInt(port, 16)));
  expect(listening).toHaveLength(5);
  for (const [address] of listening) expect(address).toBe("0100007F");
});
