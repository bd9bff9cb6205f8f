import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { members } from '@wix/members';
import { AppStrategy, createClient } from '@wix/sdk';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestEmulator, type TestEmulator } from '../testing/index.ts';
import { SITE_INSTANCE_ID } from './webhooks.ts';

/** A local webhook endpoint: keeps every POST body per path, answering queued statuses first, then 200. */
class Endpoint {
  readonly received = new Map<string, Array<{ body: string; at: number }>>();
  readonly statuses = new Map<string, number[]>();
  private server: Server | undefined;
  url = '';

  async start() {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.set(path, [...(this.received.get(path) ?? []), { body, at: Date.now() }]);
        const status = this.statuses.get(path)?.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'endpoint failed');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop() {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The bodies delivered to `path` whose domain event concerns `entityId`, waiting until there are `count`. */
  async bodiesFor(
    path: string,
    entityId: string,
    count = 1,
    timeoutMs = 10_000,
  ): Promise<Array<{ body: string; at: number }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = (this.received.get(path) ?? []).filter((r) => eventOf(r.body).entityId === entityId);
      if (matching.length >= count) return matching;
      if (Date.now() > deadline) throw new Error(`${path}: ${matching.length} of ${count} deliveries for ${entityId}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** The domain event inside a webhook JWT (decoded without verifying: the SDK verifies in the tests). */
function eventOf(jwt: string): Record<string, any> {
  const envelope = JSON.parse(String(decodeJwt(jwt).data));
  return { ...JSON.parse(envelope.data), envelope };
}

interface Delivery {
  id: number;
  appId: string;
  eventType: string;
  entityId: string;
  payload: Record<string, unknown>;
  status: string;
  attempts: number;
  lastError: string | null;
}

let emu: TestEmulator;
const endpoint = new Endpoint();
beforeAll(async () => {
  emu = await startTestEmulator();
  await endpoint.start();
});
afterAll(async () => {
  await emu?.close();
  await endpoint.stop();
});

const deliveries = async () => (await emu.admin<{ deliveries: Delivery[] }>('/_emulator/v1/webhooks')).deliveries;

async function registerApp(appId: string) {
  const { publicKey } = await emu.admin<{ publicKey: string }>('/_emulator/v1/apps', {
    appId,
    webhookUrl: `${endpoint.url}/hooks/${appId}`,
  });
  return { appId, publicKey, path: `/hooks/${appId}` };
}

describe('webhooks to a registered app, verified by the real SDK', () => {
  it('delivers member_created as a JWT that AppStrategy verifies and onMemberCreated receives', async () => {
    const app = await registerApp('members-app');
    expect(app.publicKey).toContain('BEGIN PUBLIC KEY');
    const admin = await emu.client({ type: 'APP', appId: app.appId }, { members });
    const member = await admin.members.createMember({
      member: { loginEmail: 'hooked@example.com', contact: { firstName: 'Hook' } },
    });
    const [delivered] = await endpoint.bodiesFor(app.path, member._id!);

    const receiver = createClient({
      auth: AppStrategy({ appId: app.appId, publicKey: app.publicKey }),
      modules: { members },
    });
    const handled: Array<{ entity: any; metadata: any }> = [];
    receiver.members.onMemberCreated((event) => {
      handled.push(event);
    });
    const result = await receiver.webhooks.process(delivered!.body);
    expect(result.eventType).toBe('wix.members.v1.member_created');
    expect(result.instanceId).toBe(SITE_INSTANCE_ID);
    expect(handled).toHaveLength(1);
    expect(handled[0]?.entity).toMatchObject({
      _id: member._id,
      loginEmail: 'hooked@example.com',
      contact: { firstName: 'Hook' },
      status: 'APPROVED',
    });
    expect(handled[0]?.entity._createdDate).toBeInstanceOf(Date);
    expect(handled[0]?.metadata).toMatchObject({
      entityId: member._id,
      instanceId: SITE_INSTANCE_ID,
      entityFqdn: 'wix.members.v1.member',
      slug: 'created',
    });
    expect(handled[0]?.metadata._id).toBeTruthy();

    const recorded = (await deliveries()).find((d) => d.appId === app.appId && d.entityId === member._id);
    expect(recorded).toMatchObject({ eventType: 'wix.members.v1.member_created', status: 'DELIVERED', attempts: 1 });
  });

  it('rejects a webhook checked with another public key, or tampered with', async () => {
    const app = await registerApp('strict-app');
    const admin = await emu.client({ type: 'APP' }, { members });
    const member = await admin.members.createMember({ member: { loginEmail: 'strict@example.com' } });
    const [delivered] = await endpoint.bodiesFor(app.path, member._id!);
    const otherKey = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    }).publicKey;
    let called = false;
    const wrong = createClient({ auth: AppStrategy({ appId: app.appId, publicKey: otherKey }), modules: { members } });
    wrong.members.onMemberCreated(() => {
      called = true;
    });
    await expect(wrong.webhooks.process(delivered!.body)).rejects.toThrow();

    const right = createClient({
      auth: AppStrategy({ appId: app.appId, publicKey: app.publicKey }),
      modules: { members },
    });
    right.members.onMemberCreated(() => {
      called = true;
    });
    const [header, payload, signature] = delivered!.body.split('.');
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    forged.data = forged.data.replace('strict@example.com', 'forged@example.com');
    const tampered = [header, Buffer.from(JSON.stringify(forged)).toString('base64url'), signature].join('.');
    await expect(right.webhooks.process(tampered)).rejects.toThrow();
    expect(called).toBe(false);
    await right.webhooks.process(delivered!.body);
    expect(called).toBe(true);
  });

  it('retries an endpoint that answers 500 with backoff, then delivers the recorded event (at least once)', async () => {
    const app = await registerApp('flaky-app');
    endpoint.statuses.set(app.path, [500, 503]);
    const admin = await emu.client({ type: 'APP' }, { members });
    const member = await admin.members.createMember({ member: { loginEmail: 'flaky@example.com' } });
    const attempts = await endpoint.bodiesFor(app.path, member._id!, 3);
    expect(attempts).toHaveLength(3);
    // backoff: 250 ms after the first failure, 500 ms after the second
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(200);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(400);

    let recorded: Delivery | undefined;
    for (let i = 0; i < 100 && recorded?.status !== 'DELIVERED'; i++) {
      recorded = (await deliveries()).find((d) => d.appId === app.appId && d.entityId === member._id);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(recorded).toMatchObject({ status: 'DELIVERED', attempts: 3, lastError: null });
    // Every attempt carried the same event, exactly as recorded.
    for (const attempt of attempts) {
      const { envelope, ...event } = eventOf(attempt.body);
      expect(event).toEqual(recorded!.payload);
      expect(envelope.eventType).toBe('wix.members.v1.member_created');
    }
    const receiver = createClient({
      auth: AppStrategy({ appId: app.appId, publicKey: app.publicKey }),
      modules: { members },
    });
    const seen: string[] = [];
    receiver.members.onMemberCreated((event) => {
      seen.push(`${event.metadata._id}:${event.entity._id}`);
    });
    for (const attempt of attempts) await receiver.webhooks.process(attempt.body);
    expect(new Set(seen).size).toBe(1); // the same event id each time: handlers can deduplicate
  });

  it('emits no event when the change fails, and member_deleted when a member is deleted', async () => {
    const app = await registerApp('careful-app');
    const admin = await emu.client({ type: 'APP' }, { members });
    const member = await admin.members.createMember({ member: { loginEmail: 'once@example.com' } });
    await endpoint.bodiesFor(app.path, member._id!);
    const createdEvents = async () =>
      (await deliveries()).filter((d) => d.eventType === 'wix.members.v1.member_created').length;
    const before = await createdEvents();
    expect(await errorOf(admin.members.createMember({ member: { loginEmail: 'ONCE@example.com' } }))).toMatchObject({
      status: 409,
    });
    const refused = await emu.call({ type: 'APP' }, 'POST', '/members/v1/members', { member: { loginEmail: 'bad' } });
    expect(refused.status).toBe(400);
    expect(await createdEvents()).toBe(before);

    await admin.members.deleteMember(member._id!);
    const bodies = await endpoint.bodiesFor(app.path, member._id!, 2);
    const receiver = createClient({
      auth: AppStrategy({ appId: app.appId, publicKey: app.publicKey }),
      modules: { members },
    });
    const deleted: string[] = [];
    receiver.members.onMemberDeleted((event) => {
      deleted.push(event.metadata.entityId ?? '');
    });
    receiver.members.onMemberCreated(() => {});
    for (const { body } of bodies) await receiver.webhooks.process(body);
    expect(deleted).toEqual([member._id]);
  });
});
