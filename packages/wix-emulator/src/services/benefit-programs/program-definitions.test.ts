import { programDefinitions } from '@wix/benefit-programs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, guidFor, startTestEmulator, type TestEmulator } from '../../testing/index.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

describe('programDefinitions', () => {
  it('creates, gets, queries, updates and deletes a program definition through the SDK', async () => {
    const app = await emu.client({ type: 'APP' }, { programDefinitions });
    const created = await app.programDefinitions.createProgramDefinition({
      namespace: 'gym',
      externalId: guidFor('gym-rewards'),
      displayName: 'Gym rewards',
    });
    expect(created._id).toBeTruthy();
    expect(created.revision).toBe('1');
    expect(created._createdDate).toBeInstanceOf(Date);

    const got = await app.programDefinitions.getProgramDefinition(created._id!);
    expect(got.displayName).toBe('Gym rewards');

    const byExternal = await app.programDefinitions.getProgramDefinitionByExternalIdAndNamespace('gym', {
      externalId: guidFor('gym-rewards'),
    });
    expect(byExternal.programDefinition?._id).toBe(created._id);

    const found = await app.programDefinitions.queryProgramDefinitions().eq('namespace', 'gym').find();
    expect(found.items.map((p) => p._id)).toEqual([created._id]);

    const updated = await app.programDefinitions.updateProgramDefinition(created._id!, {
      revision: created.revision!,
      displayName: 'Gym rewards 2026',
    });
    expect(updated.revision).toBe('2');
    expect(updated.displayName).toBe('Gym rewards 2026');

    const stale = await errorOf(
      app.programDefinitions.updateProgramDefinition(created._id!, { revision: '1', displayName: 'stale' }),
    );
    expect(stale).toMatchObject({ status: 409, code: 'ABORTED' });

    await app.programDefinitions.deleteProgramDefinition(created._id!);
    expect(await errorOf(app.programDefinitions.getProgramDefinition(created._id!))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('keeps externalId unique per namespace and requires a namespace of at most 20 characters', async () => {
    const app = await emu.client({ type: 'APP' }, { programDefinitions });
    await app.programDefinitions.createProgramDefinition({ namespace: 'ns-a', externalId: guidFor('same') });
    expect(
      await errorOf(app.programDefinitions.createProgramDefinition({ namespace: 'ns-a', externalId: guidFor('same') })),
    ).toMatchObject({
      status: 409,
      code: 'ALREADY_EXISTS',
    });
    await app.programDefinitions.createProgramDefinition({ namespace: 'ns-b', externalId: guidFor('same') });
    const path = '/_api/benefit-programs/v1/program-definitions';
    const missing = await emu.call({ type: 'APP' }, 'POST', path, { programDefinition: { externalId: guidFor('x') } });
    expect(missing.status).toBe(400);
    expect(missing.body.details.applicationError).toMatchObject({
      code: 'INVALID_ARGUMENT',
      data: { field: 'programDefinition.namespace' },
    });
    const tooLong = await emu.call({ type: 'APP' }, 'POST', path, {
      programDefinition: { namespace: 'n'.repeat(21), externalId: guidFor('y') },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details.applicationError.data).toMatchObject({
      field: 'programDefinition.namespace',
      reason: 'must be at most 20 characters',
    });
    const badJson = await emu.call({ type: 'APP' }, 'POST', path, '{not json');
    expect(badJson.status).toBe(400);
    const after = await app.programDefinitions.queryProgramDefinitions().find();
    expect(after.items.map((d) => d.namespace).sort()).toEqual(['ns-a', 'ns-b']);
  });

  it('refuses members and visitors, and callers without a token', async () => {
    const member = await emu.client({ type: 'MEMBER', memberId: guidFor('m-1') }, { programDefinitions });
    expect(
      await errorOf(member.programDefinitions.createProgramDefinition({ namespace: 'gym', externalId: guidFor('x') })),
    ).toMatchObject({ status: 403 });
    const visitor = await emu.client({ type: 'VISITOR' }, { programDefinitions });
    expect(await errorOf(visitor.programDefinitions.queryProgramDefinitions().find())).toMatchObject({ status: 403 });
    const response = await fetch(`${emu.url}/_api/benefit-programs/v1/program-definitions/query`, {
      method: 'POST',
      body: '{}',
    });
    expect(response.status).toBe(401);
  });
});
