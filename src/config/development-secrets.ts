import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface DevelopmentSecrets {
  jwtSecret: string;
  dataKey: string;
}

/**
 * Development convenience: secrets generated once on this machine and kept under DATA_DIR, so a
 * restart keeps sessions and pseudonyms stable. Never used in production (loadConfig refuses first).
 */
export function loadOrCreateDevelopmentSecrets(dataDir: string): DevelopmentSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DevelopmentSecrets;
  }
  const secrets: DevelopmentSecrets = {
    jwtSecret: randomBytes(32).toString('base64url'),
    dataKey: randomBytes(32).toString('base64url'),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
