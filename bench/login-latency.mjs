// Login latency on this machine: starts the built portal (embedded PostgreSQL in a temporary
// DATA_DIR, an admin from ADMIN_EMAIL), signs in sequentially, prints p50/p90/p99 of the round trip.
// The figure is dominated by argon2id verification (OWASP parameters: 19 MiB, t=2, p=1).
// Usage: npm run bench:login   (ROUNDS=200 to change the sample size)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rounds = Number(process.env.ROUNDS ?? 100);
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});
const dataDir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
chmodSync(dataDir, 0o755);
const base = `http://127.0.0.1:${port}`;
const credentials = { email: 'bench.admin@portal.kg', password: 'bench admin passphrase' };
const server = spawn(process.execPath, ['dist/src/main.js'], {
  env: {
    ...process.env,
    PORT: String(port),
    PUBLIC_URL: base,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: credentials.email,
    ADMIN_PASSWORD: credentials.password,
    DATABASE_URL: '',
    RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '100000',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

async function waitReady() {
  for (let i = 0; i < 240; i += 1) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('portal did not become ready');
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

try {
  await waitReady();
  const timings = [];
  for (let i = 0; i < rounds + 5; i += 1) {
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`login answered ${response.status}`);
    if (i >= 5) timings.push(performance.now() - started); // the first few warm the JIT and pool
  }
  timings.sort((a, b) => a - b);
  const result = {
    rounds,
    p50Ms: +percentile(timings, 50).toFixed(1),
    p90Ms: +percentile(timings, 90).toFixed(1),
    p99Ms: +percentile(timings, 99).toFixed(1),
  };
  console.log(
    `login latency over ${rounds} sequential sign-ins: p50 ${result.p50Ms} ms, p90 ${result.p90Ms} ms, p99 ${result.p99Ms} ms`,
  );
  console.log(JSON.stringify(result));
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
