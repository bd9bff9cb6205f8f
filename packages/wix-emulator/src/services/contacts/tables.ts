import { pgTable, text } from 'drizzle-orm/pg-core';
import { entityColumns } from '../../storage/columns.ts';

/**
 * Contacts v4. A site member's contact has the member's `contactId` as its id; `memberUpdatedDate` is the member's
 * `updatedDate` it was last copied from (README: every member is also a contact).
 */
export const contacts = pgTable('contacts_contacts', {
  ...entityColumns(),
  memberId: text('member_id'),
  memberUpdatedDate: text('member_updated_date'),
});
