// Process bookkeeping shared by the benchmarks: child servers, cleanup steps, and the guarantee that
// nothing (servers, the embedded PostgreSQL) outlives a run, also on Ctrl-C or an exception.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * `first` steps run in order (stop load generators, stop servers), then `cleanups` newest first
 * (database, files). A first signal cleans up; a second leaves at once; the exit hook kills whatever
 * is left.
 */
export function createSupervisor(what = 'the servers and the database') {
  const children = new Set();
  const first = [];
  const cleanups = [];
  let cleaning;
  let postmasterPidFile;

  function cleanup() {
    cleaning ??= (async () => {
      for (const step of [...first, ...cleanups.reverse()]) {
        try {
          await step();
        } catch (error) {
          console.error(`cleanup: ${error?.message ?? error}`);
        }
      }
    })();
    return cleaning;
  }

  function postmasterPid() {
    if (!postmasterPidFile || !existsSync(postmasterPidFile)) return undefined;
    const pid = Number(readFileSync(postmasterPidFile, 'utf8').split('\n')[0]);
    try {
      process.kill(pid, 0);
      return pid;
    } catch {
      return undefined;
    }
  }

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (cleaning) process.exit(130); // a second signal: leave now (the exit hook still kills the children)
      console.error(`\n${signal}: stopping ${what}`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  process.on('exit', () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
    const pid = postmasterPid();
    if (pid) {
      try {
        process.kill(pid, 'SIGQUIT'); // PostgreSQL's immediate shutdown
      } catch {
        /* gone */
      }
    }
  });

  return {
    children,
    cleanup,
    /** True once cleanup started: a child exiting then is expected. */
    isCleaning: () => cleaning !== undefined,
    /** Runs before the cleanups, in registration order. */
    first: (step) => first.push(step),
    /** Runs after the `first` steps, newest first. */
    onCleanup: (step) => cleanups.push(step),
    watchPostmaster: (pidFile) => (postmasterPidFile = pidFile),
    /** The embedded PostgreSQL's pid while it runs. */
    postmasterPid,
  };
}
