/**
 * Generates `src/contract/sdk-declarations.json`: what the installed Wix SDK packages declare for every Wix method the
 * app calls (HTTP verb and path, request fields with their JSDoc constraints, declared application error codes).
 *
 * It reads the packages with the TypeScript compiler API: the wire request type of each method is the
 * `__originalRequestType` of its `meta.d.ts` declaration, the required fields are the request properties that are not
 * optional plus the function's `@requiredField` tags (mapped from the SDK's parameters to the wire request through the
 * payload the function builds in `index.js`), the error codes are the `code`s of the function's
 * `__applicationErrorsType` (or of the `<Method>ApplicationErrors` type when there is no function). The verb and path
 * come from running `meta.<method>().getUrl(...)`.
 *
 * Usage: `npm run sdk:declarations -w @gym-rewards/wix-emulator` (writes the file), or import `generateSdkDeclarations()`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { METHODS, type MethodSpec } from './sdk-methods.ts';
import { errorCodes, jsDocTags, Walker } from './sdk-typings.ts';
import { fieldKey, findDeclarations, findStatement, parameterMapping, toWirePath, withParents } from './sdk-wire.ts';

/** Constraints of one request field, as the typings declare them. */
export interface FieldDeclaration {
  required: boolean;
  format?: string;
  maxLength?: number;
  minLength?: number;
  maxSize?: number;
  minSize?: number;
  /** `@min` / `@max`: bounds of a number. */
  min?: number;
  max?: number;
  /** `@decimalValue`: a decimal string, with the tag's options as written (`options { maxScale:4 }`). */
  decimalValue?: string;
  readonly?: true;
  immutable?: true;
  deprecated?: true;
}

export interface MethodDeclaration {
  sdk: string;
  module: string;
  method: string;
  /** Declaring package and version, e.g. `@wix/auto_sdk_benefit-programs_pools@1.0.80`. */
  source: string;
  /** `true` when the package declares no SDK function for it (only a REST route in `meta`). */
  restOnly?: true;
  httpMethod: string;
  /** Production path on `www.wixapis.com`, path parameters as `:name`. */
  path: string;
  pathParams: string[];
  /** Dotted wire field paths (`transactionDetails.item.externalId`, arrays as `items[]`), sorted. */
  request: Record<string, FieldDeclaration>;
  /** Required one-of groups: a dotted group path (`operation`) and the fields of which one must be given. */
  requiredOneOf?: Record<string, string[]>;
  /** `@requiredField` tags that name no field of the wire request. */
  unresolvedRequiredFields?: string[];
  /** Declared application error codes, sorted. */
  applicationErrors: string[];
}

export interface SdkDeclarations {
  generatedBy: string;
  methods: MethodDeclaration[];
}

const HOST = { host: 'www.wixapis.com' };
/** `@wix/data`'s `query` has no `meta` entry: its route is the API client's `queryDataItems`. */
const DATA_CLIENT_ROUTES: Record<string, string> = { query: 'queryDataItemsRequestOptions' };
/** The data client's request types for methods that have no `meta` entry. */
const DATA_CLIENT_TYPES: Record<string, string> = { query: 'QueryDataItemsRequest' };

const here = dirname(fileURLToPath(import.meta.url));
export const OUTPUT_FILE = resolve(here, '../src/contract/sdk-declarations.json');
const require = createRequire(import.meta.url);

/** The files of an SDK package the generator reads. */
interface PackageFiles {
  dir: string;
  version: string;
  /** Where the method metadata types are declared (`meta.d.ts`). */
  metaTypes: string;
  /** Where the functions are declared (`index.typings.d.ts`). */
  functionTypes: string;
  /** The implementation, to map SDK parameters to the wire request. */
  implementation?: string;
}

/** Older packages (`@wix/automations`' activations) declare nothing in the file but `export * from './src/….js'`. */
function reexported(file: string): string {
  const only = /^export \* from '(\.\/[^']+)\.js';\s*$/.exec(readFileSync(file, 'utf8'));
  return only ? join(dirname(file), `${only[1]}.d.ts`) : file;
}

function packageFiles(source: string): PackageFiles {
  const dir = dirname(require.resolve(`${source}/package.json`));
  const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  if (source === '@wix/wix-data-items-sdk') {
    return {
      dir,
      version,
      metaTypes: join(dir, 'build/cjs/src/data-v2-data-item-items.meta.d.ts'),
      functionTypes: join(dir, 'build/cjs/src/data-v2-data-item-items.universal.d.ts'),
    };
  }
  return {
    dir,
    version,
    metaTypes: reexported(join(dir, 'build/cjs/meta.d.ts')),
    functionTypes: reexported(join(dir, 'build/cjs/index.typings.d.ts')),
    implementation: join(dir, 'build/cjs/index.js'),
  };
}

type MetaInfo = { getUrl(context: unknown): string; httpMethod: string };

/** The HTTP verb and production path of a method, from running its package's `meta`. */
function route(spec: MethodSpec, files: PackageFiles): { httpMethod: string; path: string } {
  if (spec.source === '@wix/wix-data-items-sdk' && DATA_CLIENT_ROUTES[spec.method]) {
    const api = require(join(files.dir, 'build/cjs/src/data-items-api-client.js')) as Record<string, unknown> & {
      reqOptions(params: unknown, payload: unknown): (context: unknown) => { url: string; method: string };
    };
    const options = api.reqOptions(api[DATA_CLIENT_ROUTES[spec.method]!], {})(HOST);
    return { httpMethod: options.method, path: options.url };
  }
  const meta = require(join(files.dir, 'build/cjs/meta.js')) as Record<string, () => MetaInfo>;
  const info = meta[spec.method]?.();
  if (!info) throw new Error(`${spec.source} meta has no ${spec.method}`);
  return { httpMethod: info.httpMethod, path: info.getUrl(HOST) };
}

/** The order of a field declaration's keys in the table. */
const FIELD_KEYS: (keyof FieldDeclaration)[] = [
  'required',
  'format',
  'minLength',
  'maxLength',
  'minSize',
  'maxSize',
  'min',
  'max',
  'decimalValue',
  'readonly',
  'immutable',
  'deprecated',
];

function canonicalField(field: FieldDeclaration): FieldDeclaration {
  return Object.fromEntries(
    FIELD_KEYS.filter((k) => field[k] !== undefined).map((k) => [k, field[k]]),
  ) as unknown as FieldDeclaration;
}

function sortObject<T>(record: Map<string, T> | Record<string, T>): Record<string, T> {
  const entries = record instanceof Map ? [...record.entries()] : Object.entries(record);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Reads the installed packages and answers the table (sorted by SDK, module and method). */
export function generateSdkDeclarations(): SdkDeclarations {
  const files = new Map(METHODS.map((spec) => [spec.source, packageFiles(spec.source)]));
  const dataClient = join(files.get('@wix/wix-data-items-sdk')!.dir, 'build/cjs/src/data-items-api-client.d.ts');
  const roots = [...new Set([...files.values()].flatMap((f) => [f.metaTypes, f.functionTypes])), dataClient];
  const program = ts.createProgram(roots, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
  });
  const checker = program.getTypeChecker();
  const sourceFile = (path: string) => {
    const file = program.getSourceFile(path);
    if (!file) throw new Error(`TypeScript could not read ${path}`);
    return file;
  };

  const methods = METHODS.map((spec): MethodDeclaration => {
    const pkg = files.get(spec.source)!;
    const { httpMethod, path } = route(spec, pkg);
    const metaFile = sourceFile(pkg.metaTypes);
    const functionFile = sourceFile(pkg.functionTypes);

    // The wire request type: `meta.<method>()`'s `__originalRequestType`, or the data client's request type.
    let requestType: ts.Type;
    const metaFunction = findStatement(metaFile, spec.method, ts.isFunctionDeclaration);
    const metaReturn = metaFunction?.type;
    if (metaReturn && ts.isTypeReferenceNode(metaReturn) && metaReturn.typeArguments?.[3]) {
      requestType = checker.getTypeFromTypeNode(metaReturn.typeArguments[3]);
    } else if (DATA_CLIENT_TYPES[spec.method]) {
      const client = checker.getSymbolAtLocation(sourceFile(dataClient));
      const symbol =
        client && checker.getExportsOfModule(client).find((s) => s.name === DATA_CLIENT_TYPES[spec.method]);
      if (!symbol) throw new Error(`${dataClient} exports no ${DATA_CLIENT_TYPES[spec.method]}`);
      requestType = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(symbol));
    } else {
      throw new Error(`${pkg.metaTypes} declares no ${spec.method}()`);
    }

    const walker = new Walker(checker);
    walker.walk(requestType, '', 0, []);

    // `@requiredField` tags of the SDK function, mapped onto the wire request.
    const declared = findDeclarations(checker, functionFile, spec.method, ts.isFunctionDeclaration);
    const mapping = withParents(
      pkg.implementation ? parameterMapping(pkg.implementation, spec.method) : new Map<string, string>(),
    );
    const requiredOneOf = new Map<string, string[]>();
    const unresolved: string[] = [];
    const requiredTags = new Set(
      declared.flatMap((fn) =>
        jsDocTags(fn)
          .filter((t) => t.name === 'requiredField')
          .map((t) => t.value.replace(/\.+$/, '')),
      ),
    );
    for (const tag of requiredTags) {
      const wire = toWirePath(tag, mapping) ?? (walker.fields.has(tag) ? tag : undefined);
      if (wire === '') continue; // the options object, spread over the request
      const key = wire === undefined ? undefined : fieldKey(walker.fields, wire);
      if (key !== undefined) {
        walker.fields.get(key)!.required = true;
        continue;
      }
      // A one-of group: `options.operation` → `operation`, one of `adjustOptions`, `setOptions`.
      const cut = wire?.lastIndexOf('.') ?? -1;
      const parent = wire === undefined || cut < 0 ? '' : fieldKey(walker.fields, wire.slice(0, cut));
      const members =
        wire === undefined || parent === undefined ? undefined : walker.oneOfs.get(parent)?.get(wire.slice(cut + 1));
      if (wire !== undefined && parent !== undefined && members) {
        requiredOneOf.set(parent === '' ? wire.slice(cut + 1) : `${parent}.${wire.slice(cut + 1)}`, members);
      } else unresolved.push(tag);
    }

    // Declared application errors: the function's `__applicationErrorsType`, else `<Method>ApplicationErrors`.
    let errorsType: ts.Type | undefined;
    for (const fn of declared) {
      const signature = checker.getSignatureFromDeclaration(fn);
      const awaited = signature && checker.getAwaitedType(checker.getReturnTypeOfSignature(signature));
      const property = awaited?.getProperty('__applicationErrorsType');
      if (property?.valueDeclaration) {
        errorsType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, property.valueDeclaration));
      }
    }
    if (!errorsType) {
      const aliasName = `${spec.method.charAt(0).toUpperCase()}${spec.method.slice(1)}ApplicationErrors`;
      const alias = findDeclarations(checker, functionFile, aliasName, ts.isTypeAliasDeclaration)[0];
      if (alias) errorsType = checker.getTypeAtLocation(alias.name);
    }

    const entry: MethodDeclaration = {
      sdk: spec.sdk,
      module: spec.module,
      method: spec.method,
      source: `${spec.source}@${pkg.version}`,
      httpMethod,
      path,
      pathParams: [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!),
      request: sortObject(new Map([...walker.fields].map(([k, v]) => [k, canonicalField(v)]))),
      applicationErrors: errorsType ? errorCodes(checker, errorsType) : [],
    };
    if (declared.length === 0) entry.restOnly = true;
    if (requiredOneOf.size > 0) entry.requiredOneOf = sortObject(requiredOneOf);
    if (unresolved.length > 0) entry.unresolvedRequiredFields = unresolved.sort();
    return entry;
  });

  const order = (m: MethodDeclaration) => `${m.sdk} ${m.module} ${m.method}`;
  methods.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { generatedBy: 'packages/wix-emulator/scripts/sdk-declarations.ts', methods };
}

/**
 * Writes the table, formatted by the repository's Biome (which puts short arrays on one line), so that regenerating
 * an unchanged table changes nothing and `biome check` passes.
 */
function writeSdkDeclarations(declarations: SdkDeclarations, file = OUTPUT_FILE): void {
  writeFileSync(file, `${JSON.stringify(declarations, null, 2)}\n`);
  execFileSync(process.execPath, [require.resolve('@biomejs/biome/bin/biome'), 'format', '--write', file], {
    stdio: 'ignore',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const declarations = generateSdkDeclarations();
  writeSdkDeclarations(declarations);
  const fields = declarations.methods.reduce((n, m) => n + Object.keys(m.request).length, 0);
  console.log(`wrote ${OUTPUT_FILE}: ${declarations.methods.length} methods, ${fields} request fields`);
}
