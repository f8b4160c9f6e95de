// Starting the built portal as a child process for a benchmark: its own process group, its output
// prefixed on stderr, stopped by the supervisor's cleanup (SIGTERM, then SIGKILL after 15 s).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { sleep } from './supervisor.mjs';

export const projectRoot = join(import.meta.dirname, '..', '..');

export function spawnPortal(supervisor, env, { nodeArgs = [] } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: Ctrl-C reaches only the bench, which stops it in order
  });
  supervisor.children.add(child);
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) if (line.trim()) console.error(`[portal] ${line}`);
    });
  }
  child.on('exit', (code, signal) => {
    if (!supervisor.isCleaning()) console.error(`[portal] exited (${signal ?? code}) during the run`);
  });
  supervisor.onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    if (!(await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]))) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone meanwhile */
      }
      await exited;
    }
  });
  return child;
}

export async function waitReady(url, child) {
  for (let i = 0; i < 480; i += 1) {
    if (child.exitCode !== null)
      throw new Error(`the portal exited with ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`the portal did not become ready at ${url}`);
}

/** A process's peak resident set (VmHWM) and current one (VmRSS), in MiB, from /proc (Linux). */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  return { peakMb: kib('VmHWM') / 1024, rssMb: kib('VmRSS') / 1024 };
}
