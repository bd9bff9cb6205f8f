import { useQuery } from '@tanstack/react-query';
import { Box, Button, Dropdown, FormField, Input, NumberInput, Search, Text, TextButton } from '@wix/design-system';
import React, { useState } from 'react';
import { api } from '../shared/api';
import { errorAt, type FieldError } from '../shared/feedback';
import { useDebounced } from '../shared/hooks';
import { keys } from '../shared/query';
import { linkKeys, linksApi } from './api';

export interface ProductLine {
  productId: string;
  name: string;
  variantId?: string;
  quantity: number;
}

export interface CustomLine {
  name: string;
  price: string;
  quantity: number;
}

function VariantChoice({ line, onChange }: { line: ProductLine; onChange: (variantId: string) => void }) {
  const query = useQuery({
    queryKey: linkKeys.variants(line.productId),
    queryFn: () => linksApi.productVariants({ productId: line.productId }),
  });
  const variants = query.data?.variants ?? [];
  if (variants.length <= 1) {
    return (
      <Text size="tiny" secondary>
        {variants[0] ? `${variants[0].price}` : ''}
      </Text>
    );
  }
  return (
    <Dropdown
      dataHook={`item-variant-${line.productId}`}
      size="small"
      placeholder="Variant"
      options={variants.map((v) => ({ id: v.variantId, value: `${v.name} · ${v.price}` }))}
      selectedId={line.variantId ?? variants[0]?.variantId}
      onSelect={(option) => onChange(String(option.id))}
    />
  );
}

/** The items of an `Items` link: store products (variant, quantity) and custom items (name, price, quantity). */
export function ItemsEditor({
  products,
  custom,
  onProducts,
  onCustom,
  error,
}: {
  products: ProductLine[];
  custom: CustomLine[];
  onProducts: (lines: ProductLine[]) => void;
  onCustom: (lines: CustomLine[]) => void;
  error: FieldError | null;
}) {
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), 300);
  const found = useQuery({
    queryKey: keys.products(term),
    queryFn: () => api.storeProducts({ ...(term ? { search: term } : {}) }),
  });
  const setProduct = (i: number, change: Partial<ProductLine>) =>
    onProducts(products.map((line, j) => (j === i ? { ...line, ...change } : line)));
  const setCustom = (i: number, change: Partial<CustomLine>) =>
    onCustom(custom.map((line, j) => (j === i ? { ...line, ...change } : line)));
  const options = (found.data?.products ?? [])
    .filter((p) => !products.some((line) => line.productId === p.productId))
    .map((p) => ({ id: p.productId, value: `${p.name}${p.price ? ` · ${p.price}` : ''}` }));

  return (
    <Box direction="vertical" gap="SP3">
      <FormField
        label="Store products"
        status={errorAt(error, 'products') ? 'error' : undefined}
        statusMessage={errorAt(error, 'products')}
      >
        <Box direction="vertical" gap="SP2">
          <Search
            dataHook="item-product-search"
            size="small"
            placeholder="Search the store's products"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onClear={() => setSearch('')}
          />
          <Box gap="SP1" flexWrap="wrap">
            {options.slice(0, 8).map((option) => (
              <Button
                key={option.id}
                dataHook={`item-add-${option.id}`}
                size="tiny"
                priority="secondary"
                onClick={() =>
                  onProducts([
                    ...products,
                    { productId: option.id, name: option.value.split(' · ')[0] ?? option.id, quantity: 1 },
                  ])
                }
              >
                + {option.value}
              </Button>
            ))}
          </Box>
        </Box>
      </FormField>
      {products.map((line, i) => (
        <Box key={line.productId} gap="SP2" verticalAlign="middle" dataHook={`item-product-${i}`}>
          <Box flexGrow={1} direction="vertical">
            <Text size="small" weight="bold">
              {line.name}
            </Text>
            <VariantChoice line={line} onChange={(variantId) => setProduct(i, { variantId })} />
          </Box>
          <Box width="90px">
            <NumberInput
              dataHook={`item-product-quantity-${i}`}
              size="small"
              min={1}
              max={1000}
              value={line.quantity}
              status={errorAt(error, `products.${i}`) ? 'error' : undefined}
              statusMessage={errorAt(error, `products.${i}`)}
              onChange={(value) => setProduct(i, { quantity: Number(value ?? 1) })}
            />
          </Box>
          <TextButton size="small" onClick={() => onProducts(products.filter((_, j) => j !== i))}>
            Remove
          </TextButton>
        </Box>
      ))}
      <Text size="small" weight="bold">
        Custom items
      </Text>
      {custom.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: custom lines have no id of their own
        <Box key={i} gap="SP2" verticalAlign="top" dataHook={`item-custom-${i}`}>
          <Box flexGrow={1}>
            <Input
              dataHook={`item-custom-name-${i}`}
              size="small"
              placeholder="e.g. Day pass"
              value={line.name}
              status={errorAt(error, `customItems.${i}.name`) ? 'error' : undefined}
              statusMessage={errorAt(error, `customItems.${i}.name`)}
              onChange={(e) => setCustom(i, { name: e.target.value })}
            />
          </Box>
          <Box width="110px">
            <Input
              dataHook={`item-custom-price-${i}`}
              size="small"
              placeholder="Price"
              value={line.price}
              status={errorAt(error, `customItems.${i}.price`) ? 'error' : undefined}
              statusMessage={errorAt(error, `customItems.${i}.price`)}
              onChange={(e) => setCustom(i, { price: e.target.value })}
            />
          </Box>
          <Box width="80px">
            <NumberInput
              dataHook={`item-custom-quantity-${i}`}
              size="small"
              min={1}
              max={1000}
              value={line.quantity}
              onChange={(value) => setCustom(i, { quantity: Number(value ?? 1) })}
            />
          </Box>
          <TextButton size="small" onClick={() => onCustom(custom.filter((_, j) => j !== i))}>
            Remove
          </TextButton>
        </Box>
      ))}
      <Box>
        <TextButton
          dataHook="item-custom-add"
          size="small"
          onClick={() => onCustom([...custom, { name: '', price: '', quantity: 1 }])}
        >
          + Add a custom item
        </TextButton>
      </Box>
    </Box>
  );
}
