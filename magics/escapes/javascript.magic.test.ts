import { runMagicCell } from "../registry";
import { closeSharedEngine, fakeMagicContext } from "../../test/support/fake-magic-context";

afterAll(closeSharedEngine);

test("%%javascript and %%js send the cell as application/javascript for the frontend to run", async () => {
  for (const name of ["javascript", "js"]) {
    const ctx = fakeMagicContext();
    await expect(runMagicCell(name, "", "element.textContent = 'hi';", ctx)).resolves.toBeUndefined();
    expect(ctx.displayed).toEqual([{ "application/javascript": "element.textContent = 'hi';", "text/plain": "element.textContent = 'hi';" }]);
  }
});
