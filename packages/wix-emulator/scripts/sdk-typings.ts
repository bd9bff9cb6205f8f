import ts from 'typescript';
import type { FieldDeclaration } from './sdk-declarations.ts';

/** Reading the SDK's typings: JSDoc tags, the fields of a request type, the codes of an error type. */

/** How deep request types are walked (the request itself is depth 0). */
const MAX_DEPTH = 6;

export function jsDocTags(node: ts.Node): { name: string; value: string }[] {
  return ts.getJSDocTags(node).map((tag) => ({
    name: tag.tagName.text,
    value: (ts.getTextOfJSDocComment(tag.comment) ?? '').replace(/^:\s*/, '').trim(),
  }));
}

export class Walker {
  readonly fields = new Map<string, FieldDeclaration>();
  /** Dotted path of each object (`''` for the request) → its one-of groups (group name → member fields). */
  readonly oneOfs = new Map<string, Map<string, string[]>>();

  constructor(private readonly checker: ts.TypeChecker) {}

  walk(type: ts.Type, prefix: string, depth: number, stack: ts.Type[]): void {
    if (depth > MAX_DEPTH || stack.includes(type)) return;
    this.recordOneOfs(type, prefix);
    const properties = [...this.checker.getPropertiesOfType(type)].sort((a, b) => a.name.localeCompare(b.name));
    for (const property of properties) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      if (!declaration) continue;
      const tags = jsDocTags(declaration);
      if (tags.some((t) => t.name === 'internal')) continue;
      const path = prefix + property.name;
      const field: FieldDeclaration = { required: (property.flags & ts.SymbolFlags.Optional) === 0 };
      for (const { name, value } of tags) {
        if (name === 'format') field.format = value;
        else if (name === 'decimalValue') field.decimalValue = value;
        else if (
          name === 'maxLength' ||
          name === 'minLength' ||
          name === 'maxSize' ||
          name === 'minSize' ||
          name === 'min' ||
          name === 'max'
        ) {
          const n = Number(value);
          if (Number.isFinite(n)) field[name] = n;
        } else if (name === 'readonly') field.readonly = true;
        else if (name === 'immutable') field.immutable = true;
        else if (name === 'deprecated') field.deprecated = true;
      }
      let propertyType = this.checker.getNonNullableType(this.checker.getTypeOfSymbolAtLocation(property, declaration));
      let key = path;
      if (this.checker.isArrayType(propertyType)) {
        propertyType = this.checker.getNonNullableType(
          this.checker.getTypeArguments(propertyType as ts.TypeReference)[0] ?? propertyType,
        );
        key = `${path}[]`;
      }
      this.fields.set(key, field);
      if (this.isWalkable(propertyType)) this.walk(propertyType, `${key}.`, depth + 1, [...stack, type]);
    }
  }

  /** Plain object types with named properties: not primitives, dates, functions or `Record<string, any>`. */
  private isWalkable(type: ts.Type): boolean {
    if (!(type.flags & ts.TypeFlags.Object)) return false;
    if (type.getCallSignatures().length > 0) return false;
    const name = type.getSymbol()?.name;
    if (name === 'Date') return false;
    return this.checker.getPropertiesOfType(type).length > 0;
  }

  /** `interface X extends XOperationOneOf` with `/** @oneof *\/ interface XOperationOneOf { a?; b? }`: group `operation`. */
  private recordOneOfs(type: ts.Type, prefix: string): void {
    for (const declaration of type.getSymbol()?.declarations ?? []) {
      if (!ts.isInterfaceDeclaration(declaration)) continue;
      for (const clause of declaration.heritageClauses ?? []) {
        for (const base of clause.types) {
          const baseType = this.checker.getTypeAtLocation(base);
          const baseDeclaration = baseType.getSymbol()?.declarations?.[0];
          const baseName = baseType.getSymbol()?.name ?? '';
          if (!baseDeclaration || !jsDocTags(baseDeclaration).some((t) => t.name === 'oneof')) continue;
          const own = declaration.name.text;
          const group = baseName.startsWith(own) ? baseName.slice(own.length).replace(/OneOf$/, '') : baseName;
          const name = group.charAt(0).toLowerCase() + group.slice(1);
          const members = this.checker
            .getPropertiesOfType(baseType)
            .map((p) => p.name)
            .sort();
          const at = prefix.replace(/\.$/, '');
          const groups = this.oneOfs.get(at) ?? new Map<string, string[]>();
          groups.set(name, members);
          this.oneOfs.set(at, groups);
        }
      }
    }
  }
}

/** The `code`s of a union of `{ code?: 'X'; ... }`. */
export function errorCodes(checker: ts.TypeChecker, type: ts.Type): string[] {
  const codes = new Set<string>();
  const members = type.isUnion() ? type.types : [type];
  for (const member of members) {
    const code = member.getProperty('code');
    if (!code?.valueDeclaration) continue;
    const codeType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(code, code.valueDeclaration));
    for (const literal of codeType.isUnion() ? codeType.types : [codeType]) {
      if (literal.isStringLiteral()) codes.add(literal.value);
    }
  }
  return [...codes].sort();
}
