import type { Identity } from '@gym-rewards/wix-emulator';
import { type TestEmulator, tokenAuth } from '@gym-rewards/wix-emulator/testing';
import {
  balances,
  items,
  poolDefinitions,
  pools,
  programDefinitions,
  programs,
  transactions,
} from '@wix/benefit-programs';
import { items as data } from '@wix/data';
import { members } from '@wix/members';
import { createClient } from '@wix/sdk';
import { catalogVersioning, productsV3 } from '@wix/stores';
import type { WixApis } from '../wix.ts';

/**
 * The Wix APIs the flows take, as real SDK modules bound to the emulator, calling as `identity` (an app by default:
 * on Wix the flows run in backend code elevated to the app's identity).
 */
export async function emulatedWix(
  emu: TestEmulator,
  identity: Identity = { type: 'APP', appId: 'gym-rewards' },
  options: { fetch?: typeof fetch } = {},
) {
  const modules = {
    programDefinitions,
    poolDefinitions,
    items,
    programs,
    pools,
    balances,
    transactions,
    productsV3,
    catalogVersioning,
    members,
    data,
  };
  const client = options.fetch
    ? createClient({ modules, auth: tokenAuth(await emu.token(identity)), fetch: options.fetch })
    : await emu.client(identity, modules);
  let timeZone = 'UTC';
  const wix: WixApis = {
    programDefinitions: client.programDefinitions,
    poolDefinitions: client.poolDefinitions,
    items: client.items,
    programs: client.programs,
    pools: client.pools,
    balances: client.balances,
    transactions: client.transactions,
    productsV3: client.productsV3,
    catalogVersioning: client.catalogVersioning,
    data: client.data,
    members: client.members,
    fetchWithAuth: (url, init) => client.fetchWithAuth(url, init),
    siteTimeZone: async () => timeZone,
  };
  return {
    wix,
    client,
    setTimeZone(zone: string) {
      timeZone = zone;
    },
  };
}

/** Creates Stores products through the SDK, as the site owner would; answers their ids by name. */
export async function createProducts(
  emu: TestEmulator,
  products: Array<{ name: string; price: string; image?: string }>,
) {
  const owner = await emu.client({ type: 'ADMIN' }, { productsV3 });
  const ids: Record<string, string> = {};
  for (const product of products) {
    const created = await owner.productsV3.createProduct({
      name: product.name,
      productType: 'PHYSICAL',
      physicalProperties: {},
      variantsInfo: { variants: [{ price: { actualPrice: { amount: product.price } } }] },
      ...(product.image ? { media: { itemsInfo: { items: [{ url: product.image }] } } } : {}),
    } as never);
    ids[product.name] = created._id!;
  }
  return ids;
}
