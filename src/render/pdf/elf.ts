/**
 * Reading what an ELF executable or shared library asks the dynamic loader for: its needed
 * libraries (DT_NEEDED), its library search paths (DT_RPATH / DT_RUNPATH), its class and machine.
 * Only the header, the program headers, the dynamic segment and the string table are read, so a
 * 200 MB browser costs a few small reads.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** What the dynamic loader needs to know about one ELF file. */
export interface ElfDynamicInfo {
  /** 32 or 64. */
  bits: 32 | 64;
  /** `e_machine` (62 = x86-64, 183 = AArch64, 3 = i386). */
  machine: number;
  /** Sonames of the libraries it needs, in order. */
  needed: string[];
  /** DT_RPATH entries (searched before LD_LIBRARY_PATH, only when there is no RUNPATH). */
  rpath: string[];
  /** DT_RUNPATH entries (searched after LD_LIBRARY_PATH). */
  runpath: string[];
  /** The program interpreter (PT_INTERP), for executables. */
  interpreter?: string;
}

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_STRSZ = 10;
const DT_RPATH = 15;
const DT_RUNPATH = 29;

function readAt(fd: number, offset: number, length: number, fileSize: number): Buffer | undefined {
  if (offset < 0 || length < 0 || offset + length > fileSize || length > 64 * 1024 * 1024) return undefined;
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, offset + done);
    if (n === 0) return undefined;
    done += n;
  }
  return buf;
}

/**
 * Reads the dynamic-linking information of an ELF file; undefined when the file is not a
 * (little-endian) ELF file or is truncated — an empty or foreign file is "not a library".
 */
export function readElfDynamic(path: string): ElfDynamicInfo | undefined {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const ident = readAt(fd, 0, 64, size) ?? readAt(fd, 0, 52, size);
    if (!ident || ident.readUInt32BE(0) !== 0x7f454c46) return undefined;
    const bits = ident[4] === 2 ? 64 : ident[4] === 1 ? 32 : undefined;
    if (!bits || ident[5] !== 1) return undefined; // little-endian only (x86, x86-64, arm64)
    const is64 = bits === 64;
    const num = (b: Buffer, off: number): number => (is64 ? Number(b.readBigUInt64LE(off)) : b.readUInt32LE(off));
    const machine = ident.readUInt16LE(18);
    const phoff = num(ident, is64 ? 32 : 28);
    const phentsize = ident.readUInt16LE(is64 ? 54 : 42);
    const phnum = ident.readUInt16LE(is64 ? 56 : 44);
    const phs = readAt(fd, phoff, phentsize * phnum, size);
    if (!phs || phentsize < (is64 ? 56 : 32)) return undefined;

    const loads: Array<{ vaddr: number; offset: number; filesz: number }> = [];
    let dynamic: { offset: number; filesz: number } | undefined;
    let interpreter: string | undefined;
    for (let i = 0; i < phnum; i++) {
      const o = i * phentsize;
      const type = phs.readUInt32LE(o);
      const offset = is64 ? num(phs, o + 8) : phs.readUInt32LE(o + 4);
      const vaddr = is64 ? num(phs, o + 16) : phs.readUInt32LE(o + 8);
      const filesz = is64 ? num(phs, o + 32) : phs.readUInt32LE(o + 16);
      if (type === PT_LOAD) loads.push({ vaddr, offset, filesz });
      else if (type === PT_DYNAMIC) dynamic = { offset, filesz };
      else if (type === PT_INTERP) interpreter = readAt(fd, offset, Math.min(filesz, 4096), size)?.toString("latin1").replace(/\0.*$/s, "");
    }
    const info: ElfDynamicInfo = { bits, machine, needed: [], rpath: [], runpath: [], ...(interpreter ? { interpreter } : {}) };
    if (!dynamic) return info; // statically linked
    const dyn = readAt(fd, dynamic.offset, dynamic.filesz, size);
    if (!dyn) return undefined;
    const entSize = is64 ? 16 : 8;
    const entries: Array<[number, number]> = [];
    let strtab: number | undefined;
    let strsz = 0;
    for (let o = 0; o + entSize <= dyn.length; o += entSize) {
      const tag = is64 ? Number(dyn.readBigInt64LE(o)) : dyn.readInt32LE(o);
      const val = num(dyn, o + (is64 ? 8 : 4));
      if (tag === DT_NULL) break;
      if (tag === DT_STRTAB) strtab = val;
      else if (tag === DT_STRSZ) strsz = val;
      else if (tag === DT_NEEDED || tag === DT_RPATH || tag === DT_RUNPATH) entries.push([tag, val]);
    }
    if (strtab === undefined) return entries.length === 0 ? info : undefined;
    // DT_STRTAB is a virtual address: map it to a file offset through the loadable segments.
    const seg = loads.find((l) => strtab! >= l.vaddr && strtab! < l.vaddr + l.filesz);
    if (!seg) return undefined;
    const strOffset = strtab - seg.vaddr + seg.offset;
    const strings = readAt(fd, strOffset, Math.min(strsz || seg.filesz - (strtab - seg.vaddr), size - strOffset), size);
    if (!strings) return undefined;
    const str = (at: number): string => {
      const end = strings.indexOf(0, at);
      return strings.toString("utf8", at, end === -1 ? strings.length : end);
    };
    for (const [tag, val] of entries) {
      if (val >= strings.length) return undefined;
      const s = str(val);
      if (tag === DT_NEEDED) info.needed.push(s);
      else (tag === DT_RPATH ? info.rpath : info.runpath).push(...s.split(":").filter(Boolean));
    }
    return info;
  } finally {
    closeSync(fd);
  }
}
