// Profiling helper for bench:pages on a shared machine: CPU milliseconds the portal process spends
// per request (from /proc/<pid>/stat), HTML against API, which other people's load moves far less
// than req/s. With PROFILE_DIR set the portal runs under `node --cpu-prof` and writes its profile
// there at exit (summarise it with `node bench/pages/cpu.mjs summary <file.cpuprofile>`).
//
// Usage: npm run build && node bench/pages/cpu.mjs   (env: CPU_SECONDS=6 CPU_CONNECTIONS=10 PROFILE_DIR=…)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { demoIds, startDemoPortal } from '../lib/demo-portal.mjs';
import { createSupervisor } from '../lib/supervisor.mjs';
import { apiToken, webSession } from './sign-in.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const seconds = Number(process.env.CPU_SECONDS ?? 6);
const connections = Number(process.env.CPU_CONNECTIONS ?? 10);
const TICK_MS = 10; // USER_HZ is 100 on Linux

function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
}

function load(url, headers, pid) {
  return new Promise((resolve, reject) => {
    const before = cpuMs(pid);
    autocannon({ url, connections, duration: seconds, headers }, (error, done) => {
      if (error) return reject(error);
      const ms = cpuMs(pid) - before;
      resolve({
        rps: +(done['2xx'] / done.duration).toFixed(1),
        cpuMsPerRequest: +(ms / done['2xx']).toFixed(3),
        bad: done.non2xx + done.errors,
      });
    });
  });
}

function summary(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  let total = 0;
  for (const [id, count] of counts) {
    const { callFrame } = byId.get(id);
    const where = callFrame.url.replace(/^.*\/(node_modules|dist)\//, '$1/') || '(native)';
    const key = `${callFrame.functionName || '(anonymous)'} ${where}:${callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + count);
    total += count;
  }
  const byFile = new Map();
  for (const [key, count] of self) {
    const file = key
      .split(' ')[1]
      .split(':')[0]
      .replace(/^(node_modules\/(@[^/]+\/)?[^/]+).*$/, '$1');
    byFile.set(file, (byFile.get(file) ?? 0) + count);
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, c]) => `${((100 * c) / total).toFixed(1).padStart(5)}%  ${k}`);
  console.log('self time by package/file:\n' + top(byFile, 25).join('\n'));
  console.log('\nself time by function:\n' + top(self, 40).join('\n'));
  // Inclusive: a function counts once per sample it is on the stack of (ours and the renderer's).
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map();
  for (const [id, count] of counts) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url } = byId.get(at).callFrame;
      if (!/dist\/src|nunjucks\/src\/environment/.test(url) || !functionName) continue;
      const key = `${functionName} ${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}`;
      if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + count);
      seen.add(key);
    }
  }
  console.log(
    "\ninclusive time (the portal's own functions and nunjucks):\n" + top(inclusive, 30).join('\n'),
  );
}

async function main() {
  const supervisor = createSupervisor('the CPU profile portal');
  try {
    const dir = process.env.PROFILE_DIR;
    const { url, child } = await startDemoPortal(supervisor, {
      name: 'pages-cpu',
      env: { CATALOG_CACHE_TTL_MS: '0' },
      nodeArgs: dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [],
    });
    const ids = await demoIds(url);
    const [cookie, token] = [await webSession(url), await apiToken(url)];
    const ru = { 'accept-language': 'ru' };
    const only = process.env.CPU_CASES?.split(',');
    const cases = [
      ['catalog', `/practices`, ru, `/api/v1/practices?sort=new&limit=10&lang=ru`, {}],
      ['practice', `/practices/${ids.practiceId}`, ru, `/api/v1/practices/${ids.practiceId}?lang=ru`, {}],
      [
        'contest',
        `/contests/${ids.contestId}`,
        { ...ru, cookie },
        `/api/v1/contests/${ids.contestId}?lang=ru`,
        { authorization: `Bearer ${token}` },
      ],
    ].filter((c) => !only || only.includes(c[0]));
    for (const [name, htmlPath, htmlHeaders, apiPath, apiHeaders] of cases) {
      await load(url + htmlPath, htmlHeaders, child.pid); // warm-up
      const html = await load(url + htmlPath, htmlHeaders, child.pid);
      const api = await load(url + apiPath, apiHeaders, child.pid);
      console.log(
        JSON.stringify({
          name,
          html,
          api,
          cpuRatio: +(api.cpuMsPerRequest / html.cpuMsPerRequest).toFixed(2),
        }),
      );
    }
  } finally {
    await supervisor.cleanup();
  }
}

if (process.argv[2] === 'summary') summary(process.argv[3]);
else
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
