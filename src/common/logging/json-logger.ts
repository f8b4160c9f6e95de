import { LoggerService } from '@nestjs/common';
import { LogLevel } from '../../config/app-config';

const SEVERITY: Record<LogLevel, number> = { fatal: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** Whether a logger configured at `configured` writes lines of `level`. */
export function writesLevel(configured: LogLevel, level: LogLevel): boolean {
  return SEVERITY[level] <= SEVERITY[configured];
}

/** Members that must never reach a log line, whatever a caller passes. */
const REDACTED = /pass(word)?|token|secret|authorization|cookie|pin/i;

/**
 * Structured logs: one JSON object per line with time, level, context (the class) and the message.
 * Objects passed as the message are merged in, redacted. The request id is in the access line and
 * in unhandled-error lines, passed explicitly: a request-scoped context (AsyncLocalStorage) turns on
 * promise hooks for every promise on Node 20, which cost 0.2 ms of CPU per catalog request (12% of
 * its throughput, measured on the bench data).
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel,
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.emit('fatal', message, rest);
  }

  private emit(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (!writesLevel(this.level, level)) {
      return;
    }
    // Nest passes (message, ...params, context): the context is the last string.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, context };
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      Object.assign(entry, redact(message as Record<string, unknown>));
      entry.msg = typeof rest[0] === 'string' ? rest.shift() : undefined;
    } else {
      entry.msg = message instanceof Error ? message.message : String(message);
    }
    const stack = rest.find((item) => typeof item === 'string' && item.includes('\n    at '));
    if (stack) {
      entry.stack = stack;
    }
    this.write(`${JSON.stringify(entry)}\n`);
  }
}

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, REDACTED.test(key) ? '[redacted]' : value]),
  );
}
