import { balances, poolDefinitions, pools, programDefinitions, programs } from '@wix/benefit-programs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, guidFor, startTestEmulator, type TestEmulator } from '../../testing/index.ts';
import { STORES_APP_ID } from './common.ts';

let emu: TestEmulator;
const modules = { programDefinitions, poolDefinitions, programs, pools, balances };
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

const benefit = (benefitKey: string, price: string) => ({ benefitKey, price, providerAppId: STORES_APP_ID });
const credit = { amount: '2', rolloverConfiguration: { enabled: true, balanceCap: '5' }, unitDisplayName: 'Tokens' };

async function programDefinition(namespace: string, externalId: string) {
  const app = await emu.client({ type: 'APP' }, modules);
  return app.programDefinitions.createProgramDefinition({ namespace, externalId: guidFor(externalId) });
}

describe('poolDefinitions', () => {
  it('creates a pool definition with one generated item set per benefit, and gets, queries and finds it', async () => {
    const app = await emu.client({ type: 'APP' }, modules);
    const program = await programDefinition('pd', 'pd-1');
    const created = await app.poolDefinitions.createPoolDefinition({
      namespace: 'pd',
      displayName: 'Tokens',
      programDefinitionIds: [program._id!],
      details: { benefits: [benefit('gym10', '10'), benefit('gym20', '20')], creditConfiguration: credit },
    });
    const itemSets = created.details!.benefits!.map((b) => b.itemSetId);
    expect(itemSets.every((id) => /^[0-9a-f-]{36}$/.test(id!))).toBe(true);
    expect(new Set(itemSets).size).toBe(2);
    expect(created).toMatchObject({ revision: '1', namespace: 'pd', programDefinitionIds: [program._id] });
    expect(created.programDefinitions).toEqual([{ _id: program._id, externalId: guidFor('pd-1') }]);
    expect(created.details?.creditConfiguration).toMatchObject(credit);
    expect((await app.poolDefinitions.getPoolDefinition(created._id!)).details?.benefits?.[1]?.price).toBe('20');
    const found = await app.poolDefinitions.findPoolDefinitionsByProgramDefinition(program._id!, { namespace: 'pd' });
    expect(found.poolDefinitions?.map((p) => p._id)).toEqual([created._id]);
    const queried = await app.poolDefinitions.queryPoolDefinitions().eq('namespace', 'pd').find();
    expect(queried.items.map((p) => p._id)).toEqual([created._id]);
  });

  it('keeps item sets of kept benefits on update, gives new benefits new ones, and checks the revision', async () => {
    const app = await emu.client({ type: 'APP' }, modules);
    const created = await app.poolDefinitions.createPoolDefinition({
      namespace: 'pd-update',
      displayName: 'Tokens',
      details: { benefits: [benefit('a', '10'), benefit('b', '20')], creditConfiguration: credit },
    });
    const [a] = created.details!.benefits!;
    const updated = await app.poolDefinitions.updatePoolDefinition(created._id!, {
      revision: created.revision!,
      details: { benefits: [benefit('a', '15'), benefit('c', '30')], creditConfiguration: credit },
    });
    expect(updated.revision).toBe('2');
    expect(updated.details!.benefits!.map((b) => [b.benefitKey, b.price])).toEqual([
      ['a', '15'],
      ['c', '30'],
    ]);
    expect(updated.details!.benefits![0]!.itemSetId).toBe(a!.itemSetId);
    expect(created.details!.benefits!.map((b) => b.itemSetId)).not.toContain(updated.details!.benefits![1]!.itemSetId);
    expect(
      await errorOf(app.poolDefinitions.updatePoolDefinition(created._id!, { revision: '1', displayName: 'stale' })),
    ).toMatchObject({ status: 409, code: 'ABORTED' });
  });

  it('enforces Wix rules: namespace, at most 10 benefits, unique benefitKeys, existing program definitions', async () => {
    const path = '/_api/benefit-programs/v1/pool-definitions';
    const create = (poolDefinition: unknown) => emu.call({ type: 'APP' }, 'POST', path, { poolDefinition });
    const field = async (poolDefinition: unknown) => {
      const answer = await create(poolDefinition);
      return [
        answer.status,
        answer.body.details.applicationError.code,
        answer.body.details.applicationError.data.field,
      ];
    };
    const details = { benefits: [benefit('a', '1')], creditConfiguration: credit };
    expect(await field({ details })).toEqual([400, 'INVALID_ARGUMENT', 'poolDefinition.namespace']);
    expect(await field({ namespace: 'x'.repeat(21), details })).toEqual([
      400,
      'INVALID_ARGUMENT',
      'poolDefinition.namespace',
    ]);
    const eleven = Array.from({ length: 11 }, (_, i) => benefit(`b${i}`, '1'));
    expect(await field({ namespace: 'rules', details: { benefits: eleven } })).toEqual([
      400,
      'INVALID_ARGUMENT',
      'poolDefinition.details.benefits',
    ]);
    expect(await field({ namespace: 'rules', details: { benefits: [benefit('a', '1'), benefit('a', '2')] } })).toEqual([
      400,
      'INVALID_ARGUMENT',
      'poolDefinition.details.benefits.1.benefitKey',
    ]);
    expect(await field({ namespace: 'rules', details: { benefits: [benefit('a', '-1')] } })).toEqual([
      400,
      'INVALID_ARGUMENT',
      'poolDefinition.details.benefits.0.price',
    ]);
    expect(
      await field({
        namespace: 'rules',
        details: { ...details, creditConfiguration: { ...credit, unitDisplayName: 'u'.repeat(33) } },
      }),
    ).toEqual([400, 'INVALID_ARGUMENT', 'poolDefinition.details.creditConfiguration.unitDisplayName']);
    const other = await programDefinition('other-ns', 'elsewhere');
    expect(await field({ namespace: 'rules', programDefinitionIds: [other._id], details })).toEqual([
      404,
      'NOT_FOUND',
      'poolDefinition.programDefinitionIds',
    ]);
    const app = await emu.client({ type: 'APP' }, modules);
    expect((await app.poolDefinitions.queryPoolDefinitions().eq('namespace', 'rules').find()).items).toEqual([]);
  });

  it('assigns to and removes from program definitions; provisioning follows the assignment', async () => {
    const app = await emu.client({ type: 'APP' }, modules);
    const program = await programDefinition('assign', 'assign-1');
    const pool = await app.poolDefinitions.createPoolDefinition({
      namespace: 'assign',
      displayName: 'Tokens',
      details: { benefits: [benefit('a', '1')], creditConfiguration: credit },
    });
    const assigned = await app.poolDefinitions.addPoolDefinitionToProgramDefinition(pool._id!, {
      programDefinitionId: program._id!,
      cascade: 'FUTURE_PROVISIONS',
    });
    expect(assigned.poolDefinition?.programDefinitionIds).toEqual([program._id]);
    const { program: provisioned } = await app.programs.provisionProgram(
      { programDefinitionId: program._id! },
      { beneficiary: { memberId: guidFor('m-assign') }, namespace: 'assign', externalProgramId: guidFor('assign-m') },
    );
    expect((await app.pools.queryPools().eq('programId', provisioned!._id).find()).items).toHaveLength(1);
    const removed = await app.poolDefinitions.removePoolDefinitionFromProgramDefinition(pool._id!, {
      programDefinitionId: program._id!,
      cascade: 'FUTURE_PROVISIONS',
    });
    expect(removed.poolDefinition?.programDefinitionIds).toEqual([]);
    const { program: later } = await app.programs.provisionProgram(
      { programDefinitionId: program._id! },
      {
        beneficiary: { memberId: guidFor('m-later') },
        namespace: 'assign',
        externalProgramId: guidFor('assign-later'),
      },
    );
    expect((await app.pools.queryPools().eq('programId', later!._id).find()).items).toHaveLength(0);
  });

  it('cascades IMMEDIATELY to existing pools on update and delete; FUTURE_PROVISIONS leaves them be', async () => {
    const app = await emu.client({ type: 'APP' }, modules);
    const program = await programDefinition('cascade', 'cascade-1');
    const definition = await app.poolDefinitions.createPoolDefinition({
      namespace: 'cascade',
      displayName: 'Tokens',
      programDefinitionIds: [program._id!],
      details: { benefits: [benefit('a', '10')], creditConfiguration: credit },
    });
    const { program: provisioned } = await app.programs.provisionProgram(
      { programDefinitionId: program._id! },
      {
        beneficiary: { memberId: guidFor('m-cascade') },
        namespace: 'cascade',
        externalProgramId: guidFor('cascade-m'),
      },
    );
    const [pool] = (await app.pools.queryPools().eq('programId', provisioned!._id).find()).items;
    const future = await app.poolDefinitions.updatePoolDefinition(
      definition._id!,
      { revision: definition.revision!, details: { benefits: [benefit('a', '12')], creditConfiguration: credit } },
      { cascade: 'FUTURE_PROVISIONS' },
    );
    expect((await app.pools.getPool(pool!._id!)).details?.benefits?.[0]?.price).toBe('10');
    await app.poolDefinitions.updatePoolDefinition(
      definition._id!,
      { revision: future.revision!, details: { benefits: [benefit('a', '8')], creditConfiguration: credit } },
      { cascade: 'IMMEDIATELY' },
    );
    expect((await app.pools.getPool(pool!._id!)).details?.benefits?.[0]?.price).toBe('8');
    // An update that does not mention programDefinitionIds keeps them.
    const found = await app.poolDefinitions.findPoolDefinitionsByProgramDefinition(program._id!, {
      namespace: 'cascade',
    });
    expect(found.poolDefinitions?.map((p) => p._id)).toEqual([definition._id]);
    await app.poolDefinitions.deletePoolDefinition(definition._id!, 'IMMEDIATELY');
    expect((await app.pools.getPool(pool!._id!)).status).toBe('ENDED');
    expect((await app.balances.getBalance(pool!._id!)).poolInfo?.status).toBe('ENDED');
    expect(await errorOf(app.poolDefinitions.getPoolDefinition(definition._id!))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('creates, updates and deletes in bulk, failing only the bad items', async () => {
    const app = await emu.client({ type: 'APP' }, modules);
    const created = await app.poolDefinitions.bulkCreatePoolDefinitions(
      [
        { namespace: 'bulk', displayName: 'One', details: { benefits: [benefit('a', '1')] } },
        {
          namespace: 'bulk',
          displayName: 'Two',
          programDefinitionIds: ['00000000-0000-4000-8000-000000000000'],
          details: { benefits: [benefit('a', '1')] },
        },
        { namespace: 'bulk', displayName: 'Three', details: { benefits: [benefit('b', '2')] } },
      ],
      { returnEntity: true },
    );
    expect(created.results!.map((r) => r.itemMetadata?.success)).toEqual([true, false, true]);
    expect(created.results![1]!.itemMetadata?.error?.code).toBe('NOT_FOUND');
    expect(created.bulkActionMetadata).toMatchObject({ totalSuccesses: 2, totalFailures: 1 });
    const [one, , three] = created.results!.map((r) => r.item!);
    const updated = await app.poolDefinitions.bulkUpdatePoolDefinitions({
      poolDefinitions: [
        { poolDefinition: { _id: one!._id!, revision: one!.revision!, displayName: 'One v2' } },
        { poolDefinition: { _id: three!._id!, revision: '7', displayName: 'stale' } },
      ],
      returnEntity: true,
    });
    expect(
      updated.results!.map((r) => [r.itemMetadata?.success, r.itemMetadata?.error?.code ?? r.item?.displayName]),
    ).toEqual([
      [true, 'One v2'],
      [false, 'ABORTED'],
    ]);
    const deleted = await app.poolDefinitions.bulkDeletePoolDefinitions([
      one!._id!,
      '00000000-0000-4000-8000-000000000001',
    ]);
    expect(deleted.results!.map((r) => r.itemMetadata?.success)).toEqual([true, false]);
    expect(
      (await app.poolDefinitions.queryPoolDefinitions().eq('namespace', 'bulk').find()).items.map((p) => p.displayName),
    ).toEqual(['Three']);
  });

  it('is for apps and Wix users only', async () => {
    const member = await emu.client({ type: 'MEMBER', memberId: guidFor('m') }, modules);
    expect(await errorOf(member.poolDefinitions.queryPoolDefinitions().find())).toMatchObject({ status: 403 });
    const visitor = await emu.client({ type: 'VISITOR' }, modules);
    expect(
      await errorOf(
        visitor.poolDefinitions.createPoolDefinition({ namespace: 'v', details: { benefits: [benefit('a', '1')] } }),
      ),
    ).toMatchObject({ status: 403 });
    const admin = await emu.client({ type: 'ADMIN' }, modules);
    expect((await admin.poolDefinitions.queryPoolDefinitions().find()).items.length).toBeGreaterThan(0);
    expect((await emu.call(null, 'POST', '/_api/benefit-programs/v1/pool-definitions/query', {})).status).toBe(401);
  });
});
