import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders ATX and setext headings with ids", () => {
    expect(renderMarkdown("# Threads vs processes")).toBe('<h1 id="threads-vs-processes">Threads vs processes</h1>\n');
    expect(renderMarkdown("Title\n=====\n\nSub\n---")).toBe('<h1 id="title">Title</h1>\n<h2 id="sub">Sub</h2>\n');
    expect(renderMarkdown("### Closed ###")).toBe('<h3 id="closed">Closed</h3>\n');
  });

  it("renders paragraphs with emphasis, code spans, strikethrough and hard breaks", () => {
    expect(renderMarkdown("Some **bold**, *em*, _also em_, ***both***, ~~gone~~ and `a < b`.")).toBe(
      "<p>Some <strong>bold</strong>, <em>em</em>, <em>also em</em>, <em><strong>both</strong></em>, <del>gone</del> and <code>a &lt; b</code>.</p>\n",
    );
    expect(renderMarkdown("line one  \nline two")).toBe("<p>line one<br>\nline two</p>\n");
    expect(renderMarkdown("snake_case_name stays")).toBe("<p>snake_case_name stays</p>\n");
  });

  it("escapes text and unknown tags but keeps known inline HTML", () => {
    expect(renderMarkdown("returns Promise<number> & more")).toBe("<p>returns Promise&lt;number&gt; &amp; more</p>\n");
    expect(renderMarkdown('a <span style="color:red">red</span> word')).toBe('<p>a <span style="color:red">red</span> word</p>\n');
    expect(renderMarkdown("\\*not em\\*")).toBe("<p>*not em*</p>\n");
    expect(renderMarkdown("<T>\nalone on its line")).toBe("<p>&lt;T&gt;\nalone on its line</p>\n");
  });

  it("renders links, images, autolinks and bare URLs, refusing javascript: URLs", () => {
    expect(renderMarkdown('[the **docs**](https://example.org/a?b=1&c=2 "Docs")')).toBe('<p><a href="https://example.org/a?b=1&amp;c=2" title="Docs">the <strong>docs</strong></a></p>\n');
    expect(renderMarkdown("![chart](attachment:c.png)", { resolveImage: (src) => src.replace("attachment:", "data:image/png;base64,") })).toBe(
      '<p><img src="data:image/png;base64,c.png" alt="chart"></p>\n',
    );
    expect(renderMarkdown("see <https://nodejs.org> or https://jupyter.org.")).toBe(
      '<p>see <a href="https://nodejs.org">https://nodejs.org</a> or <a href="https://jupyter.org">https://jupyter.org</a>.</p>\n',
    );
    expect(renderMarkdown("task.id and Node.js stay text")).toBe("<p>task.id and Node.js stay text</p>\n");
    expect(renderMarkdown("[x](javascript:alert(1))")).toBe("<p>[x](javascript:alert(1))</p>\n");
  });

  it("renders fenced and indented code, escaped, with the language as a class", () => {
    expect(renderMarkdown("```ts\nconst a = 1 < 2;\n```")).toBe('<pre><code class="language-ts">const a = 1 &lt; 2;\n</code></pre>\n');
    expect(renderMarkdown("~~~\n# not a heading\n~~~")).toBe("<pre><code># not a heading\n</code></pre>\n");
    expect(renderMarkdown("    indented <code>\n    more")).toBe("<pre><code>indented &lt;code&gt;\nmore\n</code></pre>\n");
  });

  it("renders tight and loose lists, nesting, ordered starts and task boxes", () => {
    expect(renderMarkdown("- one\n- two\n  - nested\n- three")).toBe("<ul>\n<li>one</li>\n<li>two\n<ul>\n<li>nested</li>\n</ul>\n</li>\n<li>three</li>\n</ul>\n");
    expect(renderMarkdown("3. three\n4. four")).toBe('<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>\n');
    expect(renderMarkdown("- a\n\n- b")).toBe("<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n");
    expect(renderMarkdown("- [x] done\n- [ ] todo")).toBe(
      '<ul>\n<li class="task"><input type="checkbox" disabled checked> done</li>\n<li class="task"><input type="checkbox" disabled> todo</li>\n</ul>\n',
    );
    expect(renderMarkdown("- item\ncontinued lazily\n\nafter")).toBe("<ul>\n<li>item\ncontinued lazily</li>\n</ul>\n<p>after</p>\n");
  });

  it("renders block quotes, rules, tables and raw HTML blocks", () => {
    expect(renderMarkdown("> quoted *text*\n> more")).toBe("<blockquote>\n<p>quoted <em>text</em>\nmore</p>\n</blockquote>\n");
    expect(renderMarkdown("a\n\n***\n\nb")).toBe("<p>a</p>\n<hr>\n<p>b</p>\n");
    expect(renderMarkdown("| model | time |\n|:--|--:|\n| `threads` | 1 \\| 2 |")).toBe(
      '<table>\n<thead>\n<tr>\n<th style="text-align:left">model</th>\n<th style="text-align:right">time</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td style="text-align:left"><code>threads</code></td>\n<td style="text-align:right">1 | 2</td>\n</tr>\n</tbody>\n</table>\n',
    );
    expect(renderMarkdown('<div class="note">\n*raw*\n</div>')).toBe('<div class="note">\n*raw*\n</div>');
  });

  it("keeps TeX as written instead of treating its underscores as emphasis", () => {
    expect(renderMarkdown("cost $O(n_1 \\cdot n_2)$ grows, $5 and $10 are prices")).toBe('<p>cost <span class="math">$O(n_1 \\cdot n_2)$</span> grows, $5 and $10 are prices</p>\n');
  });
});
