import {
  Box,
  Button,
  Cell,
  FormField,
  Image,
  Input,
  Layout,
  NumberInput,
  Tag,
  Text,
  TextButton,
  ToggleSwitch,
} from '@wix/design-system';
import React from 'react';
import type { StoreProduct } from '../shared/api';
import { errorAt, type FieldError } from '../shared/feedback';
import { formatNumber, formatTokens, plural } from '../shared/format';
import { MAX_TIERS, newTier, type ProgramForm, type TierForm } from './form';
import { ProductPicker } from './ProductPicker';

/** Props of a field: an error next to it when the backend refused it. */
const status = (message: string | undefined) =>
  message ? ({ status: 'error', statusMessage: message } as const) : ({} as const);

const numberValue = (value: number | null) => (value === null ? '' : value);

export interface StepProps {
  form: ProgramForm;
  error: FieldError | null;
  /** Changes the form; `paths` are the fields changed (their refusal, if any, goes away). */
  update: (patch: Partial<ProgramForm>, ...paths: string[]) => void;
}

export function BasicsStep({ form, error, update }: StepProps) {
  return (
    <Box direction="vertical" gap="SP4" maxWidth="560px">
      <FormField label="Program name" required {...status(errorAt(error, 'programName'))}>
        <Input
          dataHook="setup-program-name"
          placeholder="e.g. Iron Club Rewards"
          value={form.programName}
          maxLength={64}
          onChange={(event) => update({ programName: event.target.value }, 'programName')}
          {...status(errorAt(error, 'programName'))}
        />
      </FormField>
      <FormField
        label="Membership length (months)"
        infoContent="A member's program ends this many months after they join."
        {...status(errorAt(error, 'membershipMonths'))}
      >
        <NumberInput
          dataHook="setup-membership-months"
          value={numberValue(form.membershipMonths)}
          min={1}
          max={120}
          onChange={(value) => update({ membershipMonths: value }, 'membershipMonths')}
          {...status(errorAt(error, 'membershipMonths'))}
        />
      </FormField>
      <FormField
        label="Visits counted per day"
        infoContent="Each visit earns one token; more visits on the same day than this earn nothing."
        {...status(errorAt(error, 'visitsPerDay'))}
      >
        <NumberInput
          dataHook="setup-visits-per-day"
          value={numberValue(form.visitsPerDay)}
          min={1}
          max={24}
          onChange={(value) => update({ visitsPerDay: value }, 'visitsPerDay')}
          {...status(errorAt(error, 'visitsPerDay'))}
        />
      </FormField>
    </Box>
  );
}

export function TokensStep({ form, error, update }: StepProps) {
  const rolloverError = errorAt(error, 'rollover.enabled') ?? (error?.field === 'rollover' ? error.message : undefined);
  return (
    <Box direction="vertical" gap="SP4" maxWidth="560px">
      <FormField
        label="Token name"
        infoContent="What members collect, as they see it (at most 32 characters)."
        {...status(errorAt(error, 'tokenName'))}
      >
        <Input
          dataHook="setup-token-name"
          placeholder="Tokens"
          value={form.tokenName}
          maxLength={32}
          onChange={(event) => update({ tokenName: event.target.value }, 'tokenName')}
          {...status(errorAt(error, 'tokenName'))}
        />
      </FormField>
      <FormField
        label={`${form.tokenName.trim() || 'Tokens'} each month`}
        infoContent="Members get these when they join and again at every monthly renewal, on top of one per visit."
        {...status(errorAt(error, 'initialTokens'))}
      >
        <NumberInput
          dataHook="setup-initial-tokens"
          value={numberValue(form.initialTokens)}
          min={0}
          max={10000}
          onChange={(value) => update({ initialTokens: value }, 'initialTokens')}
          {...status(errorAt(error, 'initialTokens'))}
        />
      </FormField>
      <FormField
        label="Unused tokens roll over"
        labelPlacement="right"
        stretchContent={false}
        infoContent="At each monthly renewal, members keep what they did not spend (up to the cap)."
        {...status(rolloverError)}
      >
        <ToggleSwitch
          dataHook="setup-rollover"
          checked={form.rolloverEnabled}
          onChange={(event) => update({ rolloverEnabled: event.target.checked }, 'rollover')}
        />
      </FormField>
      {form.rolloverEnabled ? (
        <FormField
          label="Rollover cap"
          infoContent="At most this many tokens carry over. Leave it empty for no cap."
          {...status(errorAt(error, 'rollover.cap'))}
        >
          <NumberInput
            dataHook="setup-rollover-cap"
            placeholder="No cap"
            value={numberValue(form.rolloverCap)}
            min={0}
            max={10000}
            onChange={(value) => update({ rolloverCap: value }, 'rollover.cap')}
            {...status(errorAt(error, 'rollover.cap'))}
          />
        </FormField>
      ) : null}
    </Box>
  );
}

function productName(catalog: Record<string, StoreProduct>, id: string) {
  return catalog[id]?.name || id;
}

function TierEditor({
  tier,
  index,
  count,
  active,
  tokenName,
  error,
  catalog,
  onChange,
  onRemove,
  onChoose,
  onRemoveProduct,
}: {
  tier: TierForm;
  index: number;
  count: number;
  active: boolean;
  tokenName: string;
  error: FieldError | null;
  catalog: Record<string, StoreProduct>;
  onChange: (patch: Partial<TierForm>, path: string) => void;
  onRemove: () => void;
  onChoose: () => void;
  onRemoveProduct: (productId: string) => void;
}) {
  const path = `tiers.${index}`;
  const productsError = errorAt(error, `${path}.productIds`);
  const badProduct = error?.field.startsWith(`${path}.productIds.`)
    ? Number(error.field.slice(`${path}.productIds.`.length))
    : -1;
  return (
    <Box
      dataHook={`tier-${index}`}
      direction="vertical"
      gap="SP3"
      padding="SP4"
      border="1px solid"
      borderColor={active ? 'B10' : 'D60'}
      borderRadius="8px"
      backgroundColor={active ? 'B50' : 'D80'}
    >
      <Box verticalAlign="middle" align="space-between">
        <Text weight="bold">Tier {index + 1}</Text>
        <TextButton
          dataHook={`tier-remove-${index}`}
          size="small"
          skin="destructive"
          disabled={count <= 1}
          onClick={onRemove}
        >
          Remove tier
        </TextButton>
      </Box>
      <Layout cols={2} gap="12px">
        <Cell span={1}>
          <FormField label="Name (optional)" {...status(errorAt(error, `${path}.name`))}>
            <Input
              dataHook={`tier-name-${index}`}
              size="small"
              placeholder={tier.price === null ? 'e.g. Bronze' : `${tier.price} ${tokenName}`}
              value={tier.name}
              maxLength={40}
              onChange={(event) => onChange({ name: event.target.value }, `${path}.name`)}
              {...status(errorAt(error, `${path}.name`))}
            />
          </FormField>
        </Cell>
        <Cell span={1}>
          <FormField label="Price" required {...status(errorAt(error, `${path}.price`))}>
            <NumberInput
              dataHook={`tier-price-${index}`}
              size="small"
              value={numberValue(tier.price)}
              min={1}
              max={100000}
              suffix={<Text size="small">{tokenName}</Text>}
              onChange={(value) => onChange({ price: value }, `${path}.price`)}
              {...status(errorAt(error, `${path}.price`))}
            />
          </FormField>
        </Cell>
      </Layout>
      <FormField label={`Products (${tier.productIds.length})`} {...status(productsError)}>
        <Box dataHook={`tier-products-${index}`} gap="SP1" flexWrap="wrap">
          {tier.productIds.length === 0 ? (
            <Text size="small" secondary>
              No products yet.
            </Text>
          ) : (
            tier.productIds.map((id, p) => (
              <Tag
                key={id}
                id={id}
                dataHook={`tier-product-${index}-${id}`}
                size="small"
                skin={p === badProduct ? 'error' : 'standard'}
                removable
                onRemove={() => onRemoveProduct(id)}
                maxWidth={220}
                {...(catalog[id]?.image
                  ? { thumb: <Image src={catalog[id]?.image ?? ''} alt="" width={20} height={20} fit="cover" /> }
                  : {})}
              >
                {productName(catalog, id)}
              </Tag>
            ))
          )}
        </Box>
      </FormField>
      <Box>
        <Button
          dataHook={`tier-choose-${index}`}
          size="small"
          priority={active ? 'primary' : 'secondary'}
          onClick={onChoose}
        >
          {active ? 'Choosing products for this tier' : 'Choose products'}
        </Button>
      </Box>
    </Box>
  );
}

export function TiersStep({
  form,
  error,
  update,
  activeTier,
  setActiveTier,
  catalog,
  addToCatalog,
}: StepProps & {
  activeTier: number;
  setActiveTier: (index: number) => void;
  catalog: Record<string, StoreProduct>;
  addToCatalog: (products: StoreProduct[]) => void;
}) {
  const tokenName = form.tokenName.trim() || 'Tokens';
  const tiers = form.tiers;
  const setTier = (index: number, patch: Partial<TierForm>, ...paths: string[]) =>
    update({ tiers: tiers.map((tier, i) => (i === index ? { ...tier, ...patch } : tier)) }, ...paths);
  const tierOf = (productId: string) => {
    const index = tiers.findIndex((tier) => tier.productIds.includes(productId));
    return index < 0 ? undefined : index;
  };
  const toggle = (product: StoreProduct) => {
    const id = product.productId;
    const from = tierOf(id);
    const next = tiers.map((tier, i) => {
      if (i === activeTier) {
        return {
          ...tier,
          productIds: from === activeTier ? tier.productIds.filter((p) => p !== id) : [...tier.productIds, id],
        };
      }
      return i === from ? { ...tier, productIds: tier.productIds.filter((p) => p !== id) } : tier;
    });
    update(
      { tiers: next },
      `tiers.${activeTier}.productIds`,
      ...(from === undefined ? [] : [`tiers.${from}.productIds`]),
    );
  };
  const tiersError = error?.field === 'tiers' ? error.message : undefined;
  const active = Math.min(activeTier, tiers.length - 1);

  return (
    <Layout cols={12} gap="24px">
      <Cell span={5}>
        <Box direction="vertical" gap="SP3">
          {tiersError ? (
            <Text dataHook="tiers-error" skin="error" size="small">
              {tiersError}
            </Text>
          ) : null}
          {tiers.map((tier, index) => (
            <TierEditor
              key={tier.key}
              tier={tier}
              index={index}
              count={tiers.length}
              active={index === active}
              tokenName={tokenName}
              error={error}
              catalog={catalog}
              onChange={(patch, path) => setTier(index, patch, path)}
              onRemove={() => {
                update({ tiers: tiers.filter((_, i) => i !== index) }, 'tiers');
                if (active >= index && active > 0) setActiveTier(active - 1);
              }}
              onChoose={() => setActiveTier(index)}
              onRemoveProduct={(id) =>
                setTier(index, { productIds: tier.productIds.filter((p) => p !== id) }, `tiers.${index}.productIds`)
              }
            />
          ))}
          <Box align="space-between" verticalAlign="middle">
            <Button
              dataHook="tier-add"
              priority="secondary"
              size="small"
              disabled={tiers.length >= MAX_TIERS}
              onClick={() => {
                const highest = Math.max(0, ...tiers.map((tier) => tier.price ?? 0));
                update({ tiers: [...tiers, newTier(highest > 0 ? highest * 2 : 10)] }, 'tiers');
                setActiveTier(tiers.length);
              }}
            >
              Add tier
            </Button>
            <Text size="tiny" secondary>
              {plural(tiers.length, 'tier')} of at most {formatNumber(MAX_TIERS)}
            </Text>
          </Box>
        </Box>
      </Cell>
      <Cell span={7}>
        <ProductPicker activeTier={active} tierOf={tierOf} onToggle={toggle} onProducts={addToCatalog} />
      </Cell>
    </Layout>
  );
}

function Row({ label, value, dataHook }: { label: string; value: React.ReactNode; dataHook: string }) {
  return (
    <Box gap="SP4" paddingTop="SP1" paddingBottom="SP1">
      <Box width="220px" flexShrink={0}>
        <Text size="small" secondary>
          {label}
        </Text>
      </Box>
      <Text size="small" dataHook={dataHook}>
        {value}
      </Text>
    </Box>
  );
}

export function ReviewStep({
  form,
  changes,
  catalog,
  isNew,
}: {
  form: ProgramForm;
  changes: { toCreate: number; toRemove: number };
  catalog: Record<string, StoreProduct>;
  isNew: boolean;
}) {
  const tokenName = form.tokenName.trim() || 'Tokens';
  const show = (value: number | null, unit?: string) =>
    value === null ? '(empty)' : unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
  return (
    <Box direction="vertical" gap="SP4" dataHook="setup-review">
      <Box direction="vertical">
        <Row label="Program name" value={form.programName.trim() || '(empty)'} dataHook="review-program-name" />
        <Row label="Membership length" value={show(form.membershipMonths, 'months')} dataHook="review-membership" />
        <Row label="Visits counted per day" value={show(form.visitsPerDay)} dataHook="review-visits-per-day" />
        <Row label="Token name" value={tokenName} dataHook="review-token-name" />
        <Row label={`${tokenName} each month`} value={show(form.initialTokens)} dataHook="review-initial-tokens" />
        <Row
          label="Rollover"
          value={
            form.rolloverEnabled
              ? form.rolloverCap === null
                ? 'Unused tokens carry over, no cap'
                : `Unused tokens carry over, at most ${formatTokens(form.rolloverCap, tokenName)}`
              : 'Unused tokens expire at the monthly renewal'
          }
          dataHook="review-rollover"
        />
      </Box>
      <Box direction="vertical" gap="SP2">
        <Text weight="bold">Tiers</Text>
        {form.tiers.map((tier, index) => (
          <Box key={tier.key} direction="vertical" dataHook={`review-tier-${index}`}>
            <Text size="small" weight="bold">
              Tier {index + 1}
              {tier.name.trim() ? `: ${tier.name.trim()}` : ''} ·{' '}
              {tier.price === null ? '(no price)' : formatTokens(tier.price, tokenName)} ·{' '}
              {plural(tier.productIds.length, 'product')}
            </Text>
            <Text size="tiny" secondary>
              {tier.productIds.map((id) => catalog[id]?.name || id).join(', ') || 'No products'}
            </Text>
          </Box>
        ))}
      </Box>
      <Text size="small" dataHook="setup-review-items">
        {isNew ? 'Saving creates the program, ' : 'Saving updates the program, '}
        creates {plural(changes.toCreate, 'benefit item')} and removes {plural(changes.toRemove, 'benefit item')} (one
        item per product in its tier).
      </Text>
    </Box>
  );
}
