import { queueTimersBehindOneSlot, WatchTimerHost } from "./watch-timers";

/** The converter's slot as tslab has it: one pending timer, run when the converter says. */
function oneSlotHost() {
  let pending: { callback: () => void } | null = null;
  const host: WatchTimerHost = {
    setTimeout(callback) {
      if (pending) throw new Error("Unexpected pending rebuildTimer");
      pending = { callback: () => { callback(); pending = null; } };
      return pending;
    },
    clearTimeout(timer) {
      if (timer !== pending) throw new Error("clearing unexpected timer");
      pending = null;
    },
  };
  return { host, fire: () => pending?.callback(), isPending: () => pending !== null };
}

test("two timers pending at once both run, in order, when the one slot fires", () => {
  const slot = oneSlotHost();
  const host = queueTimersBehindOneSlot(slot.host);
  const ran: string[] = [];
  host.setTimeout!(() => ran.push("re-resolve failed imports"), 250);
  host.setTimeout!(() => ran.push("rebuild"), 250);
  slot.fire();
  expect(ran).toEqual(["re-resolve failed imports", "rebuild"]);
  expect(slot.isPending()).toBe(false);
});

test("a timer scheduled by a running one runs in the same firing; a cleared one never runs", () => {
  const slot = oneSlotHost();
  const host = queueTimersBehindOneSlot(slot.host);
  const ran: string[] = [];
  const dropped = host.setTimeout!(() => ran.push("dropped"), 250);
  host.setTimeout!(() => { ran.push("first"); host.setTimeout!(() => ran.push("scheduled by first"), 250); }, 250);
  host.clearTimeout!(dropped);
  slot.fire();
  expect(ran).toEqual(["first", "scheduled by first"]);
  const last = host.setTimeout!(() => ran.push("cleared"), 250);
  host.clearTimeout!(last);
  expect(slot.isPending()).toBe(false);
});
