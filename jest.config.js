// Three projects: `unit` (pure logic, no services), `integration` (real Kafka, registry,
// PostgreSQL and local chain; the global setup brings the local stack up when it is down)
// and `faults` (tests that kill or stop the shared broker, registry or PostgreSQL: `npm test`
// runs them after the others, one file at a time, so they never disturb another test).
/** @type {[string, Record<string, unknown>]} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
    },
  },
];
/** @type {import('jest').Config} */
const common = {
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^@lib/([^/]+)(.*)$': '<rootDir>/libs/$1/src$2' },
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools', '<rootDir>/test'],
};
/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/integration-setup.ts'],
      slowTestThreshold: 60,
    },
    {
      ...common,
      displayName: 'faults',
      testMatch: ['**/*.fault-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/integration-setup.ts'],
      slowTestThreshold: 120,
    },
  ],
  // Integration tests share one broker and one PostgreSQL server; each test uses its own
  // database, topics and groups, but two cores do not gain from more than two workers.
  maxWorkers: 2,
};
