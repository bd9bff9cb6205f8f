import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../storage/db.ts';
import { tokens } from './tables.ts';

/**
 * Who is calling. Wix tells these apart by the token: an app (its own identity, as elevated backend code has),
 * a Wix user (the site owner in the dashboard), a site member, or an anonymous visitor.
 */
export const identitySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('APP'), appId: z.string().min(1).optional() }),
  z.object({ type: z.literal('ADMIN'), userId: z.string().min(1).optional() }),
  z.object({ type: z.literal('MEMBER'), memberId: z.string().min(1) }),
  z.object({ type: z.literal('VISITOR'), visitorId: z.string().min(1).optional() }),
]);
export type Identity = z.infer<typeof identitySchema>;

export const DEFAULT_ADMIN_USER_ID = '00000000-0000-4000-8000-0000000000ad';

export async function issueToken(tx: Tx, input: Identity): Promise<{ token: string; identity: Identity }> {
  const identity: Identity =
    input.type === 'VISITOR'
      ? { type: 'VISITOR', visitorId: input.visitorId ?? crypto.randomUUID() }
      : input.type === 'ADMIN'
        ? { type: 'ADMIN', userId: input.userId ?? DEFAULT_ADMIN_USER_ID }
        : input;
  const token = `emu.${identity.type.toLowerCase()}.${randomBytes(18).toString('base64url')}`;
  await tx.insert(tokens).values({ token, identity });
  return { token, identity };
}

/** Tokens never change once issued, so each process remembers the ones it has seen. */
export class TokenResolver {
  private readonly known = new Map<string, Identity>();

  async resolve(tx: Tx, header: string | undefined): Promise<Identity | null> {
    if (!header) return null;
    const token = header.replace(/^Bearer\s+/i, '').trim();
    const cached = this.known.get(token);
    if (cached) return cached;
    const [row] = await tx.select().from(tokens).where(eq(tokens.token, token));
    if (!row) return null;
    const identity = identitySchema.parse(row.identity);
    this.known.set(token, identity);
    return identity;
  }

  forget() {
    this.known.clear();
  }
}
