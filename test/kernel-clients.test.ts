/** Several clients on one kernel: a console attached to a notebook's kernel (a session id of its own), and a second km.client() (the same session id, so the same routing identity). */
import { randomUUID } from "node:crypto";
import { KernelChannels } from "../client/kernel-channels";
import type { KernelClient } from "../client/kernel-client";
import { sleep, startKernel, streamText } from "./kernel-harness";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

const attach = (session?: string) => KernelChannels.connect(kernel.connection, { session, readyTimeoutMs: 10_000 });

/** The text of every stream message a client sees on iopub, whoever asked. */
function streamsSeenBy(client: KernelChannels): string[] {
  const seen: string[] = [];
  client.listen((msg) => {
    if (msg.header.msg_type === "stream") seen.push(String(msg.content.text));
  });
  return seen;
}

/** Each client's iopub socket has its own connection: one may hear another's cell a moment after that cell's reply. */
async function expectEachSaw(seen: string[][], texts: string[]): Promise<void> {
  for (let i = 0; i < 50 && seen.some((streams) => streams.length < texts.length); i++) await sleep(100);
  for (const streams of seen) expect(streams.sort()).toEqual(texts.sort());
}

async function expectServed(client: KernelChannels, label: string): Promise<void> {
  for (const channel of ["shell", "control"] as const) {
    const { reply } = await client.request(channel, "kernel_info_request");
    expect(reply.content).toMatchObject({ status: "ok", implementation: "conclab" });
  }
  const run = await client.execute(`console.log("from ${label}")`);
  expect(run.reply.content.status).toBe("ok");
  expect(streamText(run)).toBe(`from ${label}\n`);
}

test("a second client with a session id of its own is served beside the first, at the same time, and both see every cell on iopub", async () => {
  const second = await attach();
  try {
    const seen = [kernel, second].map(streamsSeenBy);
    await Promise.all([expectServed(kernel, "the first"), expectServed(second, "the second")]);
    await expectEachSaw(seen, ["from the first\n", "from the second\n"]);
  } finally {
    second.close();
  }
});

test("a second client with the first one's session id (km.client() twice) is served, and the first still sees its cells on iopub", async () => {
  const session = randomUUID();
  const first = await attach(session);
  const second = await attach(session);
  try {
    const seen = [first, second].map(streamsSeenBy);
    // One routing identity reaches one peer: the router hands it to the newest connection, as ipykernel's does.
    await expectServed(second, "the second");
    await expectEachSaw(seen, ["from the second\n"]);
  } finally {
    first.close();
    second.close();
  }
});
