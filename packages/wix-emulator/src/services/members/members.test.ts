import { members } from '@wix/members';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../platform/identity.ts';
import { ADMIN, APP, VISITOR } from '../../testing/callers.ts';
import { errorOf, startTestEmulator, type TestEmulator } from '../../testing/index.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

const modules = { members };
const asMember = (memberId: string): Identity => ({ type: 'MEMBER', memberId });
const BASE = '/members/v1/members';

async function createMember(loginEmail: string, extra: Record<string, unknown> = {}) {
  const app = await emu.client(APP, modules);
  return app.members.createMember({ member: { loginEmail, ...extra } });
}

describe('members through the SDK', () => {
  it('creates a member with Wix defaults, then gets, updates and deletes it', async () => {
    const app = await emu.client(APP, modules);
    const created = await app.members.createMember({
      member: {
        loginEmail: 'Dana.Levi@Example.com',
        contact: { firstName: 'Dana', lastName: 'Levi', phones: ['+972-50-0000000'] },
      },
    });
    expect(created).toMatchObject({
      loginEmail: 'dana.levi@example.com',
      loginEmailVerified: false,
      status: 'APPROVED',
      privacyStatus: 'PRIVATE',
      activityStatus: 'ACTIVE',
      contact: { firstName: 'Dana', lastName: 'Levi', emails: ['dana.levi@example.com'], phones: ['+972-50-0000000'] },
      profile: { nickname: 'Dana Levi', slug: 'dana-levi' },
    });
    expect(created._id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.contactId).toBeTruthy();
    expect(created._createdDate).toBeInstanceOf(Date);
    expect((created as Record<string, unknown>).revision).toBeUndefined();

    const publicView = await app.members.getMember(created._id!);
    expect(publicView).toMatchObject({ _id: created._id, profile: { nickname: 'Dana Levi' }, status: 'UNKNOWN' });
    expect(publicView.loginEmail).toBeUndefined();
    expect(publicView.contact).toBeUndefined();
    const extended = await app.members.getMember(created._id!, { fieldsets: ['EXTENDED'] });
    expect(extended).toMatchObject({
      loginEmail: 'dana.levi@example.com',
      status: 'APPROVED',
      privacyStatus: 'PRIVATE',
    });
    expect(extended.contact).toBeUndefined();
    const full = await app.members.getMember(created._id!, { fieldsets: ['FULL'] });
    expect(full.contact?.lastName).toBe('Levi');

    const updated = await app.members.updateMember(created._id!, {
      contact: { lastName: '', jobTitle: 'Coach' },
      profile: { nickname: 'Coach Dana', title: 'Head coach' },
      privacyStatus: 'PUBLIC',
    });
    expect(updated).toMatchObject({
      contact: { firstName: 'Dana', jobTitle: 'Coach', phones: ['+972-50-0000000'] },
      profile: { nickname: 'Coach Dana', slug: 'dana-levi', title: 'Head coach' },
      privacyStatus: 'PUBLIC',
      loginEmail: 'dana.levi@example.com',
    });
    expect(updated.contact?.lastName).toBeUndefined(); // an empty string clears a field
    expect(updated._updatedDate!.getTime()).toBeGreaterThanOrEqual(created._updatedDate!.getTime());

    await app.members.deleteMember(created._id!);
    expect(await errorOf(app.members.getMember(created._id!))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await errorOf(app.members.deleteMember(created._id!))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await errorOf(app.members.updateMember(created._id!, { profile: { title: 'x' } }))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('keeps loginEmail unique, case-insensitively, with a 409 that changes nothing', async () => {
    const first = await createMember('unique@example.com');
    const app = await emu.client(APP, modules);
    for (const email of ['unique@example.com', 'UNIQUE@example.com']) {
      expect(await errorOf(app.members.createMember({ member: { loginEmail: email } }))).toMatchObject({
        status: 409,
        code: 'ALREADY_EXISTS',
        data: { loginEmail: 'unique@example.com' },
      });
    }
    const found = await app.members.queryMembers().eq('loginEmail', 'unique@example.com').find();
    expect(found.items.map((m) => m._id)).toEqual([first._id]);
    const twins = await Promise.allSettled(
      Array.from({ length: 6 }, () => app.members.createMember({ member: { loginEmail: 'race@example.com' } })),
    );
    expect(twins.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
  });

  it('gives profile slugs that stay unique and refuses bad input with a 400 naming the field', async () => {
    const a = await createMember('sam@one.example');
    const b = await createMember('sam@two.example');
    expect([a.profile?.slug, b.profile?.slug]).toEqual(['sam', 'sam-1']);
    for (const [body, field] of [
      [{}, 'member'],
      [{ member: {} }, 'member.loginEmail'],
      [{ member: { loginEmail: 'not-an-email' } }, 'member.loginEmail'],
      [{ member: { loginEmail: 'ok@example.com', privacyStatus: 'SECRET' } }, 'member.privacyStatus'],
      [{ member: { loginEmail: 'ok@example.com', contact: { birthdate: '31/12/1990' } } }, 'member.contact.birthdate'],
    ] as const) {
      const response = await emu.call(APP, 'POST', BASE, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.details.applicationError.data.field).toBe(field);
    }
    const app = await emu.client(APP, modules);
    expect((await app.members.queryMembers().eq('loginEmail', 'ok@example.com').find()).items).toHaveLength(0);
    const immutable = await emu.call(APP, 'PATCH', `${BASE}/${a._id}`, { member: { loginEmail: 'new@example.com' } });
    expect(immutable.status).toBe(400);
    expect(immutable.body.details.applicationError.data.field).toBe('member.loginEmail');
  });
});

describe('getCurrentMember', () => {
  it('answers the member of a member token; visitors get 404, apps and Wix users 403, no token 401', async () => {
    const me = await createMember('me@example.com', { contact: { firstName: 'Me' } });
    const client = await emu.client(asMember(me._id!), modules);
    const current = await client.members.getCurrentMember();
    expect(current.member).toMatchObject({ _id: me._id, profile: { nickname: 'Me' }, status: 'UNKNOWN' });
    expect(current.member?.loginEmail).toBeUndefined();
    const full = await client.members.getCurrentMember({ fieldsets: ['FULL'] });
    expect(full.member).toMatchObject({
      loginEmail: 'me@example.com',
      contact: { firstName: 'Me' },
      status: 'APPROVED',
    });

    const visitor = await emu.client(VISITOR, modules);
    expect(await errorOf(visitor.members.getCurrentMember())).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const ghost = await emu.client(asMember('00000000-0000-4000-8000-00000000dead'), modules);
    expect(await errorOf(ghost.members.getCurrentMember())).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    for (const identity of [APP, ADMIN]) {
      const manager = await emu.client(identity, modules);
      expect(await errorOf(manager.members.getCurrentMember())).toMatchObject({
        status: 403,
        code: 'PERMISSION_DENIED',
      });
    }
    expect((await emu.call(null, 'GET', `${BASE}/my`)).status).toBe(401);
  });
});

describe('what members and visitors see of others', () => {
  it('shows public members in their PUBLIC fieldset, hides private ones, and shows a member all of themselves', async () => {
    const reader = await createMember('reader@example.com');
    const open = await createMember('open@example.com', {
      privacyStatus: 'PUBLIC',
      profile: { nickname: 'Open Olga' },
    });
    const hidden = await createMember('hidden@example.com', { profile: { nickname: 'Hidden Hana' } });
    const member = await emu.client(asMember(reader._id!), modules);
    const visitor = await emu.client(VISITOR, modules);

    for (const client of [member, visitor]) {
      const other = await client.members.getMember(open._id!, { fieldsets: ['FULL'] });
      expect(other).toMatchObject({ _id: open._id, profile: { nickname: 'Open Olga' }, status: 'UNKNOWN' });
      expect(other.loginEmail).toBeUndefined();
      expect(other.contact).toBeUndefined();
      expect(await errorOf(client.members.getMember(hidden._id!))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
    const self = await member.members.getMember(reader._id!, { fieldsets: ['FULL'] });
    expect(self.loginEmail).toBe('reader@example.com');

    const seenByMember = await member.members.queryMembers().in('_id', [reader._id, open._id, hidden._id]).find();
    expect(seenByMember.items.map((m) => m._id).sort()).toEqual([reader._id, open._id].sort());
    const seenByVisitor = await visitor.members.queryMembers().in('_id', [reader._id, open._id, hidden._id]).find();
    expect(seenByVisitor.items.map((m) => m._id)).toEqual([open._id]);
    const listed = await visitor.members.listMembers({ paging: { limit: 100 } });
    expect(listed.members!.every((m) => m.privacyStatus === 'UNKNOWN' && m.loginEmail === undefined)).toBe(true);
    expect(listed.members!.map((m) => m._id)).toContain(open._id);
    expect(listed.members!.map((m) => m._id)).not.toContain(hidden._id);

    expect(await errorOf(member.members.queryMembers().eq('loginEmail', 'hidden@example.com').find())).toMatchObject({
      status: 403,
      code: 'PERMISSION_DENIED',
    });
    const byNickname = await visitor.members.queryMembers().startsWith('profile.nickname', 'open').find();
    expect(byNickname.items.map((m) => m._id)).toEqual([open._id]);
    const searched = await visitor.members.queryMembers({ search: { expression: 'olga' } }).find();
    expect(searched.items.map((m) => m._id)).toEqual([open._id]);
  });
});

describe('queryMembers and listMembers', () => {
  it('pages by offset with totals, sorts, filters and refuses undeclared fields', async () => {
    const app = await emu.client(APP, modules);
    for (const n of [3, 1, 4, 0, 2]) {
      await app.members.createMember({
        member: { loginEmail: `paged${n}@query.example`, profile: { nickname: `Paged ${n}` } },
      });
    }
    const query = () => app.members.queryMembers({ fieldsets: ['FULL'] }).startsWith('loginEmail', 'paged');
    const first = await query().limit(2).find();
    expect(first.items).toHaveLength(2);
    expect(first.totalCount).toBe(5);
    expect(first.hasNext()).toBe(true);
    const second = await first.next();
    const third = await second.next();
    expect(third.items).toHaveLength(1);
    expect(third.hasNext()).toBe(false);
    expect(new Set([...first.items, ...second.items, ...third.items].map((m) => m._id)).size).toBe(5);

    const sorted = await emu.call(APP, 'POST', `${BASE}/query`, {
      query: {
        filter: { loginEmail: { $startsWith: 'paged' } },
        sorting: [{ fieldName: 'profile.nickname', order: 'DESC' }],
        paging: { limit: 3, offset: 1 },
      },
    });
    expect(sorted.body.members.map((m: any) => m.profile.nickname)).toEqual(['Paged 3', 'Paged 2', 'Paged 1']);
    expect(sorted.body.metadata).toEqual({ count: 3, offset: 1, total: 5, tooManyToCount: false });

    const list = (limit: number, offset: number, order: 'ASC' | 'DESC') =>
      app.members.listMembers({
        paging: { limit, offset },
        sorting: [
          { fieldName: 'profile.nickname', order },
          { fieldName: 'createdDate', order: 'ASC' },
        ],
        fieldsets: ['EXTENDED'],
      });
    const everyone = await list(100, 0, 'ASC');
    const nicknames = everyone.members!.map((m) => m.profile?.nickname);
    expect(nicknames.indexOf('Paged 0')).toBeLessThan(nicknames.indexOf('Paged 4'));
    expect(everyone.metadata?.total).toBe(everyone.members!.length);
    const window = await list(2, 1, 'ASC');
    expect(window.members!.map((m) => m.profile?.nickname)).toEqual(nicknames.slice(1, 3));
    expect(window.metadata).toMatchObject({ count: 2, offset: 1, total: everyone.members!.length });
    expect(window.members![0]?.loginEmail).toBeTruthy();
    const descending = await list(1, 0, 'DESC');
    expect(descending.members![0]?.profile?.nickname).toBe(nicknames[nicknames.length - 1]);
    const flat = await emu.call(
      APP,
      'GET',
      `${BASE}?paging.limit=1&fieldsets=FULL&sorting.fieldName=profile.nickname&sorting.order=DESC`,
    );
    expect(flat.body.members.map((m: any) => m.profile.nickname)).toEqual([nicknames[nicknames.length - 1]]);
    expect(flat.body.members[0].contact).toBeTruthy();

    const inList = await app.members
      .queryMembers()
      .in('loginEmail', ['paged0@query.example', 'paged4@query.example'])
      .find();
    expect(inList.items).toHaveLength(2);
    const notOne = await app.members
      .queryMembers()
      .startsWith('loginEmail', 'paged')
      .ne('profile.nickname', 'Paged 0')
      .find();
    expect(notOne.items).toHaveLength(4);
    const byStatus = await app.members.queryMembers().eq('status', 'APPROVED').startsWith('loginEmail', 'paged').find();
    expect(byStatus.items).toHaveLength(5);

    for (const body of [
      { query: { filter: { 'contact.company': 'x' } } },
      { query: { sorting: [{ fieldName: 'loginEmail', order: 'ASC' }] } },
      { query: { paging: { limit: 101 } } },
      { query: { paging: { offset: -1 } } },
      { fieldsets: ['EVERYTHING'] },
    ]) {
      const response = await emu.call(APP, 'POST', `${BASE}/query`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('permissions', () => {
  it('needs an app or Wix user to create and delete; a member may update only themselves; no token gets 401', async () => {
    const target = await createMember('target@example.com');
    for (const identity of [APP, ADMIN]) {
      const manager = await emu.client(identity, modules);
      const m = await manager.members.createMember({
        member: { loginEmail: `by-${identity.type.toLowerCase()}@example.com` },
      });
      await manager.members.updateMember(m._id!, { profile: { title: 'Managed' } });
      await manager.members.deleteMember(m._id!);
    }
    const member = await emu.client(asMember(target._id!), modules);
    const stranger = await createMember('stranger@example.com');
    const strangerClient = await emu.client(asMember(stranger._id!), modules);
    const visitor = await emu.client(VISITOR, modules);
    for (const client of [member, visitor]) {
      expect(await errorOf(client.members.createMember({ member: { loginEmail: 'nope@example.com' } }))).toMatchObject({
        status: 403,
        code: 'PERMISSION_DENIED',
      });
      expect(await errorOf(client.members.deleteMember(stranger._id!))).toMatchObject({ status: 403 });
    }
    expect((await member.members.updateMember(target._id!, { profile: { title: 'Me myself' } })).profile?.title).toBe(
      'Me myself',
    );
    expect(
      await errorOf(strangerClient.members.updateMember(target._id!, { profile: { title: 'Hacked' } })),
    ).toMatchObject({
      status: 403,
      code: 'PERMISSION_DENIED',
    });
    expect(await errorOf(visitor.members.updateMember(target._id!, { profile: { title: 'Hacked' } }))).toMatchObject({
      status: 403,
    });
    const app = await emu.client(APP, modules);
    expect((await app.members.getMember(target._id!)).profile?.title).toBe('Me myself');

    for (const [method, path] of [
      ['POST', BASE],
      ['GET', BASE],
      ['POST', `${BASE}/query`],
      ['GET', `${BASE}/my`],
      ['GET', `${BASE}/${target._id}`],
      ['PATCH', `${BASE}/${target._id}`],
      ['DELETE', `${BASE}/${target._id}`],
    ] as const) {
      const response = await emu.call(null, method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect(response.status, `${method} ${path}`).toBe(401);
    }
    expect((await app.members.getMember(target._id!))._id).toBe(target._id);
  });
});
