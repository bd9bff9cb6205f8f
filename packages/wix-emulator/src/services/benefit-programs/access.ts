import { type SQL, sql } from 'drizzle-orm';
import { permissionDenied } from '../../http/errors.ts';
import type { Identity } from '../../platform/identity.ts';
import type { Doc } from '../../storage/columns.ts';
import type { EntityTable } from '../../storage/query.ts';

/**
 * What a caller may see of beneficiary-owned entities (programs, pools, balances, transactions):
 * apps and Wix users see everything; a member sees what is theirs, a visitor what belongs to their visitor id.
 */
export function ownedScope(table: EntityTable, identity: Identity): SQL | undefined {
  switch (identity.type) {
    case 'APP':
    case 'ADMIN':
      return undefined;
    case 'MEMBER':
      return sql`${table.data} #>> '{beneficiary,memberId}' = ${identity.memberId}`;
    case 'VISITOR':
      return sql`${table.data} #>> '{beneficiary,anonymousVisitorId}' = ${identity.visitorId ?? ''}`;
  }
}

export function isOwner(identity: Identity, doc: Doc): boolean {
  const beneficiary = (doc.beneficiary ?? {}) as Doc;
  switch (identity.type) {
    case 'APP':
    case 'ADMIN':
      return true;
    case 'MEMBER':
      return beneficiary.memberId === identity.memberId;
    case 'VISITOR':
      return !!identity.visitorId && beneficiary.anonymousVisitorId === identity.visitorId;
  }
}

export function assertOwner(identity: Identity, doc: Doc, what: string): void {
  if (!isOwner(identity, doc)) throw permissionDenied(`this ${what} belongs to someone else`);
}

/** The beneficiary a member or visitor stands for (what `beneficiary` defaults to when they call). */
export function callerAsBeneficiary(identity: Identity): Doc | undefined {
  if (identity.type === 'MEMBER') return { memberId: identity.memberId };
  if (identity.type === 'VISITOR' && identity.visitorId) return { anonymousVisitorId: identity.visitorId };
  return undefined;
}
