import { randomUUID } from 'node:crypto';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { conflict, entityNotFound, invalidArgument, notFound, permissionDenied } from '../../http/errors.ts';
import { type Ctx, isManager, Router, requireCaller, requireManager } from '../../http/router.ts';
import { emitEvent } from '../../platform/events.ts';
import type { Identity } from '../../platform/identity.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { findEntity, insertEntityUnlessConflict, saveEntity } from '../../storage/entities.ts';
import { filterFields } from '../../storage/filter.ts';
import { queryEntities } from '../../storage/query.ts';
import {
  defaultNickname,
  type Fieldset,
  fieldsets,
  isSelf,
  memberCreateInput,
  memberPatchInput,
  newMember,
  normalizeEmail,
  presentMember,
  slugOf,
  updatedMember,
  widest,
} from './member-document.ts';
import { members } from './tables.ts';

const BASE = '/members/v1/members';

/** Fields Query Members filters on (Wix's `MemberQuerySpec`) and sorts by; what visitors and members may filter on. */
const FILTERABLE = new Set([
  'id',
  'loginEmail',
  'status',
  'contactId',
  'contact.firstName',
  'contact.lastName',
  'profile.nickname',
  'profile.slug',
  'privacyStatus',
]);
const SORTABLE = new Set([
  'profile.nickname',
  'contact.firstName',
  'contact.lastName',
  'createdDate',
  'updatedDate',
  'lastLoginDate',
]);
const PUBLIC_FIELDS = new Set(['id', 'contactId', 'profile.nickname', 'profile.slug', 'privacyStatus']);
const SEARCHABLE = [
  'loginEmail',
  'contact.firstName',
  'contact.lastName',
  'profile.title',
  'profile.nickname',
  'profile.slug',
];

const paging = z
  .object({
    limit: z.coerce.number().int('must be a whole number').min(0).max(100, 'must be at most 100').nullish(),
    offset: z.coerce.number().int('must be a whole number').min(0, 'must not be negative').nullish(),
  })
  .nullish();
const sorting = z
  .array(z.object({ fieldName: z.string().min(1, 'is required'), order: z.enum(['ASC', 'DESC']).nullish() }))
  .max(5, 'at most 5 sort fields')
  .nullish();

const queryRequest = z.object({
  query: z.object({ filter: z.record(z.string(), z.unknown()).nullish(), paging, sorting }).nullish(),
  fieldsets,
  search: z
    .object({
      expression: z.string().min(1, 'is required').max(100, 'must be at most 100 characters'),
      fields: z
        .array(z.enum(SEARCHABLE as [string, ...string[]]))
        .max(4)
        .nullish(),
    })
    .nullish(),
});

const memberEvent = (slug: 'created' | 'updated' | 'deleted', entity: Doc) => ({
  eventType: `wix.members.v1.member_${slug}`,
  entityFqdn: 'wix.members.v1.member',
  slug,
  entityId: String(entity.id),
  entity: slug === 'deleted' ? undefined : presentMember(entity, 'FULL'),
  kind: slug,
});

const memberNotFound = (id: string) => entityNotFound('NOT_FOUND', 'member', id);

/** Member writes are serialised so that profile slugs stay unique. */
const lockMembers = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('members.v1.members'))`);

/** A free profile slug: the nickname's, with `-1`, `-2`, ... appended while taken. */
async function freeSlug(tx: Tx, nickname: string): Promise<string> {
  const base = slugOf(nickname);
  const slug = sql`(${members.data} #>> '{profile,slug}')`;
  const rows = await tx
    .select({ slug: sql<string>`${slug}` })
    .from(members)
    .where(sql`(${slug} = ${base} or ${slug} ~ ${`^${base}-[0-9]+$`})`);
  const taken = new Set(rows.map((r) => r.slug));
  let candidate = base;
  for (let n = 1; taken.has(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** Private members are seen only by apps, Wix users and themselves. */
function visibleScope(identity: Identity): SQL | undefined {
  const isPublic = sql`(${members.data} ->> 'privacyStatus') = 'PUBLIC'`;
  if (isManager(identity)) return undefined;
  if (identity.type === 'MEMBER') return sql`(${isPublic} or ${members.id} = ${identity.memberId})`;
  return isPublic;
}

const canSee = (identity: Identity, doc: Doc) =>
  isManager(identity) || isSelf(identity, doc.id) || doc.privacyStatus === 'PUBLIC';

/** What fieldset a caller gets of a member: any for apps, Wix users and the member; PUBLIC of others. */
const fieldsetFor = (identity: Identity, doc: Doc, requested: Fieldset[]): Fieldset =>
  isManager(identity) || isSelf(identity, doc.id) ? widest(requested) : 'PUBLIC';

function assertQueryable(identity: Identity, filter: unknown, sort: Array<{ fieldName: string }>, search: string[]) {
  for (const field of filterFields(filter)) {
    if (!FILTERABLE.has(field)) {
      throw invalidArgument(`query.filter.${field}`, 'is not declared as filterable');
    }
    if (!isManager(identity) && !PUBLIC_FIELDS.has(field)) {
      throw permissionDenied(`filtering members on ${field} needs an app or a Wix user`);
    }
  }
  for (const [i, s] of sort.entries()) {
    if (!SORTABLE.has(s.fieldName)) {
      throw invalidArgument(`query.sorting[${i}].fieldName`, 'is not declared as sortable');
    }
  }
  for (const field of search) {
    if (!isManager(identity) && !field.startsWith('profile.')) {
      throw permissionDenied(`searching members by ${field} needs an app or a Wix user`);
    }
  }
}

/** Free-text search: the expression appears (case-insensitively) in one of the fields. */
function searchScope(expression: string, fields: string[]): SQL {
  const pattern = `%${expression.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`(${sql.join(
    fields.map((f) => sql`(${members.data} #>> ${`{${f.split('.').join(',')}}`}::text[]) ilike ${pattern}`),
    sql` or `,
  )})`;
}

interface MemberQuery {
  filter?: unknown;
  paging?: { limit?: number | null; offset?: number | null } | null;
  sorting?: Array<{ fieldName: string; order?: 'ASC' | 'DESC' | null }> | null;
  search?: { expression: string; fields?: string[] | null } | null;
  fieldsets: Fieldset[];
}

/** Query and List Members: offset paging, `{ members, metadata }`; callers see what `visibleScope` allows. */
async function runQuery(ctx: Ctx, identity: Identity, q: MemberQuery) {
  const sort = (q.sorting ?? []).map((s) => ({ fieldName: s.fieldName, order: s.order ?? 'ASC' }));
  const searchFields = q.search ? (q.search.fields?.length ? q.search.fields : ['profile.nickname']) : [];
  assertQueryable(identity, q.filter, sort, searchFields);
  const scopes = [visibleScope(identity), q.search ? searchScope(q.search.expression, searchFields) : undefined];
  const page = await queryEntities(
    ctx.db,
    members,
    {
      filter: q.filter,
      sort,
      paging: { limit: q.paging?.limit ?? 50, offset: q.paging?.offset ?? 0 },
    },
    and(...scopes.filter((s): s is SQL => !!s)),
  );
  return {
    members: page.docs.map((doc) => presentMember(doc, fieldsetFor(identity, doc, q.fieldsets))),
    metadata: page.offsetMetadata,
  };
}

/** GET input arrives as flat query parameters (`paging.limit=10`): nests them. */
function nested(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const parts = key.split('.');
    let target = out;
    for (const part of parts.slice(0, -1)) {
      if (!target[part] || typeof target[part] !== 'object') target[part] = {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1] as string] = value;
  }
  return out;
}

/** `sorting.fieldName=a&sorting.order=DESC&sorting.fieldName=b` as a list of `{ fieldName, order }`. */
function sortingFromQueryParameters(value: unknown): unknown {
  if (!value || Array.isArray(value) || typeof value !== 'object') return value;
  const { fieldName, order } = value as { fieldName?: unknown; order?: unknown };
  const names = Array.isArray(fieldName) ? fieldName : [fieldName];
  const orders = Array.isArray(order) ? order : [order];
  return names.map((name, i) => ({ fieldName: name, order: orders[i] ?? undefined }));
}

/** Site members (`@wix/members` `members`) at their production paths. */
export function memberRoutes(): Router {
  const r = new Router();

  r.post(BASE, async ({ body, ctx }) => {
    requireManager(ctx, 'createMember');
    const { member: input } = z.object({ member: memberCreateInput }).parse(body);
    const created = await ctx.tx(async (tx) => {
      await lockMembers(tx);
      const loginEmail = normalizeEmail(input.loginEmail);
      const doc = newMember(input, await freeSlug(tx, defaultNickname(input)));
      const inserted = await insertEntityUnlessConflict(tx, members, randomUUID(), doc, ctx.now, { loginEmail });
      if (!inserted) {
        throw conflict('ALREADY_EXISTS', `a member with login email ${loginEmail} already exists`, {
          loginEmail,
        });
      }
      await emitEvent(tx, memberEvent('created', inserted), ctx.now);
      return inserted;
    });
    return { member: presentMember(created, 'FULL') };
  });

  r.get(`${BASE}/my`, async ({ body, ctx }) => {
    const identity = requireCaller(ctx);
    const request = z.object({ fieldsets }).parse(body);
    if (identity.type === 'APP' || identity.type === 'ADMIN') {
      throw permissionDenied('getCurrentMember answers the logged-in member: call it with a member or visitor token');
    }
    if (identity.type === 'VISITOR') {
      throw notFound('NOT_FOUND', 'no member is logged in: the caller is an anonymous visitor');
    }
    const doc = await findEntity(ctx.db, members, identity.memberId);
    if (!doc) throw memberNotFound(identity.memberId);
    return { member: presentMember(doc, widest(request.fieldsets)) };
  });

  r.get(BASE, async ({ body, ctx }) => {
    const identity = requireCaller(ctx);
    const input = nested(body as Record<string, unknown>);
    const request = z
      .object({
        paging,
        fieldsets,
        sorting: z.preprocess(sortingFromQueryParameters, sorting),
      })
      .parse(input);
    return runQuery(ctx, identity, request);
  });

  r.post(`${BASE}/query`, async ({ body, ctx }) => {
    const identity = requireCaller(ctx);
    const request = queryRequest.parse(body);
    return runQuery(ctx, identity, { ...(request.query ?? {}), search: request.search, fieldsets: request.fieldsets });
  });

  r.get(`${BASE}/:id`, async ({ params, body, ctx }) => {
    const identity = requireCaller(ctx);
    const request = z.object({ fieldsets }).parse(body);
    const id = params.id ?? '';
    const doc = await findEntity(ctx.db, members, id);
    if (!doc || !canSee(identity, doc)) throw memberNotFound(id);
    return { member: presentMember(doc, fieldsetFor(identity, doc, request.fieldsets)) };
  });

  r.patch(`${BASE}/:memberId`, async ({ params, body, ctx }) => {
    const identity = requireCaller(ctx);
    const id = params.memberId ?? '';
    if (!isManager(identity) && !isSelf(identity, id)) {
      throw permissionDenied('a member may update only their own member; others need an app or a Wix user');
    }
    const { member: patch } = z.object({ member: memberPatchInput }).parse(body);
    if (patch.id && patch.id !== id) {
      throw invalidArgument('member.id', 'does not match the path');
    }
    const updated = await ctx.tx(async (tx) => {
      await lockMembers(tx);
      const current = await findEntity(tx, members, id, true);
      if (!current) throw memberNotFound(id);
      if (patch.loginEmail && normalizeEmail(patch.loginEmail) !== current.loginEmail) {
        throw invalidArgument('member.loginEmail', 'is immutable');
      }
      const next = updatedMember(current, patch);
      const saved = await saveEntity(tx, members, current, next, ctx.now);
      await emitEvent(tx, memberEvent('updated', saved), ctx.now);
      return saved;
    });
    return { member: presentMember(updated, 'FULL') };
  });

  r.delete(`${BASE}/:id`, async ({ params, ctx }) => {
    requireManager(ctx, 'deleteMember');
    const id = params.id ?? '';
    await ctx.tx(async (tx) => {
      const current = await findEntity(tx, members, id, true);
      if (!current) throw memberNotFound(id);
      await tx.delete(members).where(eq(members.id, id));
      await emitEvent(tx, memberEvent('deleted', current), ctx.now);
    });
    return {};
  });

  return r;
}
