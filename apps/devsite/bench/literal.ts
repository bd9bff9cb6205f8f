import { randomUUID } from 'node:crypto';
import { SDK_MODULES } from '@gym-rewards/flows/sdk-modules';
import { emulatorClient } from '@gym-rewards/wix-emulator/client';

/**
 * The seed's sample flow taken literally (`/work/shared/seeds/benefit-programs-sample-flows.md`, steps 4-7): the SDK
 * calls the article lists, one after another, as the app (the widget's member lookup as the member): no idempotency
 * beyond a fresh GUID, no daily limit, no pickup, no catch-up of renewals. What the app's flows are weighed against.
 */
const NAMESPACE = 'gym-rewards';
const STORES_APP_ID = '215238eb-22a5-4c36-9e7b-e7c08025e04e';

export function literalFlows(emulatorUrl: string, appToken: string, programDefinitionId: string) {
  const { programs, pools, balances, items, productsV3, members } = SDK_MODULES;
  const app = emulatorClient(emulatorUrl, appToken, { programs, pools, balances, items, productsV3 });
  /** Step 5 and 6's first call: the member's active pool. */
  const activePool = async (memberId: string) => {
    const { items: found } = await app.pools
      .queryPools()
      .eq('beneficiary.memberId', memberId)
      .eq('namespace', NAMESPACE)
      .eq('status', 'ACTIVE')
      .find();
    return found[0];
  };
  return {
    /** Step 4: Provision Program. */
    async memberJoined(memberId: string) {
      await app.programs.provisionProgram(
        { programDefinitionId },
        // The seed's `<programDefinitionId>_<memberId>` is no GUID, which Wix declares the field to be: a fresh one.
        { beneficiary: { memberId }, namespace: NAMESPACE, externalProgramId: randomUUID() },
      );
    },
    /** Step 5: Query Pools, Change Balance. */
    async visit(memberId: string) {
      const pool = await activePool(memberId);
      if (!pool) throw new Error('literal visit: no active pool');
      await app.balances.changeBalance(pool._id!, randomUUID(), { type: 'ADJUST', adjustOptions: { value: '1' } });
    },
    /**
     * Step 6, complete: who the member is (Get Current Member, as the member), Query Pools, the program's items (Query
     * Items: the products step 3 made redeemable), Bulk Check Benefit Eligibility, Query Products of the eligible ones.
     */
    async widget(memberToken: string, memberId: string) {
      // Who is logged in: a site member's session (the bench's literal members are no site members: their ids are
      // made up, so the app's member-created event does not give them a program of its own too).
      const asMember = emulatorClient(emulatorUrl, memberToken, { members });
      await asMember.members.getCurrentMember();
      const pool = await activePool(memberId);
      if (!pool) throw new Error('literal widget: no active pool');
      const { items: all } = await app.items
        .queryItems()
        .eq('namespace', NAMESPACE)
        .eq('providerAppId', STORES_APP_ID)
        .limit(100)
        .find();
      const { results } = await app.pools.bulkCheckBenefitEligibility({
        namespace: NAMESPACE,
        benefitSelectors: all.map((item) => ({
          poolId: pool._id!,
          itemReference: { externalId: item.externalId!, providerAppId: STORES_APP_ID },
        })),
      });
      const eligible = (results ?? [])
        .filter((r) => r.result?.benefitResults?.some((b) => b.type === 'ELIGIBLE_BENEFIT'))
        .map((r) => r.benefitSelector?.itemReference?.externalId ?? '');
      await app.productsV3.queryProducts().in('_id', eligible).find();
      return { poolId: pool._id!, benefits: pool.details?.benefits ?? [] };
    },
    /** Step 7, no pickup: Query Items for the product, then Redeem Benefit from the pool step 6 found. */
    async redeem(
      pool: { poolId: string; benefits: Array<{ itemSetId?: string | null; benefitKey?: string }> },
      productId: string,
    ) {
      const { items: found } = await app.items
        .queryItems()
        .eq('externalId', productId)
        .eq('providerAppId', STORES_APP_ID)
        .find();
      const benefit = pool.benefits.find((b) => b.itemSetId === found[0]?.itemSetId);
      if (!benefit) throw new Error('literal redeem: no benefit for the product');
      await app.pools.redeemBenefit(pool.poolId, {
        itemReference: { externalId: productId, providerAppId: STORES_APP_ID },
        benefitKey: benefit.benefitKey!,
        namespace: NAMESPACE,
        idempotencyKey: randomUUID(),
      });
    },
  };
}
