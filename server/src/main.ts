import { loadConfig } from './config.js';
import { startServer } from './start.js';

startServer(loadConfig(process.env)).catch((error: unknown) => {
  process.stderr.write(`Plenum could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
