import { z } from 'zod';
import { Router } from '../http/router.ts';
import type { TokenResolver } from './identity.ts';
import { SITE_INSTANCE_ID } from './webhooks.ts';

/** The emulated site's id (one site per emulator). */
export const SITE_ID = '5e1f0000-0000-4000-8000-0000000051de';

/**
 * Wix's Token Info (`POST /oauth2/token-info { token }`, what `auth.getTokenInfo()` of `@wix/essentials` calls): who a
 * token stands for. The reading chosen: an unknown token answers `{ active: false }` (as OAuth token introspection
 * does) rather than an error; emulator tokens never expire, so `exp` is a year after the answer.
 */
export function oauthRoutes(deps: { tokens: TokenResolver }): Router {
  const r = new Router();
  r.post('/oauth2/token-info', async ({ body, ctx }) => {
    const { token } = z.object({ token: z.string().min(1, 'is required') }).parse(body);
    const identity = await deps.tokens.resolve(ctx.db, token);
    if (!identity) return { active: false };
    const iat = Math.floor(Date.now() / 1000);
    const subject =
      identity.type === 'APP'
        ? { subjectType: 'APP', subjectId: identity.appId ?? '' }
        : identity.type === 'ADMIN'
          ? { subjectType: 'USER', subjectId: identity.userId ?? '' }
          : identity.type === 'MEMBER'
            ? { subjectType: 'MEMBER', subjectId: identity.memberId }
            : { subjectType: 'VISITOR', subjectId: identity.visitorId ?? '' };
    return {
      active: true,
      ...subject,
      iat,
      exp: iat + 365 * 24 * 3600,
      siteId: SITE_ID,
      instanceId: SITE_INSTANCE_ID,
      ...(identity.type === 'APP' && identity.appId ? { clientId: identity.appId } : {}),
    };
  });
  return r;
}
