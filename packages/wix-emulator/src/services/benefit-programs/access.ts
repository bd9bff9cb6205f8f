import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { permissionDenied } from '../../http/errors.ts';
import { type Router, requireCaller, requireManager } from '../../http/router.ts';
import type { Identity } from '../../platform/identity.ts';
import type { Doc } from '../../storage/columns.ts';
import { getEntity, saveEntity } from '../../storage/entities.ts';
import { type EntityTable, fieldColumn, queryEntities } from '../../storage/query.ts';
import { queryRequest } from './common.ts';

/**
 * What a caller may see of beneficiary-owned entities (programs, pools, balances, transactions):
 * apps and Wix users see everything; a member sees what is theirs, a visitor what belongs to their visitor id.
 */
export function ownedScope(table: EntityTable, identity: Identity): SQL | undefined {
  switch (identity.type) {
    case 'APP':
    case 'ADMIN':
      return undefined;
    case 'MEMBER': {
      // Pools hold it in an indexed column generated from the same path.
      const column = fieldColumn(table, 'beneficiary.memberId');
      return column
        ? sql`${column} = ${identity.memberId}`
        : sql`${table.data} #>> '{beneficiary,memberId}' = ${identity.memberId}`;
    }
    case 'VISITOR':
      return sql`${table.data} #>> '{beneficiary,anonymousVisitorId}' = ${identity.visitorId ?? ''}`;
  }
}

function isOwner(identity: Identity, doc: Doc): boolean {
  const beneficiary = (doc.beneficiary ?? {}) as Doc;
  switch (identity.type) {
    case 'APP':
    case 'ADMIN':
      return true;
    case 'MEMBER':
      return beneficiary.memberId === identity.memberId;
    case 'VISITOR':
      return !!identity.visitorId && beneficiary.anonymousVisitorId === identity.visitorId;
  }
}

export function assertOwner(identity: Identity, doc: Doc, what: string): void {
  if (!isOwner(identity, doc)) throw permissionDenied(`this ${what} belongs to someone else`);
}

/** The beneficiary a member or visitor stands for (what `beneficiary` defaults to when they call). */
export function callerAsBeneficiary(identity: Identity): Doc | undefined {
  if (identity.type === 'MEMBER') return { memberId: identity.memberId };
  if (identity.type === 'VISITOR' && identity.visitorId) return { anonymousVisitorId: identity.visitorId };
  return undefined;
}

/**
 * Query and Get of a beneficiary-owned entity (`POST {base}/query` answering `{singular}s`, `GET {base}/:{param}`
 * answering `{singular}`): apps and Wix users read every one, a member or visitor their own.
 */
export function ownedReads(
  r: Router,
  base: string,
  table: EntityTable,
  singular: string,
  param: string,
  notFoundCode: string,
  what = singular,
): void {
  r.post(`${base}/query`, async ({ body, ctx }) => {
    const identity = requireCaller(ctx);
    const { query } = queryRequest.parse(body);
    const page = await queryEntities(ctx.db, table, query, ownedScope(table, identity));
    return { [`${singular}s`]: page.docs, metadata: page.cursorMetadata };
  });

  r.get(`${base}/:${param}`, async ({ params, ctx }) => {
    const identity = requireCaller(ctx);
    const doc = await getEntity(ctx.db, table, params[param] ?? '', notFoundCode, what);
    assertOwner(identity, doc, singular);
    return { [singular]: doc };
  });
}

/** Update Pool and Update Program (`PATCH {base}/:{param}`): `displayName` and `extendedFields`, at the caller's `revision`. */
export function ownedUpdate(
  r: Router,
  base: string,
  table: EntityTable,
  names: { method: string; singular: string; param: string; notFoundCode: string; displayName: z.ZodType },
): void {
  const fields = z.object({
    revision: z.string().min(1, 'is required'),
    displayName: names.displayName,
    extendedFields: z.record(z.string(), z.unknown()).nullish(),
  });
  r.patch(`${base}/:${names.param}`, async ({ params, body, ctx }) => {
    requireManager(ctx, names.method);
    const patch = z.object({ [names.singular]: fields }).parse(body)[names.singular] as z.infer<typeof fields>;
    return ctx.tx(async (tx) => {
      const id = params[names.param] ?? '';
      const current = await getEntity(tx, table, id, names.notFoundCode, names.singular, true);
      const { revision, ...changes } = patch;
      return { [names.singular]: await saveEntity(tx, table, current, { ...current, ...changes }, ctx.now, revision) };
    });
  });
}
