import { randomUUID } from 'node:crypto';
import { isNotNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { conflict, entityNotFound, invalidArgument } from '../../http/errors.ts';
import { queryable, sortField } from '../../http/query-rules.ts';
import { type Ctx, Router, requireManager } from '../../http/router.ts';
import { emitEvent } from '../../platform/events.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { findEntity, insertEntityUnlessConflict, saveEntity } from '../../storage/entities.ts';
import { queryEntities } from '../../storage/query.ts';
import { members } from '../members/tables.ts';
import { contactDocument, contactInfoInput, memberContactDocument, presentContact } from './contact-document.ts';
import { type Contact, contacts } from './tables.ts';

const BASE = '/contacts/v4/contacts';
/** Contacts v4 pages by offset, up to 1000 a page (Wix's Query Contacts). */
const MAX_PAGE = 1000;
const RULES = {
  filterable: new Set([
    'id',
    'createdDate',
    'updatedDate',
    'lastActivity.activityDate',
    'primaryInfo.email',
    'primaryInfo.phone',
    'info.name.first',
    'info.name.last',
    'info.company',
    'info.jobTitle',
    'info.birthdate',
    'info.locale',
    'info.labelKeys',
    'source.sourceType',
  ]),
  sortable: new Set([
    'createdDate',
    'updatedDate',
    'lastActivity.activityDate',
    'info.name.first',
    'info.name.last',
    'primaryInfo.email',
  ]),
};

const queryRequest = z.object({
  query: z
    .object({
      filter: z.record(z.string(), z.unknown()).nullish(),
      sort: z.array(sortField).max(1, 'Contacts sort by one field').nullish(),
      paging: z
        .object({
          limit: z.number().int('must be a whole number').min(0).max(MAX_PAGE, `must be at most ${MAX_PAGE}`).nullish(),
          offset: z.number().int('must be a whole number').min(0, 'must not be negative').nullish(),
        })
        .nullish(),
      fieldsets: z.array(z.string()).nullish(),
    })
    .nullish(),
  /** Free text matched against name, email and phone (reading: case-insensitive containment). */
  search: z.string().max(100, 'must be at most 100 characters').nullish(),
});

const contactEvent = (slug: 'created' | 'updated', entity: Doc) => ({
  eventType: `wix.contacts.v4.contact_${slug}`,
  entityFqdn: 'wix.contacts.v4.contact',
  slug,
  entityId: String(entity.id),
  entity: presentContact(entity),
  kind: slug,
});

/**
 * Every site member is also a contact (its id is the member's `contactId`): members without one get it, members
 * changed since their contact was copied update it. Run before every Contacts request, in its transaction.
 */
export async function syncMemberContacts(tx: Tx, now: Date): Promise<void> {
  const memberRows = await tx.select({ id: members.id, data: members.data }).from(members);
  if (memberRows.length === 0) return;
  const linked = await tx
    .select({ memberId: contacts.memberId, updated: contacts.memberUpdatedDate, id: contacts.id })
    .from(contacts)
    .where(isNotNull(contacts.memberId));
  const seen = new Map(linked.map((l) => [l.memberId, l]));
  for (const { id, data: member } of memberRows) {
    const contactId = String(member.contactId ?? '');
    if (!contactId) continue;
    const link = seen.get(id);
    if (link && link.updated === member.updatedDate) continue;
    const doc = memberContactDocument(member, now);
    const extra = { memberId: id, memberUpdatedDate: String(member.updatedDate) };
    if (!link) {
      const inserted = await insertEntityUnlessConflict(tx, contacts, contactId, doc, now, extra);
      if (inserted) await emitEvent(tx, contactEvent('created', inserted), now);
      continue;
    }
    const current = await findEntity(tx, contacts, link.id, true);
    if (!current) continue;
    const saved = await saveEntity(
      tx,
      contacts,
      current,
      { ...current, ...doc, source: current.source },
      now,
      undefined,
      extra,
    );
    await emitEvent(tx, contactEvent('updated', saved), now);
  }
}

/** The contact with this id (members' contacts included), or undefined. */
export async function findContact(tx: Tx, now: Date, id: string): Promise<Contact | undefined> {
  await syncMemberContacts(tx, now);
  return findEntity(tx, contacts, id);
}

function searchScope(text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const fields = ['{info,name,first}', '{info,name,last}', '{primaryInfo,email}', '{primaryInfo,phone}'];
  return sql`(${sql.join(
    fields.map((f) => sql`(${contacts.data} #>> ${f}::text[]) ilike ${pattern}`),
    sql` or `,
  )} or ((${contacts.data} #>> '{info,name,first}') || ' ' || (${contacts.data} #>> '{info,name,last}')) ilike ${pattern})`;
}

/** Query Contacts: offset paging up to 1000 a page, `{ contacts, pagingMetadata: { count, offset, total } }`. */
async function queryContacts(ctx: Ctx, body: unknown) {
  const request = queryRequest.parse(body);
  const q = request.query ?? {};
  const sort = queryable(q, 'query', RULES);
  const limit = q.paging?.limit ?? 50;
  const offset = q.paging?.offset ?? 0;
  const scope = request.search ? searchScope(request.search) : undefined;
  return ctx.tx(async (tx) => {
    await syncMemberContacts(tx, ctx.now);
    const docs: Doc[] = [];
    let total = 0;
    // The shared query runner pages by at most 100: a page of up to 1000 is read in slices.
    do {
      const slice = Math.min(100, limit - docs.length);
      const page = await queryEntities(
        tx,
        contacts,
        { filter: q.filter, sort, paging: { limit: slice, offset: offset + docs.length } },
        scope,
      );
      total = page.offsetMetadata.total;
      docs.push(...page.docs);
      if (page.docs.length < slice) break;
    } while (docs.length < limit);
    return {
      contacts: docs.map(presentContact),
      pagingMetadata: { count: docs.length, offset, total, tooManyToCount: false },
    };
  });
}

/** Contacts v4 (`POST /contacts/v4/contacts/query`, get, create) at Wix's paths; apps and Wix users only. */
export function contactRoutes(): Router {
  const r = new Router();

  r.post(`${BASE}/query`, async ({ body, ctx }) => {
    requireManager(ctx, 'queryContacts');
    return queryContacts(ctx, body);
  });

  r.get(`${BASE}/:contactId`, async ({ params, ctx }) => {
    requireManager(ctx, 'getContact');
    const id = params.contactId ?? '';
    const doc = await ctx.tx((tx) => findContact(tx, ctx.now, id));
    if (!doc) throw entityNotFound('NOT_FOUND', 'contact', id);
    return { contact: presentContact(doc) };
  });

  r.post(BASE, async ({ body, ctx }) => {
    const caller = requireManager(ctx, 'createContact');
    const request = z.object({ info: contactInfoInput, allowDuplicates: z.boolean().nullish() }).parse(body);
    if (
      !request.info.name?.first &&
      !request.info.name?.last &&
      !request.info.emails?.items.length &&
      !request.info.phones?.items.length
    ) {
      throw invalidArgument('info', 'must have a name, an email or a phone');
    }
    return ctx.tx(async (tx) => {
      await syncMemberContacts(tx, ctx.now);
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('contacts.v4.contacts'))`);
      const source = caller.type === 'APP' ? { sourceType: 'APP', appId: caller.appId } : { sourceType: 'ADMIN' };
      const doc = contactDocument(request.info, source, ctx.now);
      const email = doc.primaryInfo?.email;
      if (email && !request.allowDuplicates) {
        const [duplicate] = await tx
          .select({ id: contacts.id })
          .from(contacts)
          .where(sql`(${contacts.data} #>> '{primaryInfo,email}') = ${email}`);
        if (duplicate) {
          throw conflict('DUPLICATE_CONTACT_EXISTS', `a contact with email ${email} exists`, {
            duplicateContactId: duplicate.id,
            duplicateEmail: email,
          });
        }
      }
      const created = await insertEntityUnlessConflict(tx, contacts, randomUUID(), doc, ctx.now);
      if (!created) throw new Error('contact id collision');
      await emitEvent(tx, contactEvent('created', created), ctx.now);
      return { contact: presentContact(created) };
    });
  });

  return r;
}
