/** Thrown at start-up when an environment variable is missing or malformed; the message names it. */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Small typed readers over process.env; each names the variable in its error. */
export class EnvReader {
  constructor(private readonly env: Env) {}

  optionalString(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  string(name: string, fallback: string): string {
    return this.optionalString(name) ?? fallback;
  }

  integer(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.optionalString(name);
    if (raw === undefined) {
      return fallback;
    }
    if (!/^\d+$/.test(raw)) {
      throw new ConfigError(name, `must be a whole number, got "${raw}"`);
    }
    const value = Number(raw);
    if (value < min || value > max) {
      throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
    }
    return value;
  }

  optionalUrl(name: string, protocols: string[]): string | undefined {
    const raw = this.optionalString(name);
    if (raw === undefined) {
      return undefined;
    }
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(name, 'must be a valid URL');
    }
    if (!protocols.includes(url.protocol)) {
      throw new ConfigError(name, `must use one of ${protocols.join(', ')} (got ${url.protocol})`);
    }
    return raw;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optionalString(name);
    if (raw === undefined) {
      return fallback;
    }
    if (!(allowed as readonly string[]).includes(raw)) {
      throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
    }
    return raw as T;
  }

  list(name: string): string[] {
    const raw = this.optionalString(name);
    return raw
      ? raw
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : [];
  }

  secret(name: string, minLength: number): string | undefined {
    const raw = this.optionalString(name);
    if (raw !== undefined && raw.length < minLength) {
      throw new ConfigError(name, `must be at least ${minLength} characters long`);
    }
    return raw;
  }
}
