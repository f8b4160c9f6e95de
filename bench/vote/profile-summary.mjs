// Summarises a V8 .cpuprofile of the portal (BENCH_CPU_PROF=<dir> npm run bench:vote writes one):
// where the event loop's time went, by package (self time of the leaf frame) and by stage of the vote
// (inclusive: a sample counts for a stage when any frame on its stack belongs to it).
// The stages are also given as shares of the busy time without the socket writes: the profiler samples
// wall time, and a thread descheduled inside writev (PostgreSQL's backend woken on a loaded machine)
// shows there as busy, so that second column is the closer picture of the portal's own CPU.
//
// Usage: node bench/vote/profile-summary.mjs <file.cpuprofile | dir>
//        (env TOP=25; FROM=<s> TO=<s>: only samples in that window, in seconds since the profile
//        started — run.mjs prints the measured API phase's window)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const target = process.argv[2];
if (!target) {
  console.error('usage: node bench/vote/profile-summary.mjs <file.cpuprofile | directory>');
  process.exit(2);
}
const file = statSync(target).isDirectory()
  ? readdirSync(target)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(target, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0] // the portal's is by far the largest
  : target;
const top = Number(process.env.TOP ?? 25);
const fromUs = Number(process.env.FROM ?? 0) * 1e6;
const toUs = process.env.TO ? Number(process.env.TO) * 1e6 : Infinity;
const profile = JSON.parse(readFileSync(file, 'utf8'));

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Time per sample: timeDeltas[i] is the gap before sample i; attribute it to sample i.
const selfUs = new Map();
const stackOf = (id) => {
  const stack = [];
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) stack.push(nodes.get(cur));
  return stack;
};

const packageOf = (url) => {
  if (!url) return '(native/V8)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.includes('/dist/src/')) return `portal:${url.split('/dist/src/')[1].split('/')[0]}`;
  if (url.startsWith('node:')) return url;
  return url;
};

const STAGES = [
  [
    'mail rendering (MailRenderer.render)',
    (f) => f.functionName === 'render' && f.url.includes('mail-renderer'),
  ],
  [
    '  of it: template JSON read (readFileSync + JSON.parse)',
    (f) => f.functionName === 'strings' && f.url.includes('mail-renderer'),
  ],
  ['  of it: Handlebars', (f) => f.url.includes('node_modules/handlebars')],
  [
    'JWT verify (jsonwebtoken)',
    (f) =>
      f.url.includes('node_modules/jsonwebtoken') ||
      f.url.includes('node_modules/jws') ||
      f.url.includes('node_modules/jwa'),
  ],
  ['passport / AuthGuard', (f) => /node_modules\/(passport|passport-jwt|@nestjs\/passport)\//.test(f.url)],
  [
    'JwtStrategy.validate (user load)',
    (f) => f.functionName === 'validate' && f.url.includes('jwt.strategy'),
  ],
  ['TypeORM', (f) => f.url.includes('node_modules/typeorm')],
  ['pg driver (pg, pg-protocol)', (f) => /node_modules\/(pg|pg-protocol|pg-pool)\//.test(f.url)],
  [
    'class-validator / class-transformer',
    (f) => /node_modules\/(class-validator|class-transformer)\//.test(f.url),
  ],
  [
    'keyed hashes (voting-keys, keyring)',
    (f) => f.url.includes('voting-keys') || f.url.includes('crypto/keyring'),
  ],
  ['Fastify', (f) => /node_modules\/(fastify|@fastify\/[^/]+|find-my-way|light-my-request)\//.test(f.url)],
  ['Nest core (router, pipes, guards, interceptors)', (f) => f.url.includes('node_modules/@nestjs/core')],
  ['JSON logger', (f) => f.url.includes('/logging/')],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['idle', (f) => f.functionName === '(idle)'],
];
/** Leaf frames of the socket writes (libuv's syscalls as V8 sees them). */
const WRITE_LEAVES = new Set(['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String']);
const stageUs = new Map(STAGES.map(([name]) => [name, 0]));
const stageUsNoWrites = new Map(STAGES.map(([name]) => [name, 0]));
let writesUs = 0;
const byPackage = new Map();
const byFunction = new Map();
let totalUs = 0;

let sinceStartUs = 0;
for (let i = 0; i < profile.samples.length; i += 1) {
  const dt = profile.timeDeltas[i] ?? 0;
  sinceStartUs += dt;
  if (sinceStartUs < fromUs || sinceStartUs > toUs) continue;
  totalUs += dt;
  const leaf = nodes.get(profile.samples[i]);
  const frame = leaf.callFrame;
  const pkg = frame.functionName.startsWith('(') ? frame.functionName : packageOf(frame.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt);
  const fnKey = `${frame.functionName || '(anonymous)'} ${frame.url ? `${packageOf(frame.url)}:${frame.lineNumber + 1}` : ''}`;
  byFunction.set(fnKey, (byFunction.get(fnKey) ?? 0) + dt);
  const frames = stackOf(leaf.id).map((n) => n.callFrame);
  const isWrite = !frame.url && WRITE_LEAVES.has(frame.functionName);
  if (isWrite) writesUs += dt;
  for (const [name, test] of STAGES) {
    if (!frames.some(test)) continue;
    stageUs.set(name, stageUs.get(name) + dt);
    if (!isWrite) stageUsNoWrites.set(name, stageUsNoWrites.get(name) + dt);
  }
}

const idle = (byPackage.get('(idle)') ?? 0) / 1000;
const total = totalUs / 1000;
const busy = total - idle;
const pct = (us) => `${((100 * us) / 1000 / busy).toFixed(1)}%`.padStart(6);
console.log(
  `${file}${fromUs || toUs < Infinity ? ` (window ${fromUs / 1e6}–${toUs / 1e6} s)` : ''}\nprofile ${(total / 1000).toFixed(1)} s, busy ${(busy / 1000).toFixed(1)} s (${((100 * busy) / total).toFixed(0)}%), idle ${(idle / 1000).toFixed(1)} s; shares below are of busy time`,
);
const withoutWrites = busy - writesUs / 1000;
const pctNoWrites = (us) => `${((100 * us) / 1000 / withoutWrites).toFixed(1)}%`.padStart(6);
console.log(
  `\nby stage (inclusive): share of busy time | of busy time without socket writes (${pct(writesUs).trim()} of busy)`,
);
for (const [name, us] of stageUs) {
  if (name !== 'idle') console.log(`  ${pct(us)} | ${pctNoWrites(stageUsNoWrites.get(name))}  ${name}`);
}
console.log('\nby package (self):');
for (const [name, us] of [...byPackage]
  .filter(([n]) => n !== '(idle)')
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)) {
  console.log(`  ${pct(us)}  ${name}`);
}
console.log('\nby function (self):');
for (const [name, us] of [...byFunction]
  .filter(([n]) => !n.startsWith('(idle)'))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)) {
  console.log(`  ${pct(us)}  ${name}`);
}
