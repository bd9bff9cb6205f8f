import { balances, items, poolDefinitions, pools, programDefinitions, programs } from '@wix/benefit-programs';
import { members } from '@wix/members';
import { productsV3 } from '@wix/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES_APP_ID } from './services/benefit-programs/common.ts';
import { guidFor, startTestEmulator, type TestEmulator } from './testing/index.ts';

/**
 * Wix's sample flow "Create and manage a rewards program for new gym members", steps 1-7, with SDK calls only:
 * the owner's setup, a new member's program, a visit issuing a token, what the member can redeem, a redemption.
 */
let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

const NAMESPACE = 'gym-rewards';

describe('the benefit programs sample flow', () => {
  it('runs steps 1-7 and every balance is what the flow says', async () => {
    const app = await emu.client(
      { type: 'APP' },
      { programDefinitions, poolDefinitions, items, programs, pools, balances, members, productsV3 },
    );

    // Prerequisites: the gym's merchandise in Wix Stores, and a site member.
    const merchandise = { 'Water bottle': '10', 'Gym towel': '20', Hoodie: '30' } as Record<string, string>;
    for (const [name, price] of Object.entries(merchandise)) {
      await app.productsV3.createProduct({
        name,
        productType: 'PHYSICAL',
        physicalProperties: {},
        variantsInfo: { variants: [{ price: { actualPrice: { amount: price } } }] },
      } as never);
    }

    // Step 1: the program definition.
    const programDefinition = await app.programDefinitions.createProgramDefinition({
      namespace: NAMESPACE,
      externalId: guidFor('new-gym-members'),
      displayName: 'New member rewards',
    });

    // Step 2: the pool definition with three benefits and the credit configuration.
    const poolDefinition = await app.poolDefinitions.createPoolDefinition({
      namespace: NAMESPACE,
      displayName: 'Gym tokens',
      programDefinitionIds: [programDefinition._id!],
      details: {
        benefits: [
          { benefitKey: 'gym10', price: '10', providerAppId: STORES_APP_ID },
          { benefitKey: 'gym20', price: '20', providerAppId: STORES_APP_ID },
          { benefitKey: 'gym30', price: '30', providerAppId: STORES_APP_ID },
        ],
        creditConfiguration: {
          amount: '0',
          rolloverConfiguration: { enabled: true, balanceCap: '5' },
          unitDisplayName: 'Tokens',
        },
      },
    });
    const itemSetOf = Object.fromEntries(poolDefinition.details!.benefits!.map((b) => [b.benefitKey!, b.itemSetId!]));
    expect(Object.keys(itemSetOf)).toEqual(['gym10', 'gym20', 'gym30']);

    // Step 3: one benefit item per product, in the item set of the benefit with its price.
    const { items: products } = await app.productsV3.queryProducts().find();
    expect(products).toHaveLength(3);
    const created = await app.items.bulkCreateItems(
      products.map((product) => ({
        externalId: product._id!,
        itemSetId: itemSetOf[`gym${merchandise[product.name!]}`]!,
        providerAppId: STORES_APP_ID,
        namespace: NAMESPACE,
      })),
    );
    expect(created.results?.every((r) => r.itemMetadata?.success)).toBe(true);
    const productNamed = (name: string) => products.find((p) => p.name === name)!;

    // Step 4: a new member joins; their program is provisioned.
    const member = await app.members.createMember({ member: { loginEmail: 'alex@example.com' } });
    const memberId = member._id!;
    const { program } = await app.programs.provisionProgram(
      { programDefinitionId: programDefinition._id! },
      {
        beneficiary: { memberId },
        namespace: NAMESPACE,
        externalProgramId: guidFor(`${programDefinition._id}_${memberId}`),
      },
    );
    expect(program?.status).toBe('ACTIVE');

    const activePool = async () => {
      const found = await app.pools
        .queryPools()
        .eq('beneficiary.memberId', memberId)
        .eq('namespace', NAMESPACE)
        .eq('status', 'ACTIVE')
        .find();
      return found.items;
    };
    const [pool] = await activePool();
    expect(pool).toBeDefined();
    const available = async () => (await app.balances.getBalance(pool!._id!)).amount!.available;
    expect(await available()).toBe('0');

    // Step 5: each visit issues a token; a retried call (same idempotency key) issues nothing more.
    for (let visit = 1; visit <= 12; visit++) {
      const [current] = await activePool();
      await app.balances.changeBalance(current!._id!, `visit-${visit}`, {
        type: 'ADJUST',
        adjustOptions: { value: '1' },
      });
    }
    await app.balances.changeBalance(pool!._id!, 'visit-12', { type: 'ADJUST', adjustOptions: { value: '1' } });
    expect(await available()).toBe('12');

    // Step 4, monthly: the renewal keeps at most 5 tokens (amount 0 adds none).
    await app.programs.renewProgram(program!._id!, { idempotencyKey: `${program!._id}-2026-11` });
    expect(await available()).toBe('5');
    for (let visit = 13; visit <= 20; visit++) {
      await app.balances.changeBalance(pool!._id!, `visit-${visit}`, { type: 'ADJUST', adjustOptions: { value: '1' } });
    }
    expect(await available()).toBe('13');

    // Step 6: what can the member redeem now?
    const [shown] = await activePool();
    const { results } = await app.pools.bulkCheckBenefitEligibility({
      namespace: NAMESPACE,
      benefitSelectors: products.map((product) => ({
        poolId: shown!._id!,
        itemReference: { externalId: product._id!, providerAppId: STORES_APP_ID },
      })),
    });
    const redeemable = results!
      .flatMap((r) => r.result?.benefitResults ?? [])
      .filter((r) => r.type === 'ELIGIBLE_BENEFIT')
      .map((r) => r.eligibleBenefitOptions!.itemReference!.externalId!);
    expect(redeemable).toEqual([productNamed('Water bottle')._id]);
    const redeemableProducts = await app.productsV3.queryProducts().in('_id', redeemable).find();
    expect(redeemableProducts.items.map((p) => p.name)).toEqual(['Water bottle']);

    // Step 7: the member picks the water bottle.
    const chosen = productNamed('Water bottle')._id!;
    const { items: found } = await app.items
      .queryItems()
      .eq('externalId', chosen)
      .eq('providerAppId', STORES_APP_ID)
      .find();
    expect(found).toHaveLength(1);
    const benefit = shown!.details!.benefits!.find((b) => b.itemSetId === found[0]!.itemSetId)!;
    expect(benefit).toMatchObject({ benefitKey: 'gym10', price: '10' });
    const redemption = await app.pools.redeemBenefit(shown!._id!, {
      itemReference: { externalId: chosen, providerAppId: STORES_APP_ID },
      benefitKey: benefit.benefitKey!,
      idempotencyKey: 'redeem-bottle-1',
      namespace: NAMESPACE,
    });
    expect(redemption.transactionId).toBeTruthy();
    expect(await available()).toBe('3');

    // Step 4, after a year: the program ends and the member is no longer "new": no active pool, no more tokens.
    await app.programs.endProgram(program!._id!);
    expect(await activePool()).toEqual([]);
    expect(await available()).toBe('3');
  });
});
