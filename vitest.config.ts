import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@/app': path.resolve(import.meta.dirname, 'app'),
  '@': path.resolve(import.meta.dirname, 'src'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', env: { TZ: 'UTC' } },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          env: { TZ: 'UTC' },
          globalSetup: ['tests/support/integration-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
});
