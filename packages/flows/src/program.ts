import { PROGRAM_EXTERNAL_ID } from './ids.ts';
import { isNotFound, NAMESPACE, type WixApis } from './wix.ts';

export { type ProgramChoices, type ProgramRules, programChoices } from './choices.ts';

/** The benefit key of the n-th tier (0-based): tiers keep their key, so their item sets and items, when prices change. */
export const tierKey = (index: number) => `tier-${index + 1}`;

/** The rules the app reads back from a pool (what the setup flow stored in `details.additionalData`). */
interface PoolRules {
  membershipMonths: number;
  visitsPerDay: number;
}

export function rulesOf(pool: { details?: { additionalData?: Record<string, any> | null } | null }): PoolRules {
  const data = pool.details?.additionalData ?? {};
  return {
    membershipMonths: Number(data.membershipMonths ?? 12),
    visitsPerDay: Number(data.visitsPerDay ?? 1),
  };
}

/** The app's program definition (one per site), or undefined before the first setup. One Wix call. */
export async function findProgramDefinition(wix: WixApis) {
  try {
    const { programDefinition } = await wix.programDefinitions.getProgramDefinitionByExternalIdAndNamespace(NAMESPACE, {
      externalId: PROGRAM_EXTERNAL_ID,
    });
    return programDefinition ?? undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
