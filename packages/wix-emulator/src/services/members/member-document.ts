import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { fieldsOf } from '../../http/shapes.ts';
import type { Identity } from '../../platform/identity.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Member } from './tables.ts';

/**
 * Site members as documents: the input Wix accepts, the defaults it fills in on creation, the merge rules of an
 * update, and the fieldsets (`PUBLIC`, `EXTENDED`, `FULL`) that decide what a caller sees.
 */

const address = z.looseObject({
  streetAddress: z.object({ number: z.string().max(100).optional(), name: z.string().max(200).optional() }).nullish(),
  addressLine: z.string().max(200).nullish(),
  ...fieldsOf(z.string().nullish(), 'addressLine2', 'city', 'subdivision', 'country', 'postalCode'),
});

const image = z.looseObject({
  ...fieldsOf(z.string().optional(), 'id', 'url'),
  ...fieldsOf(z.number().optional(), 'height', 'width'),
  ...fieldsOf(z.number().nullish(), 'offsetX', 'offsetY'),
});

const contactInput = z.object({
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  phones: z.array(z.string()).nullish(),
  emails: z.array(z.email('must be an email address')).nullish(),
  addresses: z.array(address).nullish(),
  birthdate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be formatted YYYY-MM-DD')
    .or(z.literal(''))
    .nullish(),
  company: z.string().max(100, 'must be at most 100 characters').nullish(),
  jobTitle: z.string().max(100, 'must be at most 100 characters').nullish(),
  customFields: z.record(z.string(), z.looseObject({ name: z.string().nullish(), value: z.unknown() })).nullish(),
});

const profileInput = z.object({
  nickname: z.string().nullish(),
  photo: image.nullish(),
  cover: image.nullish(),
  title: z.string().nullish(),
});

const privacyStatus = z.enum(['PUBLIC', 'PRIVATE']).nullish();

export const memberCreateInput = z.object(
  {
    loginEmail: z.email('must be an email address'),
    contact: contactInput.nullish(),
    profile: profileInput.nullish(),
    privacyStatus,
  },
  { error: (issue) => (issue.input === undefined ? 'is required' : undefined) },
);
export type MemberCreateInput = z.infer<typeof memberCreateInput>;

export const memberPatchInput = z.object(
  {
    id: z.string().nullish(),
    loginEmail: z.email('must be an email address').nullish(),
    contact: contactInput.nullish(),
    profile: profileInput.nullish(),
    privacyStatus,
  },
  { error: (issue) => (issue.input === undefined ? 'is required' : undefined) },
);
export type MemberPatchInput = z.infer<typeof memberPatchInput>;

const FIELDSETS = ['PUBLIC', 'EXTENDED', 'FULL'] as const;
export type Fieldset = (typeof FIELDSETS)[number];
export const fieldsets = z
  .preprocess(
    (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(FIELDSETS)).max(3, 'at most 3 fieldsets'),
  )
  .default([]);

/** Login emails are case-insensitive: the emulator keeps them in lower case. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export const slugOf = (nickname: string) =>
  nickname
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'member';

const clean = <T extends Doc>(doc: T): T =>
  Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined && v !== null)) as T;

/** The nickname Wix gives a member who has none: their name, else the local part of the login email. */
export function defaultNickname(input: MemberCreateInput): string {
  const name = [input.contact?.firstName, input.contact?.lastName].filter(Boolean).join(' ').trim();
  return input.profile?.nickname?.trim() || name || (normalizeEmail(input.loginEmail).split('@')[0] ?? 'member');
}

/** A new member's document (without id and dates), with Wix's defaults for a member created by API. */
export function newMember(input: MemberCreateInput, slug: string): Member {
  const loginEmail = normalizeEmail(input.loginEmail);
  const contactId = randomUUID();
  const emails = input.contact?.emails ?? [];
  return clean({
    loginEmail,
    loginEmailVerified: false,
    status: 'APPROVED',
    contactId,
    contact: clean({
      contactId,
      firstName: input.contact?.firstName,
      lastName: input.contact?.lastName,
      phones: input.contact?.phones ?? [],
      emails: emails.map(normalizeEmail).includes(loginEmail) ? emails : [loginEmail, ...emails],
      addresses: (input.contact?.addresses ?? []).map((a) => ({ ...a, id: randomUUID() })),
      birthdate: input.contact?.birthdate || undefined,
      company: input.contact?.company,
      jobTitle: input.contact?.jobTitle,
      customFields: input.contact?.customFields ?? {},
    }),
    profile: clean({
      nickname: defaultNickname(input),
      slug,
      photo: input.profile?.photo,
      cover: input.profile?.cover,
      title: input.profile?.title,
    }),
    privacyStatus: input.privacyStatus ?? 'PRIVATE',
    activityStatus: 'ACTIVE',
  });
}

/**
 * Applies an update: only the fields sent change; an empty string clears a field; `phones`, `emails` and
 * `addresses` are replaced as a whole when sent non-empty (an empty array changes nothing).
 */
export function updatedMember(current: Member, patch: MemberPatchInput): Member {
  const contact = { ...current.contact };
  const profile = { ...current.profile };
  const setText = (target: Doc, key: string, value: string | null | undefined) => {
    if (value === undefined || value === null) return;
    if (value === '') delete target[key];
    else target[key] = value;
  };
  if (patch.contact) {
    setText(contact, 'firstName', patch.contact.firstName);
    setText(contact, 'lastName', patch.contact.lastName);
    setText(contact, 'birthdate', patch.contact.birthdate);
    setText(contact, 'company', patch.contact.company);
    setText(contact, 'jobTitle', patch.contact.jobTitle);
    if (patch.contact.phones?.length) contact.phones = patch.contact.phones;
    if (patch.contact.emails?.length) contact.emails = patch.contact.emails;
    if (patch.contact.addresses?.length) {
      contact.addresses = patch.contact.addresses.map((a) => ({
        ...a,
        id: (a.id as string | undefined) ?? randomUUID(),
      }));
    }
    if (patch.contact.customFields) {
      contact.customFields = { ...contact.customFields, ...patch.contact.customFields };
    }
  }
  if (patch.profile) {
    setText(profile, 'nickname', patch.profile.nickname);
    setText(profile, 'title', patch.profile.title);
    if (patch.profile.photo) profile.photo = patch.profile.photo;
    if (patch.profile.cover) profile.cover = patch.profile.cover;
  }
  return {
    ...current,
    contact,
    profile,
    privacyStatus: patch.privacyStatus ?? current.privacyStatus,
  };
}

export const isSelf = (identity: Identity, memberId: unknown) =>
  identity.type === 'MEMBER' && identity.memberId === memberId;

/** The widest of the requested fieldsets; `PUBLIC` when none is named. */
export function widest(requested: Fieldset[]): Fieldset {
  if (requested.includes('FULL')) return 'FULL';
  if (requested.includes('EXTENDED')) return 'EXTENDED';
  return 'PUBLIC';
}

/**
 * A member as a fieldset shows it. PUBLIC: id, contactId, dates and profile, with the statuses `UNKNOWN`;
 * EXTENDED adds loginEmail and the statuses; FULL is everything (contact, loginEmailVerified, lastLoginDate).
 */
export function presentMember(stored: Member, fieldset: Fieldset): Doc {
  const { revision: _revision, ...doc } = structuredClone(stored);
  if (fieldset === 'FULL') return doc;
  const shown: Doc = clean({
    id: doc.id,
    contactId: doc.contactId,
    createdDate: doc.createdDate,
    updatedDate: doc.updatedDate,
    profile: doc.profile,
    status: 'UNKNOWN',
    privacyStatus: 'UNKNOWN',
    activityStatus: 'UNKNOWN',
  });
  if (fieldset === 'EXTENDED') {
    Object.assign(shown, {
      loginEmail: doc.loginEmail,
      status: doc.status,
      privacyStatus: doc.privacyStatus,
      activityStatus: doc.activityStatus,
    });
  }
  return shown;
}
