// Memory of a process tree from /proc (Linux): the sum of RSS and PSS of a process and all its
// descendants, Chromium's zygote children included (wait4 and /usr/bin/time miss those).
// As a module: `treeMemory(pid)`, `sampleTreePeak(pid, everyMs)`; as a script: `node bench/lib/proc-tree.js PID`.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Parent pid of every process. */
function parents() {
  const map = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // Fields after the command (which may hold spaces and parentheses): state, ppid, …
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      map.set(Number(name), Number(rest[1]));
    } catch {
      // gone meanwhile
    }
  }
  return map;
}

/** The pids of `root` and its descendants. */
export function treePids(root) {
  const ppid = parents();
  const out = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of ppid) if (!out.has(pid) && out.has(parent)) (out.add(pid), (grew = true));
  }
  return [...out];
}

function kb(text, field) {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
  return m ? Number(m[1]) : 0;
}

/** RSS and PSS (kB) summed over the tree, and how many processes it has. */
export function treeMemory(root) {
  let rss = 0;
  let pss = 0;
  let processes = 0;
  for (const pid of treePids(root)) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      rss += kb(rollup, "Rss");
      pss += kb(rollup, "Pss");
      processes++;
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return { rssKb: rss, pssKb: pss, processes };
}

/** Samples the tree every `everyMs` until `stop()`; returns the peaks. */
export function sampleTreePeak(root, everyMs = 200) {
  const peak = { rssKb: 0, pssKb: 0, processes: 0 };
  const take = () => {
    const m = treeMemory(root);
    if (m.pssKb > peak.pssKb) peak.pssKb = m.pssKb;
    if (m.rssKb > peak.rssKb) peak.rssKb = m.rssKb;
    if (m.processes > peak.processes) peak.processes = m.processes;
  };
  const timer = setInterval(take, everyMs);
  take();
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pid = Number(process.argv[2]);
  const m = treeMemory(pid);
  console.log(`${m.processes} processes, RSS ${(m.rssKb / 1024).toFixed(0)} MB, PSS ${(m.pssKb / 1024).toFixed(0)} MB`);
}
