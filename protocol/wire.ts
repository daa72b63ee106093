/** Frames <-> message, with HMAC signing and constant-time verification (Jupyter wire protocol). */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { Header, JsonObject, Message, PROTOCOL_VERSION } from "./messages";

export const DELIMITER = "<IDS|MSG>";

export class Signer {
  private readonly algorithm: string | null;

  constructor(private readonly key: string, scheme = "hmac-sha256") {
    if (key === "") {
      this.algorithm = null;
      return;
    }
    const match = /^hmac-(.+)$/.exec(scheme);
    if (!match) throw new Error(`unsupported signature_scheme "${scheme}": expected hmac-<digest>, e.g. hmac-sha256`);
    this.algorithm = match[1];
  }

  sign(parts: Buffer[]): string {
    if (this.algorithm === null) return "";
    const hmac = createHmac(this.algorithm, this.key);
    for (const part of parts) hmac.update(part);
    return hmac.digest("hex");
  }

  verify(signature: Buffer, parts: Buffer[]): boolean {
    const expected = Buffer.from(this.sign(parts), "ascii");
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  }
}

export class WireError extends Error {}

/** Parses the frames of one message; throws WireError when it is malformed or its signature does not match. */
export function decode(frames: Buffer[], signer: Signer): Message {
  const delimiterAt = frames.findIndex((f) => f.length === DELIMITER.length && f.toString() === DELIMITER);
  if (delimiterAt < 0) throw new WireError("no <IDS|MSG> delimiter");
  if (frames.length < delimiterAt + 6) throw new WireError(`expected 5 frames after the delimiter, got ${frames.length - delimiterAt - 1}`);
  const [signature, ...parts] = frames.slice(delimiterAt + 1);
  const signed = parts.slice(0, 4);
  if (!signer.verify(signature, signed)) throw new WireError("bad or missing signature");
  const [header, parent, metadata, content] = signed.map((part, i) => parseJson(part, ["header", "parent_header", "metadata", "content"][i]));
  if (typeof header.msg_type !== "string" || typeof header.msg_id !== "string") throw new WireError("header lacks msg_type or msg_id");
  return {
    identities: frames.slice(0, delimiterAt),
    header: header as unknown as Header,
    parent_header: parent as Message["parent_header"],
    metadata,
    content,
    buffers: parts.slice(4),
  };
}

function parseJson(frame: Buffer, what: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(frame.toString("utf8"));
  } catch (e) {
    throw new WireError(`${what} is not JSON: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new WireError(`${what} is not a JSON object`);
  return value as JsonObject;
}

export function encode(message: Message<unknown>, signer: Signer): Buffer[] {
  const parts = [message.header, message.parent_header, message.metadata, message.content].map((p) => Buffer.from(JSON.stringify(p)));
  return [...message.identities, Buffer.from(DELIMITER), Buffer.from(signer.sign(parts)), ...parts, ...message.buffers];
}

export function newHeader(msgType: string, session: string, username = "kernel"): Header {
  return { msg_id: randomUUID(), session, username, date: new Date().toISOString(), msg_type: msgType, version: PROTOCOL_VERSION };
}

/** A message answering (or published on behalf of) `parent`, routed back to the same identities. */
export function childOf<C>(parent: Pick<Message<unknown>, "identities" | "header">, msgType: string, content: C, session: string, metadata: JsonObject = {}): Message<C> {
  return {
    identities: parent.identities,
    header: newHeader(msgType, session, parent.header.username),
    parent_header: parent.header,
    metadata,
    content,
    buffers: [],
  };
}
