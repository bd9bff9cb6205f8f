import { beforeEach, describe, expect, it } from 'vitest';
import { forgetSiteCaches, KEPT_MS, siteCached } from './site-cache.ts';
import type { WixApis } from './wix.ts';

/** A Wix of a site named by its session (`sessionKey`), or of a process serving one site (none). */
const siteOf = (session?: string | null) =>
  (session === null ? {} : { sessionKey: async () => session }) as unknown as WixApis;

let reads = 0;
const read = (value: string) => async () => {
  reads++;
  return value;
};
beforeEach(() => {
  forgetSiteCaches();
  reads = 0;
});

describe('what the backend keeps per site', () => {
  it('is read once per site while its life lasts, and never answered to another site', async () => {
    const a = siteOf('site-a');
    const b = siteOf('site-b');
    expect(await siteCached(a, 'x', read('a'))).toBe('a');
    expect(await siteCached(a, 'x', read('other'))).toBe('a');
    expect(await siteCached(b, 'x', read('b'))).toBe('b');
    expect(reads).toBe(2);
  });

  it('is read afresh when the site cannot be named, and kept for a process serving one site', async () => {
    const unnamed = siteOf(undefined);
    expect(await siteCached(unnamed, 'x', read('1'))).toBe('1');
    expect(await siteCached(unnamed, 'x', read('2'))).toBe('2');
    const oneSite = siteOf(null);
    expect(await siteCached(oneSite, 'x', read('3'))).toBe('3');
    expect(await siteCached(oneSite, 'x', read('4'))).toBe('3');
  });

  it('shares one read among concurrent calls, and keeps neither a failed read nor an answer refused by keep', async () => {
    const a = siteOf('site-a');
    const answers = await Promise.all([1, 2, 3].map(() => siteCached(a, 'x', read('once'))));
    expect(answers).toEqual(['once', 'once', 'once']);
    expect(reads).toBe(1);
    await expect(siteCached(a, 'failing', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await siteCached(a, 'failing', read('up'))).toBe('up');
    const notYet = { keep: (v: string) => v !== 'none' };
    expect(await siteCached(a, 'setup', read('none'), notYet)).toBe('none');
    expect(await siteCached(a, 'setup', read('made'), notYet)).toBe('made');
    expect(await siteCached(a, 'setup', read('again'), notYet)).toBe('made');
  });

  it('lives KEPT_MS, is read afresh when asked, and is forgotten by name or all at once', async () => {
    const a = siteOf('site-a');
    let now = 1_000;
    const clock = { now: () => now };
    expect(await siteCached(a, 'x', read('1'), clock)).toBe('1');
    now += KEPT_MS - 1;
    expect(await siteCached(a, 'x', read('2'), clock)).toBe('1');
    now += 1;
    expect(await siteCached(a, 'x', read('3'), clock)).toBe('3');
    expect(await siteCached(a, 'x', read('4'), { ...clock, fresh: true })).toBe('4');
    expect(await siteCached(a, 'x', read('5'), clock)).toBe('4');
    expect(await siteCached(a, 'y', read('y'), clock)).toBe('y');
    forgetSiteCaches('x');
    expect(await siteCached(a, 'x', read('6'), clock)).toBe('6');
    expect(await siteCached(a, 'y', read('7'), clock)).toBe('y');
    forgetSiteCaches();
    expect(await siteCached(a, 'y', read('8'), clock)).toBe('8');
  });
});
