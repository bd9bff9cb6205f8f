import { z } from 'zod';
import { parseInput } from './errors.ts';
import { memberId } from './inputs.ts';
import { currentPool, keepPoolForSession, poolState } from './member-pool.ts';
import { lastRenewal, nextRenewal, type RenewalOutlook } from './renewal-outlook.ts';
import { keptNow, siteCached } from './site-cache.ts';
import { TOKENS_PER_VISIT } from './visits.ts';
import { type Clock, NAMESPACE, STORES_APP_ID, type WixApis } from './wix.ts';

export interface RedeemableProduct {
  productId: string;
  name: string;
  /** The product's main image URL, if it has one. */
  image: string | null;
  /** Price in tokens. */
  price: number;
  tier: string;
}

/** A tier of the catalogue as the member sees it: its rewards, and how far the member is from them. */
export interface CatalogueTier {
  tier: string;
  /** The owner's name for the tier; null when they gave none (the widget names it in the member's language). */
  name: string | null;
  price: number;
  /** True when the balance does not buy it yet. */
  locked: boolean;
  /** Tokens still missing (0 when unlocked). */
  missing: number;
  /** Visits still missing: a visit earns `TOKENS_PER_VISIT` tokens. */
  visitsMissing: number;
  products: Array<{ productId: string; name: string; image: string | null }>;
}

export type RedeemableBenefits =
  | {
      status: 'ACTIVE';
      balance: number;
      tokenName: string;
      /** What the member can redeem now, cheapest first. */
      redeemable: RedeemableProduct[];
      /** The cheapest tier the member cannot afford yet, and the tokens still missing. */
      nextTier: { tier: string; name: string; price: number; missing: number } | null;
      /** The whole catalogue, every tier cheapest first, the locked ones included. */
      tiers: CatalogueTier[];
      /** What the next month's turn carries over and expires, and what the last one did. */
      renewal: RenewalOutlook;
    }
  | { status: 'NOT_IN_PROGRAM' }
  /** The member's program ran its length and ended: visits earn nothing more. */
  | { status: 'PROGRAM_ENDED' }
  | { status: 'PROGRAM_PAUSED' };

/**
 * What a member can redeem now (sample flow step 6): their balance, the products of every tier they can afford (name,
 * image, price in tokens), and the next tier they are saving for. When nothing is due and the catalogue is kept (for the
 * session or the program: `programCatalogue`), one round of Wix calls: the member's pools and balances together; else
 * the benefit items, then their products, after them. (After a renewal, the newest page of the ledger too.) Also the
 * whole catalogue by tier and the renewal outlook (`renewal-outlook.ts`).
 */
export async function redeemableBenefits(
  wix: WixApis,
  clock: Clock,
  input: { memberId: string },
): Promise<RedeemableBenefits> {
  const request = parseInput(z.object({ memberId }), input);
  const now = clock();
  // Kept for this session already, or (below) for the program the member's pool belongs to: read only when neither.
  const keptForSession = await catalogueKeptForSession(wix);
  // The member's balances are read with their pools (a balance's id is its pool's): one round, not two.
  const [{ pool, timeZone, reread }, balances] = await Promise.all([
    currentPool(wix, request.memberId, now),
    wix.balances.queryBalances().eq('beneficiary.memberId', request.memberId).limit(100).find(),
  ]);
  // Kept for the session's next redemption (`redeem`), when active: Wix checks it again when it redeems.
  await keepPoolForSession(wix, request.memberId, pool);
  // A pool whose job is still running (updating) shows its balance as it stands.
  const state = poolState(pool);
  if (!pool || state === 'NONE') return { status: 'NOT_IN_PROGRAM' };
  if (state === 'ENDED') return { status: 'PROGRAM_ENDED' };
  if (state === 'PAUSED') return { status: 'PROGRAM_PAUSED' };
  const tokenName = pool.details?.creditConfiguration?.unitDisplayName ?? 'Tokens';
  const benefits = (pool.details?.benefits ?? []).map((b) => {
    const price = Number(b.price ?? 0);
    // The name setup gives a tier the owner left unnamed ("10 Tokens") is no name: the widget says it in its language.
    const named = b.displayName && b.displayName !== `${price} ${tokenName}` ? b.displayName : null;
    return { tier: b.benefitKey!, named, name: b.displayName ?? b.benefitKey!, price, itemSetId: b.itemSetId! };
  });
  const early = balances.items.find((b) => b._id === pool._id);
  const [balance, { items, products }, last] = await Promise.all([
    // Read again when a job ran on the pool meanwhile (a renewal applied now, or waited out).
    early && !reread ? early : wix.balances.getBalance(pool._id!),
    keptForSession ?? programCatalogue(wix, pool.programDefinitionId),
    lastRenewal(wix, pool, now, timeZone),
  ]);
  const available = Number(balance.amount?.available ?? 0);
  const redeemable: RedeemableProduct[] = [];
  for (const benefit of benefits.filter((b) => b.price <= available)) {
    for (const item of items.filter((i) => i.itemSetId === benefit.itemSetId)) {
      const product = products.get(item.externalId!);
      if (!product) continue; // deleted or hidden in the store since setup
      redeemable.push({
        productId: item.externalId!,
        name: product.name,
        image: product.image,
        price: benefit.price,
        tier: benefit.tier,
      });
    }
  }
  redeemable.sort((a, b) => a.price - b.price || a.name.localeCompare(b.name));
  const next = benefits.filter((b) => b.price > available).sort((a, b) => a.price - b.price)[0];
  const tiers = [...benefits]
    .sort((a, b) => a.price - b.price)
    .map((benefit): CatalogueTier => {
      const missing = Math.max(0, benefit.price - available);
      return {
        tier: benefit.tier,
        name: benefit.named,
        price: benefit.price,
        locked: missing > 0,
        missing,
        visitsMissing: Math.ceil(missing / TOKENS_PER_VISIT),
        products: items
          .filter((i) => i.itemSetId === benefit.itemSetId && products.has(i.externalId!))
          .map((i) => ({ productId: i.externalId!, ...products.get(i.externalId!)! }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      };
    });
  return {
    status: 'ACTIVE',
    balance: available,
    tokenName,
    redeemable,
    nextTier: next ? { tier: next.tier, name: next.name, price: next.price, missing: next.price - available } : null,
    tiers,
    renewal: { timeZone, next: nextRenewal(pool, available, now, timeZone), last },
  };
}

const CATALOGUE = 'catalogue';
type Catalogue = Awaited<ReturnType<typeof readCatalogue>>;

/**
 * The program's benefit items and the store's names and images of their products, kept a short while (`site-cache.ts`,
 * forgotten when the owner saves the program) for the caller's session and, given the id of the program definition
 * (read from Wix with the member's pool: it belongs to one site, so it names the site where a session cannot), for the
 * program: a member's first call of a session finds what another member's call read a moment ago. Two rounds of Wix
 * calls when kept for neither, none when kept.
 */
export function programCatalogue(wix: WixApis, programDefinitionId?: string | null): Promise<Catalogue> {
  const read = () => readCatalogue(wix);
  return siteCached(wix, CATALOGUE, () =>
    programDefinitionId ? siteCached(wix, CATALOGUE, read, { site: `program:${programDefinitionId}` }) : read(),
  );
}

/** The catalogue when this session keeps it, without reading anything when it does not. */
export const catalogueKeptForSession = (wix: WixApis) => keptNow<Catalogue>(wix, CATALOGUE);

async function readCatalogue(wix: WixApis) {
  const items = await allItems(wix);
  const products = await productsById(
    wix,
    items.map((i) => i.externalId!),
  );
  return { items, products };
}

/** Every benefit item of the program (Stores products in the tiers' item sets). */
export async function allItems(wix: WixApis) {
  const all = [];
  let page = await wix.items
    .queryItems()
    .eq('namespace', NAMESPACE)
    .eq('providerAppId', STORES_APP_ID)
    .limit(100)
    .find();
  for (;;) {
    all.push(...page.items);
    if (!page.hasNext()) return all;
    page = await page.next();
  }
}

/** Stores products by id, their name and image: a call per hundred ids, together (none for no ids). */
export async function productsById(
  wix: WixApis,
  ids: string[],
): Promise<Map<string, { name: string; image: string | null }>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, { name: string; image: string | null }>();
  const pages = [];
  for (let i = 0; i < unique.length; i += 100) pages.push(unique.slice(i, i + 100));
  const answers = await Promise.all(
    pages.map((chunk) => wix.productsV3.queryProducts().in('_id', chunk).limit(100).find()),
  );
  for (const answer of answers) {
    for (const product of answer.items) {
      const image = product.media?.main?.image;
      found.set(product._id!, { name: product.name ?? '', image: typeof image === 'string' ? image : null });
    }
  }
  return found;
}
