/**
 * The guarded writer: no writes through symbolic links, the previous file kept on any write
 * error (a full disk simulated by a failing write), new files 0644, reserved output names.
 */
import { mkdirSync, mkdtempSync, promises as fsp, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prepareFolderGuarded, syncFolders, writeFileGuarded, WriteRefusedError, type WriteFs } from "../src/io/write.js";
import { caseCollisions, reservedNameProblem } from "../src/io/names.js";
import { outputPath } from "../src/project/outputs.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ys-io-write-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** File-system calls whose file writes fail with `code` after `okBytes` bytes. */
function failingFs(code: string, okBytes = 0): WriteFs {
  return {
    lstat: fsp.lstat,
    rename: fsp.rename,
    unlink: fsp.unlink,
    mkdir: fsp.mkdir,
    open: (async (path: string, flags: number, mode?: number) => {
      const handle = await fsp.open(path, flags, mode);
      let written = 0;
      const write = async (data: Uint8Array, offset: number, length: number, position: number) => {
        if (written >= okBytes) throw Object.assign(new Error(`${code}: simulated`), { code });
        const n = Math.min(length, okBytes - written);
        const r = await handle.write(data, offset, n, position);
        written += r.bytesWritten;
        return r;
      };
      return { write, sync: () => handle.sync(), close: () => handle.close() };
    }) as unknown as WriteFs["open"],
  };
}

describe("writeFileGuarded", () => {
  it("writes a new file with mode 0644 (less the umask) and leaves no temporary file", async () => {
    const path = join(dir, "a.md");
    await writeFileGuarded(path, "hello\n");
    expect(readFileSync(path, "utf8")).toBe("hello\n");
    expect(statSync(path).mode & 0o022).toBe(0);
    expect(statSync(path).mode & 0o111).toBe(0);
    expect(readdirSync(dir)).toEqual(["a.md"]);
  });

  it("flushes each file before its rename, and a folder once when its flush is deferred (a build)", async () => {
    const calls: string[] = [];
    const fs: WriteFs = {
      ...failingFs("never", Number.MAX_SAFE_INTEGER),
      open: (async (path: string, flags: number, mode?: number) => {
        const handle = await fsp.open(path, flags, mode);
        const what = path === dir ? "folder" : "file";
        return { write: handle.write.bind(handle), sync: async () => (calls.push(`sync ${what}`), handle.sync()), close: () => handle.close() };
      }) as unknown as WriteFs["open"],
      rename: async (from, to) => (calls.push("rename"), fsp.rename(from, to)),
    };
    await writeFileGuarded(join(dir, "a.md"), "a", { fs });
    expect(calls).toEqual(["sync file", "rename", "sync folder"]);
    calls.length = 0;
    const pending = new Set<string>();
    for (const name of ["b.md", "c.md", "d.md"]) await writeFileGuarded(join(dir, name), name, { fs, deferFolderSync: pending });
    expect(calls).toEqual(["sync file", "rename", "sync file", "rename", "sync file", "rename"]);
    expect([...pending]).toEqual([dir]);
    await syncFolders(pending, fs);
    expect(calls.at(-1)).toBe("sync folder");
    expect(readdirSync(dir).sort()).toEqual(["a.md", "b.md", "c.md", "d.md"]);
  });

  it("replaces an executable file with a plain one: the old mode does not carry over", async () => {
    const path = join(dir, "a.md");
    writeFileSync(path, "old");
    chmodSync(path, 0o755);
    await writeFileGuarded(path, "new");
    expect(statSync(path).mode & 0o111).toBe(0);
  });

  it("refuses a symbolic link at the output path and leaves its target untouched", async () => {
    const target = join(dir, "bashrc");
    writeFileSync(target, "precious");
    const link = join(dir, "x.md");
    symlinkSync(target, link);
    await expect(writeFileGuarded(link, "evil")).rejects.toBeInstanceOf(WriteRefusedError);
    await expect(writeFileGuarded(link, "evil")).rejects.toThrow(/symbolic link/);
    expect(readFileSync(target, "utf8")).toBe("precious");
    expect(readdirSync(dir).sort()).toEqual(["bashrc", "x.md"]);
  });

  it("refuses to write into a folder that is a symbolic link", async () => {
    const real = join(dir, "home");
    mkdirSync(real);
    symlinkSync(real, join(dir, "out"));
    await expect(writeFileGuarded(join(dir, "out", "x.md"), "evil")).rejects.toThrow(/out is a symbolic link/);
    expect(readdirSync(real)).toEqual([]);
  });

  for (const code of ["ENOSPC", "EDQUOT", "EIO"]) {
    it(`keeps the previous file when a write fails with ${code}, and removes the partial temporary file`, async () => {
      const path = join(dir, "brief.pdf");
      writeFileSync(path, "the good brief");
      const big = Buffer.alloc(200_000, 0x41);
      await expect(writeFileGuarded(path, big, { fs: failingFs(code, 4096) })).rejects.toMatchObject({ code });
      expect(readFileSync(path, "utf8")).toBe("the good brief");
      expect(readdirSync(dir)).toEqual(["brief.pdf"]);
    });
  }

  it("treats a write that reports zero bytes as an I/O error instead of looping or truncating", async () => {
    const path = join(dir, "a.md");
    writeFileSync(path, "old");
    const fs: WriteFs = {
      ...failingFs("EIO", Number.MAX_SAFE_INTEGER),
      open: (async (p: string, flags: number, mode?: number) => {
        const handle = await fsp.open(p, flags, mode);
        return { write: async () => ({ bytesWritten: 0, buffer: Buffer.alloc(0) }), sync: () => handle.sync(), close: () => handle.close() };
      }) as unknown as WriteFs["open"],
    };
    await expect(writeFileGuarded(path, "new content", { fs })).rejects.toMatchObject({ code: "EIO" });
    expect(readFileSync(path, "utf8")).toBe("old");
  });
});

describe("prepareFolderGuarded", () => {
  it("creates missing folders one by one inside the project", async () => {
    await prepareFolderGuarded(join(dir, "a", "b", "out"), dir);
    expect(statSync(join(dir, "a", "b", "out")).isDirectory()).toBe(true);
  });

  it("refuses a symbolic link anywhere between the project and the output folder", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "ys-io-elsewhere-"));
    try {
      symlinkSync(elsewhere, join(dir, "build"));
      await expect(prepareFolderGuarded(join(dir, "build", "out"), dir)).rejects.toThrow(/build is a symbolic link/);
      expect(readdirSync(elsewhere)).toEqual([]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe("output names", () => {
  it("reserves the manifest's name and Windows device names, whatever the case", () => {
    for (const id of ["manifest", "con", "nul", "aux", "prn", "com1", "lpt9", "COM3"]) expect(reservedNameProblem(id), id).toBeDefined();
    for (const id of ["con-2024", "console", "manifesto", "nullable", "com10"]) expect(reservedNameProblem(id), id).toBeUndefined();
    expect(outputPath(dir, "manifest", "json")).toBeUndefined();
    expect(outputPath(dir, "nul", "md")).toBeUndefined();
    expect(outputPath(dir, "isk-2022-07", "md")).toBe(join(dir, "isk-2022-07.md"));
  });

  it("finds names that are one file on a case-insensitive or normalising file system", () => {
    expect(caseCollisions(["Brief", "brief", "other", "caf\u00e9", "cafe\u0301"])).toEqual([
      ["Brief", "brief"],
      ["cafe\u0301", "caf\u00e9"],
    ]);
  });
});
