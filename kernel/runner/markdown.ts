/**
 * Markdown to HTML for notebook cells: the CommonMark blocks people write in notebooks (ATX and
 * setext headings, paragraphs, fenced and indented code, block quotes, nested bullet and ordered
 * lists with task boxes, rules, raw HTML blocks) plus GitHub tables and strikethrough. Inline:
 * code spans, emphasis, links, images, autolinks, bare URLs, hard breaks, raw inline HTML.
 * TeX between $ signs is kept as written (it is shown, not typeset: the report works offline).
 */
import { escapeHtml } from "./html-escape";

export interface MarkdownOptions {
  /** Maps an image source to the URL to use, e.g. `attachment:plot.png` to a data: URL. */
  resolveImage?: (src: string) => string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^( {0,3})([*+-]|\d{1,9}[.)])( {1,4}(?=\S)|[ \t]*$)/;
/** Tag names passed through as HTML; anything else in angle brackets (`Promise<number>` in prose) is shown as text. */
const HTML_TAGS = new Set(
  ("a abbr b blockquote br center code dd del details div dl dt em figcaption figure font h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp " +
    "section small span strike strong style sub summary sup table tbody td tfoot th thead tr tt u ul var video audio source iframe")
    .split(" "),
);
const HTML_BLOCK = /^ {0,3}<(?:\/?([a-zA-Z][\w-]*)(?:[\s/>]|$)|!--)/;
const INLINE_HTML = /<\/?([a-zA-Z][\w-]*)(?:\s+[^<>]*)?\/?>|<!--[\s\S]*?-->/g;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const TABLE_DELIMITER = /^ *\|? *:?-+:? *(?:\| *:?-+:? *)*\|? *$/;
const INDENTED_CODE = /^ {4}/;

const isBlank = (line: string) => line.trim() === "";
const indentOf = (line: string) => /^ */.exec(line)![0].length;

/** Lines that end a paragraph without a blank line before them. */
function startsBlock(line: string): boolean {
  return FENCE.test(line) || ATX_HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || LIST_ITEM.test(line) || isHtmlBlock(line);
}

function isHtmlBlock(line: string): boolean {
  const match = HTML_BLOCK.exec(line);
  return match !== null && (match[1] === undefined || HTML_TAGS.has(match[1].toLowerCase()));
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-|-$/g, "");
}

function safeUrl(url: string): string {
  const trimmed = url.trim();
  if (/^(javascript|vbscript|data):/i.test(trimmed) && !/^data:image\/(png|jpe?g|gif|webp|svg\+xml)[;,]/i.test(trimmed)) return "#";
  return trimmed;
}

class InlineRenderer {
  constructor(private readonly options: MarkdownOptions) {}

  render(text: string): string {
    const held: string[] = [];
    const hold = (html: string) => `\u0000${held.push(html) - 1}\u0000`;
    let s = text.replace(/\u0000/g, "");
    s = s.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_, _ticks, code: string) => hold(`<code>${escapeHtml(code.replace(/^ ([\s\S]*) $/, "$1"))}</code>`));
    s = s.replace(/\$\$[\s\S]+?\$\$|\$(?=\S)[^$\n]*?\S\$(?!\d)/g, (tex) => hold(`<span class="math">${escapeHtml(tex)}</span>`));
    s = s.replace(/<((?:https?|ftp|mailto):[^\s<>]+)>/gi, (_, url: string) => hold(`<a href="${escapeHtml(safeUrl(url))}">${escapeHtml(url)}</a>`));
    s = s.replace(INLINE_HTML, (tag, name?: string) => (name === undefined || HTML_TAGS.has(name.toLowerCase()) ? hold(tag) : tag));
    s = s.replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g, (_, c: string) => hold(escapeHtml(c)));
    s = s.replace(/(?: {2,}|\\)\n/g, () => hold("<br>\n"));
    s = s.replace(/!\[([^\]]*)\]\(\s*<?([^\s)>]*)>?(?:\s+"([^"]*)")?\s*\)/g, (_, alt: string, src: string, title?: string) => {
      const resolved = this.options.resolveImage ? this.options.resolveImage(src) : src;
      return hold(`<img src="${escapeHtml(safeUrl(resolved))}" alt="${escapeHtml(alt)}"${title ? ` title="${escapeHtml(title)}"` : ""}>`);
    });
    s = s.replace(/\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^\s)>]*)>?(?:\s+"([^"]*)")?\s*\)/g, (_, label: string, href: string, title?: string) =>
      hold(`<a href="${escapeHtml(safeUrl(href))}"${title ? ` title="${escapeHtml(title)}"` : ""}>${this.render(label)}</a>`),
    );
    s = s.replace(/\bhttps?:\/\/[^\s<>\u0000]*[^\s<>\u0000.,;:!?)'"]/g, (url) => hold(`<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`));
    s = escapeHtml(s);
    s = s.replace(/\*\*\*(?=\S)([\s\S]*?\S)\*\*\*/g, "<strong><em>$1</em></strong>");
    s = s.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "<strong>$1</strong>");
    s = s.replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?!\w)/g, "$1<strong>$2</strong>");
    s = s.replace(/\*(?=[^\s*])([\s\S]*?[^\s*])\*/g, "<em>$1</em>");
    s = s.replace(/(^|[^\w])_(?=[^\s_])([\s\S]*?[^\s_])_(?!\w)/g, "$1<em>$2</em>");
    s = s.replace(/~~(?=\S)([\s\S]*?\S)~~/g, "<del>$1</del>");
    return s.replace(/\u0000(\d+)\u0000/g, (_, i: string) => held[Number(i)]);
  }
}

interface ListItem {
  lines: string[];
  task?: boolean;
}

class BlockRenderer {
  private readonly inline: InlineRenderer;

  constructor(options: MarkdownOptions) {
    this.inline = new InlineRenderer(options);
  }

  /** `tight`: paragraphs without <p>, as in the items of a list with no blank lines between them. */
  render(lines: string[], tight = false): string {
    const out: string[] = [];
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      if (isBlank(line)) {
        i++;
        continue;
      }
      const fence = FENCE.exec(line);
      if (fence) {
        i = this.fencedCode(lines, i, fence, out);
        continue;
      }
      const heading = ATX_HEADING.exec(line);
      if (heading) {
        out.push(this.heading(heading[1].length, heading[2] ?? ""));
        i++;
        continue;
      }
      if (RULE.test(line)) {
        out.push("<hr>");
        i++;
        continue;
      }
      if (QUOTE.test(line)) {
        i = this.blockQuote(lines, i, out);
        continue;
      }
      if (LIST_ITEM.test(line)) {
        i = this.list(lines, i, out);
        continue;
      }
      if (isHtmlBlock(line)) {
        const start = i;
        while (i < lines.length && !isBlank(lines[i])) i++;
        out.push(lines.slice(start, i).join("\n"));
        continue;
      }
      if (line.includes("|") && i + 1 < lines.length && lines[i + 1].includes("-") && TABLE_DELIMITER.test(lines[i + 1])) {
        i = this.table(lines, i, out);
        continue;
      }
      if (INDENTED_CODE.test(line)) {
        const start = i;
        while (i < lines.length && (INDENTED_CODE.test(lines[i]) || isBlank(lines[i]))) i++;
        while (i > start && isBlank(lines[i - 1])) i--;
        out.push(`<pre><code>${escapeHtml(lines.slice(start, i).map((l) => l.slice(4)).join("\n"))}\n</code></pre>`);
        continue;
      }
      i = this.paragraph(lines, i, out, tight);
    }
    return out.join("\n");
  }

  private heading(level: number, text: string): string {
    const html = this.inline.render(text.trim());
    return `<h${level} id="${escapeHtml(slug(html))}">${html}</h${level}>`;
  }

  private fencedCode(lines: string[], start: number, fence: RegExpExecArray, out: string[]): number {
    const [, marker, language] = fence;
    const indent = indentOf(lines[start]);
    const close = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*$`);
    const body: string[] = [];
    let i = start + 1;
    for (; i < lines.length && !close.test(lines[i]); i++) body.push(lines[i].replace(new RegExp(`^ {0,${indent}}`), ""));
    const cls = language ? ` class="language-${escapeHtml(language)}"` : "";
    out.push(`<pre><code${cls}>${escapeHtml(body.join("\n"))}${body.length ? "\n" : ""}</code></pre>`);
    return i + 1;
  }

  private blockQuote(lines: string[], start: number, out: string[]): number {
    const body: string[] = [];
    let i = start;
    while (i < lines.length) {
      const line = lines[i];
      if (QUOTE.test(line)) body.push(line.replace(QUOTE, ""));
      else if (!isBlank(line) && !startsBlock(line) && body.length && !isBlank(body[body.length - 1])) body.push(line);
      else break;
      i++;
    }
    out.push(`<blockquote>\n${this.render(body)}\n</blockquote>`);
    return i;
  }

  private list(lines: string[], start: number, out: string[]): number {
    const first = LIST_ITEM.exec(lines[start])!;
    const ordered = /\d/.test(first[2]);
    const delimiter = first[2].slice(-1);
    const sameKind = (m: RegExpExecArray | null) => m !== null && /\d/.test(m[2]) === ordered && m[2].slice(-1) === delimiter;
    const items: ListItem[] = [];
    let loose = false;
    let contentIndent = 0;
    let i = start;
    while (i < lines.length) {
      const line = lines[i];
      const marker = LIST_ITEM.exec(line);
      if (sameKind(marker) && indentOf(line) < (contentIndent || 4)) {
        const m = marker!;
        const spaces = m[3].length;
        contentIndent = m[1].length + m[2].length + (spaces === 0 || spaces > 4 ? 1 : spaces);
        items.push({ lines: [line.slice(contentIndent)] });
      } else if (isBlank(line)) {
        const next = lines.slice(i + 1).find((l) => !isBlank(l));
        if (next === undefined || (indentOf(next) < contentIndent && !sameKind(LIST_ITEM.exec(next)))) break;
        loose = true;
        items[items.length - 1].lines.push("");
      } else if (indentOf(line) >= contentIndent) {
        items[items.length - 1].lines.push(line.slice(contentIndent));
      } else if (!startsBlock(line) && !isBlank(lines[i - 1])) {
        items[items.length - 1].lines.push(line.trimStart());
      } else break;
      i++;
    }
    const itemsHtml = items.map((item) => {
      // A blank line between two items makes the list loose; one only at an item's end does not.
      while (item.lines.length && isBlank(item.lines[item.lines.length - 1])) item.lines.pop();
      const task = /^\[([ xX])\][ \t]+/.exec(item.lines[0] ?? "");
      if (task) item.lines[0] = item.lines[0].slice(task[0].length);
      const box = task ? `<input type="checkbox" disabled${task[1] === " " ? "" : " checked"}> ` : "";
      return `<li${task ? ' class="task"' : ""}>${box}${this.render(item.lines, !loose)}</li>`;
    });
    const startNumber = ordered ? parseInt(first[2], 10) : 1;
    const open = ordered ? `<ol${startNumber !== 1 ? ` start="${startNumber}"` : ""}>` : "<ul>";
    out.push(`${open}\n${itemsHtml.join("\n")}\n${ordered ? "</ol>" : "</ul>"}`);
    return i;
  }

  private table(lines: string[], start: number, out: string[]): number {
    const cells = (row: string) =>
      row
        .trim()
        .replace(/^\||\|$/g, "")
        .split(/(?<!\\)\|/)
        .map((c) => c.trim());
    const aligns = cells(lines[start + 1]).map((d) => (d.startsWith(":") && d.endsWith(":") ? "center" : d.endsWith(":") ? "right" : d.startsWith(":") ? "left" : ""));
    const row = (values: string[], tag: "th" | "td") =>
      `<tr>${aligns.map((align, c) => `<${tag}${align ? ` style="text-align:${align}"` : ""}>${this.inline.render(values[c] ?? "")}</${tag}>`).join("")}</tr>`;
    const body: string[] = [];
    let i = start + 2;
    for (; i < lines.length && !isBlank(lines[i]) && lines[i].includes("|"); i++) body.push(row(cells(lines[i]), "td"));
    out.push(`<table>\n<thead>${row(cells(lines[start]), "th")}</thead>\n<tbody>\n${body.join("\n")}\n</tbody>\n</table>`);
    return i;
  }

  private paragraph(lines: string[], start: number, out: string[], tight: boolean): number {
    const body: string[] = [];
    let i = start;
    for (; i < lines.length && !isBlank(lines[i]); i++) {
      const setext = body.length ? SETEXT.exec(lines[i]) : null;
      if (setext) {
        out.push(this.heading(setext[1][0] === "=" ? 1 : 2, body.join("\n")));
        return i + 1;
      }
      if (body.length && startsBlock(lines[i])) break;
      body.push(lines[i].trimStart());
    }
    const html = this.inline.render(body.join("\n").replace(/[ \t]+$/, ""));
    out.push(tight ? html : `<p>${html}</p>`);
    return i;
  }
}

export function renderMarkdown(source: string, options: MarkdownOptions = {}): string {
  const lines = source.replace(/\r\n?/g, "\n").split("\n").map((line) => line.replace(/^\t+/, (tabs) => "    ".repeat(tabs.length)));
  return new BlockRenderer(options).render(lines);
}
