import type { members as membersSdk } from '@wix/members';
import { sql } from 'drizzle-orm';
import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { entityColumns, type Stored } from '../../storage/columns.ts';

/** A stored member: the SDK's `Member` in its REST form. */
export type Member = Stored<membersSdk.Member>;

export const members = pgTable(
  'members_members',
  { ...entityColumns<Member>(), loginEmail: text('login_email') },
  (t) => [uniqueIndex('members_login_email').on(t.loginEmail).where(sql`login_email is not null`)],
);
