import { describe, expect, it } from "vitest";
import { XSS_VECTORS } from "../../test/xss-vectors";
import { renderMarkdown } from "./markdown.server";

/** What must never appear in the tags of rendered HTML (text content is escaped, so only tags can act). */
const DANGEROUS = [
  /<script/i,
  /<iframe/i,
  /<style/i,
  /<svg/i,
  /<img(?![^>]*\ssrc="https:\/\/)/i, // an image that is not an absolute https one
  /<object/i,
  /<embed/i,
  /<form/i,
  /<input/i,
  /<meta/i,
  /<base/i,
  /<link/i,
  /<video/i,
  /<math/i,
  /<details/i,
  /\son[a-z]+\s*=/i,
  /(href|src|action|data)\s*=\s*["']?\s*(javascript|vbscript|data):/i,
  /\sstyle\s*=/i,
];

describe("markdown sanitiser", () => {
  it(`neutralises all ${XSS_VECTORS.length} known XSS vectors`, () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(25);
    for (const vector of XSS_VECTORS) {
      const html = renderMarkdown(vector);
      const tags = (html.match(/<[^>]*>/g) ?? []).join(" ");
      for (const pattern of DANGEROUS) expect(tags, `${vector} → ${html}`).not.toMatch(pattern);
      expect(html).not.toMatch(/<(script|iframe|svg|style)/i);
    }
  });

  it("keeps ordinary markdown: headings, emphasis, lists, code, tables and safe links", () => {
    const html = renderMarkdown(
      "# Title\n\n**bold** _it_ `code`\n\n- one\n- two\n\n```sql\nselect 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[docs](https://docs.example/x) <mailto:a@b.example>",
    );
    expect(html).toContain("<h2>Title</h2>"); // h1 is reserved for the page title
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>it</em>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain('<pre tabindex="0"><code class="language-sql">select 1;'); // a keyboard can scroll it
    expect(html).toContain("<table>");
    expect(html).toContain('<a href="https://docs.example/x" rel="nofollow ugc noopener">docs</a>');
  });

  it("keeps https images, lazy-loaded, always with an alt; drops every other address", () => {
    expect(renderMarkdown("![Load times by week](https://img.example/chart.png)")).toBe(
      '<p><img src="https://img.example/chart.png" alt="Load times by week" loading="lazy" referrerpolicy="no-referrer" /></p>\n',
    );
    // No alt written: an empty one, so screen readers skip it instead of reading the address.
    expect(renderMarkdown("![](https://img.example/a.png)")).toContain(
      '<img src="https://img.example/a.png" alt="" loading="lazy"',
    );
    expect(renderMarkdown('<img src="https://img.example/a.png" onerror="alert(1)" width="9000" style="x">')).toBe(
      '<img src="https://img.example/a.png" alt="" loading="lazy" referrerpolicy="no-referrer" />',
    );
    for (const source of [
      "![a](http://img.example/a.png)",
      "![a](/logo.png)",
      "![a](logo.png)",
      "![a](//img.example/a.png)",
      "![a](data:image/png;base64,AAAA)",
      '<img src="x">',
      '<img src="javascript:alert(1)">',
      '<img src="file:///etc/passwd">',
    ]) {
      expect(renderMarkdown(source), source).not.toContain("<img");
    }
  });

  it("shows code examples of attacks as text", () => {
    const html = renderMarkdown("`<script>alert(1)</script>`");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});
