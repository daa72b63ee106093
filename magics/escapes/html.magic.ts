/** %%html: the cell is HTML to show. */
import { defineMagic } from "../framework/magic";

export const htmlMagic = defineMagic({
  name: "html",
  summary: "show the cell as HTML",
  description: "Shows the cell as text/html output (with the source as its text/plain), as IPython's %%html. Scripts in it run where the frontend lets them.",
  body: "the HTML to show",
  options: {},
  async run(_options, body, ctx) {
    ctx.display({ "text/html": body, "text/plain": body });
    return undefined;
  },
});
