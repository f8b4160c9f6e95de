import { createHash, createHmac, createSecretKey, hkdfSync, KeyObject, randomBytes } from 'node:crypto';

/**
 * Keyed hashing under DATA_KEY. Every purpose gets its own subkey (HKDF), so a hash made for rate
 * limiting can never be matched against one made for PINs or voter pseudonyms.
 */
export class Keyring {
  private readonly subkeys = new Map<string, Buffer>();
  private readonly hmacKeys = new Map<string, KeyObject>();

  constructor(private readonly dataKey: string) {}

  subkey(purpose: string): Buffer {
    let key = this.subkeys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.dataKey, 'best-practice-portal', purpose, 32));
      this.subkeys.set(purpose, key);
    }
    return key;
  }

  keyedHash(purpose: string, value: string): string {
    return createHmac('sha256', this.hmacKey(purpose)).update(value).digest('hex');
  }

  /**
   * The subkey as a KeyObject, made once: createHmac with a Buffer builds one on every call (about a
   * third of an HMAC's cost, and a vote makes four).
   */
  private hmacKey(purpose: string): KeyObject {
    let key = this.hmacKeys.get(purpose);
    if (!key) {
      key = createSecretKey(this.subkey(purpose));
      this.hmacKeys.set(purpose, key);
    }
    return key;
  }
}

/** 256-bit random token for links and refresh tokens, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256, so a database leak does not leak live tokens. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
