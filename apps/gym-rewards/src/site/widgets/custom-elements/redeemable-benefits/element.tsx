import type { MemberPickup, RedeemableBenefits, RedeemResult } from '@gym-rewards/flows';
import { authentication, currentMember } from '@wix/site-members';
import React, { type FC, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import ReactDOM from 'react-dom';
import reactToWebComponent from 'react-to-webcomponent';
import type { SiteMemberHint } from '../../../../backend/flow-methods';
import { myPickups, redeem, redeemableBenefits } from '../../../../backend/rewards.web';
import { isRefusal, messageOf } from '../../../../shared/refusal';
import { newRequestId } from '../../../../shared/request-id';
import { Catalogue, type Redemption } from './catalogue';
import { readable, textOn } from './contrast';
import { DEFAULTS } from './defaults';
import { siteLocale } from './locale';
import { dayFormatter, Outlook, Pickups } from './parts';
import { styles } from './styles';
import { type WidgetWords, widgetWords } from './words';

/**
 * The `redeemable-benefits` site widget: the logged-in member's balance, what the next month's turn carries over and
 * expires, their pickups (kept until handed over, then a short history), the whole catalogue by tier with the locked
 * rewards, and redeeming with a confirmation on the card. Every string comes from its phrase table (`words.ts`) in the site's
 * language (`locale.ts`). Plain React and CSS in its own shadow root: no design system and no flows code on the live
 * site. It refreshes itself when the window regains focus, after a redemption, and on the devsite's `devsite:changed`.
 */
interface Props {
  widgetTitle?: string;
  accentColor?: string;
  backgroundColor?: string;
  textColor?: string;
  locale?: string;
}

type PickupLists = { waiting: MemberPickup[]; history: MemberPickup[] };
type View =
  | { state: 'loading' }
  | { state: 'visitor' }
  | { state: 'error'; message: string }
  | { state: 'ready'; rewards: RedeemableBenefits; pickups: PickupLists };

function redeemFailure(
  result: Exclude<RedeemResult, { status: 'REDEEMED' }>,
  words: WidgetWords,
  amount: Amount,
): string {
  switch (result.status) {
    case 'NOT_ENOUGH_TOKENS':
      return words.notEnough(amount(result.price), amount(result.balance));
    case 'NOT_REDEEMABLE':
      return words.notRedeemable;
    case 'PROGRAM_PAUSED':
      return words.paused;
    case 'PROGRAM_UPDATING':
      return words.updating;
    case 'NOT_IN_PROGRAM':
      return words.notInProgram;
  }
}

type Amount = (n: number) => string;

/** How long after a load the widget waits before loading again when the window regains focus. */
const FOCUS_REFRESH_MS = 15_000;

/**
 * Who is logged in, asked of the site the widget runs in (Wix's frontend members API, `currentMember.getMember()`: the
 * member, or `undefined` for a visitor): `null` for a visitor, so a visitor's page view calls no web method and the
 * console shows no refusal; else the member's ids, which let the backend start while it looks the session up (it
 * writes and answers only for the session's member). When the site cannot say, the web methods decide (`{}`): they answer a
 * visitor NOT_ALLOWED.
 */
async function whoIsLoggedIn(): Promise<SiteMemberHint | null> {
  try {
    const member = await currentMember.getMember();
    return member ? { memberId: member._id, contactId: member.contactId } : null;
  } catch {
    return {};
  }
}

/** The member's rewards and pickups, loaded again on focus, on `devsite:changed` and when asked; the last answer wins. */
function useMemberRewards() {
  const [view, setView] = useState<View>({ state: 'loading' });
  const latest = useRef(0);
  /** Who the site said was logged in at the last load: what a redemption names. */
  const member = useRef<SiteMemberHint>({});
  const load = useCallback(async () => {
    const call = ++latest.current;
    try {
      const loggedIn = await whoIsLoggedIn();
      if (!loggedIn) {
        if (call === latest.current) setView({ state: 'visitor' });
        return;
      }
      member.current = loggedIn;
      const [rewards, pickups] = await Promise.all([redeemableBenefits(loggedIn), myPickups(loggedIn)]);
      if (call === latest.current) setView({ state: 'ready', rewards, pickups });
    } catch (error) {
      if (call !== latest.current) return;
      if (isRefusal(error) && error.code === 'NOT_ALLOWED') setView({ state: 'visitor' });
      // A failed refresh keeps what the member sees; only a first load shows the error.
      else setView((v) => (v.state === 'ready' ? v : { state: 'error', message: messageOf(error) }));
    }
  }, []);
  useEffect(() => {
    void load();
    let loadedAt = Date.now();
    const refresh = () => {
      loadedAt = Date.now();
      void load();
    };
    // Back on the page: at most once every FOCUS_REFRESH_MS (a web call costs several Wix calls of the site's budget).
    const refocused = () => {
      if (document.visibilityState !== 'hidden' && Date.now() - loadedAt >= FOCUS_REFRESH_MS) refresh();
    };
    window.addEventListener('focus', refocused);
    document.addEventListener('visibilitychange', refocused);
    document.addEventListener('devsite:changed', refresh);
    return () => {
      window.removeEventListener('focus', refocused);
      document.removeEventListener('visibilitychange', refocused);
      document.removeEventListener('devsite:changed', refresh);
    };
  }, [load]);
  return { view, load, member };
}

/**
 * "Log in": the site's own login dialog (Wix's frontend members API, `promptLogin`, through the site the widget runs
 * in), then the member's rewards. A visitor who closes the dialog stays a visitor: nothing to say.
 */
function logIn(load: () => Promise<void>) {
  authentication.promptLogin().then(load, () => undefined);
}

const RedeemableBenefitsWidget: FC<Props> = ({
  widgetTitle,
  accentColor = DEFAULTS.accentColor,
  backgroundColor = DEFAULTS.backgroundColor,
  textColor = DEFAULTS.textColor,
  locale: localeAttribute,
}) => {
  const { words, locale } = useMemo(() => widgetWords(siteLocale(localeAttribute)), [localeAttribute]);
  const { view, load, member } = useMemberRewards();
  const [redemption, setRedemption] = useState<Redemption>({ step: 'idle' });
  const pickupsHeading = useRef<HTMLHeadingElement>(null);
  const amount: Amount = words.tokens;
  const timeZone =
    view.state === 'ready' && view.rewards.status === 'ACTIVE' ? view.rewards.renewal.timeZone : undefined;
  const day = useMemo(() => dayFormatter(locale, timeZone), [locale, timeZone]);

  const confirm = async () => {
    if (redemption.step !== 'confirm') return;
    const { productId, requestId } = redemption;
    setRedemption({ ...redemption, busy: true, error: undefined });
    try {
      const result = await redeem({ productId, requestId, ...member.current });
      if (result.status === 'REDEEMED') setRedemption({ step: 'done', productId, code: result.pickup.code });
      else
        setRedemption({
          step: 'confirm',
          productId,
          requestId,
          busy: false,
          error: redeemFailure(result, words, amount),
        });
      void load();
    } catch (error) {
      // The same requestId is kept: trying again cannot redeem twice.
      const reason = messageOf(error);
      setRedemption({ step: 'confirm', productId, requestId, busy: false, error: words.failed(reason) });
    }
  };

  const theme = {
    '--accent': accentColor,
    '--bg': backgroundColor,
    '--text': textColor,
    '--on-accent': textOn(accentColor),
    '--accent-text': readable(accentColor, backgroundColor, textColor),
  } as React.CSSProperties;
  let body: React.ReactNode;
  if (view.state === 'loading') {
    body = (
      <div role="status" aria-busy="true" data-hook="rewards-loading">
        <span className="muted">{words.loading}</span>
        <div className="skeleton" style={{ width: '40%' }} />
        <div className="skeleton" style={{ width: '70%' }} />
      </div>
    );
  } else if (view.state === 'visitor') {
    body = (
      <div className="notice">
        <p>{words.visitor}</p>
        <button type="button" className="primary" data-hook="rewards-login" onClick={() => logIn(load)}>
          {words.logIn}
        </button>
      </div>
    );
  } else if (view.state === 'error') {
    body = (
      <div className="notice" role="alert" data-hook="rewards-error">
        <p className="error">
          {words.loadFailed} {view.message}
        </p>
        <button type="button" className="secondary" data-hook="rewards-retry" onClick={() => void load()}>
          {words.tryAgain}
        </button>
      </div>
    );
  } else if (view.rewards.status !== 'ACTIVE') {
    const [hook, key] = {
      NOT_IN_PROGRAM: ['rewards-not-in-program', 'notInProgram'],
      PROGRAM_ENDED: ['rewards-ended', 'ended'],
      PROGRAM_PAUSED: ['rewards-paused', 'paused'],
    }[view.rewards.status] as [string, 'notInProgram' | 'ended' | 'paused'];
    body = (
      <>
        <p className="notice" data-hook={hook}>
          {words[key]}
        </p>
        <Pickups {...view.pickups} words={words} day={day} headingRef={pickupsHeading} />
      </>
    );
  } else {
    const { balance, tokenName, nextTier, tiers, renewal } = view.rewards;
    const nextName = nextTier ? (tiers.find((tier) => tier.tier === nextTier.tier)?.name ?? null) : null;
    const nextLabel = nextTier
      ? (nextName ?? words.tierName(tiers.findIndex((tier) => tier.tier === nextTier.tier) + 1))
      : '';
    const reached = nextTier ? Math.min(100, Math.round((balance / nextTier.price) * 100)) : 100;
    body = (
      <>
        <div className="balance" data-hook="rewards-balance">
          <b>{balance}</b> <span>{tokenName}</span>
        </div>
        {nextTier ? (
          <div data-hook="rewards-next-tier">
            <div
              className="progress"
              role="progressbar"
              aria-label={words.progressLabel(nextLabel)}
              aria-valuemin={0}
              aria-valuemax={nextTier.price}
              aria-valuenow={balance}
            >
              <span style={{ width: `${reached}%` }} />
            </div>
            <p className="muted">{words.toNextTier(nextTier.missing, nextLabel)}</p>
          </div>
        ) : null}
        <Outlook renewal={renewal} balance={balance} words={words} day={day} />
        <Pickups {...view.pickups} words={words} day={day} headingRef={pickupsHeading} />
        {tiers.every((tier) => tier.locked) ? (
          <p className="muted" data-hook="rewards-nothing-yet">
            {words.nothingYet}
          </p>
        ) : null}
        <Catalogue
          tiers={tiers}
          redemption={redemption}
          words={words}
          amount={amount}
          onRedeem={(productId) =>
            setRedemption({ step: 'confirm', productId, requestId: newRequestId(), busy: false })
          }
          onConfirm={() => void confirm()}
          onCancel={() => setRedemption({ step: 'idle' })}
          onDone={() => {
            setRedemption({ step: 'idle' });
            requestAnimationFrame(() => pickupsHeading.current?.focus());
          }}
        />
      </>
    );
  }

  return (
    <>
      <style>{styles}</style>
      <section className="grw" style={theme} aria-label={widgetTitle || words.title} lang={locale}>
        <h2>{widgetTitle || words.title}</h2>
        {body}
      </section>
    </>
  );
};

const customElement = reactToWebComponent(RedeemableBenefitsWidget, React, ReactDOM as never, {
  shadow: 'open',
  props: {
    widgetTitle: 'string',
    accentColor: 'string',
    backgroundColor: 'string',
    textColor: 'string',
    locale: 'string',
  },
});

export default customElement;
