// CPU accounting for the catalog benchmark (Linux /proc; elsewhere every figure is null). On a
// shared 2-core machine req/s alone mixes the servers' cost with whatever else runs, so each run
// also records CPU milliseconds per request of the server under test, of PostgreSQL (the embedded
// cluster: the postmaster and its backends) and of the load generator, and how many cores other
// processes on the machine kept busy meanwhile.
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on every Linux this runs on
const available = existsSync('/proc/stat');

function processes() {
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime + stime, plus cutime + cstime: children it has reaped (PostgreSQL backends that ended)
      const own = Number(fields[11]) + Number(fields[12]);
      table.set(Number(entry), {
        ppid: Number(fields[1]),
        own,
        ticks: own + Number(fields[13]) + Number(fields[14]),
      });
    } catch {
      /* exited meanwhile */
    }
  }
  return table;
}

/** CPU milliseconds of a process and all its descendants. */
function treeMs(table, root) {
  if (!root) return 0;
  let total = 0;
  const stack = [root];
  const children = new Map();
  for (const [pid, { ppid }] of table) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  while (stack.length) {
    const pid = stack.pop();
    total += (table.get(pid)?.ticks ?? 0) * TICK_MS;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function machine() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const all = fields.reduce((a, b) => a + b, 0);
  const idle = fields[3] + (fields[4] ?? 0);
  return { busyMs: (all - idle) * TICK_MS };
}

/** A reading; `pids` = { server, postgres } (either may be undefined). */
export function cpuSample(pids) {
  if (!available) return null;
  const table = processes();
  return {
    at: performance.now(),
    busyMs: machine().busyMs,
    serverMs: treeMs(table, pids.server),
    postgresMs: treeMs(table, pids.postgres),
    selfMs: (table.get(process.pid)?.own ?? 0) * TICK_MS,
    oursMs: treeMs(table, process.pid),
  };
}

/** Figures between two readings over `requests` requests. */
export function cpuDelta(a, b, requests) {
  if (!a || !b || !requests) return null;
  const wallMs = b.at - a.at;
  const per = (key) => +((b[key] - a[key]) / requests).toFixed(2);
  const tracked = (key) => (b[key] > 0 ? per(key) : null);
  const otherMs = b.busyMs - a.busyMs - (b.oursMs - a.oursMs);
  return {
    serverMsPerReq: tracked('serverMs'),
    postgresMsPerReq: tracked('postgresMs'), // null with an external DATABASE_URL
    loadgenMsPerReq: per('selfMs'),
    otherCores: +Math.max(0, otherMs / wallMs).toFixed(2),
  };
}

/** Cores kept busy by processes outside this run over `ms` milliseconds. */
export async function otherLoad(ms = 1000) {
  if (!available) return 0;
  const a = cpuSample({});
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = cpuSample({});
  return Math.max(0, (b.busyMs - a.busyMs - (b.oursMs - a.oursMs)) / (b.at - a.at));
}
