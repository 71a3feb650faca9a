// Build the Next app only when its sources changed since the last build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../db/database-url';

const SOURCES = ['app', 'src', 'prisma/schema.prisma', 'proxy.ts', 'next.config.ts', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json'];
const SKIP = new Set(['node_modules', '.next', '.next-e2e', '.data', 'generated']);

export function nextBin(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('next/package.json')), 'dist', 'bin', 'next');
}

function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const visit = (rel: string) => {
    const full = path.join(repoRoot, rel);
    if (!fs.existsSync(full)) return;
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(full).sort()) if (!SKIP.has(entry)) visit(path.join(rel, entry));
    } else {
      hash.update(rel).update(String(stat.size)).update(String(stat.mtimeMs));
    }
  };
  SOURCES.forEach(visit);
  return hash.digest('hex');
}

export async function buildIfStale(options: { distDir: string; log: (line: string) => void; env?: NodeJS.ProcessEnv }) {
  const dist = path.join(repoRoot, options.distDir);
  const stamp = path.join(dist, 'portal-source-fingerprint');
  const fingerprint = sourceFingerprint();
  if (fs.existsSync(path.join(dist, 'BUILD_ID')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === fingerprint) {
    options.log('Build is up to date.');
    return;
  }
  options.log('Building the portal (first start, or the sources changed)…');
  const result = spawnSync(process.execPath, [nextBin(), 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, ...options.env, NEXT_DIST_DIR: options.distDir, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
  fs.writeFileSync(stamp, fingerprint);
}
