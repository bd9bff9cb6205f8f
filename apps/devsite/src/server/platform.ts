import { adminCall, createToken, emulatorClient, type Identity } from '@gym-rewards/wix-emulator/client';
import { members } from '@wix/members';
import type { SitePerson } from '../html.ts';
import { followPlatformClock } from '../runtime/wix-clock.ts';

/** The local Wix platform as the devsite's server reaches it: its own API, tokens, the site owner, the clock. */
export type Platform = Awaited<ReturnType<typeof connectPlatform>>;

/**
 * Connects to the emulator at `url` as the site owner. `clock` sets the platform's clock first (see `DevsiteOptions`).
 */
export async function connectPlatform(url: string, appId: string, clock?: { set: string; freeze?: boolean }) {
  const admin = <T = unknown>(path: string, body?: unknown) => adminCall<T>(url, path, body);
  const token = (identity: Identity) => createToken(url, identity);

  /** The platform's time, which the app's backend follows too (`src/runtime/wix-clock.ts`). */
  const syncClock = async () => {
    const platform = await admin<{ now: string; frozen: boolean }>('/_emulator/v1/clock');
    followPlatformClock(platform);
    return platform.now;
  };
  if (clock) await admin('/_emulator/v1/clock', clock);
  await syncClock();

  const [ownerToken, appToken] = await Promise.all([token({ type: 'ADMIN' }), token({ type: 'APP', appId })]);
  const owner = emulatorClient(url, ownerToken, { members });

  /** The site's members, as the member switcher shows them. */
  const people = async (): Promise<SitePerson[]> => {
    const found = await owner.members
      .queryMembers({ fieldsets: ['FULL'] })
      .limit(100)
      .find();
    return found.items.map((m) => ({
      id: m._id!,
      name:
        m.profile?.nickname || [m.contact?.firstName, m.contact?.lastName].filter(Boolean).join(' ') || m.loginEmail!,
      email: m.loginEmail ?? null,
      contactId: m.contactId ?? null,
      status: m.status ?? null,
    }));
  };

  return { url, admin, token, syncClock, ownerToken, appToken, owner, people };
}
