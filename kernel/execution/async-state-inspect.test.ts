import { AsyncLocalStorage } from "node:async_hooks";
import { inspect } from "node:util";
import { hideAsyncStateFromInspect } from "./async-state-inspect";

const storage = new AsyncLocalStorage<{ identities: string[] }>();
beforeAll(hideAsyncStateFromInspect);

test("a promise made under an AsyncLocalStorage shows as in Node's REPL, and its store is still there", async () => {
  await storage.run({ identities: ["kernel state"] }, async () => {
    const promise = Promise.resolve(5);
    expect(inspect(promise)).toBe("Promise { 5 }");
    expect(inspect((async () => "done")())).toBe("Promise { 'done' }");
    expect(await promise.then(() => storage.getStore())).toEqual({ identities: ["kernel state"] });
  });
});

test("a timer keeps its own one-level inspect, without the store", () => {
  storage.run({ identities: ["kernel state"] }, () => {
    const timeout = setTimeout(() => undefined, 1000);
    const shown = inspect(timeout);
    clearTimeout(timeout);
    expect(shown).toMatch(/^Timeout \{\n {2}_idleTimeout: 1000,/);
    expect(shown).not.toMatch(/kResourceStore|identities/);
  });
});
