import { DELIMITER, Signer, WireError, childOf, decode, encode, newHeader } from "./wire";

const signer = new Signer("secret-key");
const message = { identities: [Buffer.from("client-id")], header: newHeader("execute_request", "s1", "me"), parent_header: {}, metadata: {}, content: { code: "1" }, buffers: [Buffer.from("raw")] };

test("encode then decode gives the message back, identities and buffers included", () => {
  const decoded = decode(encode(message, signer), signer);
  expect(decoded.header).toEqual(message.header);
  expect(decoded.content).toEqual({ code: "1" });
  expect(decoded.identities.map(String)).toEqual(["client-id"]);
  expect(decoded.buffers.map(String)).toEqual(["raw"]);
});

test("a wrong signature, a missing one, or another key is refused", () => {
  const frames = encode(message, signer);
  const at = frames.findIndex((f) => f.toString() === DELIMITER) + 1;
  expect(() => decode(frames.map((f, i) => (i === at ? Buffer.from("f".repeat(64)) : f)), signer)).toThrow(WireError);
  expect(() => decode(frames.map((f, i) => (i === at ? Buffer.alloc(0) : f)), signer)).toThrow("bad or missing signature");
  expect(() => decode(frames, new Signer("other-key"))).toThrow(WireError);
});

test("tampering with the content after signing is detected", () => {
  const frames = encode(message, signer);
  frames[frames.length - 2] = Buffer.from(JSON.stringify({ code: "process.exit()" }));
  expect(() => decode(frames, signer)).toThrow("bad or missing signature");
});

test("malformed frames say what is wrong", () => {
  expect(() => decode([Buffer.from("no delimiter")], signer)).toThrow("no <IDS|MSG> delimiter");
  expect(() => decode([Buffer.from(DELIMITER), Buffer.from("sig")], signer)).toThrow("expected 5 frames");
  const unsigned = new Signer("");
  const frames = encode(message, unsigned);
  frames[frames.length - 2] = Buffer.from("{not json");
  expect(() => decode(frames, unsigned)).toThrow("content is not JSON");
});

test("an empty key means no signatures, as Jupyter defines it", () => {
  const unsigned = new Signer("");
  expect(unsigned.sign([Buffer.from("x")])).toBe("");
  expect(decode(encode(message, unsigned), unsigned).content).toEqual({ code: "1" });
});

test("an unsupported signature scheme is refused with the expected form", () => {
  expect(() => new Signer("k", "rsa")).toThrow('unsupported signature_scheme "rsa"');
});

test("childOf answers the parent's identities with the parent header", () => {
  const child = childOf(message, "execute_reply", { status: "ok" }, "kernel-session");
  expect(child.parent_header).toBe(message.header);
  expect(child.identities).toBe(message.identities);
  expect(child.header).toMatchObject({ msg_type: "execute_reply", session: "kernel-session", version: "5.3" });
});
