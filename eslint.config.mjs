// ESLint flat config (docs/static-checks.md): eslint's and typescript-eslint's recommended
// rules, and two architecture rules: step folders stay independent of each other, and only
// libs/config reads the environment.
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ROOT = dirname(fileURLToPath(import.meta.url));
const STEPS_DIR = join(ROOT, 'apps', 'enricher', 'src', 'steps');

// The step folders, read when the config loads, so a new step is covered without editing this file.
const STEP_FOLDERS = readdirSync(STEPS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** The step folder a file belongs to (`apps/enricher/src/steps/<name>/...`), or undefined. */
function stepOf(file) {
  const rel = relative(STEPS_DIR, file);
  if (rel.startsWith('..') || rel === '') return undefined;
  const [first, ...rest] = rel.split(sep);
  return rest.length > 0 && STEP_FOLDERS.includes(first) ? first : undefined;
}

// local/step-isolation: a file in apps/enricher/src/steps/<a>/ imports only its own folder,
// libraries (@lib/*, packages) and the enricher's runtime; never another step folder or a
// file at the steps root (relative path), and never anything under apps/enricher/src/steps/
// through a non-relative specifier (baseUrl "." would resolve `apps/enricher/src/steps/...`).
const stepIsolation = {
  meta: {
    type: 'problem',
    docs: { description: 'A step folder does not import another step folder' },
    schema: [],
    messages: {
      crossStep:
        "Step '{{from}}' imports '{{source}}', which is in step folder '{{to}}': a step imports only its own folder and @lib/*; move what steps share into a library.",
      stepsRoot: "Step '{{from}}' imports '{{source}}' from the steps root (apps/enricher/src/steps/): a step imports only its own folder and @lib/*.",
      absolute: "Step '{{from}}' imports '{{source}}' through a non-relative path into apps/: a step imports only its own folder (relative) and @lib/*.",
    },
  },
  create(context) {
    const file = context.physicalFilename ?? context.filename;
    const from = stepOf(file);
    if (!from) return {};
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const target = resolve(dirname(file), source);
        const to = stepOf(target) ?? stepOf(join(target, 'index.ts'));
        if (to === from) return;
        if (to) context.report({ node, messageId: 'crossStep', data: { from, source, to } });
        else if (!relative(STEPS_DIR, target).startsWith('..')) context.report({ node, messageId: 'stepsRoot', data: { from, source } });
      } else if (/^(\/|(\.\/)?apps\/)/.test(source) || source.includes('enricher/src/steps')) {
        context.report({ node, messageId: 'absolute', data: { from, source } });
      }
    };
    const literal = (n) => (n && n.type === 'Literal' ? n.value : undefined);
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, literal(node.source)),
      TSImportEqualsDeclaration: (node) => node.moduleReference.type === 'TSExternalModuleReference' && check(node, literal(node.moduleReference.expression)),
      TSImportType: (node) => check(node, literal(node.argument?.literal ?? node.argument)),
      'CallExpression[callee.name="require"]': (node) => check(node, literal(node.arguments[0])),
      'CallExpression[callee.object.name="jest"][callee.property.name=/^(mock|requireActual|doMock)$/]': (node) => check(node, literal(node.arguments[0])),
    };
  },
};

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.fault-spec.ts', 'test/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.stack/**', 'coverage/**', 'artifacts/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { local: { rules: { 'step-isolation': stepIsolation } } },
    rules: {
      'local/step-isolation': 'error',
      // `const { omitted, ...rest } = row` is how the code drops fields from a copy (kafka-log, manifests, dataset rows).
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // A closure may read a variable assigned once after it is created (rpc-counter: the server's handler and the counter built from the server).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Off: errors are rethrown as one sentence that already carries the caught error's message (CLI output, test failures); a `cause` would print it twice.
      'preserve-caught-error': 'off',
      // Only libs/config reads the environment; everything else gets typed values from it.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only libs/config reads process.env: take the value from @lib/config (AppConfig or a loader there).' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'process', importNames: ['env'], message: 'Only libs/config reads the environment.' },
            { name: 'node:process', importNames: ['env'], message: 'Only libs/config reads the environment.' },
          ],
        },
      ],
    },
  },
  {
    // The one reader of environment variables.
    files: ['libs/config/**'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-imports': 'off' },
  },
  {
    // Tests read harness knobs (FUZZ_SEED, TEST_SCENARIO_SEED, the chain fixture path) and hand
    // the environment to the services and tools they start; they are not the app's configuration.
    files: TEST_FILES,
    rules: { 'no-restricted-properties': 'off', 'no-restricted-imports': 'off' },
  },
);
