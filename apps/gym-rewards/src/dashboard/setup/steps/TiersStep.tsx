import { Box, Button, Cell, FormField, Image, Layout, Tag, Text, TextButton } from '@wix/design-system';
import React from 'react';
import type { StoreProduct } from '../../shared/api';
import { errorAt, type FieldError } from '../../shared/feedback';
import { NumberField, status, TextField } from '../../shared/fields';
import { formatNumber } from '../../shared/format';
import { useWords } from '../../shared/words';
import { MAX_TIERS, newTier, productName, type TierForm, tokenNameOf } from '../form';
import { ProductPicker } from '../ProductPicker';
import { SETUP_PHRASES } from '../words';
import type { StepProps } from './step';

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
  const words = useWords(SETUP_PHRASES);
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
        <Text weight="bold">{words.tier(index + 1)}</Text>
        <TextButton
          dataHook={`tier-remove-${index}`}
          size="small"
          skin="destructive"
          disabled={count <= 1}
          onClick={onRemove}
        >
          {words.removeTier}
        </TextButton>
      </Box>
      <Layout cols={2} gap="12px">
        <Cell span={1}>
          <TextField
            label={words.tierName}
            dataHook={`tier-name-${index}`}
            size="small"
            placeholder={tier.price === null ? words.tierNamePlaceholder : `${tier.price} ${tokenName}`}
            value={tier.name}
            maxLength={40}
            error={errorAt(error, `${path}.name`)}
            onChange={(name) => onChange({ name }, `${path}.name`)}
          />
        </Cell>
        <Cell span={1}>
          <NumberField
            label={words.price}
            required
            dataHook={`tier-price-${index}`}
            size="small"
            value={tier.price}
            min={1}
            max={100000}
            suffix={<Text size="small">{tokenName}</Text>}
            error={errorAt(error, `${path}.price`)}
            onChange={(price) => onChange({ price }, `${path}.price`)}
          />
        </Cell>
      </Layout>
      <FormField label={words.tierProducts(tier.productIds.length)} {...status(productsError)}>
        <Box dataHook={`tier-products-${index}`} gap="SP1" flexWrap="wrap">
          {tier.productIds.length === 0 ? (
            <Text size="small" secondary>
              {words.noProductsYet}
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
          {active ? words.choosing : words.chooseProducts}
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
  const words = useWords(SETUP_PHRASES);
  const tokenName = tokenNameOf(form);
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
              {words.addTier}
            </Button>
            <Text size="tiny" secondary>
              {words.tiersOfMax(tiers.length, formatNumber(MAX_TIERS))}
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
