import { items, poolDefinitions, programDefinitions } from '@wix/benefit-programs';
import { guidFor, type TestEmulator } from '../../testing/index.ts';
import { STORES_APP_ID } from './common.ts';

/**
 * The sample flow's rewards program (steps 1-3), through the SDK: a program definition, a pool definition with
 * benefits gym10/gym20/gym30 priced 10/20/30 tokens, `amount` new tokens a month and rollover capped at `cap`,
 * and one Stores product per benefit as its item (product ids are GUIDs, as Wix declares item external ids).
 */
export async function setUpGymProgram(
  emu: TestEmulator,
  namespace = 'gym',
  options: { amount?: string; cap?: string } = {},
) {
  const app = await emu.client({ type: 'APP' }, { programDefinitions, poolDefinitions, items });
  const programDefinition = await app.programDefinitions.createProgramDefinition({
    namespace,
    externalId: guidFor(`${namespace}-new-members`),
    displayName: 'New member rewards',
  });
  const poolDefinition = await app.poolDefinitions.createPoolDefinition({
    namespace,
    displayName: 'Gym tokens',
    programDefinitionIds: [programDefinition._id!],
    details: {
      benefits: [10, 20, 30].map((price) => ({
        benefitKey: `gym${price}`,
        price: String(price),
        providerAppId: STORES_APP_ID,
        displayName: `${price} token merchandise`,
      })),
      creditConfiguration: {
        amount: options.amount ?? '0',
        rolloverConfiguration: { enabled: true, balanceCap: options.cap ?? '5' },
        unitDisplayName: 'Tokens',
      },
    },
  });
  const benefits = poolDefinition.details!.benefits!;
  const productIds = {
    gym10: guidFor('product-bottle'),
    gym20: guidFor('product-towel'),
    gym30: guidFor('product-hoodie'),
  };
  await app.items.bulkCreateItems(
    benefits.map((b) => ({
      namespace,
      externalId: productIds[b.benefitKey as keyof typeof productIds],
      itemSetId: b.itemSetId!,
      providerAppId: STORES_APP_ID,
      displayName: b.displayName ?? null,
    })),
  );
  return { namespace, programDefinition, poolDefinition, productIds };
}
