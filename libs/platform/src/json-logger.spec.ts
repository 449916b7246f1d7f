import { JsonLogger } from './json-logger';

describe('JsonLogger', () => {
  function capture(levels?: ConstructorParameters<typeof JsonLogger>[1]) {
    const lines: { line: string; level: string }[] = [];
    const logger = new JsonLogger('json', levels, (line, level) => lines.push({ line, level }));
    return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l.line)) };
  }

  it('adds the fields set so far to every later line', () => {
    const { logger, parsed } = capture();
    logger.log('starting', 'Enricher');
    logger.setFields({ step: 'pool-attribution', instanceId: 'h:1:ab' });
    logger.setFields({ runId: '4' });
    logger.warn({ message: 'retry', stage: 'handler' }, 'Step');
    expect(parsed()).toEqual([
      expect.not.objectContaining({ step: expect.anything() }),
      expect.objectContaining({
        level: 'warn',
        context: 'Step',
        message: 'retry',
        stage: 'handler',
        step: 'pool-attribution',
        instanceId: 'h:1:ab',
        runId: '4',
      }),
    ]);
  });

  it('writes only the enabled levels; Nest log is info', () => {
    const { logger, parsed } = capture();
    logger.debug('hidden');
    logger.verbose('hidden');
    logger.log('shown');
    logger.fatal(new Error('gone'), undefined, 'Admin');
    expect(parsed().map((o) => [o.level, o.message])).toEqual([
      ['info', 'shown'],
      ['fatal', 'gone'],
    ]);
  });

  it('follows setLogLevels', () => {
    const { logger, lines } = capture();
    logger.setLogLevels(['error']);
    logger.log('dropped');
    logger.error('kept');
    expect(lines).toHaveLength(1);
  });
});
