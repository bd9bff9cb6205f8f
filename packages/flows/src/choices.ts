import { z } from 'zod';
import { enteredNumber, enteredText } from './entered.ts';

/**
 * The owner's choices for the rewards program, as the setup flow takes them. The program definition, the pool definition
 * (benefits priced in tokens, credit configuration) and the benefit items are made from them; the choices Wix has no field
 * for (membership length, visits counted per day) travel in the pool definition's `details.additionalData`, so every pool
 * carries the rules it was provisioned with.
 *
 * Only zod here: the setup page checks each step of its wizard with the same schema (`@gym-rewards/flows/choices`),
 * so a field is refused in the browser for the reason the backend would give.
 */
export const programChoices = z
  .object({
    programName: enteredText().trim().min(1, 'is required').max(64, 'must be at most 64 characters'),
    tokenName: enteredText().trim().min(1, 'is required').max(32, 'must be at most 32 characters').default('Tokens'),
    initialTokens: enteredNumber()
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(10_000, 'must be at most 10000')
      .default(0),
    rollover: z
      .object({
        enabled: z.boolean(),
        cap: enteredNumber()
          .int('must be a whole number')
          .min(0, 'must not be negative')
          .max(10_000, 'must be at most 10000')
          .nullable()
          .default(null),
      })
      .default({ enabled: false, cap: null }),
    membershipMonths: enteredNumber()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(120, 'must be at most 120')
      .default(12),
    visitsPerDay: enteredNumber()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(24, 'must be at most 24')
      .default(1),
    tiers: z
      .array(
        z.object({
          name: enteredText().trim().max(40, 'must be at most 40 characters').optional(),
          price: enteredNumber()
            .int('must be a whole number of tokens')
            .min(1, 'must be at least 1 token')
            .max(100_000, 'must be at most 100000'),
          productIds: z.array(z.string().min(1, 'must not be empty')).max(500, 'at most 500 products a tier'),
        }),
      )
      .min(1, 'at least one tier')
      .max(10, 'at most 10 tiers (Wix allows 10 benefits a pool)')
      .superRefine((tiers, issue) => {
        const seen = new Map<string, number>();
        for (const [t, tier] of tiers.entries()) {
          for (const [p, id] of tier.productIds.entries()) {
            const earlier = seen.get(id);
            if (earlier !== undefined) {
              issue.addIssue({
                code: 'custom',
                message: `product ${id} is already in tier ${earlier + 1}`,
                path: [t, 'productIds', p],
              });
            }
            seen.set(id, earlier ?? t);
          }
        }
      }),
  })
  .strict();
export type ProgramChoices = z.input<typeof programChoices>;
export type ProgramRules = z.output<typeof programChoices>;
