import { runInNewContext } from "node:vm";
import { escapeHtml, jsonForScript, scriptForInline } from "./html-escape";

describe("html-escape", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("jsonForScript stays the same value but cannot end a script element", () => {
    const value = { text: "</script><!-- \u2028 end" };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/<\/script|<!--|\u2028/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it("scriptForInline keeps what the code computes while removing </script and <!--", () => {
    const source = 'var html = "<!-- c --></SCRIPT>" + `</script>`; var re = /<\\/script>/u; [html, re.test("</script>")]';
    const inlined = scriptForInline(source);
    expect(inlined).not.toMatch(/<\/script|<!--/i);
    expect(runInNewContext(inlined)).toEqual(runInNewContext(source));
  });
});
