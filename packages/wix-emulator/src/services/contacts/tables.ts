import { pgTable, text } from 'drizzle-orm/pg-core';
import { type Bookkeeping, type Doc, entityColumns } from '../../storage/columns.ts';

type Tagged<Field extends string> = { id: string; tag: string; primary: boolean } & Record<Field, string>;

/**
 * A stored contact: the fields of Contacts v4's REST `Contact` the emulator writes (contact-document.ts). No SDK
 * typings of Contacts are installed here, so the type is written out from the documented REST shape.
 */
export type Contact = Bookkeeping & {
  source?: { sourceType: string; appId?: string };
  lastActivity?: { activityDate: string; activityType: string };
  primaryInfo?: { email?: string; phone?: string };
  primaryEmail?: { email: string; subscriptionStatus: string; deliverabilityStatus: string };
  primaryPhone?: { phone: string; subscriptionStatus: string; deliverabilityStatus: string };
  info?: {
    name?: { first?: string | null; last?: string | null };
    emails?: { items: Tagged<'email'>[] };
    phones?: { items: Tagged<'phone'>[] };
    addresses?: { items: Doc[] };
    company?: string | null;
    jobTitle?: string | null;
    birthdate?: string | null;
    locale?: string | null;
    labelKeys?: { items: string[] };
    extendedFields?: { items: Doc };
  };
};

/**
 * Contacts v4. A site member's contact has the member's `contactId` as its id; `memberUpdatedDate` is the member's
 * `updatedDate` it was last copied from (README: every member is also a contact).
 */
export const contacts = pgTable('contacts_contacts', {
  ...entityColumns<Contact>(),
  memberId: text('member_id'),
  memberUpdatedDate: text('member_updated_date'),
});
