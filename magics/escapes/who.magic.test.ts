import { closeSharedEngine, fakeMagicContext } from "../../test/support/fake-magic-context";
import { whoMagic, whosMagic } from "./who.magic";

afterAll(closeSharedEngine);

test("%who lists the variables the cells defined, sorted, without the kernel's own", async () => {
  const ctx = fakeMagicContext();
  await whoMagic.run("", ctx);
  await ctx.cell("const zeta = 1;\nfunction alpha() { return 2; }\nlet mid = 'm';");
  ctx.notebookScope.$last = { kind: "conclab.experiment" };
  await whoMagic.run("", ctx);
  expect(ctx.stdoutText).toEqual(["No variables are defined yet: the notebook's cells have declared none.\n", "alpha\tmid\tzeta\n"]);
  await expect(whoMagic.run("number", ctx)).rejects.toThrow('%who takes no arguments, got "number"');
});

test("%whos shows each variable's TypeScript type and the start of its value", async () => {
  const ctx = fakeMagicContext();
  await ctx.cell("const xs = [1, 2, 3];\nconst point = { x: 1, label: 'origin' };\nconst twice = (n: number) => n * 2;\nclass Box {}");
  await whosMagic.run("", ctx);
  const [header, rule, ...rows] = ctx.stdoutText.join("").trimEnd().split("\n");
  expect(header).toMatch(/^Variable +Type +Value$/);
  expect(rule).toMatch(/^-+$/);
  expect(rows).toEqual([
    expect.stringMatching(/^Box +class Box +\[class Box\]$/),
    expect.stringMatching(/^point +\{ x: number; label: string; \} +\{ x: 1, label: 'origin' \}$/),
    expect.stringMatching(/^twice +\(n: number\) => number +\[Function: twice\]$/),
    expect.stringMatching(/^xs +number\[\] +\[ 1, 2, 3 \]$/),
  ]);
});
