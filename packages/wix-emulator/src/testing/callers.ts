import type { Identity } from '../platform/identity.ts';

/** The callers the emulator's tests call as: the app (installed as `gym-rewards`), the site's owner, a visitor. */
export const APP: Identity = { type: 'APP', appId: 'gym-rewards' };
export const ADMIN: Identity = { type: 'ADMIN' };
export const VISITOR: Identity = { type: 'VISITOR' };

/** A member of the site, by id. */
export const memberCaller = (memberId: string): Identity => ({ type: 'MEMBER', memberId });

/** Wix's encoding of complex GET input: the query string's `.r`, base64url JSON. */
export const dotR = (input: unknown) => `.r=${Buffer.from(JSON.stringify(input)).toString('base64url')}`;
