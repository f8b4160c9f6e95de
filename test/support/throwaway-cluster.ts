import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { testState } from './test-database';

/**
 * A PostgreSQL of the test's own, started with the portal's launcher from the build (as `npm start`
 * runs it), so the test can stop, restart and pause it without touching the suite's server. It keeps
 * its port across restarts, as a real server does.
 */
export class ThrowawayCluster {
  private constructor(
    private readonly dataDir: string,
    private server: ChildProcess | undefined,
    readonly url: string,
    private readonly port: number,
  ) {}

  static async start(): Promise<ThrowawayCluster> {
    const dataDir = mkdtempSync(join(testState().stateDir, 'cluster-'));
    const { server, url } = await launch(dataDir);
    return new ThrowawayCluster(dataDir, server, url, Number(new URL(url).port));
  }

  /** `pg_ctl stop -m immediate`: SIGQUIT to the postmaster, every backend ends at once, no checkpoint. */
  async stopImmediately(): Promise<void> {
    const postmaster = this.postmasterPid();
    process.kill(postmaster, 'SIGQUIT');
    await waitUntilGone(postmaster);
    // Its launcher process has nothing left to stop.
    this.server?.kill('SIGKILL');
    this.server = undefined;
  }

  /** Starts the server again on the same port and data (crash recovery included). */
  async restart(): Promise<void> {
    this.server = (await launch(this.dataDir, this.port)).server;
  }

  /** SIGSTOP to the postmaster and every backend: connections stay open, nothing answers. */
  pause(): void {
    this.signalAll('SIGSTOP');
  }

  resume(): void {
    this.signalAll('SIGCONT');
  }

  async destroy(): Promise<void> {
    const server = this.server;
    if (server) {
      await new Promise((resolve) => {
        server.once('exit', resolve);
        server.send('stop');
      });
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private postmasterPid(): number {
    return Number(readFileSync(join(this.dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  }

  private signalAll(signal: NodeJS.Signals): void {
    const postmaster = this.postmasterPid();
    for (const pid of [postmaster, ...childrenOf(postmaster)]) {
      process.kill(pid, signal);
    }
  }
}

/** The launcher runs in a process of its own (see cluster-process.mjs). */
function launch(dataDir: string, port?: number): Promise<{ server: ChildProcess; url: string }> {
  const server = fork(join(__dirname, 'cluster-process.mjs'), [dataDir, ...(port ? [String(port)] : [])], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    server.once('message', (message: { url: string }) => resolve({ server, url: message.url }));
    server.once('exit', (code) => reject(new Error(`the PostgreSQL launcher exited with ${code}`)));
  });
}

function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) {
        children.push(Number(entry));
      }
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

async function waitUntilGone(pid: number): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`PostgreSQL ${pid} did not stop`);
}
