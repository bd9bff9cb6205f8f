import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Doc } from '../../storage/columns.ts';
import type { Member } from '../members/tables.ts';
import type { Contact } from './tables.ts';

/** Contacts v4 documents: the input Create Contact takes, a member's contact, and what a caller sees. */

const isRequired = {
  error: (issue: { input: unknown }) => (issue.input === undefined || issue.input === null ? 'is required' : undefined),
};

const emailTag = z.enum(['UNTAGGED', 'MAIN', 'HOME', 'WORK']).nullish();
const phoneTag = z.enum(['UNTAGGED', 'MAIN', 'HOME', 'MOBILE', 'WORK', 'FAX']).nullish();

export const contactInfoInput = z.object(
  {
    name: z.object({ first: z.string().max(100).nullish(), last: z.string().max(100).nullish() }).nullish(),
    emails: z
      .object({
        items: z
          .array(
            z.object({
              email: z.email('must be an email address'),
              tag: emailTag,
              primary: z.boolean().nullish(),
            }),
          )
          .max(50, 'at most 50 emails'),
      })
      .nullish(),
    phones: z
      .object({
        items: z
          .array(
            z.object({
              phone: z.string().min(1, 'is required').max(50),
              tag: phoneTag,
              primary: z.boolean().nullish(),
            }),
          )
          .max(50, 'at most 50 phones'),
      })
      .nullish(),
    company: z.string().max(100, 'must be at most 100 characters').nullish(),
    jobTitle: z.string().max(100, 'must be at most 100 characters').nullish(),
    birthdate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be formatted YYYY-MM-DD')
      .nullish(),
    locale: z.string().nullish(),
    labelKeys: z.object({ items: z.array(z.string()) }).nullish(),
  },
  isRequired,
);
export type ContactInfoInput = z.infer<typeof contactInfoInput>;

const clean = <T extends Doc>(doc: T): T =>
  Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined && v !== null)) as T;

/** A contact's document (without id and dates) from its info, with the derived primary fields. */
export function contactDocument(input: ContactInfoInput, source: Contact['source'], now: Date): Contact {
  const emails = (input.emails?.items ?? []).map((e, i, all) => ({
    id: randomUUID(),
    tag: e.tag ?? 'UNTAGGED',
    email: e.email.trim().toLowerCase(),
    primary: e.primary ?? (i === 0 && !all.some((x) => x.primary)),
  }));
  const phones = (input.phones?.items ?? []).map((p, i, all) => ({
    id: randomUUID(),
    tag: p.tag ?? 'UNTAGGED',
    phone: p.phone,
    primary: p.primary ?? (i === 0 && !all.some((x) => x.primary)),
  }));
  const email = emails.find((e) => e.primary)?.email;
  const phone = phones.find((p) => p.primary)?.phone;
  return clean({
    source,
    lastActivity: { activityDate: now.toISOString(), activityType: 'CONTACT_CREATED' },
    primaryInfo: clean({ email, phone }),
    primaryEmail: email ? { email, subscriptionStatus: 'NOT_SET', deliverabilityStatus: 'NOT_SET' } : undefined,
    primaryPhone: phone ? { phone, subscriptionStatus: 'NOT_SET', deliverabilityStatus: 'NOT_SET' } : undefined,
    info: clean({
      name: input.name ? clean({ first: input.name.first, last: input.name.last }) : undefined,
      emails: { items: emails },
      phones: { items: phones },
      addresses: { items: [] },
      company: input.company,
      jobTitle: input.jobTitle,
      birthdate: input.birthdate,
      locale: input.locale,
      labelKeys: { items: input.labelKeys?.items ?? [] },
      extendedFields: { items: {} },
    }),
  });
}

/** The contact of a site member (`@wix/members` Member), as Wix keeps it: its id is the member's `contactId`. */
export function memberContactDocument(member: Member, now: Date): Contact {
  const contact = member.contact ?? {};
  const loginEmail = String(member.loginEmail ?? '');
  const emails = (contact.emails ?? [loginEmail]).filter(Boolean);
  const ordered = [loginEmail, ...emails.filter((e) => e.toLowerCase() !== loginEmail)].filter(Boolean);
  return contactDocument(
    {
      name: contact.firstName || contact.lastName ? { first: contact.firstName, last: contact.lastName } : null,
      emails: { items: ordered.map((email, i) => ({ email, primary: i === 0 })) },
      phones: { items: (contact.phones ?? []).map((phone) => ({ phone })) },
      company: contact.company,
      jobTitle: contact.jobTitle,
      birthdate: contact.birthdate,
    },
    { sourceType: 'WIX_SITE_MEMBERS' },
    now,
  );
}

/** Contacts v4 declares `revision` an integer (not a decimal string like newer APIs). */
export function presentContact(stored: Contact): Doc {
  return { ...structuredClone(stored), revision: Number(stored.revision ?? 1) };
}
