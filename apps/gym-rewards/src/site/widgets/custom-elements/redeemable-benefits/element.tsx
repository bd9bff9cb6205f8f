import type { RedeemableBenefits, RedeemableProduct, RedeemResult } from '@gym-rewards/flows';
import React, { type FC, useCallback, useEffect, useState } from 'react';
import ReactDOM from 'react-dom';
import reactToWebComponent from 'react-to-webcomponent';
import { redeem, redeemableBenefits } from '../../../../backend/rewards.web';
import { isRefusal, messageOf } from '../../../../shared/refusal';
import { newRequestId } from '../../../../shared/request-id';
import { DEFAULTS } from './defaults';
import { styles } from './styles';

/**
 * The `redeemable-benefits` site widget: the logged-in member's balance, what they can redeem now, progress to the
 * next tier, redeeming with a confirmation, then the pickup code. Plain React and CSS in its own shadow root: no design
 * system and no flows code on the live site.
 */
interface Props {
  widgetTitle?: string;
  accentColor?: string;
  backgroundColor?: string;
  textColor?: string;
}

type View =
  | { state: 'loading' }
  | { state: 'visitor' }
  | { state: 'error'; message: string }
  | { state: 'ready'; rewards: RedeemableBenefits };

type Redemption =
  | { step: 'idle' }
  | { step: 'confirm'; product: RedeemableProduct; requestId: string; busy: boolean; error?: string }
  | { step: 'done'; product: RedeemableProduct; code: string };

function redeemFailure(result: Exclude<RedeemResult, { status: 'REDEEMED' }>, tokenName: string): string {
  switch (result.status) {
    case 'NOT_ENOUGH_TOKENS':
      return `Not enough ${tokenName}: this costs ${result.price} and you have ${result.balance}.`;
    case 'NOT_REDEEMABLE':
      return 'This reward is no longer offered.';
    case 'PROGRAM_PAUSED':
      return 'Your rewards are paused at the moment.';
    case 'PROGRAM_UPDATING':
      return 'Your rewards are being updated: try again in a moment.';
    case 'NOT_IN_PROGRAM':
      return 'You are not in the rewards program.';
  }
}

const RedeemableBenefitsWidget: FC<Props> = ({
  widgetTitle = DEFAULTS.widgetTitle,
  accentColor = DEFAULTS.accentColor,
  backgroundColor = DEFAULTS.backgroundColor,
  textColor = DEFAULTS.textColor,
}) => {
  const [view, setView] = useState<View>({ state: 'loading' });
  const [redemption, setRedemption] = useState<Redemption>({ step: 'idle' });

  const load = useCallback(async () => {
    setView((v) => (v.state === 'ready' ? v : { state: 'loading' }));
    try {
      setView({ state: 'ready', rewards: await redeemableBenefits() });
    } catch (error) {
      if (isRefusal(error) && error.code === 'NOT_ALLOWED') setView({ state: 'visitor' });
      else setView({ state: 'error', message: messageOf(error) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const confirm = async () => {
    if (redemption.step !== 'confirm') return;
    const { product, requestId } = redemption;
    setRedemption({ ...redemption, busy: true, error: undefined });
    try {
      const result = await redeem({ productId: product.productId, requestId });
      if (result.status === 'REDEEMED') {
        setRedemption({ step: 'done', product, code: result.pickup.code });
        void load();
      } else {
        const tokenName =
          view.state === 'ready' && view.rewards.status === 'ACTIVE' ? view.rewards.tokenName : 'tokens';
        setRedemption({ step: 'confirm', product, requestId, busy: false, error: redeemFailure(result, tokenName) });
      }
    } catch (error) {
      // The same requestId is kept: trying again cannot redeem twice.
      setRedemption({ step: 'confirm', product, requestId, busy: false, error: messageOf(error) });
    }
  };

  const theme = { '--accent': accentColor, '--bg': backgroundColor, '--text': textColor } as React.CSSProperties;
  let body: React.ReactNode;
  if (view.state === 'loading') {
    body = (
      <div role="status" aria-busy="true" data-hook="rewards-loading">
        <span className="muted">Loading your rewards…</span>
        <div className="skeleton" style={{ width: '40%' }} />
        <div className="skeleton" style={{ width: '70%' }} />
      </div>
    );
  } else if (view.state === 'visitor') {
    body = (
      <div className="notice">
        <p>Log in to see your tokens and the rewards you can pick up.</p>
        <button
          type="button"
          className="primary"
          data-hook="rewards-login"
          onClick={(event) =>
            event.currentTarget.dispatchEvent(new CustomEvent('gym-rewards:login', { bubbles: true, composed: true }))
          }
        >
          Log in
        </button>
      </div>
    );
  } else if (view.state === 'error') {
    body = (
      <div className="notice" role="alert" data-hook="rewards-error">
        <p className="error">We could not load your rewards. {view.message}</p>
        <button type="button" className="secondary" data-hook="rewards-retry" onClick={() => void load()}>
          Try again
        </button>
      </div>
    );
  } else if (view.rewards.status === 'NOT_IN_PROGRAM') {
    body = (
      <p className="notice" data-hook="rewards-not-in-program">
        You are not in the rewards program. Ask at the front desk to join.
      </p>
    );
  } else if (view.rewards.status === 'PROGRAM_ENDED') {
    body = (
      <p className="notice" data-hook="rewards-ended">
        Your rewards membership has ended. Thanks for training with us! Ask at the front desk about a new one.
      </p>
    );
  } else if (view.rewards.status === 'PROGRAM_PAUSED') {
    body = (
      <p className="notice" data-hook="rewards-paused">
        Your rewards are paused at the moment. Ask at the front desk.
      </p>
    );
  } else {
    const { balance, tokenName, redeemable, nextTier } = view.rewards;
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
              aria-valuemin={0}
              aria-valuemax={nextTier.price}
              aria-valuenow={balance}
            >
              <span style={{ width: `${reached}%` }} />
            </div>
            <p className="muted">
              {nextTier.missing} more {tokenName} to {nextTier.name}
            </p>
          </div>
        ) : null}
        {redemption.step === 'done' ? (
          <div className="code-box" role="status" data-hook="rewards-pickup">
            <p>
              <b>{redemption.product.name}</b> is yours. Show this code at the front desk:
            </p>
            <p className="code" data-hook="pickup-code">
              {redemption.code}
            </p>
            <button type="button" className="secondary" onClick={() => setRedemption({ step: 'idle' })}>
              Done
            </button>
          </div>
        ) : redemption.step === 'confirm' ? (
          <div className="confirm" role="dialog" aria-label="Confirm the redemption" data-hook="redeem-confirmation">
            <p>
              Redeem <b>{redemption.product.name}</b> for {redemption.product.price} {tokenName}?
            </p>
            {redemption.error ? (
              <p className="error" role="alert" data-hook="redeem-error">
                {redemption.error}
              </p>
            ) : null}
            <div className="actions">
              <button
                type="button"
                className="primary"
                data-hook="redeem-confirm"
                disabled={redemption.busy}
                onClick={() => void confirm()}
              >
                {redemption.busy ? 'Redeeming…' : redemption.error ? 'Try again' : 'Confirm'}
              </button>
              <button
                type="button"
                className="secondary"
                data-hook="redeem-cancel"
                disabled={redemption.busy}
                onClick={() => setRedemption({ step: 'idle' })}
              >
                Cancel
              </button>
            </div>
          </div>
        ) : null}
        {redeemable.length === 0 ? (
          <p className="muted" data-hook="rewards-nothing-yet">
            Nothing to redeem yet. Every visit brings you closer.
          </p>
        ) : (
          <ul className="items" aria-label="Rewards you can redeem now">
            {redeemable.map((product) => (
              <li className="item" key={product.productId} data-hook={`rewards-item-${product.productId}`}>
                {product.image ? <img src={product.image} alt={product.name} loading="lazy" /> : null}
                <span className="name">{product.name}</span>
                <span className="price">
                  {product.price} {tokenName}
                </span>
                <button
                  type="button"
                  className="primary"
                  data-hook={`redeem-${product.productId}`}
                  disabled={redemption.step === 'confirm'}
                  onClick={() => setRedemption({ step: 'confirm', product, requestId: newRequestId(), busy: false })}
                >
                  Redeem
                </button>
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }

  return (
    <>
      <style>{styles}</style>
      <section className="grw" style={theme} aria-label={widgetTitle}>
        <h2>{widgetTitle}</h2>
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
  },
});

export default customElement;
