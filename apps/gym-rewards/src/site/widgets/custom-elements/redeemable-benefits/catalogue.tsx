import type { CatalogueTier } from '@gym-rewards/flows';
import React, { type FC, useEffect, useRef } from 'react';
import type { WidgetWords } from './words';

/** Redeeming one product, shown on its own card: the confirmation where the member tapped, then the pickup code. */
export type Redemption =
  | { step: 'idle' }
  | { step: 'confirm'; productId: string; requestId: string; busy: boolean; error?: string }
  | { step: 'done'; productId: string; code: string };

interface CatalogueProps {
  tiers: CatalogueTier[];
  redemption: Redemption;
  words: WidgetWords;
  /** "3 tokens", in the member's language. */
  amount: (n: number) => string;
  onRedeem: (productId: string) => void;
  onConfirm: () => void;
  onCancel: () => void;
  onDone: () => void;
}

/** The whole catalogue, by tier cheapest first: the rewards the balance buys, and the locked ones with visits missing. */
export const Catalogue: FC<CatalogueProps> = (props) => {
  const { tiers, words, amount } = props;
  return (
    <section data-hook="rewards-catalogue" aria-labelledby="grw-catalogue">
      <h3 id="grw-catalogue">{words.catalogue}</h3>
      {tiers.map((tier, i) => {
        const name = tier.name ?? words.tierName(i + 1);
        return (
          <section className="tier" key={tier.tier} data-hook={`tier-${tier.tier}`} aria-label={name}>
            <h4>
              <span>{name}</span> <span>{amount(tier.price)}</span>
            </h4>
            <p className="state" data-hook={tier.locked ? `tier-locked-${tier.tier}` : `tier-open-${tier.tier}`}>
              {tier.locked ? words.lockedVisits(tier.visitsMissing) : words.unlocked}
            </p>
            <ul className="items">
              {tier.products.map((product) => (
                <ProductCard key={product.productId} {...props} tier={tier} product={product} />
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
};

const ProductCard: FC<CatalogueProps & { tier: CatalogueTier; product: CatalogueTier['products'][number] }> = ({
  tier,
  product,
  redemption,
  words,
  amount,
  onRedeem,
  onConfirm,
  onCancel,
  onDone,
}) => {
  const redeemRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const codeRef = useRef<HTMLDivElement>(null);
  const mine = redemption.step !== 'idle' && redemption.productId === product.productId;
  const step = mine ? redemption.step : 'idle';
  const previous = useRef(step);
  useEffect(() => {
    // Focus follows the redemption: onto Confirm, then onto the code; back to Redeem when canceled (after Done the
    // widget moves it to the pickups, where the code now is).
    if (step === 'confirm') {
      confirmRef.current?.focus();
      confirmRef.current?.scrollIntoView?.({ block: 'nearest' });
    } else if (step === 'done') {
      codeRef.current?.focus();
      codeRef.current?.scrollIntoView?.({ block: 'nearest' });
    } else if (previous.current === 'confirm') redeemRef.current?.focus();
    previous.current = step;
  }, [step]);
  const busy = redemption.step === 'confirm' && redemption.busy;
  return (
    <li
      className={`item${tier.locked ? ' locked' : ''}${step !== 'idle' ? ' open' : ''}`}
      data-hook={tier.locked ? `locked-item-${product.productId}` : `rewards-item-${product.productId}`}
    >
      {product.image ? <img src={product.image} alt="" loading="lazy" /> : null}
      <span className="name">{product.name}</span>
      {tier.locked ? null : (
        <button
          ref={redeemRef}
          type="button"
          className="primary"
          data-hook={`redeem-${product.productId}`}
          aria-label={words.redeemLabel(product.name)}
          aria-expanded={step === 'confirm'}
          disabled={busy || step !== 'idle'}
          onClick={() => onRedeem(product.productId)}
        >
          {words.redeem}
        </button>
      )}
      {mine && redemption.step === 'confirm' ? (
        <fieldset
          className="confirm"
          data-hook="redeem-confirmation"
          onKeyDown={(event) => {
            // Escape anywhere in the confirmation cancels it.
            if (event.key === 'Escape' && !redemption.busy) onCancel();
          }}
        >
          <legend>{words.confirmQuestion(product.name, amount(tier.price))}</legend>
          {redemption.error ? (
            <p className="error" role="alert" data-hook="redeem-error">
              {redemption.error}
            </p>
          ) : null}
          <div className="actions">
            <button
              ref={confirmRef}
              type="button"
              className="primary"
              data-hook="redeem-confirm"
              disabled={redemption.busy}
              onClick={onConfirm}
            >
              {redemption.busy ? words.redeeming : redemption.error ? words.tryAgain : words.confirm}
            </button>
            <button
              type="button"
              className="secondary"
              data-hook="redeem-cancel"
              disabled={redemption.busy}
              onClick={onCancel}
            >
              {words.cancel}
            </button>
          </div>
        </fieldset>
      ) : null}
      {mine && redemption.step === 'done' ? (
        <div className="code-box" role="status" data-hook="rewards-pickup" ref={codeRef} tabIndex={-1}>
          <p>{words.pickupReady(product.name)}</p>
          <p className="code" data-hook="pickup-code">
            {redemption.code}
          </p>
          <button type="button" className="secondary" data-hook="pickup-done" onClick={onDone}>
            {words.done}
          </button>
        </div>
      ) : null}
    </li>
  );
};
