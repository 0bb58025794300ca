/** The normalised assessment as JSON: its renderer and its output format. */
export { normalizedJson } from "./normalize.js";
export { JSON_FORMAT } from "./format.js";
