// Prisma's schema engine compiled to WebAssembly, driven through @prisma/adapter-pg.
// The CLI would download a native engine from Prisma's servers, which this
// project cannot rely on; the WASM engine is the same code and writes the same
// `_prisma_migrations` records, so `prisma migrate deploy` stays valid wherever
// the native binary is available. What works and what does not:
// ../shared/docs/prisma-offline.md (summarised in README.md).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

type WasmEngine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string }>;
  free(): void;
};

type WasmModule = {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: { new: (options: unknown, log: (line: string) => void, adapter: unknown) => Promise<WasmEngine> };
};

let modulePromise: Promise<WasmModule> | null = null;

async function loadWasm(): Promise<WasmModule> {
  modulePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const glue = (await import(pathToFileURL(path.join(dir, 'schema_engine_bg.js')).href)) as WasmModule & {
      [key: string]: unknown;
    };
    const bytes = fs.readFileSync(path.join(dir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return modulePromise;
}

/**
 * PrismaPg's executeScript splits a migration on every ";", which breaks any
 * function body ($$ … $$) or literal containing one. The native engine sends
 * the script whole; so do we (the simple query protocol runs several statements).
 */
class WholeScriptPrismaPg extends PrismaPg {
  private readonly opened: { dispose(): Promise<void> }[] = [];

  /** The engine does not close what it opened; we do, or the database stays "in use". */
  async disposeAll() {
    await Promise.all(this.opened.splice(0).map((a) => a.dispose().catch(() => undefined)));
  }

  override async connect() {
    const adapter = await super.connect();
    this.opened.push(adapter);
    const pool = adapter.underlyingDriver() as unknown as { query(sql: string): Promise<unknown> };
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (error) {
        // The adapter's own error mapping (protected), so the engine reports it as usual.
        (adapter as unknown as { onError(e: unknown): never }).onError(error);
      }
    };
    return adapter;
  }
}

function connectionConfig(url: string) {
  // Discrete fields, not a connection string: see prisma-offline.md (the adapter's
  // connection-string handling leaks into its shadow-database path).
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    ssl: u.searchParams.get('sslmode') === 'require' ? { rejectUnauthorized: false } : undefined,
  };
}

async function withEngine<T>(url: string, schemaPath: string, run: (engine: WasmEngine) => Promise<T>): Promise<T> {
  const wasm = await loadWasm();
  const factory = new WholeScriptPrismaPg(connectionConfig(url));
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await wasm.SchemaEngine.new(
    { datamodels: [[schemaPath, fs.readFileSync(schemaPath, 'utf8')]] },
    () => undefined,
    adapter,
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
    await factory.disposeAll();
  }
}

export type MigrationsLayout = { migrationsDir: string; schemaPath: string };

export function listMigrations(migrationsDir: string): string[] {
  if (!fs.existsSync(migrationsDir)) return [];
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(migrationsDir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort();
}

/** `prisma migrate deploy`, through the WebAssembly engine. Returns the names applied now. */
export async function applyMigrations(url: string, layout: MigrationsLayout): Promise<string[]> {
  const lockPath = path.join(layout.migrationsDir, 'migration_lock.toml');
  const migrationsList = {
    baseDir: layout.migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: listMigrations(layout.migrationsDir).map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: fs.readFileSync(path.join(layout.migrationsDir, name, 'migration.sql'), 'utf8') },
      },
    })),
  };
  const result = await withEngine(url, layout.schemaPath, (engine) =>
    engine.applyMigrations({ migrationsList, filters: { externalTables: [], externalEnums: [] } }),
  );
  return result.appliedMigrationNames;
}

/**
 * The SQL that takes a database from `fromSchema` (null: empty) to `toSchema`.
 * A schema-to-schema diff: it reads no database, but the engine insists on a
 * reachable connection when it starts, so one is passed.
 */
export async function diffSchemas(url: string, fromSchema: string | null, toSchema: string): Promise<string> {
  const wasm = await loadWasm();
  const factory = new WholeScriptPrismaPg(connectionConfig(url));
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await wasm.SchemaEngine.new({ datamodels: [['schema.prisma', toSchema]] }, () => undefined, adapter);
  try {
    const from = fromSchema === null ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: fromSchema }] };
    const result = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: toSchema }] },
      script: true,
      shadowDatabaseUrl: null,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout;
  } finally {
    engine.free();
    await factory.disposeAll();
  }
}

/** A diff that only says "This is an empty migration." (or nothing) changes nothing. */
export function isEmptyMigration(sql: string): boolean {
  return sql
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('--')).length === 0;
}
