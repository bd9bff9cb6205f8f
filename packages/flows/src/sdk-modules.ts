import { appInstances } from '@wix/app-management';
import { activations } from '@wix/automations';
import {
  balances,
  items,
  poolDefinitions,
  pools,
  programDefinitions,
  programs,
  transactions,
} from '@wix/benefit-programs';
import { items as data, collections as dataCollections } from '@wix/data';
import { members } from '@wix/members';
import { catalogVersioning, productsV3 } from '@wix/stores';

/**
 * The Wix SDK modules the flows call, listed once: the app elevates them (`apps/gym-rewards/src/backend/wix-apis.ts`),
 * the tests and the bench bind them to the emulator (`testing/wix.ts`), and `WixApis` (`wix.ts`) picks from them the
 * methods the flows use. Not exported by the package's index, so the pages' and widget's bundles leave the modules out.
 */
export const SDK_MODULES = {
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
  dataCollections,
  appInstances,
  activations,
};

export type SdkModules = typeof SDK_MODULES;
