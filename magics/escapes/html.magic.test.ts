import { runMagicCell } from "../registry";
import { closeSharedEngine, fakeMagicContext } from "../../test/support/fake-magic-context";

afterAll(closeSharedEngine);

test("%%html shows the cell as text/html, with its source as text/plain, and returns nothing", async () => {
  const ctx = fakeMagicContext();
  await expect(runMagicCell("html", "", "<b>bold</b>", ctx)).resolves.toBeUndefined();
  expect(ctx.displayed).toEqual([{ "text/html": "<b>bold</b>", "text/plain": "<b>bold</b>" }]);
  await expect(runMagicCell("html", "", "", ctx)).rejects.toThrow("%%html needs a body: the HTML to show goes on the lines below %%html");
});
