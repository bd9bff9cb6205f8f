import type { Clock, WixApis } from '@gym-rewards/flows';
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

/** The input of a member's own flow, as the widget sends it: everything but the member. */
type MemberInput<F> = F extends (wix: WixApis, clock: Clock, input: infer I) => unknown
  ? keyof Omit<I, 'memberId' | 'contactId'> extends never
    ? []
    : [input: Omit<I, 'memberId' | 'contactId'>]
  : never;

/**
 * Web methods over a member's own flows `(wix, clock, { ...input, memberId, contactId })`: the member is the session's
 * (`callingMember()`, as the caller, before elevating), never an id taken from the input.
 */
export function memberMethodsOver<
  F extends Record<string, (wix: WixApis, clock: Clock, input: AnyInput) => Promise<unknown>>,
>(permission: Permissions, flows: F) {
  return table(flows, (flow) =>
    webMethod(permission, (input?: object) =>
      answer(async () => {
        // The session's ids over the input's, both always set: an id in the input never stands for the caller's.
        const { memberId, contactId } = await callingMember();
        return flow(elevatedWix(), clock, { ...input, memberId, contactId });
      }),
    ),
  ) as unknown as { [K in keyof F]: WebMethod<MemberInput<F[K]>, Awaited<ReturnType<F[K]>>> };
}

/** The input of a member's own read, as the widget sends it: the member the site says is logged in, at most. */
type MemberReadInput = [input?: { memberId?: string }];

/**
 * Web methods over a member's own reads `(wix, clock, { memberId })`, in one round less: the widget may name the member
 * the site says is logged in (`memberId`, from Wix's `currentMember.getMember()`), and the read for that member runs
 * alongside the session's lookup (`callingMember()`). Its answer is given only when the session's member is the one
 * named; otherwise (another member named, or the read failed) the read runs again for the session's member. So a
 * member sees only their own rewards, whatever the input says, and an honest widget costs no call more. Only for flows
 * that write nothing a caller asks for (a read may catch a program up with renewals already due, as any visit would).
 */
export function memberReadsOver<
  F extends Record<string, (wix: WixApis, clock: Clock, input: { memberId: string }) => Promise<unknown>>,
>(permission: Permissions, flows: F) {
  return table(flows, (flow) =>
    webMethod(permission, (input?: { memberId?: unknown }) =>
      answer(async () => {
        const read = (memberId: string) => flow(elevatedWix(), clock, { memberId });
        const named = typeof input?.memberId === 'string' ? input.memberId : undefined;
        const early = named === undefined ? undefined : read(named);
        early?.catch(() => undefined); // settled below, or given up when the session's member is another
        const { memberId } = await callingMember();
        if (early && memberId === named) {
          const settled = await Promise.allSettled([early]);
          if (settled[0].status === 'fulfilled') return settled[0].value;
        }
        return read(memberId);
      }),
    ),
  ) as unknown as { [K in keyof F]: WebMethod<MemberReadInput, Awaited<ReturnType<F[K]>>> };
}
