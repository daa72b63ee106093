import { FULL_GC_AFTER_GROWTH_BYTES, collectGarbage } from "./collect-garbage";

test("a full GC first, then minor ones until the heap or its Buffers grow by the threshold, then a full one again", () => {
  expect(collectGarbage()).toBe("full");
  expect(collectGarbage()).toBe("minor");
  // Garbage of the young generation is not growth: the minor GC clears it.
  for (let i = 0; i < 1000; i++) void new Array(100).fill(i);
  expect(collectGarbage()).toBe("minor");
  const kept = Buffer.alloc(FULL_GC_AFTER_GROWTH_BYTES + 1024 * 1024, 1);
  expect(collectGarbage()).toBe("full");
  expect(collectGarbage()).toBe("minor");
  expect(kept.length).toBeGreaterThan(FULL_GC_AFTER_GROWTH_BYTES);
});
