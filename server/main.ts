// Entry point: configuration, database, migrations, demo seed, then serve.
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { hasAnyUser, seedDemo } from './demo/seed.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  await database.migrate();
  let seeded = false;
  if (config.seedDemo && !(await hasAnyUser(database.db))) {
    console.log('First start: seeding the Shenyang demo city…');
    await seedDemo(database.db, { password: config.demoPassword, timeZone: config.timeZone });
    seeded = true;
  }
  const app = await buildApp({ config, database });
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  const where = database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`\nField visits is running at ${url} on ${where}.`);
  console.log(`API documentation: ${url}/api/docs`);
  if (config.seedDemo) {
    console.log(`${seeded ? 'Demo city seeded.' : 'Demo city present.'} Sign in as admin, dispatcher, supervisor or collector1 … collector12 with password "${config.demoPassword}" (set DEMO_PASSWORD to change it before the first start).`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Field visits could not start:', error);
  }
  process.exit(1);
});
