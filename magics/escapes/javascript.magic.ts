/** %%javascript (%%js): the cell is JavaScript for the frontend to run. */
import { defineMagic } from "../framework/magic";

export const javascriptMagic = defineMagic({
  name: "javascript",
  aliases: ["js"],
  summary: "send the cell to the frontend as JavaScript to run in the page",
  description:
    "Sends the cell as application/javascript output, as IPython's %%javascript: a frontend that runs such output (classic Notebook, JupyterLab for a trusted notebook) runs it in the page, " +
    "with `element` the output's element; others show nothing. To run JavaScript in the kernel, write it in a plain cell.",
  body: "the JavaScript to send",
  options: {},
  async run(_options, body, ctx) {
    ctx.display({ "application/javascript": body, "text/plain": body });
    return undefined;
  },
});
