import { randomUUID } from 'node:crypto';
import { balances, items, pools, programDefinitions, programs } from '@wix/benefit-programs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WixError } from '../http/errors.ts';
import { setUpGymProgram } from '../services/benefit-programs/gym-fixture.ts';
import { serviceRoutes } from '../services/index.ts';
import { errorOf, startTestEmulator, type TestEmulator } from '../testing/index.ts';
import { asDeclared, DECLARED_METHODS, declarationOf, mayAnswer, STANDARD_CODES } from './declarations.ts';

const table = { methods: DECLARED_METHODS };

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

/** Every error code in an answer: the answer's own and its bulk items'. */
function codesOf(body: any): string[] {
  const codes: string[] = [];
  if (body?.details?.applicationError?.code) codes.push(body.details.applicationError.code);
  for (const result of Array.isArray(body?.results) ? body.results : []) {
    if (result?.itemMetadata?.error?.code) codes.push(result.itemMetadata.error.code);
  }
  return codes;
}

describe('the error codes the emulator answers', () => {
  it('serves every method the app calls, so each answers by its declarations', () => {
    const served = serviceRoutes().flatMap((r) => r.routes);
    for (const method of table.methods) {
      expect(
        served.some((r) => r.method === method.httpMethod && r.path === method.path),
        `${method.module}.${method.method}: ${method.httpMethod} ${method.path}`,
      ).toBe(true);
      expect(declarationOf(method.httpMethod, method.path)).toEqual(method);
    }
  });

  it("keeps declared, documented and standard codes, and answers any other as Wix's standard code of its status", () => {
    const changeBalance = table.methods.find((m) => m.method === 'changeBalance')!;
    const declared = new WixError(428, 'BALANCE_EXCEEDED_LIMITS', 'below zero');
    expect(asDeclared(changeBalance, declared)).toBe(declared);
    for (const [status, code] of [
      [404, 'NOT_FOUND'],
      [409, 'ALREADY_EXISTS'],
      [400, 'INVALID_ARGUMENT'],
      [428, 'FAILED_PRECONDITION'],
    ] as const) {
      const answered = asDeclared(changeBalance, new WixError(status, 'SOMETHING_WIX_NEVER_SAID', 'refused', { a: 1 }));
      expect(answered).toMatchObject({ status, code, message: 'refused', data: { a: 1 } });
    }
    const dataInsert = table.methods.find((m) => m.sdk === '@wix/data' && m.method === 'insert')!;
    expect(mayAnswer(dataInsert, 'WDE0074')).toBe(true);
    expect(mayAnswer(changeBalance, 'WDE0074')).toBe(false);
    for (const code of STANDARD_CODES) expect(mayAnswer(changeBalance, code)).toBe(true);
  });

  it('answers only declared or standard codes to every method the app calls, whatever it is sent', async () => {
    const guid = randomUUID();
    const bodies = [
      {},
      { id: guid, poolId: guid, programId: guid, transactionId: guid, idempotencyKey: 'k', namespace: 'gym' },
      { items: [{ id: guid, externalId: guid, namespace: 'gym', itemSetId: guid, providerAppId: guid }] },
      { itemIds: [guid], dataCollectionId: 'Nowhere', dataItemId: guid, dataItem: { id: guid, data: {} } },
      { query: { filter: { nope: { $weird: 1 } }, cursorPaging: { cursor: 'not-a-cursor' } } },
      'not json',
    ];
    const answered: string[] = [];
    for (const method of table.methods) {
      const path = method.path.replace(/:[A-Za-z]+/g, guid);
      for (const identity of [{ type: 'APP' as const }, { type: 'VISITOR' as const }, null]) {
        for (const body of method.httpMethod === 'GET' ? [undefined] : bodies) {
          const { status, body: answer } = await emu.call(identity, method.httpMethod, path, body);
          for (const code of codesOf(answer)) {
            answered.push(code);
            expect(mayAnswer(method, code), `${method.module}.${method.method} answered ${status} ${code}`).toBe(true);
          }
        }
      }
    }
    // The requests reached the services' refusals, not only the door.
    expect(answered).toEqual(expect.arrayContaining(['NOT_FOUND', 'INVALID_ARGUMENT', 'UNAUTHENTICATED']));
  });

  it("answers the app's refusals with the codes its SDK declares", async () => {
    const gym = await setUpGymProgram(emu, 'declared');
    const app = await emu.client({ type: 'APP' }, { programs, pools, balances, items, programDefinitions });
    // A lookup documented with no custom errors: Wix's standard NOT_FOUND.
    expect(
      await errorOf(
        app.programDefinitions.getProgramDefinitionByExternalIdAndNamespace('declared', { externalId: randomUUID() }),
      ),
    ).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const { program } = await app.programs.provisionProgram(
      { programDefinitionId: gym.programDefinition._id! },
      { beneficiary: { memberId: randomUUID() }, namespace: 'declared', externalProgramId: randomUUID() },
    );
    const [pool] = (await app.pools.queryPools().eq('programId', program!._id).find()).items;
    // Below zero: Change Balance's BALANCE_EXCEEDED_LIMITS with its data, not Redeem's NOT_ENOUGH_BALANCE.
    expect(
      await errorOf(app.balances.changeBalance(pool!._id!, 'take', { type: 'ADJUST', adjustOptions: { value: '-1' } })),
    ).toMatchObject({ code: 'BALANCE_EXCEEDED_LIMITS', data: { requested: '1', lowerLimit: '0' } });
    const added = await app.balances.changeBalance(pool!._id!, 'give', {
      type: 'ADJUST',
      adjustOptions: { value: '1' },
    });
    // The same key for another change: ALREADY_EXECUTED.
    expect(
      await errorOf(app.balances.changeBalance(pool!._id!, 'give', { type: 'ADJUST', adjustOptions: { value: '2' } })),
    ).toMatchObject({ status: 409, code: 'ALREADY_EXECUTED' });
    // Cancelling what is not a redemption: TRANSACTION_NOT_CANCELABLE.
    const cancel = await emu.call({ type: 'APP' }, 'POST', '/benefit-programs/v1/benefits/cancel-redemption', {
      transactionId: added.transactionId,
      idempotencyKey: 'cancel-1',
    });
    expect(cancel.body.details.applicationError.code).toBe('TRANSACTION_NOT_CANCELABLE');
    // An item that exists already fails in the bulk answer with Wix's standard ALREADY_EXISTS.
    const [existing] = (await app.items.queryItems().eq('namespace', 'declared').limit(1).find()).items;
    const again = await app.items.bulkCreateItems([
      {
        externalId: existing!.externalId!,
        itemSetId: existing!.itemSetId!,
        namespace: 'declared',
        providerAppId: existing!.providerAppId!,
      },
    ]);
    expect(again.results?.[0]?.itemMetadata?.error?.code).toBe('ALREADY_EXISTS');
  });
});
