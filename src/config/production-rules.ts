import { isIP } from 'node:net';
import type { AppConfig } from './app-config';
import { ConfigError } from './env-reader';

const MIN_SECRET_BITS = 128;

/**
 * A rough strength estimate: length × log2(number of distinct characters). It cannot tell a random
 * key from a clever phrase, but it catches the usual mistakes: "change-me" repeated, one letter
 * repeated, a short run of digits.
 */
export function estimatedSecretBits(secret: string): number {
  const characters = Array.from(secret);
  const distinct = new Set(characters).size;
  return distinct > 1 ? Math.round(characters.length * Math.log2(distinct)) : 0;
}

/** Refuses what is tolerable on a laptop but not on a public portal; each error names its variable. */
export function assertProductionSafe(config: AppConfig): void {
  if (config.auth.jwtSecret === config.dataKey) {
    // One leaked value would then both forge sign-ins and unmask every keyed hash.
    throw new ConfigError('JWT_SECRET', 'must differ from DATA_KEY');
  }
  for (const [variable, secret] of [
    ['JWT_SECRET', config.auth.jwtSecret],
    ['DATA_KEY', config.dataKey],
  ] as const) {
    const bits = estimatedSecretBits(secret);
    if (bits < MIN_SECRET_BITS) {
      throw new ConfigError(
        variable,
        `is too weak for NODE_ENV=production (about ${bits} bits, at least ${MIN_SECRET_BITS} needed); ` +
          'generate 32 random bytes in base64url as .env.example shows',
      );
    }
  }
  const publicUrl = new URL(config.http.publicUrl);
  if (publicUrl.protocol !== 'https:' && !isLoopbackHost(publicUrl.hostname)) {
    // Links in emails carry tokens; over plain http anyone on the path reads them.
    throw new ConfigError(
      'PUBLIC_URL',
      'must use https when NODE_ENV=production, unless its host is loopback',
    );
  }
}

/** localhost, 127.0.0.0/8 or ::1: plain http never leaves the machine. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return true;
  }
  if (isIP(host) === 4) {
    return host.startsWith('127.');
  }
  return host === '::1';
}
