import { parseArgs } from 'node:util';
import { startEmulator } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    database: { type: 'string', default: '.data/wix-emulator' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`wix-emulator: the local Wix platform

  --port N             port on 127.0.0.1 (default 4010; 0 picks a free one)
  --database SPEC      memory | DATA_DIR | postgres://user:pass@host/db (default .data/wix-emulator)
  --quiet              no line per request`);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: "${values.port}" is not a port number`);
  process.exit(2);
}

const emulator = await startEmulator({
  port,
  database: values.database,
  ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
});
console.log(`wix-emulator listening on ${emulator.url} (database: ${emulator.database})`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await emulator.close();
    process.exit(0);
  });
}
