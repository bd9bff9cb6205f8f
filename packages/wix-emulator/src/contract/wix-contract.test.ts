import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { balances, poolDefinitions, pools, programDefinitions, programs, transactions } from '@wix/benefit-programs';
import { ApiKeyStrategy, createClient } from '@wix/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { errorOf, startTestEmulator, type TestEmulator } from '../testing/index.ts';

/**
 * The contract the app relies on (README, "What the app relies on"), checked against a target: the emulator always, in
 * both modes, and Wix's own servers when `WIX_SITE_ID` and `WIX_API_KEY` (an API key of a Wix account that owns a test site, with
 * the Benefit Programs permissions) are set. What is declared is asserted; what is our guess is only observed, and every
 * observation is written to `artifacts/wix-contract-<target>.json` for a maintainer to compare with the readings.
 * It creates a program definition, a pool definition and one program in a namespace of its own, and ends them.
 */
const modules = { programDefinitions, poolDefinitions, programs, pools, balances, transactions };
type Client = ReturnType<typeof createClient<undefined, never, typeof modules>>;

interface Target {
  name: string;
  client(): Promise<Client>;
  close?(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, '../../../../artifacts');

function emulatorTarget(strict: boolean): Target {
  let emu: TestEmulator | undefined;
  return {
    name: strict ? 'emulator-strict' : 'emulator',
    async client() {
      emu ??= await startTestEmulator(strict ? { strict, tunables: { transientMs: 300 } } : {});
      return (await emu.client({ type: 'APP' }, modules)) as unknown as Client;
    },
    close: async () => emu?.close(),
  };
}

function wixTarget(siteId: string, apiKey: string): Target {
  return {
    name: 'wix',
    client: async () => createClient({ modules, auth: ApiKeyStrategy({ siteId, apiKey }) }) as unknown as Client,
  };
}

const { WIX_SITE_ID, WIX_API_KEY } = process.env;
const targets: Target[] = [emulatorTarget(false), emulatorTarget(true)];
if (WIX_SITE_ID && WIX_API_KEY) targets.push(wixTarget(WIX_SITE_ID, WIX_API_KEY));
else {
  console.log(
    'wix-contract: checked against the emulator only; set WIX_SITE_ID and WIX_API_KEY (an API key of the account that ' +
      'owns a test site) to check the same contract against Wix: see packages/wix-emulator/README.md',
  );
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, tries = 40): Promise<T> {
  let value = await read();
  for (let i = 0; i < tries && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

describe.each(targets)('the Wix contract on $name', (target) => {
  const seen: Record<string, unknown> = {};
  afterAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, `wix-contract-${target.name}.json`), `${JSON.stringify(seen, null, 2)}\n`);
    await target.close?.();
  });

  it('answers what is declared, and shows what is our guess', async () => {
    const wix = await target.client();
    const namespace = `c${randomUUID().slice(0, 8)}`;

    // Documented with no custom errors: a lookup of nothing is Wix's 404.
    const missing = await errorOf(
      wix.programDefinitions.getProgramDefinitionByExternalIdAndNamespace(namespace, { externalId: randomUUID() }),
    );
    seen.lookupOfNothing = missing;
    expect(missing.status).toBe(404);

    const definition = await wix.programDefinitions.createProgramDefinition({
      namespace,
      externalId: randomUUID(),
      displayName: 'Contract check',
    });
    await wix.poolDefinitions.createPoolDefinition({
      namespace,
      displayName: 'Contract tokens',
      programDefinitionIds: [definition._id!],
      details: {
        benefits: [{ benefitKey: 'b1', price: '5', providerAppId: randomUUID(), displayName: 'Check' }],
        creditConfiguration: { amount: '2', rolloverConfiguration: { enabled: true, balanceCap: '3' } },
      },
    } as never);
    const provisioned = await wix.programs.provisionProgram(
      { programDefinitionId: definition._id! },
      { beneficiary: { memberId: randomUUID() }, namespace, externalProgramId: randomUUID() },
    );
    seen.provisionAnswer = { jobId: provisioned.jobId ?? null, status: provisioned.program?.status ?? null };
    const programId = provisioned.program!._id!;
    const pool = await poll(
      async () => (await wix.pools.queryPools().eq('programId', programId).find()).items[0],
      (p) => p?.status === 'ACTIVE',
    );
    seen.poolAfterProvision = { status: pool?.status, settled: pool?.status === 'ACTIVE' };
    expect(pool?.status).toBe('ACTIVE');
    const poolId = pool!._id!;

    // Declared: going below zero is BALANCE_EXCEEDED_LIMITS.
    const below = await errorOf(
      wix.balances.changeBalance(poolId, randomUUID(), { type: 'ADJUST', adjustOptions: { value: '-100' } }),
    );
    seen.belowZero = below;
    expect(below.code).toBe('BALANCE_EXCEEDED_LIMITS');

    // Read-only request fields: are they stored as sent? (Our guess either way: the app keeps nothing there.)
    const key = randomUUID();
    const change = { type: 'ADJUST' as const, adjustOptions: { value: '1' } };
    const added = await wix.balances.changeBalance(poolId, key, {
      ...change,
      transactionDetails: { reason: 'contract check', item: { _id: randomUUID(), externalId: randomUUID() } },
    } as never);
    const transaction = await wix.transactions.getTransaction(added.transactionId!);
    seen.readOnlyFieldsKept = {
      reason: transaction.details?.reason ?? null,
      item: transaction.details?.item ?? null,
      idempotencyKey: transaction.idempotencyKey ?? null,
    };
    // Declared ("generated by the client"): the transaction keeps the key the app sent.
    expect(transaction.idempotencyKey).toBe(key);

    // The same key again: with the same request, the first answer or ALREADY_EXECUTED (our guess: either)...
    const again = await wix.balances
      .changeBalance(poolId, key, change)
      .then((answer) => ({ answered: answer.transactionId === added.transactionId ? 'FIRST_ANSWER' : 'ANOTHER' }))
      .catch(async (error: unknown) => ({ refused: (await errorOf(Promise.reject(error))).code }));
    seen.sameKeySameRequest = again;
    expect(again).not.toEqual({ answered: 'ANOTHER' });
    // ...and with another request, declared: ALREADY_EXECUTED.
    const other = await errorOf(
      wix.balances.changeBalance(poolId, key, { type: 'ADJUST', adjustOptions: { value: '2' } }),
    );
    seen.sameKeyOtherRequest = other;
    expect(other.code).toBe('ALREADY_EXECUTED');

    const balance = await wix.balances.getBalance(poolId);
    seen.balance = balance.amount;
    await wix.programs.endProgram(programId);
    const ended = await poll(
      () => wix.pools.getPool(poolId),
      (p) => p.status === 'ENDED',
    );
    seen.poolAfterEnd = ended.status;
    expect(ended.status).toBe('ENDED');
  });
});
