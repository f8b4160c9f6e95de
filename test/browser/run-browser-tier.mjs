// `npm run test:browser`: the browser tier when a Chromium is installed. Without one it prints one
// loud line and succeeds, unless BROWSER_TIER_REQUIRED=1 (.ci/run sets it), which makes it fail.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (candidate) => candidate && existsSync(candidate),
);
if (!chromium) {
  const line =
    '!!! BROWSER TIER SKIPPED: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH) !!!';
  process.stderr.write(`\n${line}\n\n`);
  process.exit(process.env.BROWSER_TIER_REQUIRED === '1' ? 1 : 0);
}
const result = spawnSync('npx', ['jest', '--config', 'jest.browser.config.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);
