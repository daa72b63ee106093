/** Sending replies and iopub messages on behalf of one request. */
import type { ChannelName, JsonObject, Message } from "../protocol/messages";
import { childOf } from "../protocol/wire";

export interface Outbox {
  send(channel: ChannelName, message: Message<unknown>): void;
}

export class Publisher {
  constructor(private readonly outbox: Outbox, readonly session: string) {}

  publish(parent: Message, msgType: string, content: JsonObject, metadata: JsonObject = {}): void {
    this.outbox.send("iopub", { ...childOf(parent, msgType, content, this.session, metadata), identities: [Buffer.from(msgType)] });
  }

  reply(parent: Message, channel: "shell" | "control" | "stdin", msgType: string, content: JsonObject, metadata: JsonObject = {}): void {
    this.outbox.send(channel, childOf(parent, msgType, content, this.session, metadata));
  }

  status(parent: Message, state: "busy" | "idle" | "starting"): void {
    this.publish(parent, "status", { execution_state: state });
  }
}
