import { defineConfig } from 'prisma/config';

// The URL is only needed by `prisma migrate deploy` where the native engine is
// reachable; the app connects through @prisma/adapter-pg (src/server/db/client.ts)
// and our own scripts migrate with the WebAssembly engine (src/server/db/migrations.ts).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/portal' },
});
