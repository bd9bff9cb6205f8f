import { type Clock, type WixApis, writesAfter } from '@gym-rewards/flows';
import { type Permissions, webMethod } from '@wix/web-methods';
import { answer } from './answers';
import { clock } from './clock';
import { callingMember } from './members';
import { elevatedWix } from './wix-apis';

/**
 * The web methods over the flows, each named as the flow it calls: a table `{ name: flow }` and a permission make one
 * web method per flow. Wix checks the permission; the method then works as the app (elevated), as the flows expect,
 * and the flows' and Wix's refusals reach the page as a `Refusal` (`answer`). A web method takes one argument, the
 * flow's input, and nothing else reaches the flow.
 *
 * The Wix CLI makes an RPC stub of each export of a `*.web.ts` file, found by name (es-module-lexer, which reads the
 * names of a destructuring export): the file exports its table's methods as `export const { <name>, … } = <table>`.
 */

/** The flows' inputs are as various as the flows. */
type AnyInput = any;
type Flow = (...args: AnyInput[]) => Promise<unknown>;
/** A web method as the Wix CLI's stub calls it: its arguments crossed the wire as JSON. */
type WebMethod<A extends unknown[], R> = (...args: A) => Promise<R>;

/** A web method taking what its flow takes after `skipped` (the Wix APIs, the clock), answering what it answers. */
type MethodOf<F extends Flow, Skipped extends unknown[]> = WebMethod<
  Parameters<F> extends [...Skipped, ...infer Input] ? Input : never,
  Awaited<ReturnType<F>>
>;

function table<F extends Record<string, unknown>, M>(flows: F, method: (flow: F[keyof F]) => M) {
  return Object.fromEntries(Object.entries(flows).map(([name, flow]) => [name, method(flow as F[keyof F])]));
}

/** Web methods over flows `(wix, input?)`: `flow(elevatedWix(), input)`. */
export function methodsOver<F extends Record<string, (wix: WixApis, input?: AnyInput) => Promise<unknown>>>(
  permission: Permissions,
  flows: F,
) {
  return table(flows, (flow) =>
    webMethod(permission, (input?: unknown) => answer(() => flow(elevatedWix(), input))),
  ) as unknown as { [K in keyof F]: MethodOf<F[K], [WixApis]> };
}

/** Web methods over flows `(wix, clock, input?)`: `flow(elevatedWix(), clock, input)`. */
export function clockedMethodsOver<
  F extends Record<string, (wix: WixApis, clock: Clock, input?: AnyInput) => Promise<unknown>>,
>(permission: Permissions, flows: F) {
  return table(flows, (flow) =>
    webMethod(permission, (input?: unknown) => answer(() => flow(elevatedWix(), clock, input))),
  ) as unknown as { [K in keyof F]: MethodOf<F[K], [WixApis, Clock]> };
}

/**
 * Who the widget says is calling: the member the site says is logged in (Wix's `currentMember.getMember()`: its `_id`
 * and `contactId`). Never taken for the caller; it lets the backend start before it has looked the session up.
 */
export interface SiteMemberHint {
  memberId?: string;
  contactId?: string;
}

/** The input of a member's own flow, as the widget sends it: everything but the member, and who the site says it is. */
type MemberInput<F> = F extends (wix: WixApis, clock: Clock, input: infer I) => unknown
  ? keyof Omit<I, 'memberId' | 'contactId'> extends never
    ? [input?: SiteMemberHint]
    : [input: Omit<I, 'memberId' | 'contactId'> & SiteMemberHint]
  : never;

/** The named member is not the session's: what a held write of the early run fails with. */
const NOT_THE_CALLER = Symbol('not the caller');

/**
 * Web methods over a member's own flows `(wix, clock, { ...input, memberId, contactId })`: the member is the session's
 * (`callingMember()`, as the caller, before elevating), never an id taken from the input. When the widget names the
 * member the site says is logged in (`SiteMemberHint`), the flow starts for them while the session is looked up, on
 * Wix APIs whose writes wait for the lookup (`writesAfter`): it reads at once, writes only once the session's member
 * is the one named, and its answer is given only then. For anyone else its writes fail unmade, and the flow runs
 * again for the session's member. So an honest widget saves the lookup's round, and a member naming another still
 * sees and changes only their own.
 */
export function memberMethodsOver<
  F extends Record<string, (wix: WixApis, clock: Clock, input: AnyInput) => Promise<unknown>>,
>(permission: Permissions, flows: F) {
  return table(flows, (flow) =>
    webMethod(permission, (input?: SiteMemberHint & Record<string, unknown>) =>
      answer(async () => {
        const { memberId: named, contactId: namedContact, ...rest } = input && typeof input === 'object' ? input : {};
        const caller = callingMember();
        caller.catch(() => undefined); // awaited below, on either path
        if (typeof named === 'string') {
          const same = caller.then((session) => {
            if (session.memberId !== named || session.contactId !== namedContact) throw NOT_THE_CALLER;
          });
          const early = flow(writesAfter(elevatedWix(), same), clock, {
            ...rest,
            memberId: named,
            contactId: namedContact,
          });
          const [checked, ran] = await Promise.allSettled([same, early]);
          // The session's member, named: the early run's answer (or its refusal) is theirs.
          if (checked.status === 'fulfilled') {
            if (ran.status === 'fulfilled') return ran.value;
            throw ran.reason;
          }
        }
        // The session's ids over the input's, both always set: an id in the input never stands for the caller's.
        const { memberId, contactId } = await caller;
        return flow(elevatedWix(), clock, { ...rest, memberId, contactId });
      }),
    ),
  ) as unknown as { [K in keyof F]: WebMethod<MemberInput<F[K]>, Awaited<ReturnType<F[K]>>> };
}
