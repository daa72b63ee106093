/** The shell shared by the report and index pages: one self-contained HTML document, no external resources. */
import { escapeHtml } from "../common/html-escape";

const STYLE = `
:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --code-bg: #f6f8fa; --ok: #1a7f37; --bad: #cf222e; --accent: #3178c6; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 64px; }
a { color: var(--accent); }
pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
pre { margin: 0; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
.page-header { border-bottom: 1px solid var(--line); margin-bottom: 20px; padding-bottom: 12px; }
.page-header h1 { margin: 0 0 6px; font-size: 26px; }
.meta { color: var(--muted); font-size: 13px; margin: 0; }
.status { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; font-size: 13px; color: #fff; }
.status.ok { background: var(--ok); }
.status.failed { background: var(--bad); }
.status.unknown { background: var(--muted); }
.cell { display: grid; grid-template-columns: 88px minmax(0, 1fr); gap: 0 10px; margin: 14px 0; }
.prompt { color: var(--muted); font: 12px/1.4 ui-monospace, monospace; text-align: right; padding-top: 9px; }
.prompt .time { display: block; font-size: 11px; }
.cell.markdown .body { padding: 0 4px; }
.cell.code .source { background: var(--code-bg); border: 1px solid var(--line); border-radius: 6px; }
.cell.failed .source { border-color: var(--bad); box-shadow: inset 3px 0 0 var(--bad); }
.cell.not-run .source, .cell.skipped .source { opacity: 0.55; }
.note { color: var(--muted); font-size: 12px; margin: 4px 0 0; }
.output { margin-top: 6px; overflow-x: auto; }
.output pre { padding: 4px 10px; }
.output pre.stderr { background: #fff5f5; }
.output pre.error { background: #ffebe9; color: #82071e; border-left: 3px solid var(--bad); }
.output img { max-width: 100%; }
.output table, .body table { border-collapse: collapse; margin: 6px 0; font-size: 13px; }
.output th, .output td, .body th, .body td { border: 1px solid var(--line); padding: 3px 8px; }
.plotly-chart { width: 100%; min-height: 420px; }
.body blockquote { margin: 8px 0; padding: 0 12px; color: var(--muted); border-left: 4px solid var(--line); }
.body pre { background: var(--code-bg); border-radius: 6px; }
.body code { background: var(--code-bg); padding: 1px 4px; border-radius: 4px; }
.body pre code { background: none; padding: 0; }
.body li.task { list-style: none; }
table.index { width: 100%; border-collapse: collapse; }
table.index th, table.index td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
table.index td.time { white-space: nowrap; }
ul.verdicts { list-style: none; margin: 0; padding: 0; font-size: 13px; }
ul.verdicts li { margin: 0 0 3px; }
.holds { display: inline-block; min-width: 96px; padding: 0 6px; border-radius: 3px; color: #fff; font-weight: 600; text-align: center; }
`;

export function htmlPage(page: { title: string; body: string; head?: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="conclab run">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
${page.head ?? ""}
</head>
<body>
<main>
${page.body}
</main>
</body>
</html>
`;
}
