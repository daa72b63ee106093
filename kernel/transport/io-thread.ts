/**
 * Runs in a worker thread: binds every zeromq socket, echoes heartbeats, verifies signatures, and
 * passes requests to the main thread. It stays responsive when user code blocks the main thread,
 * so heartbeats are answered and interrupts can stop a runaway cell.
 */
import { parentPort, workerData } from "node:worker_threads";
import * as zmq from "zeromq";
import { endpoint } from "../../protocol/connection-file";
import { ChannelName, Message } from "../../protocol/messages";
import { Signer, WireError, childOf, decode, encode } from "../../protocol/wire";
import { kernelInfo } from "../kernel-info";
import { FromIoThread, IoThreadData, ToIoThread } from "./io-messages";
import { watchParent } from "./parent-watch";
import { osThreadId } from "../../common/process-status";

const { connection, session, parent } = workerData as IoThreadData;
const signer = new Signer(connection.key, connection.signature_scheme);
const port = parentPort!;
const post = (message: FromIoThread) => port.postMessage(message);
const log = (text: string) => post({ kind: "log", text });
const info = kernelInfo();

/** Largest message accepted; larger ones are dropped (zmq enforces it before allocation). */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * jupyter_client's clients of one kernel manager share its session id, which is also their
 * sockets' routing identity. A router ignores a peer whose identity it already has, so a second
 * km.client(), or a client reconnecting after its connection broke, was never answered. With
 * handover the newest peer takes the identity and the older one is answered no more, as with
 * ipykernel; clients with identities of their own are all served.
 */
const routerOptions = { linger: 0, maxMessageSize: MAX_MESSAGE_BYTES, handover: true };

const sockets = {
  shell: new zmq.Router(routerOptions),
  control: new zmq.Router(routerOptions),
  stdin: new zmq.Router(routerOptions),
  iopub: new zmq.Publisher({ linger: 0 }),
  hb: new zmq.Reply({ linger: 0 }),
};

/** zeromq.js allows one send at a time per socket; queue the rest in order. */
const sendQueues = new Map<ChannelName, Promise<void>>();
function send(channel: ChannelName, message: Message<unknown>): void {
  if (message.header.msg_type === "execute_reply") unansweredExecutions.delete((message.parent_header as { msg_id: string }).msg_id);
  const socket = sockets[channel];
  const previous = sendQueues.get(channel) ?? Promise.resolve();
  const next = previous.then(() => socket.send(encode(message, signer))).catch((e: Error) => log(`cannot send ${message.header.msg_type} on ${channel}: ${e.message}`));
  sendQueues.set(channel, next);
}

/** execute_requests passed to the main thread whose execute_reply has not gone out yet, oldest first, by msg_id. */
const unansweredExecutions = new Map<string, Message>();
/** How often, and how many times, an interrupt is repeated while the cell it targets still runs. */
const INTERRUPT_REPEAT_MS = 250;
const INTERRUPT_REPEATS = 8;

/**
 * An interrupt is delivered as SIGINT to this process: a cell blocking the main thread inside its
 * synchronous run is stopped by vm's breakOnSigint, and an idle main thread takes it as an event.
 * A signal that lands just before the cell enters its run would be lost, so it is repeated while
 * the execution that was running when the interrupt came has not been answered.
 * (Stopping JavaScript from here with the inspector's terminateExecution corrupts Node's async
 * hook stack when AsyncLocalStorage is in use, and aborts the process.)
 */
function interruptMainThread(): void {
  process.kill(process.pid, "SIGINT");
  const [target] = unansweredExecutions.values();
  if (target === undefined) return;
  let repeats = 0;
  const repeat = setInterval(() => {
    if (!unansweredExecutions.has(target.header.msg_id)) clearInterval(repeat);
    else if (++repeats <= INTERRUPT_REPEATS) process.kill(process.pid, "SIGINT");
    else {
      clearInterval(repeat);
      tellInterruptFailed(target);
    }
  }, INTERRUPT_REPEAT_MS);
}

/**
 * Code that runs after an `await` (or in a timer or callback) is outside vm's breakOnSigint, and a
 * loop there never yields to the SIGINT handler: say so on the cell, since only a restart helps.
 */
function tellInterruptFailed(cell: Message): void {
  const text =
    `[conclab] interrupt: the cell is still running after ${(INTERRUPT_REPEAT_MS * INTERRUPT_REPEATS) / 1000} s of interrupts. ` +
    "Node can stop a loop in the cell's first synchronous stretch, and any code that awaits, but not JavaScript that loops without yielding after an `await`, in a timer or in a callback. " +
    "If it does not finish, restart the kernel (notebook variables are lost; magic bodies under %%threads or %%processes can always be stopped).\n";
  log(text.trim());
  send("iopub", childOf(cell, "stream", { name: "stderr", text }, session));
}

async function serveHeartbeat(): Promise<void> {
  for await (const frames of sockets.hb) await sockets.hb.send(frames);
}

/** Answers a request from this thread, with busy and idle around the reply as the dispatcher does. */
function answerHere(channel: "shell" | "control", request: Message, replyType: string, content: Record<string, unknown>): void {
  send("iopub", childOf(request, "status", { execution_state: "busy" }, session));
  send(channel, childOf(request, replyType, content, session));
  send("iopub", childOf(request, "status", { execution_state: "idle" }, session));
}

/**
 * Requests this thread answers itself, so they are answered while a cell blocks the main thread.
 * Every other request goes to the main thread, whose handlers are in dispatch/handler-tables.ts.
 */
const ANSWERED_HERE: Record<"shell" | "control", Record<string, () => [replyType: string, content: Record<string, unknown>]>> = {
  shell: { kernel_info_request: () => ["kernel_info_reply", info] },
  control: {
    kernel_info_request: () => ["kernel_info_reply", info],
    interrupt_request: () => {
      interruptMainThread();
      return ["interrupt_reply", { status: "ok" }];
    },
  },
};

async function serve(channel: "shell" | "control" | "stdin"): Promise<void> {
  for await (const frames of sockets[channel]) {
    let message: Message;
    try {
      message = decode(frames, signer);
    } catch (e) {
      log(`dropped a message on ${channel}: ${e instanceof WireError ? e.message : String(e)}`);
      continue;
    }
    if (channel !== "stdin" && Object.hasOwn(ANSWERED_HERE[channel], message.header.msg_type)) {
      answerHere(channel, message, ...ANSWERED_HERE[channel][message.header.msg_type]());
      continue;
    }
    if (message.header.msg_type === "execute_request") unansweredExecutions.set(message.header.msg_id, message);
    post({ kind: "request", channel, message });
  }
}

/** How long the main thread has to shut down once the client is gone (closing pools takes a second or more on a busy machine), before this thread kills the process: a cell stuck in a loop never lets it. Found within 1 s and ended within 3 more, the kernel is gone within 5 s. */
const SHUTDOWN_GRACE_MS = 3000;

/** The main thread shuts down as on shutdown_request; child processes of %%processes end by themselves once the kernel is gone. */
function endWithClient(why: string): void {
  post({ kind: "client-gone", why });
  // process.exit() in this thread would end only the thread.
  setTimeout(() => process.kill(process.pid, "SIGKILL"), SHUTDOWN_GRACE_MS).unref();
}

async function main(): Promise<void> {
  watchParent(parent, endWithClient);
  await Promise.all(
    (Object.keys(sockets) as (keyof typeof sockets)[]).map((name) => sockets[name].bind(endpoint(connection, name))),
  );
  port.on("message", (message: ToIoThread) => {
    if (message.kind === "send") {
      send(message.channel, { ...message.message, identities: message.message.identities.map((id) => Buffer.from(id)) });
    } else {
      void Promise.all(sendQueues.values()).then(() => {
        for (const socket of Object.values(sockets)) socket.close();
        port.close();
      });
    }
  });
  post({ kind: "ready", osThreadId: osThreadId() });
  await Promise.all([serveHeartbeat(), serve("shell"), serve("control"), serve("stdin")]);
}

main().catch((e: Error) => {
  log(`the I/O thread failed: ${e.stack ?? e.message}`);
  process.exit(1);
});
