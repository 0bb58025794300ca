import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderHtml, renderPrintParts } from "../src/render/html/render.js";
import { blocksToHtml, inlineToHtml, isAllowedHref } from "../src/render/html/sanitize.js";
import { loadTemplates, TemplateFolderError } from "../src/render/html/templates.js";
import { hostileBrief, sampleBrief } from "./fixtures/brief-sample.js";
import { exampleBriefs } from "./helpers/pdf-examples.js";

/** Every tag name in an HTML string. */
const tags = (html: string) => new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase()));
/** Every URL-bearing attribute value. */
const urls = (html: string) => [...html.matchAll(/\s(?:href|src|action|formaction|poster|srcset)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);

describe("renderHtml (standalone)", () => {
  it("holds the title, every judgment sentence part, the sources and the cutoff line", () => {
    const brief = sampleBrief();
    const html = renderHtml(brief);
    expect(html).toContain("<title>IS-K and the Taliban</title>");
    for (const j of brief.judgments) {
      expect(html).toContain(`<strong class="term">${j.term.text}</strong>`);
      expect(html).toContain(j.heading);
    }
    expect(html).toContain("Intelligence cut-off 09/07/22");
    expect(html).toContain("B2");
    expect(html).toContain("فاطمة الزهراء");
  });

  it("is self-contained: fonts inlined as data: URLs, no stylesheet, script or remote resource", () => {
    const html = renderHtml(sampleBrief());
    expect(html).toMatch(/@font-face\{font-family:"YS Sans"[^}]*src:url\(data:font\/woff2;base64,/);
    expect(html).not.toContain("assets.yardstick.invalid");
    expect(tags(html)).not.toContain("script");
    expect(tags(html)).not.toContain("link");
    expect(tags(html)).not.toContain("img");
    // The only URLs are links to sources/anchors.
    for (const u of urls(html)) expect(u.startsWith("#") || u.startsWith("https://example.org/")).toBe(true);
  });

  it("draws the marking banner at top and bottom in the page, with TLP 2.0 colours", () => {
    const html = renderHtml(sampleBrief());
    expect(html.match(/class="banner banner-(top|bottom)"/g)).toEqual(['class="banner banner-top"', 'class="banner banner-bottom"']);
    expect(html).toContain('style="color: #FFC000">TLP:AMBER');
  });

  it("draws the yardstick: every band of the scale, only the judgment's band lit, at its range", () => {
    const brief = sampleBrief();
    const html = renderHtml(brief);
    const svgs = [...html.matchAll(/<svg class="yardstick"[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(brief.judgments.length);
    svgs.forEach((svg, i) => {
      const term = brief.judgments[i]!.term;
      expect(svg.match(/class="band[ "]/g)).toHaveLength(brief.scale.terms.length);
      const lit = [...svg.matchAll(/class="band band-on" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)];
      expect(lit).toHaveLength(1);
      // The bar is 128 units wide: 1.28 units a percentage point.
      expect(Number(lit[0]![1])).toBeCloseTo(term.min * 1.28, 1);
      expect(Number(lit[0]![2])).toBeCloseTo(Math.max(1.2, (term.max - term.min) * 1.28), 1);
      // Both ends labelled alike, and the lit band named with its range.
      expect(svg).toContain(">0 %</text>");
      expect(svg).toContain(">100 %</text>");
      expect(svg).toContain(`>${term.label} ${term.range}</text>`);
      // Neighbouring unlit bands alternate two shades, so touching bands (ICD 203) stay apart.
      const classes = [...svg.matchAll(/class="band (band-\w+)"/g)].map((m) => m[1]);
      classes.forEach((c, k) => {
        if (k > 0 && c !== "band-on" && classes[k - 1] !== "band-on") expect(c).not.toBe(classes[k - 1]);
      });
    });
  });

  it("prints confidence as a labelled fact of its own, never inside the sentence", () => {
    const html = renderHtml(sampleBrief());
    expect(html).toContain('<span class="fact confidence"><span class="fact-label">Confidence:</span> <span class="fact-value">moderate</span></span>');
    const sentences = [...html.matchAll(/<p class="sentence">([\s\S]*?)<\/p>/g)].map((m) => m[1]!);
    for (const s of sentences) expect(s).not.toMatch(/onfidence/);
  });

  it("prints the range beside the term when the view model carries it", () => {
    const base = sampleBrief();
    const html = renderHtml(sampleBrief({ judgments: base.judgments.map((j) => ({ ...j, inlineRange: ` (${j.term.range})` })) }));
    expect(html).toContain('<strong class="term">highly likely</strong><span class="inline-range"> (80–90 %)</span> that ');
  });

  it("links each citation as one parenthetical with no space inside it", () => {
    const html = renderHtml(sampleBrief());
    expect(html).toContain('<a href="#source-1" class="cite">[1]</a>');
    expect(html).not.toMatch(/class="cite">\s|\s<\/a>/);
  });

  it("uses the page size of the config", () => {
    expect(renderHtml(sampleBrief(), { pageSize: "Letter" })).toContain("@page{size:Letter;}");
    expect(renderHtml(sampleBrief())).toContain("@page{size:A4;}");
  });

  it("renders the real examples", () => {
    for (const { brief } of exampleBriefs()) {
      const html = renderHtml(brief);
      for (const j of brief.judgments) expect(html).toContain(`id="${j.anchor}"`);
      expect(html).toContain(brief.cutoffLine);
    }
  });
});

describe("analyst text is data, never markup or template", () => {
  const origin = "http://127.0.0.1:9";
  const html = renderHtml(hostileBrief(origin));
  const print = renderPrintParts(hostileBrief(origin));

  it("keeps {{…}} in a title as literal text", () => {
    expect(html).toContain("<title>{{title}} &lt;script&gt;");
    expect(html).toContain("{{#each x}}");
    expect(html).toContain("{{&gt; banner}}");
  });

  it("lets no script, iframe, image, style, svg or link element through from analyst text", () => {
    for (const out of [html, print.html]) {
      const t = tags(out);
      for (const bad of ["script", "iframe", "img", "link", "object", "embed"]) expect(t).not.toContain(bad);
      // The stylesheet of the template itself, and for print the margin boxes' text.
      expect(out.match(/<style/g)?.length ?? 0).toBe(out === html ? 1 : 2);
      expect(out.match(/<svg/g)?.length ?? 0).toBe(3); // the three yardsticks
      expect(out.includes(`${origin}/img`)).toBe(false);
      expect(/<style>[^<]*@import url\(http/.test(out)).toBe(false);
    }
  });

  it("keeps only http(s) and #anchor links", () => {
    for (const u of urls(html)) expect(isAllowedHref(u), u).toBe(true);
    expect(html).not.toMatch(/href="(javascript|file):/i);
    expect(html).toContain(`href="${origin}/ok-link"`);
  });

  it("writes marking text into the @page margin boxes as escaped CSS strings only", () => {
    const page = /<style>(@page\{@top-center[\s\S]*?)<\/style>/.exec(print.html)?.[1];
    expect(page).toBeDefined();
    // Nothing of the text can close the string, the rule or the element.
    expect(page).not.toMatch(/[<>'\n]/);
    const strings = [...page!.matchAll(/content:((?:"[^"]*"|\s|counter\(\w+\))+);/g)].map((m) => m[1]!);
    expect(strings.length).toBeGreaterThanOrEqual(3);
    const decoded = (css: string) => css.replace(/\\([0-9a-f]+) /g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)));
    expect(decoded(page!)).toContain(hostileBrief(origin).marking!.text);
    expect(decoded(page!)).toContain("Page ");
  });
});

describe("sanitizer", () => {
  it("drops raw HTML nodes and unsafe URLs", () => {
    expect(inlineToHtml([{ type: "html", value: "<b>x</b>" }, { type: "text", value: "<i>y</i>" }])).toBe("&#x3C;i>y&#x3C;/i>");
    expect(inlineToHtml([{ type: "link", url: "javascript:alert(1)", children: [{ type: "text", value: "a" }] }])).toBe("<a>a</a>");
    expect(inlineToHtml([{ type: "link", url: "https://x.org/", children: [{ type: "text", value: "a" }] }])).toBe('<a href="https://x.org/" rel="noopener noreferrer">a</a>');
    expect(blocksToHtml([{ type: "paragraph", children: [{ type: "image", url: "https://x.org/i.png", alt: "i" }] }])).toBe("<p></p>");
  });
  it("isAllowedHref", () => {
    expect(isAllowedHref("#source-1")).toBe(true);
    expect(isAllowedHref("https://a.b/c")).toBe(true);
    for (const bad of ["file:///etc/passwd", "javascript:x", "data:text/html,x", "../x", "//evil.org/x", "#a b", "vbscript:x"]) expect(isAllowedHref(bad), bad).toBe(false);
  });
});

describe("template overrides", () => {
  it("uses same-named files from the configured folder, built-ins for the rest", () => {
    const dir = mkdtempSync(join(tmpdir(), "ys-tpl-"));
    mkdirSync(join(dir, "partials"));
    writeFileSync(join(dir, "partials", "title-block.hbs"), '<header class="house">HOUSE {{title}}</header>');
    writeFileSync(join(dir, "brief.css"), "body{color:red}");
    const html = renderHtml(sampleBrief({ title: "T <x>" }), { templates: dir });
    expect(html).toContain('<header class="house">HOUSE T &lt;x&gt;</header>');
    expect(html).toContain("body{color:red}");
    expect(html).toContain('class="judgment"'); // built-in partial still used
    expect(loadTemplates(dir).folders[0]).toBe(dir);
  });
  it("reports a missing folder", () => {
    expect(() => loadTemplates("/nonexistent/templates")).toThrow(TemplateFolderError);
  });
  it("rejects helpers that are not registered", () => {
    const dir = mkdtempSync(join(tmpdir(), "ys-tpl-"));
    writeFileSync(join(dir, "brief.hbs"), "{{lookup this 'x'}}{{unknownHelper title}}");
    expect(() => renderHtml(sampleBrief(), { templates: dir })).toThrow();
  });
});

describe("template cache", () => {
  it("recompiles when a template file changes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ys-tpl-"));
    mkdirSync(join(dir, "partials"));
    const file = join(dir, "partials", "title-block.hbs");
    writeFileSync(file, "<h1>FIRST {{title}}</h1>");
    expect(renderHtml(sampleBrief(), { templates: dir })).toContain("FIRST IS-K");
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(file, "<h1>SECOND EDIT {{title}}</h1>");
    expect(renderHtml(sampleBrief(), { templates: dir })).toContain("SECOND EDIT IS-K");
  });
});
