/** The Wix methods the app calls, and where the SDK declares each. */

/** A method the app calls, and where the SDK declares it. */
export interface MethodSpec {
  /** The npm package the app imports (`@wix/benefit-programs`). */
  sdk: string;
  /** The module the app uses from it (`pools`). */
  module: string;
  /** The method name (`redeemBenefit`); for a REST route without SDK function, its name in `meta`. */
  method: string;
  /** The package that declares it (`@wix/auto_sdk_benefit-programs_pools`). */
  source: string;
}

const BP = '@wix/benefit-programs';
const bp = (module: string, part: string, methods: string[]): MethodSpec[] =>
  methods.map((method) => ({ sdk: BP, module, method, source: `@wix/auto_sdk_benefit-programs_${part}` }));

/** Every Wix method in `packages/flows/src/wix.ts` (`WixApis`), plus Cancel Redemption, site properties and the Automations events the app reports. */
export const METHODS: MethodSpec[] = [
  ...bp('programDefinitions', 'program-definitions', [
    'createProgramDefinition',
    'getProgramDefinitionByExternalIdAndNamespace',
    'updateProgramDefinition',
  ]),
  ...bp('poolDefinitions', 'pool-definitions', [
    'createPoolDefinition',
    'updatePoolDefinition',
    'findPoolDefinitionsByProgramDefinition',
    'deletePoolDefinition',
  ]),
  ...bp('items', 'items', ['bulkCreateItems', 'bulkDeleteItems', 'queryItems']),
  ...bp('programs', 'programs', [
    'provisionProgram',
    'getProgramByExternalIdAndNamespace',
    'renewProgram',
    'endProgram',
    'pauseProgram',
    'resumeProgram',
    'queryPrograms',
    'getProgram',
  ]),
  ...bp('pools', 'pools', ['queryPools', 'getPool', 'redeemBenefit', 'cancelRedemption']),
  ...bp('balances', 'balances', ['getBalance', 'changeBalance', 'revertBalanceChange', 'queryBalances']),
  ...bp('transactions', 'transactions', ['queryTransactions', 'getTransaction']),
  ...['queryProducts', 'searchProducts'].map((method) => ({
    sdk: '@wix/stores',
    module: 'productsV3',
    method,
    source: '@wix/auto_sdk_stores_products-v-3',
  })),
  {
    sdk: '@wix/stores',
    module: 'catalogVersioning',
    method: 'getCatalogVersion',
    source: '@wix/auto_sdk_stores_catalog-versioning',
  },
  { sdk: '@wix/members', module: 'members', method: 'queryMembers', source: '@wix/auto_sdk_members_members' },
  ...['insert', 'get', 'update', 'query', 'save', 'bulkInsert', 'bulkRemove'].map((method) => ({
    sdk: '@wix/data',
    module: 'items',
    method,
    source: '@wix/wix-data-items-sdk',
  })),
  {
    sdk: '@wix/business-tools',
    module: 'siteProperties',
    method: 'getSiteProperties',
    source: '@wix/auto_sdk_business-tools_site-properties',
  },
  ...['reportEvent', 'cancelEvent'].map((method) => ({
    sdk: '@wix/automations',
    module: 'activations',
    method,
    source: '@wix/auto_sdk_automations_activations',
  })),
];
