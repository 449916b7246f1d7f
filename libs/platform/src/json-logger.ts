import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import { logFormatOf } from '@lib/config';
import { formatLogLine, type LogFormat, type LogLevel } from './log-line';
import { redactSecrets } from './log-secrets';

const DEFAULT_LEVELS: NestLogLevel[] = ['fatal', 'error', 'warn', 'log'];

/**
 * The one logger of both apps (and of kafkajs inside them, see kafka-log.ts): one line per
 * call, JSON by default (LOG_FORMAT=text for local reading). `setFields` adds fields to every
 * later line, e.g. the step and instance of a step service once they are known. Every line
 * is written with secrets masked (`setSecrets`, log-secrets.ts): bearer tokens and URL
 * passwords always, the configured secrets once the app has told the logger.
 */
export class JsonLogger implements LoggerService {
  private readonly fields: Record<string, unknown> = {};
  private levels: Set<NestLogLevel>;
  private secrets: readonly string[] = [];

  constructor(
    /** `config.logFormat`; by default LOG_FORMAT read alone, as the apps make their logger before loading the configuration. */
    private readonly format: LogFormat = logFormatOf(),
    levels: NestLogLevel[] = DEFAULT_LEVELS,
    /** Where lines go; errors to stderr as Nest's own logger does. */
    private readonly write: (line: string, level: LogLevel) => void = (line, level) =>
      (level === 'error' || level === 'fatal' ? process.stderr : process.stdout).write(`${line}\n`),
  ) {
    this.levels = new Set(levels);
  }

  setFields(fields: Record<string, unknown>): void {
    Object.assign(this.fields, fields);
  }

  /** The values no line may show (`secretsOf(config)`): masked as `***` wherever they appear. */
  setSecrets(secrets: readonly string[]): void {
    this.secrets = [...secrets];
  }

  setLogLevels(levels: NestLogLevel[]): void {
    this.levels = new Set(levels);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.emit('log', 'info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.emit('error', 'error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.emit('warn', 'warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.emit('debug', 'debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.emit('verbose', 'verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.emit('fatal', 'fatal', message, params);
  }

  private emit(nestLevel: NestLogLevel, level: LogLevel, message: unknown, params: unknown[]): void {
    if (!this.levels.has(nestLevel)) return;
    this.write(redactSecrets(formatLogLine(this.format, { time: new Date(), level, message, params, fields: this.fields }), this.secrets), level);
  }
}
