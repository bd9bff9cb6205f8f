import { readFileSync } from 'node:fs';
import ts from 'typescript';
import type { FieldDeclaration } from './sdk-declarations.ts';

/** From the SDK's parameters to the wire request: the payload each function builds, its field names and paths. */

/** SDK names the SDK renames on the wire, at every depth. */
const WIRE_NAMES: Record<string, string> = { _id: 'id', _createdDate: 'createdDate', _updatedDate: 'updatedDate' };

export function findStatement<T extends ts.Statement>(
  file: ts.SourceFile,
  name: string,
  is: (s: ts.Statement) => s is T,
): T | undefined {
  return findStatements(file, name, is)[0];
}

function findStatements<T extends ts.Statement>(
  file: ts.SourceFile,
  name: string,
  is: (s: ts.Statement) => s is T,
): T[] {
  return file.statements.filter((s): s is T => is(s) && (s as unknown as { name?: ts.Identifier }).name?.text === name);
}

/**
 * The declarations of `name` as `file` exports it (following re-exports from other files, as Stores' chunked typings
 * do), else as `file` declares it without exporting it (Cancel Redemption).
 */
export function findDeclarations<T extends ts.Statement>(
  checker: ts.TypeChecker,
  file: ts.SourceFile,
  name: string,
  is: (s: ts.Statement) => s is T,
): T[] {
  const module = checker.getSymbolAtLocation(file);
  const exported = module && checker.getExportsOfModule(module).find((s) => s.name === name);
  if (exported) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = (symbol.declarations ?? []) as ts.Node[] as ts.Statement[];
    const matching = declarations.filter(is);
    if (matching.length > 0) return matching;
  }
  return findStatements(file, name, is);
}

/** The wire name of an SDK field name. */
const wireName = (name: string) => WIRE_NAMES[name] ?? name;

/**
 * Maps SDK parameter paths to wire request paths, from the object literal a function passes to
 * `renameKeysFromSDKRequestToRESTRequest` in `index.js`: `{ poolId, externalId: options?.externalId,
 * program: { ...program, id: _id } }` gives `poolId → poolId`, `options.externalId → externalId`, `program → program`,
 * `_id → program.id`.
 */
export function parameterMapping(implementation: string, method: string): Map<string, string> {
  const file = ts.createSourceFile(
    implementation,
    readFileSync(implementation, 'utf8'),
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.JS,
  );
  const fn = file.statements.find(
    (s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === `${method}2`,
  );
  const mapping = new Map<string, string>();
  if (!fn?.body) return mapping;
  let payload: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node) => {
    if (payload) return;
    if (
      ts.isCallExpression(node) &&
      node.expression.getText(file).includes('renameKeysFromSDKRequestToRESTRequest') &&
      node.arguments[0] &&
      ts.isObjectLiteralExpression(node.arguments[0])
    ) {
      payload = node.arguments[0];
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  const sdkPath = (expression: ts.Expression): string | undefined => {
    if (ts.isIdentifier(expression)) return expression.text;
    if (ts.isPropertyAccessExpression(expression)) {
      const parent = sdkPath(expression.expression);
      return parent === undefined ? undefined : `${parent}.${expression.name.text}`;
    }
    return undefined;
  };
  const walk = (literal: ts.ObjectLiteralExpression, prefix: string) => {
    for (const property of literal.properties) {
      if (ts.isShorthandPropertyAssignment(property)) {
        mapping.set(property.name.text, prefix + property.name.text);
      } else if (ts.isSpreadAssignment(property)) {
        const from = sdkPath(property.expression);
        if (from !== undefined) mapping.set(from, prefix.replace(/\.$/, ''));
      } else if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name)) {
        const to = prefix + property.name.text;
        if (ts.isObjectLiteralExpression(property.initializer)) walk(property.initializer, `${to}.`);
        else {
          const from = sdkPath(property.initializer);
          if (from !== undefined) mapping.set(from, to);
        }
      }
    }
  };
  if (payload) walk(payload, '');
  return mapping;
}

/**
 * Adds the parents the mapping implies: `options.externalId → externalId` implies `options → ''` (the options object is
 * spread over the request), `programDefinition.revision → programDefinition.revision` implies nothing new.
 */
export function withParents(mapping: Map<string, string>): Map<string, string> {
  const result = new Map(mapping);
  for (const [from, to] of mapping) {
    const fromParts = from.split('.');
    const toParts = to === '' ? [] : to.split('.');
    while (fromParts.length > 1 && toParts.length > 0 && fromParts.at(-1) === toParts.at(-1)) {
      fromParts.pop();
      toParts.pop();
      const parent = fromParts.join('.');
      if (!result.has(parent)) result.set(parent, toParts.join('.'));
    }
  }
  return result;
}

/** The wire path of a `@requiredField` tag (`options.itemReference.externalId` → `itemReference.externalId`). */
export function toWirePath(tag: string, mapping: Map<string, string>): string | undefined {
  const parts = tag.split('.');
  for (let n = parts.length; n > 0; n--) {
    const mapped = mapping.get(parts.slice(0, n).join('.'));
    if (mapped === undefined) continue;
    return [mapped, ...parts.slice(n).map(wireName)].filter((p) => p !== '').join('.');
  }
  return undefined;
}

/** The table key of a dotted wire path, with `[]` where a segment is an array (`items.externalId` → `items[].externalId`). */
export function fieldKey(fields: Map<string, FieldDeclaration>, wirePath: string): string | undefined {
  let key = '';
  for (const segment of wirePath.split('.')) {
    const plain = key + segment;
    if (fields.has(plain)) key = `${plain}.`;
    else if (fields.has(`${plain}[]`)) key = `${plain}[].`;
    else return undefined;
  }
  return key.replace(/\.$/, '');
}
