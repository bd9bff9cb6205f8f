import { sql } from 'drizzle-orm';
import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { entityColumns } from '../../storage/columns.ts';

export const members = pgTable('members_members', { ...entityColumns(), loginEmail: text('login_email') }, (t) => [
  uniqueIndex('members_login_email').on(t.loginEmail).where(sql`login_email is not null`),
]);
