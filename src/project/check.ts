/**
 * Checking moved to src/check/ (its own stage, shared by every command); this keeps the old
 * import path working.
 */
export * from "../check/check.js";
