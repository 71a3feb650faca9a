// npm run db:migrate — apply every pending migration (the WebAssembly engine).
import { resolveDatabase } from '../db/database-url';
import { migrate } from '../db/migrations';
import { loadProjectEnv } from './load-env';

loadProjectEnv();
const target = await resolveDatabase({ log: (l) => console.log(l) });
try {
  const applied = await migrate(target.url);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await target.stop();
}
