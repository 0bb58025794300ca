/**
 * What the finalize step changes in a printed brief's navigation, whichever way it edits the file
 * (appended update or full PDF library): outline titles given back the space Chromium drops where
 * a heading wraps, and the alternate text of a link by its target.
 */

const squash = (s: string): string => s.replace(/\s+/g, "");

/**
 * A function giving, for an outline title that equals one of `headings` but for whitespace, that
 * heading's text (spaces collapsed); undefined when the title is right already or matches nothing.
 */
export function outlineTitleFixer(headings: readonly string[]): (title: string) => string | undefined {
  const bySquashed = new Map(headings.map((h) => [squash(h), h.replace(/\s+/g, " ").trim()]));
  return (title) => {
    const heading = bySquashed.get(squash(title));
    return heading !== undefined && heading !== title ? heading : undefined;
  };
}

/** The alternate text for a link to `target` ("#name" for a named destination, else the URI), when known. */
export function linkDescription(descriptions: Readonly<Record<string, string>>, target: string | undefined): string | undefined {
  return target !== undefined && Object.hasOwn(descriptions, target) ? descriptions[target] : undefined;
}
