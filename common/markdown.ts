/**
 * Markdown to HTML for notebook cells and text/markdown outputs, by markdown-it: CommonMark plus
 * GitHub tables and strikethrough. Raw HTML is passed through, as Jupyter does for markdown cells
 * (a report shows the notebook's own output), but only for HTML tag names: anything else in angle
 * brackets (`Promise<number>` in prose) is shown as text. Added to markdown-it here: heading ids,
 * GitHub task boxes, and TeX between $ signs kept as written (shown, not typeset: the report works
 * offline), so its underscores and backslashes are not read as Markdown.
 */
import MarkdownIt from "markdown-it";
import { escapeHtml } from "./html-escape";

export interface MarkdownOptions {
  /** Maps an image source to the URL to use, e.g. `attachment:plot.png` to a data: URL. */
  resolveImage?: (src: string) => string;
}

/** Tag names passed through as HTML; any other tag is shown as text. */
const HTML_TAGS = new Set(
  ("a abbr b blockquote br center code dd del details div dl dt em figcaption figure font h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp " +
    "section small span strike strong style sub summary sup table tbody td tfoot th thead tr tt u ul var video audio source iframe")
    .split(" "),
);

/** A comment, or an open or closing tag whose name is in HTML_TAGS. */
function isPassedHtml(html: string): boolean {
  if (html.startsWith("<!--")) return true;
  const tag = /^<\/?([a-zA-Z][\w-]*)/.exec(html);
  return tag !== null && HTML_TAGS.has(tag[1].toLowerCase());
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-|-$/g, "");
}

const isSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a;
const DOLLAR = 0x24;

/** `$$...$$`, or `$...$` on one line with no space inside either `$` and no digit after the closing one (so `$5 and $10` stay prices). */
function math(state: MarkdownIt.StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== DOLLAR) return false;
  let end: number;
  if (src.charCodeAt(pos + 1) === DOLLAR) {
    const close = src.indexOf("$$", pos + 2);
    if (close <= pos + 2) return false;
    end = close + 2;
  } else {
    const close = src.indexOf("$", pos + 1);
    if (close < pos + 2 || src.slice(pos + 1, close).includes("\n")) return false;
    if (isSpace(src.charCodeAt(pos + 1)) || isSpace(src.charCodeAt(close - 1))) return false;
    const after = src.charCodeAt(close + 1);
    if (after >= 0x30 && after <= 0x39) return false;
    end = close + 1;
  }
  if (!silent) {
    const token = state.push("math_inline", "span", 0);
    token.content = src.slice(pos, end);
    token.markup = "$";
  }
  state.pos = end;
  return true;
}

/** Raw HTML blocks that do not start with a passed tag are read as paragraphs instead, so their text shows. */
function unknownHtmlBlocksAsParagraphs(state: MarkdownIt.StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const block = tokens[i];
    if (block.type !== "html_block" || isPassedHtml(block.content)) continue;
    const open = new state.Token("paragraph_open", "p", 1);
    const inline = new state.Token("inline", "", 0);
    const close = new state.Token("paragraph_close", "p", -1);
    open.map = block.map;
    open.block = inline.block = close.block = true;
    open.level = close.level = block.level;
    inline.level = block.level + 1;
    inline.map = block.map;
    inline.content = block.content.trim();
    inline.children = [];
    tokens.splice(i, 1, open, inline, close);
    i += 2;
  }
}

/** Every heading gets an id from its text, so reports can link to it. */
function headingIds(state: MarkdownIt.StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== "heading_open") continue;
    const text = (tokens[i + 1].children ?? [])
      .filter((t) => t.type === "text" || t.type === "code_inline" || t.type === "math_inline")
      .map((t) => t.content)
      .join("");
    tokens[i].attrSet("id", slug(text));
  }
}

const TASK = /^\[([ xX])\][ \t]+/;

/** `- [ ] todo` and `- [x] done`: list items with a disabled checkbox, as GitHub shows them. */
function taskLists(state: MarkdownIt.StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].type !== "list_item_open" || tokens[i + 1].type !== "paragraph_open" || tokens[i + 2].type !== "inline") continue;
    const first = tokens[i + 2].children?.[0];
    const task = first?.type === "text" ? TASK.exec(first.content) : null;
    if (!first || !task) continue;
    first.content = first.content.slice(task[0].length);
    const box = new state.Token("task_checkbox", "input", 0);
    box.meta = { checked: task[1] !== " " };
    tokens[i + 2].children!.unshift(box);
    tokens[i].attrJoin("class", "task");
  }
}

const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
// Bare URLs become links as in GitHub's Markdown, but only with a scheme: `task.id` or `Node.js` stay text.
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
md.inline.ruler.before("escape", "math", math);
md.core.ruler.after("block", "unknown_html_blocks", unknownHtmlBlocksAsParagraphs);
md.core.ruler.push("heading_ids", headingIds);
md.core.ruler.push("task_lists", taskLists);

// GitHub's strikethrough element (markdown-it's own is <s>).
md.renderer.rules.s_open = () => "<del>";
md.renderer.rules.s_close = () => "</del>";
md.renderer.rules.math_inline = (tokens, idx) => `<span class="math">${escapeHtml(tokens[idx].content)}</span>`;
md.renderer.rules.task_checkbox = (tokens, idx) => `<input type="checkbox" disabled${tokens[idx].meta.checked ? " checked" : ""}> `;
md.renderer.rules.html_inline = (tokens, idx) => (isPassedHtml(tokens[idx].content) ? tokens[idx].content : escapeHtml(tokens[idx].content));
const renderImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env: MarkdownOptions, self) => {
  const src = tokens[idx].attrGet("src");
  if (env.resolveImage && src !== null) tokens[idx].attrSet("src", env.resolveImage(src));
  return renderImage(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string, options: MarkdownOptions = {}): string {
  return md.render(source, { resolveImage: options.resolveImage });
}
