import { existsSync } from 'node:fs';

/** Debian's Chromium (apt-get install chromium) or CHROMIUM_PATH; never a downloaded browser build. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate): candidate is string => Boolean(candidate) && existsSync(candidate!));
}

/**
 * As root Chromium needs --no-sandbox; the others keep it quiet offline and in small containers
 * (/dev/shm is often 64 MB).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
];
