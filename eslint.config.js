// ESLint's and typescript-eslint's recommended rules over the code we write (`npm run lint`).
// Not the type-aware rule sets: they would make the run several times slower on a CI machine.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      'test-artifacts/',
      'data/',
      'widget/api/*.gen.ts',
      'widget/i18n/locales/',
      'examples/',
    ],
  },
  {
    files: [
      'widget/**/*.ts',
      'demo-server/**/*.ts',
      'console/**/*.ts',
      'scripts/**/*.ts',
      'test/**/*.{ts,mts,mjs}',
      'bench/**/*.ts',
      '*.{js,mjs,ts}',
    ],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // A leading underscore names what is left out on purpose (an unused parameter, a dropped field).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `let stop; … process.on(…, () => stop?.()); … stop = …`: a closure reads it before it is set.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Raw Kysely over past schemas or any table (`Kysely<any>`, as Kysely documents for migrations) and arbitrary JSON.
    files: ['demo-server/db/**/*.ts', 'test/server/**/*.ts', 'test/adversarial/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Chai's property assertions (`expect(x).to.be.true`) are expressions by design.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
