/** The part of `wawoff2` (Google's woff2 compiled to WebAssembly) that yardstick uses. */
declare module "wawoff2" {
  /** WOFF2 → TrueType/OpenType bytes. */
  export function decompress(data: Uint8Array): Promise<Uint8Array>;
}
