/**
 * Deterministic STIX identifiers: RFC 4122 version-5 UUIDs (SHA-1 of a namespace and a name),
 * so the same assessment, judgment or organisation always gets the same id.
 */
import { createHash } from "node:crypto";

/** yardstick's namespace for STIX ids (itself the v5 UUID of "yardstick" in the RFC 4122 URL namespace). */
export const YARDSTICK_NAMESPACE = "93081a08-a85c-5fb8-8a58-05dbf194c484";

function bytesOf(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  return Buffer.from(hex, "hex");
}

/** The version-5 UUID of `name` in `namespace` (RFC 4122 §4.3). */
export function uuidv5(name: string, namespace: string = YARDSTICK_NAMESPACE): string {
  const hash = createHash("sha1").update(bytesOf(namespace)).update(name, "utf8").digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A STIX identifier `type--uuid` for a name. */
export function stixId(type: string, name: string): string {
  return `${type}--${uuidv5(`${type}:${name}`)}`;
}
