import { v5 as uuidv5 } from 'uuid';

/**
 * The ids Gym Rewards makes, where Wix declares a GUID (`@format GUID`) or the app needs a stable id of its own: each is
 * the UUID v5 (RFC 4122, SHA-1 name-based) of what it names, under one namespace of the app. The same name always
 * gives the same id, so retries and concurrent calls meet on one id.
 */

/** The app's UUID namespace. Never change it: ids made under it are stored in Wix. */
const GYM_REWARDS_NAMESPACE_UUID = '5b3a9d2e-61c4-4f0b-8e27-9c1d4a6f0b83';

/** The UUID v5 of `name` under the app's namespace. */
export const stableId = (name: string): string => uuidv5(name, GYM_REWARDS_NAMESPACE_UUID);

/** The external id of the one program definition the app keeps per site (`gym-rewards-program`). */
export const PROGRAM_EXTERNAL_ID = stableId('gym-rewards-program');

/** A member's one program: `externalProgramId` names `<programDefinitionId>_<memberId>`. */
export const externalProgramId = (definitionId: string, memberId: string) => stableId(`${definitionId}_${memberId}`);

/** One visit: its record in the app's visits collection, from the caller's visit id (whatever day it is retried on). */
export const visitRecordId = (visitId: string) => stableId(`visit:${visitId}`);

/**
 * One of a member's visit slots of a day (`visitsPerDay` of them): its record in the app's visits collection. Named by
 * the member, not the pool, so a visit takes its slot before the member's pool is read. (Until 2026-12 slots were named
 * by the pool: `visit-slot:<poolId>:<day>:<slot>`.)
 */
export const visitSlotId = (memberId: string, day: string, slot: number) =>
  stableId(`visit-slot:member:${memberId}:${day}:${slot}`);

/** The n-th place (1-based) of the plan's member limit: its record in the app's places collection. */
export const placeId = (place: number) => stableId(`member-place:${place}`);

/** A pickup (its Wix Data item id), from the member and the redemption's request id. */
export const pickupId = (memberId: string, requestId: string) => stableId(`pickup:${memberId}:${requestId}`);
