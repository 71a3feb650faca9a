// The CLI scripts read .env files exactly as Next does (including its `$` expansion).
import nextEnv from '@next/env';
import { repoRoot } from '../db/database-url';

export function loadProjectEnv(dev = process.env.NODE_ENV !== 'production') {
  nextEnv.loadEnvConfig(repoRoot, dev, { info: () => undefined, error: console.error });
}
