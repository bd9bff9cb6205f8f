import type { WixApis } from './wix.ts';

/** Methods of the Wix APIs that only read, by Wix's own naming: get…, query…, find…, search… (and Wix Data's get, query). */
const READ = /^(get|query|find|search)([A-Z]|$)/;
/** The site's settings and the process's own counts: reads that are not SDK methods. */
const READ_FUNCTIONS = new Set(['siteTimeZone', 'siteCurrency', 'sessionKey', 'callBudget']);

/**
 * The Wix APIs with every write held until `allowed` settles: reads go at once, anything else (create, update,
 * provision, redeem, change a balance, insert, report, a REST call by URL) waits for it, and fails with its reason when
 * it rejects. A flow run on it may start reading before the caller is known, and writes nothing for a caller who turns
 * out to be someone else. A method not named as a read is held: a read misnamed is only slower, never a write let
 * through.
 */
export function writesAfter(wix: WixApis, allowed: Promise<unknown>): WixApis {
  const held =
    (call: (...args: unknown[]) => unknown, self: unknown) =>
    async (...args: unknown[]) => {
      await allowed;
      return call.apply(self, args);
    };
  const entries = Object.entries(wix).map(([name, value]) => {
    if (typeof value === 'function') {
      return [name, READ_FUNCTIONS.has(name) ? value : held(value as (...args: unknown[]) => unknown, wix)];
    }
    if (value === null || typeof value !== 'object') return [name, value];
    const module = new Proxy(value as object, {
      get(target, key) {
        const member = Reflect.get(target, key);
        if (typeof member !== 'function' || typeof key !== 'string' || READ.test(key)) return member;
        return held(member as (...args: unknown[]) => unknown, target);
      },
    });
    return [name, module];
  });
  return Object.fromEntries(entries) as WixApis;
}
