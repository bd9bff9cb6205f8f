import { InvalidInput, parseInput } from './errors.ts';
import { PROGRAM_EXTERNAL_ID } from './ids.ts';
import {
  findProgramDefinition,
  type ProgramChoices,
  type ProgramRules,
  programChoices,
  rulesOf,
  tierKey,
} from './program.ts';
import { allItems } from './rewards.ts';
import { forgetSiteCaches } from './site-cache.ts';
import { NAMESPACE, STORES_APP_ID, type WixApis, wixErrorCode } from './wix.ts';

interface SetupProgress {
  step: 'catalog' | 'program' | 'pool' | 'items';
  done: number;
  total: number;
}

interface SetupResult {
  programDefinitionId: string;
  poolDefinitionId: string;
  itemsCreated: number;
  itemsRemoved: number;
  /** False when the program already was exactly what the choices describe (nothing was written). */
  changed: boolean;
}

/** Wix's bulk item methods take at most 100 items a call. */
const CHUNK = 100;

export class SetupPrecondition extends Error {
  constructor(
    readonly code: 'STORES_V3_REQUIRED',
    message: string,
  ) {
    super(message);
    this.name = 'SetupPrecondition';
  }
}

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The pool definition details the choices describe. */
function poolDetails(rules: ProgramRules, itemSetIds: Map<string, string>) {
  return {
    benefits: rules.tiers.map((tier, i) => ({
      benefitKey: tierKey(i),
      price: String(tier.price),
      providerAppId: STORES_APP_ID,
      displayName: tier.name || `${tier.price} ${rules.tokenName}`,
      ...(itemSetIds.has(tierKey(i)) ? { itemSetId: itemSetIds.get(tierKey(i)) } : {}),
    })),
    creditConfiguration: {
      amount: String(rules.initialTokens),
      rolloverConfiguration: {
        enabled: rules.rollover.enabled,
        ...(rules.rollover.enabled && rules.rollover.cap !== null ? { balanceCap: String(rules.rollover.cap) } : {}),
      },
      unitDisplayName: rules.tokenName,
    },
    additionalData: { membershipMonths: rules.membershipMonths, visitsPerDay: rules.visitsPerDay },
  };
}

/** Whether an existing pool definition already says what `wanted` says (ignoring what Wix adds, like item set ids). */
function sameDetails(existing: any, wanted: ReturnType<typeof poolDetails>): boolean {
  const benefits = (existing?.benefits ?? []).map((b: any) => [b.benefitKey, String(b.price), b.displayName ?? null]);
  const credit = existing?.creditConfiguration ?? {};
  const rollover = credit.rolloverConfiguration ?? {};
  const wantedRollover = wanted.creditConfiguration.rolloverConfiguration as { enabled: boolean; balanceCap?: string };
  return (
    JSON.stringify(benefits) === JSON.stringify(wanted.benefits.map((b) => [b.benefitKey, b.price, b.displayName])) &&
    String(credit.amount ?? '0') === wanted.creditConfiguration.amount &&
    !!rollover.enabled === wantedRollover.enabled &&
    (rollover.balanceCap ?? null) === (wantedRollover.balanceCap ?? null) &&
    (credit.unitDisplayName ?? null) === wanted.creditConfiguration.unitDisplayName &&
    Number(existing?.additionalData?.membershipMonths) === wanted.additionalData.membershipMonths &&
    Number(existing?.additionalData?.visitsPerDay) === wanted.additionalData.visitsPerDay
  );
}

/**
 * Sets up the rewards program from the owner's choices (sample flow steps 1-3): the program definition, its pool
 * definition, and one benefit item per product in its tier. Running it again with the same choices writes nothing;
 * with changed choices it updates what exists (tiers, prices, tokens, products added or removed) and the pools of
 * members already in the program follow at once.
 */
export async function setUpProgram(
  wix: WixApis,
  input: unknown,
  onProgress: (progress: SetupProgress) => void = () => {},
): Promise<SetupResult> {
  try {
    return await setUp(wix, input, onProgress);
  } finally {
    // What the backend kept of the program (definition, items, their products) is read afresh after a save, even one
    // that stopped half way.
    forgetSiteCaches();
  }
}

async function setUp(
  wix: WixApis,
  input: unknown,
  onProgress: (progress: SetupProgress) => void,
): Promise<SetupResult> {
  const rules = parseInput(programChoices, input);
  let changed = false;

  // The catalog: Stores catalog V3, and every chosen product in it.
  const { catalogVersion } = await wix.catalogVersioning.getCatalogVersion();
  if (catalogVersion !== 'V3_CATALOG') {
    throw new SetupPrecondition(
      'STORES_V3_REQUIRED',
      `Gym Rewards needs Wix Stores with catalog V3; this site has ${catalogVersion}`,
    );
  }
  const wantedProducts = rules.tiers.flatMap((tier, t) => tier.productIds.map((productId, p) => ({ productId, t, p })));
  const known = new Set<string>();
  for (const chunk of chunks(wantedProducts)) {
    const found = await wix.productsV3
      .queryProducts()
      .in(
        '_id',
        chunk.map((w) => w.productId),
      )
      .limit(CHUNK)
      .find();
    for (const product of found.items) known.add(product._id!);
  }
  const missing = wantedProducts.find((w) => !known.has(w.productId));
  if (missing)
    throw new InvalidInput(
      `tiers.${missing.t}.productIds.${missing.p}`,
      `no product ${missing.productId} in the store`,
    );
  onProgress({ step: 'catalog', done: 1, total: 1 });

  // Step 1: the program definition.
  let programDefinition = await findProgramDefinition(wix);
  if (!programDefinition) {
    try {
      programDefinition = await wix.programDefinitions.createProgramDefinition({
        namespace: NAMESPACE,
        externalId: PROGRAM_EXTERNAL_ID,
        displayName: rules.programName,
      });
    } catch (error) {
      // Made a moment ago by a save sent at the same time (Wix's standard ALREADY_EXISTS for its external id): it is
      // the program's.
      const made = wixErrorCode(error) === 'ALREADY_EXISTS' ? await findProgramDefinition(wix) : null;
      if (!made) throw error;
      programDefinition = made;
    }
    changed = true;
  } else if (programDefinition.displayName !== rules.programName) {
    programDefinition = await wix.programDefinitions.updateProgramDefinition(programDefinition._id!, {
      revision: programDefinition.revision!,
      displayName: rules.programName,
    });
    changed = true;
  }
  const programDefinitionId = programDefinition._id!;
  onProgress({ step: 'program', done: 1, total: 1 });

  // Step 2: the pool definition, its benefits priced in tokens and its credit configuration.
  const { poolDefinitions: existingPools = [] } = await wix.poolDefinitions.findPoolDefinitionsByProgramDefinition(
    programDefinitionId,
    {
      namespace: NAMESPACE,
    },
  );
  let poolDefinition = oldestFirst(existingPools)[0];
  if (!poolDefinition) {
    const made = await wix.poolDefinitions.createPoolDefinition({
      namespace: NAMESPACE,
      displayName: rules.programName,
      programDefinitionIds: [programDefinitionId],
      details: poolDetails(rules, new Map()),
    });
    // Two saves at once (a retry sent twice) may each have made one: the oldest is the program's, and the save that
    // made a later one deletes it (each save sees the ones made before its own).
    const { poolDefinitions: all = [] } = await wix.poolDefinitions.findPoolDefinitionsByProgramDefinition(
      programDefinitionId,
      { namespace: NAMESPACE },
    );
    poolDefinition = oldestFirst([...all.filter((p) => p._id !== made._id), made])[0]!;
    if (poolDefinition._id !== made._id) await wix.poolDefinitions.deletePoolDefinition(made._id!, 'IMMEDIATELY');
    changed = true;
  } else {
    const itemSets = new Map((poolDefinition.details?.benefits ?? []).map((b) => [b.benefitKey!, b.itemSetId!]));
    const wanted = poolDetails(rules, itemSets);
    if (!sameDetails(poolDefinition.details, wanted) || poolDefinition.displayName !== rules.programName) {
      poolDefinition = await wix.poolDefinitions.updatePoolDefinition(
        poolDefinition._id!,
        { revision: poolDefinition.revision!, displayName: rules.programName, details: wanted },
        { cascade: 'IMMEDIATELY' },
      );
      changed = true;
    }
  }
  const itemSetOf = new Map((poolDefinition.details?.benefits ?? []).map((b) => [b.benefitKey!, b.itemSetId!]));
  onProgress({ step: 'pool', done: 1, total: 1 });

  // Step 3: the benefit items, one per product in the item set of its tier's benefit.
  const wantedItems = new Map<string, { externalId: string; itemSetId: string }>();
  rules.tiers.forEach((tier, t) => {
    const itemSetId = itemSetOf.get(tierKey(t));
    if (!itemSetId) throw new Error(`the pool definition has no benefit ${tierKey(t)}`);
    for (const externalId of tier.productIds) wantedItems.set(`${itemSetId}/${externalId}`, { externalId, itemSetId });
  });
  const existingItems = new Map<string, string>();
  let page = await wix.items
    .queryItems()
    .eq('namespace', NAMESPACE)
    .eq('providerAppId', STORES_APP_ID)
    .limit(CHUNK)
    .find();
  for (;;) {
    for (const item of page.items) existingItems.set(`${item.itemSetId}/${item.externalId}`, item._id!);
    if (!page.hasNext()) break;
    page = await page.next();
  }
  const toCreate = [...wantedItems].filter(([key]) => !existingItems.has(key)).map(([, item]) => item);
  const toRemove = [...existingItems].filter(([key]) => !wantedItems.has(key)).map(([, id]) => id);
  const total = toCreate.length + toRemove.length;
  let done = 0;
  onProgress({ step: 'items', done, total });
  for (const chunk of chunks(toCreate)) {
    const { results = [] } = await wix.items.bulkCreateItems(
      chunk.map((item) => ({ ...item, providerAppId: STORES_APP_ID, namespace: NAMESPACE })),
    );
    // An item created by an earlier, interrupted save fails with Wix's standard ALREADY_EXISTS: it is there.
    const failed = results.find((r) => !r.itemMetadata?.success && r.itemMetadata?.error?.code !== 'ALREADY_EXISTS');
    if (failed) throw new Error(`creating benefit items failed: ${failed.itemMetadata?.error?.description}`);
    done += chunk.length;
    onProgress({ step: 'items', done, total });
  }
  for (const chunk of chunks(toRemove)) {
    await wix.items.bulkDeleteItems(chunk);
    done += chunk.length;
    onProgress({ step: 'items', done, total });
  }
  if (total > 0) changed = true;

  return {
    programDefinitionId,
    poolDefinitionId: poolDefinition._id!,
    itemsCreated: toCreate.length,
    itemsRemoved: toRemove.length,
    changed,
  };
}

/** Pool definitions, the oldest first (ties by id): the program's one is the oldest. */
function oldestFirst<T extends { _id?: string | null; _createdDate?: Date | null }>(definitions: T[]): T[] {
  const at = (d: T) => new Date(d._createdDate ?? 0).getTime();
  return [...definitions].sort((a, b) => at(a) - at(b) || String(a._id).localeCompare(String(b._id)));
}

/**
 * The program as the owner set it up, in the setup flow's terms (so the setup page opens on the current program and
 * saving it again changes only what the owner changed), or null before the first setup. Three sequential rounds:
 * program definition, pool definition, benefit items.
 */
export async function currentProgram(wix: WixApis): Promise<ProgramChoices | null> {
  const programDefinition = await findProgramDefinition(wix);
  if (!programDefinition) return null;
  const { poolDefinitions = [] } = await wix.poolDefinitions.findPoolDefinitionsByProgramDefinition(
    programDefinition._id!,
    { namespace: NAMESPACE },
  );
  const poolDefinition = oldestFirst(poolDefinitions)[0];
  if (!poolDefinition) return null;
  const details = poolDefinition.details ?? {};
  const items = await allItems(wix);
  const credit = details.creditConfiguration;
  const rules = rulesOf(poolDefinition);
  const tokenName = credit?.unitDisplayName ?? 'Tokens';
  return {
    programName: programDefinition.displayName ?? poolDefinition.displayName ?? '',
    tokenName,
    initialTokens: Number(credit?.amount ?? 0),
    rollover: {
      enabled: !!credit?.rolloverConfiguration?.enabled,
      cap:
        credit?.rolloverConfiguration?.enabled && credit.rolloverConfiguration.balanceCap != null
          ? Number(credit.rolloverConfiguration.balanceCap)
          : null,
    },
    membershipMonths: rules.membershipMonths,
    visitsPerDay: rules.visitsPerDay,
    tiers: [...(details.benefits ?? [])]
      .sort((a, b) => tierNumber(a.benefitKey) - tierNumber(b.benefitKey))
      .map((benefit) => {
        const price = Number(benefit.price ?? 0);
        const defaultName = `${price} ${tokenName}`;
        return {
          ...(benefit.displayName && benefit.displayName !== defaultName ? { name: benefit.displayName } : {}),
          price,
          productIds: items.filter((i) => i.itemSetId === benefit.itemSetId).map((i) => i.externalId!),
        };
      }),
  };
}

const tierNumber = (key: string | null | undefined) => Number(/^tier-(\d+)$/.exec(key ?? '')?.[1] ?? 0);
