import type { MemberPickup, RenewalOutlook } from '@gym-rewards/flows';
import React, { type FC } from 'react';
import type { WidgetWords } from './words';

/** Pieces of the widget that only show what they are given: the renewal outlook and the member's pickups. */

/** Formats an instant as a day of the year ("1 January") in the site's time zone. */
export type FormatDay = (at: string) => string;

export function dayFormatter(locale: string, timeZone?: string): FormatDay {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone });
  } catch {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long' });
  }
  return (at) => format.format(new Date(at));
}

/** Before the month's turn: what carries over and what expires; after it, what the last turn did. */
export const Outlook: FC<{ renewal: RenewalOutlook; balance: number; words: WidgetWords; day: FormatDay }> = ({
  renewal,
  balance,
  words,
  day,
}) => {
  const { next, last } = renewal;
  if (!next && !last) return null;
  return (
    <div className="outlook" data-hook="rewards-renewal">
      {next && balance > 0 ? (
        <p data-hook="rewards-renewal-next" className={next.expire > 0 ? 'warn' : undefined}>
          {next.carryOver === 0
            ? words.allExpire(next.expire, day(next.at))
            : next.expire === 0
              ? words.allCarry(day(next.at))
              : `${words.carryOver(next.carryOver, day(next.at))}, ${words.expire(next.expire)}`}{' '}
          {next.newTokens > 0 ? words.newTokens(next.newTokens) : null}
        </p>
      ) : null}
      {last ? (
        <p className="muted" data-hook="rewards-renewal-last">
          {words.lastTurn(day(last.at))} {last.expired > 0 ? words.lastExpired(last.expired) : words.lastNothingExpired}{' '}
          {words.lastArrived(last.newTokens)}
        </p>
      ) : null}
    </div>
  );
};

/** "My rewards to pick up": every pickup waiting at the front desk, then a short history. */
export const Pickups: FC<{
  waiting: MemberPickup[];
  history: MemberPickup[];
  words: WidgetWords;
  day: FormatDay;
  headingRef: React.RefObject<HTMLHeadingElement>;
}> = ({ waiting, history, words, day, headingRef }) => (
  <section data-hook="my-pickups" aria-labelledby="grw-pickups">
    <h3 id="grw-pickups" ref={headingRef} tabIndex={-1}>
      {words.pickups}
    </h3>
    {waiting.length === 0 ? (
      <p className="muted" data-hook="my-pickups-empty">
        {words.noPickups}
      </p>
    ) : (
      <ul className="pickups">
        {waiting.map((pickup) => (
          <li key={pickup._id} data-hook={`my-pickup-${pickup.code}`}>
            <b>{pickup.productName}</b>
            <span>
              {words.code}: <span className="code">{pickup.code}</span>
            </span>
            <span className="muted">{words.waiting}</span>
          </li>
        ))}
      </ul>
    )}
    {history.length > 0 ? (
      <>
        <h4>{words.history}</h4>
        <ul className="pickups history" data-hook="my-pickups-history">
          {history.map((pickup) => (
            <li key={pickup._id} data-hook={`my-pickup-done-${pickup.code}`}>
              <span>{pickup.productName}</span>
              <span className="muted">
                {pickup.status === 'VOIDED'
                  ? words.voided
                  : words.handedOver(day(pickup.handedOverAt ?? pickup.redeemedAt))}
              </span>
            </li>
          ))}
        </ul>
      </>
    ) : null}
  </section>
);
