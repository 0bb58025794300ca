/**
 * Bundled assets of the HTML brief: the fonts shipped as npm packages (@fontsource), turned into
 * `@font-face` rules with `data:` URLs so a standalone brief never needs a system font, a file read
 * or a network request to render. (The PDF browser instead gets the same faces installed once,
 * through fontconfig: see `render/pdf/fonts.ts`.)
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** One bundled font face. */
export interface FontFace {
  /** CSS family name used by the templates. */
  family: string;
  /** npm package holding the file. */
  pkg: string;
  /** File name inside the package's `files/` folder. */
  file: string;
  weight: 400 | 700;
  style: "normal" | "italic";
  /** CSS unicode-range, so Chromium loads a face only when the text needs it. */
  range: string;
}

const LATIN = "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD";
const LATIN_EXT = "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF";
const ARABIC = "U+0600-06FF,U+0750-077F,U+0870-088E,U+0890-0891,U+0897-08E1,U+08E3-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FE74,U+FE76-FEFC";
const MATH = "U+2190-21FF,U+2200-22FF,U+27C0-27FF,U+2900-2AFF";
const SYMBOLS = "U+2150-218F,U+2300-243F,U+2460-24FF,U+25A0-27BF";

/** The faces every brief can use: Noto Sans (Latin, Latin Extended, Arabic, symbols), Noto Sans Math, and Noto Serif for titles. */
export const FONT_FACES: readonly FontFace[] = [
  { family: "YS Sans", pkg: "@fontsource/noto-sans", file: "noto-sans-latin-400-normal.woff2", weight: 400, style: "normal", range: LATIN },
  { family: "YS Sans", pkg: "@fontsource/noto-sans", file: "noto-sans-latin-700-normal.woff2", weight: 700, style: "normal", range: LATIN },
  { family: "YS Sans", pkg: "@fontsource/noto-sans", file: "noto-sans-latin-400-italic.woff2", weight: 400, style: "italic", range: LATIN },
  { family: "YS Sans", pkg: "@fontsource/noto-sans", file: "noto-sans-latin-700-italic.woff2", weight: 700, style: "italic", range: LATIN },
  { family: "YS Sans", pkg: "@fontsource/noto-sans", file: "noto-sans-latin-ext-400-normal.woff2", weight: 400, style: "normal", range: LATIN_EXT },
  { family: "YS Sans", pkg: "@fontsource/noto-sans", file: "noto-sans-latin-ext-700-normal.woff2", weight: 700, style: "normal", range: LATIN_EXT },
  { family: "YS Sans", pkg: "@fontsource/noto-sans-arabic", file: "noto-sans-arabic-arabic-400-normal.woff2", weight: 400, style: "normal", range: ARABIC },
  { family: "YS Sans", pkg: "@fontsource/noto-sans-arabic", file: "noto-sans-arabic-arabic-700-normal.woff2", weight: 700, style: "normal", range: ARABIC },
  // Noto Sans Math has every operator and arrow the templates print (≥, ≤, →); no other bundled face has ≥ and ≤.
  { family: "YS Sans", pkg: "@fontsource/noto-sans-math", file: "noto-sans-math-latin-400-normal.woff2", weight: 400, style: "normal", range: `${MATH},${SYMBOLS}` },
  { family: "YS Serif", pkg: "@fontsource/noto-serif", file: "noto-serif-latin-700-normal.woff2", weight: 700, style: "normal", range: LATIN },
  { family: "YS Serif", pkg: "@fontsource/noto-serif", file: "noto-serif-latin-400-normal.woff2", weight: 400, style: "normal", range: LATIN },
];

/** Absolute path of a bundled font file. */
export function fontPath(face: FontFace): string {
  const pkgJson = require.resolve(`${face.pkg}/package.json`);
  return join(dirname(pkgJson), "files", face.file);
}

/** A font that could or could not be found, for `yardstick doctor`. */
export interface FontStatus {
  face: FontFace;
  path: string;
  found: boolean;
  bytes?: number;
}

/** Where each bundled font is and whether it is there. */
export function fontStatus(): FontStatus[] {
  return FONT_FACES.map((face) => {
    let path = `${face.pkg}/files/${face.file}`;
    try {
      path = fontPath(face);
      const bytes = readFileSync(path).byteLength;
      return { face, path, found: true, bytes };
    } catch {
      return { face, path, found: false };
    }
  });
}

/** Origin of the bundled assets when the PDF renderer serves them from memory; it resolves nowhere. */
export const ASSET_ORIGIN = "https://assets.yardstick.invalid";

/**
 * How the stylesheet refers to the fonts: inlined `data:` URLs, URLs under ASSET_ORIGIN served from
 * memory, or not at all ("installed": the PDF browser has the bundled faces installed through
 * fontconfig, and the CSS family names alone find them).
 */
export type FontMode = "inline" | "served" | "installed";

/** URL of a font when served. */
export function servedFontUrl(face: FontFace): string {
  return `${ASSET_ORIGIN}/fonts/${face.file}`;
}

const fontData = new Map<string, Buffer>();
function readFont(face: FontFace): Buffer {
  let data = fontData.get(face.file);
  if (!data) {
    data = readFileSync(fontPath(face));
    fontData.set(face.file, data);
  }
  return data;
}

/** An asset served from memory to the rendering page. */
export interface ServedAsset {
  body: Buffer;
  contentType: string;
}

/** Every asset the rendering page may load, by URL. */
export function servedAssets(): Map<string, ServedAsset> {
  return new Map(FONT_FACES.map((face) => [servedFontUrl(face), { body: readFont(face), contentType: "font/woff2" }]));
}

/**
 * The faces the print header/footer use. They stay inlined even in "served" mode: Chromium does not
 * wait for header fonts, but finds them at once when the page has already loaded the very same
 * `data:` URL, which is why the page and the banners share these two URLs exactly.
 */
function isBannerFace(face: FontFace): boolean {
  return face.family === "YS Sans" && face.style === "normal" && /^noto-sans-latin-\d/.test(face.file);
}

function dataUrl(face: FontFace): string {
  return `data:font/woff2;base64,${readFont(face).toString("base64")}`;
}

const fontCss = new Map<FontMode, string>();

/** `@font-face` rules for every bundled face (cached per mode). */
export function fontFaceCss(mode: FontMode = "inline"): string {
  if (mode === "installed") return "";
  const hit = fontCss.get(mode);
  if (hit !== undefined) return hit;
  const rules: string[] = [];
  for (const face of FONT_FACES) {
    const src = mode === "inline" || isBannerFace(face) ? dataUrl(face) : servedFontUrl(face);
    const rule = (style: string) =>
      `@font-face{font-family:"${face.family}";font-style:${style};font-weight:${face.weight};font-display:block;src:url(${src}) format("woff2");unicode-range:${face.range};}`;
    rules.push(rule(face.style));
    // Scripts without an italic cut (Arabic, symbols, Latin Extended) must still match italic text,
    // or Chromium falls back to a system font for them.
    const hasItalic = FONT_FACES.some((f) => f.family === face.family && f.range === face.range && f.weight === face.weight && f.style === "italic");
    if (face.style === "normal" && !hasItalic) rules.push(rule("italic"));
  }
  const css = rules.join("\n");
  fontCss.set(mode, css);
  return css;
}

const headerCss = new Map<string, string>();

/**
 * Fonts for Chromium's print header/footer templates, which do not inherit the page's fonts
 * and cannot load assets: the Latin faces of Noto Sans in the given weights, inlined.
 */
export function headerFontCss(weights: ReadonlyArray<400 | 700>, mode: FontMode = "inline"): string {
  if (mode === "installed") return "";
  const key = weights.join(",");
  const hit = headerCss.get(key);
  if (hit !== undefined) return hit;
  const css = FONT_FACES.filter((f) => isBannerFace(f) && weights.includes(f.weight))
    .map((face) => `@font-face{font-family:"YS Banner";font-style:normal;font-weight:${face.weight};src:url(${dataUrl(face)}) format("woff2");unicode-range:${face.range};}`)
    .join("\n");
  headerCss.set(key, css);
  return css;
}
