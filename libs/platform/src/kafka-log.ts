import { Logger } from '@nestjs/common';
import { logLevel, type logCreator } from 'kafkajs';

/**
 * kafkajs's own log lines through the app's logger, so they share its format (context
 * `kafkajs:<namespace>`, kafkajs's extra fields beside the message) instead of kafkajs's JSON.
 */
export const nestKafkaLogCreator: logCreator =
  () =>
  ({ namespace, level, log }) => {
    const { message, timestamp: _timestamp, ...extra } = log;
    const logger = new Logger(namespace ? `kafkajs:${namespace}` : 'kafkajs');
    const line = { ...extra, message };
    if (level === logLevel.ERROR || level === logLevel.NOTHING) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else if (level === logLevel.INFO) logger.log(line);
    else logger.debug(line);
  };
