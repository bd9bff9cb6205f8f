import { siteProperties } from '@wix/business-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../platform/identity.ts';
import { ADMIN, APP, memberCaller, VISITOR } from '../../testing/callers.ts';
import { startTestEmulator, type TestEmulator } from '../../testing/index.ts';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.close());

const modules = { siteProperties };
const MEMBER = memberCaller('member-1');
const ROUTE = '/site-properties/v4/properties';

const read = async (identity: Identity = APP) =>
  (await emu.client(identity, modules)).siteProperties.getSiteProperties();

describe('site properties through @wix/business-tools', () => {
  it("answers the emulated site's properties, with the time zone UTC by default", async () => {
    const answer = await read();
    expect(answer.version).toBe('1');
    expect(answer.properties).toMatchObject({
      timeZone: 'UTC',
      siteDisplayName: 'Gym Rewards Demo',
      businessName: 'Gym Rewards Demo Gym',
      locale: { languageCode: 'en', country: 'US' },
      language: 'en',
      paymentCurrency: 'USD',
      multilingual: { supportedLanguages: [], autoRedirect: false },
    });
    await emu.requests();
    await read();
    expect((await emu.requests()).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`GET ${ROUTE} 200`]);
  });

  it('follows the site setting timeZone', async () => {
    await emu.admin('/_emulator/v1/site', { timeZone: 'Europe/Vilnius' });
    expect((await read()).properties?.timeZone).toBe('Europe/Vilnius');
    await emu.admin('/_emulator/v1/site', { timeZone: 'America/New_York' });
    expect((await read()).properties?.timeZone).toBe('America/New_York');
    await emu.admin('/_emulator/v1/site', { timeZone: 'UTC' });
  });

  it('answers only the fields asked for', async () => {
    const client = await emu.client(APP, modules);
    const answer = await client.siteProperties.getSiteProperties({ fields: ['timeZone', 'locale'] });
    expect(answer.properties).toEqual({ timeZone: 'UTC', locale: { languageCode: 'en', country: 'US' } });
    const nested = await emu.call(APP, 'GET', `${ROUTE}?fields=locale.country&fields=paymentCurrency`);
    expect(nested.body.properties).toEqual({ locale: { country: 'US' }, paymentCurrency: 'USD' });
  });

  it('lets any caller with a token read them, and refuses callers without one', async () => {
    for (const identity of [APP, ADMIN, MEMBER, VISITOR]) {
      expect((await read(identity)).properties?.paymentCurrency, identity.type).toBe('USD');
    }
    const anonymous = await emu.call(null, 'GET', ROUTE);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.details.applicationError.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a field mask naming no site property with a 400', async () => {
    const bad = await emu.call(APP, 'GET', `${ROUTE}?fields=timeZone,shoeSize`);
    expect(bad.status).toBe(400);
    expect(bad.body.details.applicationError).toMatchObject({ code: 'INVALID_ARGUMENT', data: { field: 'fields' } });
  });
});

describe('the emulator API for site properties', () => {
  it('sets properties over the defaults, the time zone through the site setting, and null restores a default', async () => {
    const changed = await emu.admin<{ version: string; properties: Record<string, unknown> }>(
      '/_emulator/v1/site-properties',
      {
        businessName: 'Iron Temple',
        paymentCurrency: 'EUR',
        timeZone: 'Europe/Berlin',
        locale: { languageCode: 'de', country: 'DE' },
      },
    );
    expect(changed.properties).toMatchObject({
      businessName: 'Iron Temple',
      paymentCurrency: 'EUR',
      timeZone: 'Europe/Berlin',
    });
    const answer = await read();
    expect(answer.version).toBe('2');
    expect(answer.properties).toMatchObject({
      businessName: 'Iron Temple',
      siteDisplayName: 'Gym Rewards Demo',
      paymentCurrency: 'EUR',
      timeZone: 'Europe/Berlin',
      locale: { languageCode: 'de', country: 'DE' },
    });
    await emu.admin('/_emulator/v1/site-properties', {
      businessName: null,
      paymentCurrency: null,
      locale: null,
      timeZone: 'UTC',
    });
    expect((await read()).properties).toMatchObject({
      businessName: 'Gym Rewards Demo Gym',
      paymentCurrency: 'USD',
      timeZone: 'UTC',
      locale: { languageCode: 'en', country: 'US' },
    });
  });

  it('refuses bad values with a 400 naming the field, changing nothing', async () => {
    const before = await read();
    const post = (body: unknown) => emu.call(null, 'POST', '/_emulator/v1/site-properties', body);
    const fieldOf = (response: { status: number; body: any }) => {
      expect(response.status).toBe(400);
      return response.body.details.applicationError.data.field;
    };
    expect(fieldOf(await post({ paymentCurrency: 'usd', businessName: 'Changed' }))).toBe('paymentCurrency');
    expect(fieldOf(await post({ timeZone: 'Mars/Olympus', businessName: 'Changed' }))).toBe('timeZone');
    expect(fieldOf(await post({ locale: { languageCode: 'english', country: 'US' } }))).toBe('locale.languageCode');
    expect(fieldOf(await post({ email: 'not-an-email' }))).toBe('email');
    expect(fieldOf(await post({ shoeSize: 44 }))).toBe('shoeSize');
    const after = await read();
    expect(after).toEqual(before);
  });
});
