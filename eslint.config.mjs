import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const frameworks = ['next', 'next/*', 'react', 'react-dom', 'react/*', '@prisma/*', 'prisma', 'zod', 'next-auth', 'next-auth/*', 'pg', 'pg-boss', 'bcrypt', 'node:*'];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['node_modules/**', '.next/**', '.next-e2e*/**', '.data/**', 'src/generated/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The domain is plain TypeScript: no framework, driver or server code.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworks, message: 'src/domain stays free of frameworks and drivers: put this behind a port in src/server.' },
            { group: ['@/server/*', '**/server/**', '@/app/*', '**/app/**'], message: 'src/domain must not import server or app code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/app/*', '**/app/**'], message: 'src/ must not import app/ (routes depend on src, not the reverse).' }] }],
    },
  },
];
export default config;
