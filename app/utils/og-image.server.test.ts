import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { articleOgSvg, ogFont, profileOgSvg, renderOgPng, wrap } from "./og-image.server";

const profile = {
  name: "Ada Lovelace",
  handle: "ada",
  headline: "Analytical engines and the poetry of numbers, with a headline long enough to wrap over two lines",
  reputation: 1234,
  tags: ["kubernetes", "helm", "rust"],
  reputationLabel: "Reputation",
  site: "kring.example",
};

describe("Open Graph images", () => {
  it("renders a 1200×630 PNG, the same bytes for the same SVG", async () => {
    const svg = profileOgSvg(profile);
    const first = renderOgPng(svg);
    expect(first.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const meta = await sharp(first.png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1200, 630]);
    expect(renderOgPng(svg)).toEqual(first);
    expect(renderOgPng(profileOgSvg({ ...profile, reputation: 1244 })).etag).not.toBe(first.etag);
  });

  it("draws text with a font file it names (no text, no pixels)", async () => {
    expect(ogFont()).not.toBeNull();
    const blank = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="1200" height="630" fill="#fff"/>`;
    const withText = `${blank}<text x="100" y="300" font-size="80">Kring</text></svg>`;
    const dark = async (svg: string) => {
      const { data } = await sharp(renderOgPng(svg).png).greyscale().raw().toBuffer({ resolveWithObject: true });
      return data.filter((v) => v < 128).length;
    };
    expect(await dark(`${blank}</svg>`)).toBe(0);
    expect(await dark(withText)).toBeGreaterThan(1000);
  });

  it("escapes the members' text: a name like <script>&\"' stays text", () => {
    const svg = profileOgSvg({ ...profile, name: `<script>&"'`, headline: "</text><script>x</script>", tags: ["<b>"] });
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;script&gt;&amp;&quot;&apos;");
    // resvg parses the SVG as XML: an unescaped character would throw here.
    expect(() => renderOgPng(svg)).not.toThrow();
    expect(() =>
      renderOgPng(articleOgSvg({ title: "a < b & c", author: `O'Neil "x"`, tags: [], site: "k" })),
    ).not.toThrow();
  });

  it("drops characters XML forbids (U+FFFE, U+FFFF, lone surrogates, controls) instead of failing", () => {
    const odd = "Ada\uFFFE \uFFFFLove\uD800lace\u0001 😀";
    const svg = profileOgSvg({ ...profile, name: odd, headline: odd, tags: [odd] });
    expect(() => renderOgPng(svg)).not.toThrow();
    expect(svg).toContain("Ada Lovelace 😀");
  });

  it("wraps long text into lines and clips the last", () => {
    expect(wrap("one two three four five six", 9, 2)).toEqual(["one two", "three fo…"]);
    expect(wrap("short", 20, 2)).toEqual(["short"]);
  });
});
