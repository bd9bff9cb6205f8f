import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setUpPlanCatalog, type WixApis, withRetries } from '@gym-rewards/flows';
import { startEmulator } from '@gym-rewards/wix-emulator';
import { createToken, emulatorClient } from '@gym-rewards/wix-emulator/client';

/**
 * `npm run catalog:setup -- <catalog file>` (at the repository's root, or `-w @gym-rewards/devsite`): the app's plan
 * catalog on the premium platform, by the flow `setUpPlanCatalog`, with the app's identity. Prints what it created,
 * updated or left alone; a rerun changes only what changed.
 *
 * Where it runs: the premium platform is internal to Wix (no public auth for it is documented), so this runs against
 * the emulator. By default it opens the devsite's own data (`.data/wix-emulator`, as `npm start` does: stop the devsite
 * first, or the database is busy); `WIX_EMULATOR_URL=http://127.0.0.1:<port>` uses a running emulator instead (the
 * devsite prints its URL); `DEVSITE_DATA` another data directory. The token is an app token for the app of
 * `apps/gym-rewards/wix.config.json`, minted by the emulator (`POST /_emulator/v1/tokens`).
 */
const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const appId = (JSON.parse(readFileSync(join(repoDir, 'apps/gym-rewards/wix.config.json'), 'utf8')) as { appId: string })
  .appId;

const file = process.argv[2];
if (!file) {
  console.error(
    'usage: npm run catalog:setup -- <catalog file>   (e.g. packages/flows/catalog/gym-rewards-plans.json)',
  );
  process.exit(2);
}
const catalog: unknown = JSON.parse(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8'));

const running = process.env.WIX_EMULATOR_URL;
const emulator = running
  ? null
  : await startEmulator({ port: 0, database: process.env.DEVSITE_DATA ?? join(repoDir, '.data/wix-emulator') });
const url = running ?? emulator!.url;
try {
  const client = emulatorClient(url, await createToken(url, { type: 'APP', appId }));
  const wix = withRetries({
    fetchWithAuth: (u: string, init: RequestInit) => client.fetchWithAuth(u, init),
  } as WixApis);
  const { changes, productTypeId } = await setUpPlanCatalog(wix, catalog);
  for (const [entity, change] of Object.entries(changes)) console.log(`${change.padEnd(9)} ${entity}`);
  console.log(
    `product type ${productTypeId}: ${Object.values(changes).filter((c) => c !== 'UNCHANGED').length} changes`,
  );
} catch (error) {
  console.error(`catalog:setup: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await emulator?.close();
}
