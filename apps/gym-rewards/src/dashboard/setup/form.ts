import type { ProgramChoices } from '@gym-rewards/flows';

/**
 * The setup page's form: the owner's `ProgramChoices` as the fields hold them (an emptied number field is `null`; it
 * goes to the backend as it is, which refuses it next to the field).
 */
export interface TierForm {
  /** A key for React only. */
  key: string;
  name: string;
  price: number | null;
  productIds: string[];
}

export interface ProgramForm {
  programName: string;
  tokenName: string;
  initialTokens: number | null;
  rolloverEnabled: boolean;
  rolloverCap: number | null;
  membershipMonths: number | null;
  visitsPerDay: number | null;
  tiers: TierForm[];
}

export const MAX_TIERS = 10;

/** The token name members see, `Tokens` while the field is empty. */
export const tokenNameOf = (form: ProgramForm) => form.tokenName.trim() || 'Tokens';

/** A product's name as the picker has shown it, else its id. */
export const productName = (catalog: Record<string, { name: string }>, id: string) => catalog[id]?.name || id;

let tierKeys = 0;
const tierKey = () => `tier-form-${++tierKeys}`;

export const newTier = (price: number | null = 10): TierForm => ({ key: tierKey(), name: '', price, productIds: [] });

/** What a first setup starts from. */
export const emptyForm = (): ProgramForm => ({
  programName: '',
  tokenName: 'Tokens',
  initialTokens: 0,
  rolloverEnabled: false,
  rolloverCap: null,
  membershipMonths: 12,
  visitsPerDay: 1,
  tiers: [newTier(10)],
});

/** The form for a program as the backend answers it (`currentProgram`). */
export function formOf(choices: ProgramChoices): ProgramForm {
  return {
    programName: choices.programName,
    tokenName: choices.tokenName ?? 'Tokens',
    initialTokens: choices.initialTokens ?? 0,
    rolloverEnabled: choices.rollover?.enabled ?? false,
    rolloverCap: choices.rollover?.cap ?? null,
    membershipMonths: choices.membershipMonths ?? 12,
    visitsPerDay: choices.visitsPerDay ?? 1,
    tiers: choices.tiers.map((tier) => ({
      key: tierKey(),
      name: tier.name ?? '',
      price: tier.price,
      productIds: [...tier.productIds],
    })),
  };
}

/** An empty number field travels as null: the backend names the field and the reason. */
const numberOrNull = (value: number | null) => value as number;

/** The choices the form describes, as `setUpProgram` takes them. */
export function choicesOf(form: ProgramForm): ProgramChoices {
  return {
    programName: form.programName,
    tokenName: form.tokenName,
    initialTokens: numberOrNull(form.initialTokens),
    rollover: { enabled: form.rolloverEnabled, cap: form.rolloverEnabled ? form.rolloverCap : null },
    membershipMonths: numberOrNull(form.membershipMonths),
    visitsPerDay: numberOrNull(form.visitsPerDay),
    tiers: form.tiers.map((tier) => ({
      ...(tier.name.trim() ? { name: tier.name } : {}),
      price: numberOrNull(tier.price),
      productIds: tier.productIds,
    })),
  };
}

/**
 * The benefit items saving will create and remove: one item per product in its tier (tiers keep their place, so a
 * product staying in the same tier keeps its item).
 */
export function itemChanges(saved: ProgramChoices | null, form: ProgramForm): { toCreate: number; toRemove: number } {
  const pairs = (tiers: { productIds: string[] }[]) =>
    new Set(tiers.flatMap((tier, t) => tier.productIds.map((id) => `${t}/${id}`)));
  const before = pairs(saved?.tiers ?? []);
  const after = pairs(form.tiers);
  return {
    toCreate: [...after].filter((pair) => !before.has(pair)).length,
    toRemove: [...before].filter((pair) => !after.has(pair)).length,
  };
}

/** Whether the form says something other than the saved program. */
export function isDirty(saved: ProgramChoices | null, form: ProgramForm): boolean {
  if (!saved) return true;
  return JSON.stringify(choicesOf(form)) !== JSON.stringify(choicesOf(formOf(saved)));
}

/** The wizard's steps in order (their titles are the page's words: `stepTitle`, `stepText`). */
export const STEPS = ['basics', 'tokens', 'tiers', 'review'] as const;
export type StepName = (typeof STEPS)[number];

/** The step that holds a field (a refusal's dotted path). */
export function stepOfField(field: string): number {
  if (field === 'tiers' || field.startsWith('tiers.')) return 2;
  if (['tokenName', 'initialTokens', 'rollover'].some((p) => field === p || field.startsWith(`${p}.`))) return 1;
  if (['programName', 'membershipMonths', 'visitsPerDay'].includes(field)) return 0;
  return 3;
}
