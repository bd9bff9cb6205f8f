import { members } from '@wix/members';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../platform/identity.ts';
import { ADMIN, APP, memberCaller } from '../../testing/callers.ts';
import { startTestEmulator, type TestEmulator } from '../../testing/index.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

const MEMBER = memberCaller('6a2f0c1e-0000-4000-8000-000000000001');
const BASE = '/contacts/v4/contacts';

const create = (first: string, email?: string, identity: Identity = APP) =>
  emu.call(identity, 'POST', BASE, {
    info: { name: { first, last: 'Tester' }, ...(email ? { emails: { items: [{ email }] } } : {}) },
  });

describe('Contacts v4', () => {
  it('creates a contact, gets it, and refuses a second contact with the same email', async () => {
    const created = await create('Ada', 'ada@example.com');
    expect(created.status).toBe(200);
    expect(created.body.contact).toMatchObject({
      revision: 1,
      primaryInfo: { email: 'ada@example.com' },
      info: {
        name: { first: 'Ada', last: 'Tester' },
        emails: { items: [{ email: 'ada@example.com', primary: true }] },
      },
      source: { sourceType: 'APP', appId: 'gym-rewards' },
    });
    const id = created.body.contact.id;
    expect((await emu.call(ADMIN, 'GET', `${BASE}/${id}`)).body.contact.id).toBe(id);
    const again = await create('Ada', 'ADA@example.com');
    expect(again.status).toBe(409);
    expect(again.body.details.applicationError).toMatchObject({
      code: 'DUPLICATE_CONTACT_EXISTS',
      data: { duplicateContactId: id, duplicateEmail: 'ada@example.com' },
    });
    const missing = await emu.call(APP, 'GET', `${BASE}/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.body.details.applicationError.code).toBe('NOT_FOUND');
  });

  it('refuses bad input naming the field, and members and visitors', async () => {
    const bad = await emu.call(APP, 'POST', BASE, { info: { emails: { items: [{ email: 'nope' }] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.applicationError.data.field).toBe('info.emails.items.0.email');
    const empty = await emu.call(APP, 'POST', BASE, { info: {} });
    expect(empty.body.details.applicationError.data.field).toBe('info');
    expect((await create('Mallory', undefined, MEMBER)).status).toBe(403);
    expect((await emu.call({ type: 'VISITOR' }, 'POST', `${BASE}/query`, {})).status).toBe(403);
  });

  it('makes every site member a contact with the member’s contactId, and follows the member’s changes', async () => {
    const app = await emu.client(APP, { members });
    const member = await app.members.createMember({
      member: { loginEmail: 'kim@example.com', contact: { firstName: 'Kim', lastName: 'Lee' } },
    });
    const got = await emu.call(APP, 'GET', `${BASE}/${member.contactId}`);
    expect(got.body.contact).toMatchObject({
      id: member.contactId,
      source: { sourceType: 'WIX_SITE_MEMBERS' },
      primaryInfo: { email: 'kim@example.com' },
      info: { name: { first: 'Kim', last: 'Lee' } },
    });
    await app.members.updateMember(member._id!, { contact: { firstName: 'Kimberly' } });
    const after = await emu.call(APP, 'GET', `${BASE}/${member.contactId}`);
    expect(after.body.contact.info.name.first).toBe('Kimberly');
    expect(after.body.contact.revision).toBe(2);
  });

  it('queries with filter, sort, search and offset paging up to 1000 a page', async () => {
    for (let i = 0; i < 120; i++) {
      expect((await create(`Bulk${String(i).padStart(3, '0')}`, `bulk${i}@example.com`)).status).toBe(200);
    }
    const query = (body: unknown) => emu.call(APP, 'POST', `${BASE}/query`, body);
    const all = await query({
      query: { filter: { 'info.name.first': { $startsWith: 'Bulk' } }, paging: { limit: 1000 } },
    });
    expect(all.body.contacts).toHaveLength(120);
    expect(all.body.pagingMetadata).toMatchObject({ count: 120, offset: 0, total: 120 });
    const page = await query({
      query: {
        filter: { 'info.name.first': { $startsWith: 'Bulk' } },
        sort: [{ fieldName: 'info.name.first', order: 'DESC' }],
        paging: { limit: 10, offset: 5 },
      },
    });
    expect(page.body.contacts.map((c: any) => c.info.name.first)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Bulk${String(114 - i).padStart(3, '0')}`),
    );
    expect(page.body.pagingMetadata).toMatchObject({ count: 10, offset: 5, total: 120 });
    const searched = await query({ search: 'bulk7@' });
    expect(searched.body.contacts.map((c: any) => c.primaryInfo.email)).toEqual(['bulk7@example.com']);
    const tooMany = await query({ query: { paging: { limit: 1001 } } });
    expect(tooMany.body.details.applicationError.data.field).toBe('query.paging.limit');
    const twoSorts = await query({ query: { sort: [{ fieldName: 'createdDate' }, { fieldName: 'updatedDate' }] } });
    expect(twoSorts.body.details.applicationError.data.field).toBe('query.sort');
    const unknown = await query({ query: { filter: { secret: 1 } } });
    expect(unknown.body.details.applicationError.data.field).toBe('query.filter.secret');
  });
});
