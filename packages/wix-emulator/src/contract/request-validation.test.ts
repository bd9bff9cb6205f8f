import { balances, poolDefinitions, pools, programDefinitions, programs } from '@wix/benefit-programs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodDeclaration } from '../../scripts/sdk-declarations.ts';
import { WixError } from '../http/errors.ts';
import { setUpGymProgram } from '../services/benefit-programs/gym-fixture.ts';
import { errorOf, guidFor, startTestEmulator, type TestEmulator } from '../testing/index.ts';
import { GUID, validateRequest } from './request-validation.ts';

let emu: TestEmulator;
let gym: Awaited<ReturnType<typeof setUpGymProgram>>;
const modules = { programDefinitions, poolDefinitions, programs, pools, balances };

beforeAll(async () => {
  emu = await startTestEmulator();
  gym = await setUpGymProgram(emu, 'checked', { amount: '3', cap: '5' });
});
afterAll(async () => emu?.close());

const app = () => emu.client({ type: 'APP' }, modules);
const provisionOptions = (memberId: string, externalProgramId: string) => ({
  beneficiary: { memberId },
  namespace: gym.namespace,
  externalProgramId,
});

describe('requests are checked against what the SDK declares', () => {
  it('lets a valid request through', async () => {
    const wix = await app();
    const member = guidFor('valid-member');
    const { program } = await wix.programs.provisionProgram(
      { programDefinitionId: gym.programDefinition._id! },
      provisionOptions(member, guidFor('valid-program')),
    );
    expect(program?.beneficiary?.memberId).toBe(member);
    const { items } = await wix.pools.queryPools().eq('programId', program!._id).find();
    // Optional nested objects left out (transactionDetails, beneficiary) are fine.
    const change = await wix.balances.changeBalance(items[0]!._id!, 'valid-change', {
      type: 'ADJUST',
      adjustOptions: { value: '2' },
    });
    expect(change.balance?.amount?.available).toBe('5');
    const found = await wix.programs.getProgramByExternalIdAndNamespace(gym.namespace, {
      externalId: guidFor('valid-program'),
    });
    expect(found.program?._id).toBe(program!._id);
  });

  it('refuses a missing required field with 400 INVALID_ARGUMENT naming it, and changes nothing', async () => {
    const body = {
      poolDefinitionLookupId: { programDefinitionId: gym.programDefinition._id },
      beneficiary: { memberId: guidFor('missing-member') },
      namespace: gym.namespace,
    };
    const answer = await emu.call({ type: 'APP' }, 'POST', '/benefit-programs/v1/programs/provision', body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      message: 'externalProgramId: is required',
      details: {
        applicationError: {
          code: 'INVALID_ARGUMENT',
          description: 'externalProgramId: is required',
          data: { field: 'externalProgramId', reason: 'is required' },
        },
        validationError: {
          fieldViolations: [{ field: 'externalProgramId', description: 'is required', violatedRule: 'REQUIRED' }],
        },
      },
    });
    // An empty string is no value either.
    const empty = await emu.call({ type: 'APP' }, 'POST', '/benefit-programs/v1/programs/provision', {
      ...body,
      externalProgramId: '',
    });
    expect(empty.body.details.applicationError.data).toEqual({ field: 'externalProgramId', reason: 'is required' });
    const wix = await app();
    expect((await wix.pools.queryPools().eq('beneficiary.memberId', guidFor('missing-member')).find()).items).toEqual(
      [],
    );
    // Through the SDK: the SDK names the field by its parameter.
    expect(
      await errorOf(
        wix.programs.provisionProgram({ programDefinitionId: gym.programDefinition._id! }, {
          beneficiary: { memberId: guidFor('missing-member') },
          namespace: gym.namespace,
        } as never),
      ),
    ).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT', data: { field: 'options.externalProgramId' } });
  });

  it('refuses an external id that is not a GUID, in a body and in a GET query', async () => {
    const wix = await app();
    expect(
      await errorOf(
        wix.programs.provisionProgram(
          { programDefinitionId: gym.programDefinition._id! },
          provisionOptions(guidFor('readable-member'), `${gym.programDefinition._id}_kim`),
        ),
      ),
    ).toMatchObject({
      status: 400,
      code: 'INVALID_ARGUMENT',
      data: { field: 'options.externalProgramId', reason: 'must be a GUID' },
    });
    expect(
      await errorOf(
        wix.programs.getProgramByExternalIdAndNamespace(gym.namespace, { externalId: 'gym-rewards-program' }),
      ),
    ).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT', data: { reason: 'must be a GUID' } });
    // A readable member id is refused too: Wix's member ids are GUIDs.
    expect(
      await errorOf(
        wix.programs.provisionProgram(
          { programDefinitionId: gym.programDefinition._id! },
          provisionOptions('kim', guidFor('kim-program')),
        ),
      ),
    ).toMatchObject({ status: 400, data: { reason: 'must be a GUID' } });
    // A path parameter: getBalance's poolId.
    const path = await emu.call({ type: 'APP' }, 'GET', '/benefit-programs/v1/balances/not-a-pool');
    expect(path.status).toBe(400);
    expect(path.body.details.applicationError.data).toEqual({ field: 'poolId', reason: 'must be a GUID' });
    expect((await wix.programs.queryPrograms().eq('externalId', guidFor('kim-program')).find()).items).toEqual([]);
  });

  it('refuses a string over its maxLength', async () => {
    const wix = await app();
    expect(
      await errorOf(
        wix.programs.provisionProgram(
          { programDefinitionId: gym.programDefinition._id! },
          { ...provisionOptions(guidFor('long-member'), guidFor('long-program')), displayName: 'x'.repeat(65) },
        ),
      ),
    ).toMatchObject({
      status: 400,
      code: 'INVALID_ARGUMENT',
      data: { reason: 'must be at most 64 characters' },
    });
    const long = await emu.call({ type: 'APP' }, 'POST', '/benefit-programs/v1/programs/renew', {
      programId: guidFor('any-program'),
      idempotencyKey: 'k'.repeat(65),
    });
    expect(long.status).toBe(400);
    expect(long.body.details.applicationError.data).toEqual({
      field: 'idempotencyKey',
      reason: 'must be at most 64 characters',
    });
    expect((await wix.programs.queryPrograms().eq('externalId', guidFor('long-program')).find()).items).toEqual([]);
  });

  it('refuses an array over its maxSize, and checks the fields of each element', async () => {
    const wix = await app();
    const benefit = (i: number) => ({
      benefitKey: `b${i}`,
      price: '1',
      providerAppId: gym.poolDefinition.details!.benefits![0]!.providerAppId!,
    });
    const tooMany = await errorOf(
      wix.poolDefinitions.createPoolDefinition({
        namespace: 'too-many',
        displayName: 'Eleven benefits',
        details: { benefits: Array.from({ length: 11 }, (_, i) => benefit(i)) },
      }),
    );
    expect(tooMany).toMatchObject({
      status: 400,
      code: 'INVALID_ARGUMENT',
      data: { reason: 'must have at most 10 elements' },
    });
    const raw = await emu.call({ type: 'APP' }, 'POST', '/_api/benefit-programs/v1/pool-definitions', {
      poolDefinition: {
        namespace: 'too-many',
        details: { benefits: [benefit(0), { ...benefit(1), providerAppId: 'stores' }] },
      },
    });
    expect(raw.status).toBe(400);
    expect(raw.body.details.applicationError.data).toEqual({
      field: 'poolDefinition.details.benefits.1.providerAppId',
      reason: 'must be a GUID',
    });
    const missingKey = await emu.call({ type: 'APP' }, 'POST', '/_api/benefit-programs/v1/pool-definitions', {
      poolDefinition: { namespace: 'too-many', details: { benefits: [{ providerAppId: benefit(0).providerAppId }] } },
    });
    expect(missingKey.body.details.applicationError.data).toEqual({
      field: 'poolDefinition.details.benefits.0.benefitKey',
      reason: 'is required',
    });
    expect((await wix.poolDefinitions.queryPoolDefinitions().eq('namespace', 'too-many').find()).items).toEqual([]);
  });

  it("requires one of a required one-of group (changeBalance's adjustOptions or setOptions)", async () => {
    const wix = await app();
    const { program } = await wix.programs.provisionProgram(
      { programDefinitionId: gym.programDefinition._id! },
      provisionOptions(guidFor('one-of-member'), guidFor('one-of-program')),
    );
    const [pool] = (await wix.pools.queryPools().eq('programId', program!._id).find()).items;
    const answer = await emu.call({ type: 'APP' }, 'POST', `/benefit-programs/v1/balances/${pool!._id}/change`, {
      idempotencyKey: 'no-operation',
      type: 'ADJUST',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.details.applicationError.data).toEqual({
      field: 'operation',
      reason: 'one of adjustOptions, setOptions is required',
    });
    expect((await wix.balances.getBalance(pool!._id!)).amount?.available).toBe('3');
  });

  it('answers 401 before looking at the input of a caller without a token', async () => {
    const answer = await emu.call(null, 'POST', '/benefit-programs/v1/programs/provision', {});
    expect(answer.status).toBe(401);
  });
});

describe('validateRequest', () => {
  const declaration = (request: MethodDeclaration['request'], requiredOneOf?: Record<string, string[]>) =>
    ({
      sdk: 'test',
      module: 'test',
      method: 'test',
      source: 'test',
      httpMethod: 'POST',
      path: '/test',
      pathParams: [],
      request,
      ...(requiredOneOf ? { requiredOneOf } : {}),
      applicationErrors: [],
    }) as MethodDeclaration;
  const violation = (d: MethodDeclaration, input: Record<string, unknown>) => {
    try {
      validateRequest(d, input);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(WixError);
      return (error as WixError).data;
    }
  };

  it('checks a nested required field only when its parent object is there', () => {
    const d = declaration({
      options: { required: false },
      'options.key': { required: true },
      'list[]': { required: false },
      'list[].id': { required: true, format: 'GUID' },
    });
    expect(violation(d, {})).toBeUndefined();
    expect(violation(d, { options: null, list: [] })).toBeUndefined();
    expect(violation(d, { options: {} })).toEqual({ field: 'options.key', reason: 'is required' });
    expect(violation(d, { list: [{ id: guidFor('a') }, {}] })).toEqual({ field: 'list.1.id', reason: 'is required' });
  });

  it('leaves read-only fields the request need not carry, and what lies under them, to others', () => {
    const d = declaration({
      item: { required: false, readonly: true },
      'item.id': { required: true, format: 'GUID', readonly: true },
      name: { required: true, maxLength: 3, readonly: true },
    });
    expect(violation(d, { item: { id: 'not-a-guid' }, name: 'abc' })).toBeUndefined();
    // Read-only and required (a create's external id): checked like any field.
    expect(violation(d, { item: { id: 'not-a-guid' }, name: 'too long' })).toEqual({
      field: 'name',
      reason: 'must be at most 3 characters',
    });
  });

  it('checks the elements of arrays of strings, and sizes and lengths at their bounds', () => {
    const d = declaration({
      'ids[]': { required: true, format: 'GUID', minSize: 1, maxSize: 2 },
      code: { required: false, minLength: 2, maxLength: 3 },
    });
    const [a, b, c] = [guidFor('a'), guidFor('b'), guidFor('c')];
    expect(violation(d, { ids: [a, b], code: 'abc' })).toBeUndefined();
    expect(violation(d, { ids: [a], code: 'ab' })).toBeUndefined();
    expect(violation(d, { ids: [a, b, c] })).toEqual({ field: 'ids', reason: 'must have at most 2 elements' });
    expect(violation(d, { ids: [] })).toEqual({ field: 'ids', reason: 'must have at least 1 elements' });
    expect(violation(d, { ids: [a, 'x'] })).toEqual({ field: 'ids.1', reason: 'must be a GUID' });
    expect(violation(d, { ids: [a], code: 'a' })).toEqual({ field: 'code', reason: 'must be at least 2 characters' });
    expect(violation(d, { ids: [a], code: 'abcd' })).toEqual({ field: 'code', reason: 'must be at most 3 characters' });
    // A GET query parameter given once arrives as a plain string.
    expect(violation(d, { ids: a })).toBeUndefined();
  });

  it('accepts GUIDs of any version, in either case, and nothing else', () => {
    for (const id of [
      '00000000-0000-0000-0000-000000000000',
      '215238eb-22a5-4c36-9e7b-e7c08025e04e',
      '6BA7B810-9DAD-11D1-80B4-00C04FD430C8',
      'a0ee7c4e-5c49-5d8f-9b36-2c3f1e0d4b7a',
    ]) {
      expect(GUID.test(id), id).toBe(true);
    }
    for (const id of [
      'kim',
      '215238eb22a54c369e7be7c08025e04e',
      '{215238eb-22a5-4c36-9e7b-e7c08025e04e}',
      'g15238eb-22a5-4c36-9e7b-e7c08025e04e',
      '',
    ]) {
      expect(GUID.test(id), id).toBe(false);
    }
  });

  it('requires one member of a one-of group, nested groups only when their holder is there', () => {
    const d = declaration({}, { operation: ['a', 'b'], 'holder.choice': ['x', 'y'] });
    expect(violation(d, { a: 1 })).toBeUndefined();
    expect(violation(d, { b: {} })).toBeUndefined();
    expect(violation(d, {})).toEqual({ field: 'operation', reason: 'one of a, b is required' });
    expect(violation(d, { a: 1, holder: {} })).toEqual({ field: 'holder.choice', reason: 'one of x, y is required' });
    expect(violation(d, { a: 1, holder: { y: 'ok' } })).toBeUndefined();
  });
});
