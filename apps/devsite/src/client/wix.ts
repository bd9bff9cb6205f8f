import { emulatorClient } from '@gym-rewards/wix-emulator/client';
import type { SitePerson } from '../html.ts';

interface DevsiteConfig {
  surface: 'dashboard' | 'site' | 'editor';
  token: string;
  page?: string;
  pages?: Array<{ folder: string; id: string; title: string }>;
  member?: SitePerson | null;
}

export const config = (globalThis as unknown as { __DEVSITE__: DevsiteConfig }).__DEVSITE__;

/**
 * The page's Wix client, as Wix's dashboard and live site give one to app code: the caller's session for auth, REST
 * calls to www.wixapis.com sent to the local platform through the devsite, and (in the dashboard) a host whose channel
 * answers `@wix/dashboard`'s calls. Made the global context, so module-level SDK calls and web-method stubs use it.
 */
export function connectWix(host?: { channel: object }) {
  const client = emulatorClient('/_wix/api', config.token, undefined, host ? { host } : {});
  (client as unknown as { enableContext(kind: 'global'): void }).enableContext('global');
  return client;
}
