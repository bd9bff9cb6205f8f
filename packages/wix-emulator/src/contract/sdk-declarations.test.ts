import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateSdkDeclarations,
  type MethodDeclaration,
  OUTPUT_FILE,
  type SdkDeclarations,
} from '../../scripts/sdk-declarations.ts';
import { METHODS } from '../../scripts/sdk-methods.ts';

const REGENERATE = 'run npm run sdk:declarations -w @gym-rewards/wix-emulator';

let generated: SdkDeclarations;
let committed: SdkDeclarations;
beforeAll(() => {
  generated = generateSdkDeclarations();
  committed = JSON.parse(readFileSync(OUTPUT_FILE, 'utf8')) as SdkDeclarations;
});

function method(name: string, module?: string): MethodDeclaration {
  const found = generated.methods.filter((m) => m.method === name && (module === undefined || m.module === module));
  expect(found, `${module ?? ''}.${name} in the table`).toHaveLength(1);
  return found[0]!;
}

describe('the SDK declarations table (src/contract/sdk-declarations.json)', () => {
  it('is what the installed SDK packages declare', () => {
    const key = (m: MethodDeclaration) => `${m.sdk} ${m.module}.${m.method}`;
    const before = new Map(committed.methods.map((m) => [key(m), JSON.stringify(m)]));
    const after = new Map(generated.methods.map((m) => [key(m), JSON.stringify(m)]));
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
    if (changed.length > 0 || JSON.stringify(committed) !== JSON.stringify(generated)) {
      expect.fail(
        `src/contract/sdk-declarations.json differs from the installed SDK (${changed.join(', ') || 'order'}): ${REGENERATE}`,
      );
    }
  });

  it('has every method the app calls, each with a route', () => {
    expect(generated.methods).toHaveLength(METHODS.length);
    for (const m of generated.methods) {
      expect(m.httpMethod, `${m.module}.${m.method}`).toMatch(/^(GET|POST|PATCH|PUT|DELETE)$/);
      expect(m.path, `${m.module}.${m.method}`).toMatch(/^\//);
    }
    const fields = generated.methods.reduce((n, m) => n + Object.keys(m.request).length, 0);
    expect(fields).toBeGreaterThan(200);
  });

  it('knows changeBalance: route, error codes, read-only transaction details, the required operation', () => {
    const changeBalance = method('changeBalance', 'balances');
    expect(changeBalance.httpMethod).toBe('POST');
    expect(changeBalance.path).toBe('/benefit-programs/v1/balances/:poolId/change');
    expect(changeBalance.pathParams).toEqual(['poolId']);
    expect(changeBalance.applicationErrors).toEqual(
      expect.arrayContaining(['ALREADY_EXECUTED', 'BALANCE_EXCEEDED_LIMITS']),
    );
    expect(changeBalance.request['transactionDetails.item']).toMatchObject({ required: false, readonly: true });
    expect(changeBalance.request['transactionDetails.reason']).toMatchObject({ readonly: true, maxLength: 256 });
    expect(changeBalance.request.idempotencyKey).toMatchObject({ required: true, maxLength: 200 });
    expect(changeBalance.request.poolId).toMatchObject({ required: true, format: 'GUID' });
    expect(changeBalance.requiredOneOf).toEqual({ operation: ['adjustOptions', 'setOptions'] });
  });

  it('knows program definitions: externalId is a required GUID, readonly meaning "not updatable"', () => {
    const create = method('createProgramDefinition');
    expect(create.path).toBe('/_api/benefit-programs/v1/program-definitions');
    expect(create.request['programDefinition.externalId']).toEqual({
      required: true,
      format: 'GUID',
      readonly: true,
      immutable: true,
    });
    expect(create.request['programDefinition.namespace']).toMatchObject({
      required: true,
      minLength: 1,
      maxLength: 20,
    });
    expect(method('updateProgramDefinition').httpMethod).toBe('PATCH');
  });

  it('knows nested limits and array fields', () => {
    const create = method('createPoolDefinition');
    expect(create.request['poolDefinition.details.benefits[]']).toMatchObject({ required: true, maxSize: 10 });
    expect(create.request['poolDefinition.details.benefits[].benefitKey']).toMatchObject({ required: true });
    expect(create.request['poolDefinition.details.benefits[].description']).toMatchObject({ maxLength: 255 });
    expect(create.request['poolDefinition.displayName']).toMatchObject({ maxLength: 128 });
    expect(create.request['poolDefinition.programDefinitionIds[]']).toMatchObject({ format: 'GUID', maxSize: 20 });
    expect(method('bulkCreateItems').request['items[].externalId']).toMatchObject({ required: true, format: 'GUID' });
  });

  it('knows the declared errors of redemption, its cancellation (REST only) and provisioning', () => {
    expect(method('redeemBenefit').applicationErrors).toEqual([
      'BENEFIT_ALREADY_REDEEMED',
      'BENEFIT_NOT_FOUND',
      'NOT_ENOUGH_BALANCE',
      'POLICY_EXPRESSION_EVALUATED_TO_FALSE',
      'POOL_NOT_ACTIVE',
      'POOL_NOT_FOUND',
    ]);
    const cancel = method('cancelRedemption');
    expect(cancel.restOnly).toBe(true);
    expect(cancel.path).toBe('/benefit-programs/v1/benefits/cancel-redemption');
    expect(cancel.applicationErrors).toContain('NOT_LATEST_TRANSACTION');
    expect(cancel.request.transactionId).toMatchObject({ required: true, format: 'GUID' });
    expect(method('provisionProgram').applicationErrors).toEqual(['IN_PROGRESS', 'PROGRAM_ALREADY_EXISTS']);
    expect(method('getProgramDefinitionByExternalIdAndNamespace').applicationErrors).toEqual([]);
  });

  it('is sorted, so regenerating it gives no diff', () => {
    const keys = generated.methods.map((m) => `${m.sdk} ${m.module} ${m.method}`);
    expect(keys).toEqual([...keys].sort());
    for (const m of generated.methods) {
      const fields = Object.keys(m.request);
      expect(fields).toEqual([...fields].sort());
      expect(m.applicationErrors).toEqual([...m.applicationErrors].sort());
    }
    expect(JSON.stringify(generateSdkDeclarations())).toBe(JSON.stringify(generated));
  });
});
