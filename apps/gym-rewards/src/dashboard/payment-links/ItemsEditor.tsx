import { useQuery } from '@tanstack/react-query';
import { Box, Button, FormField, Input, NumberInput, Search, Text, TextButton } from '@wix/design-system';
import React from 'react';
import { api } from '../shared/api';
import { LabelledDropdown } from '../shared/components';
import { errorAt, type FieldError } from '../shared/feedback';
import { status } from '../shared/fields';
import { useSearch } from '../shared/hooks';
import { keys } from '../shared/query';
import { useWords } from '../shared/words';
import { linkKeys, linksApi } from './api';
import { PAYMENT_LINKS_PHRASES } from './words';

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

/** A custom line's text fields, as the editor lays them out (their placeholders: phrases of the page). */
const CUSTOM_FIELDS = [
  { field: 'name', width: undefined, placeholder: 'itemPlaceholder' },
  { field: 'price', width: '110px', placeholder: 'price' },
] as const;

/** The end of an item line: how many (1 to 1000), and the button that takes the line out. */
function LineEnd(props: {
  width: string;
  dataHook: string;
  quantity: number;
  error?: string;
  onQuantity: (quantity: number) => void;
  onRemove: () => void;
}) {
  const words = useWords(PAYMENT_LINKS_PHRASES);
  return (
    <>
      <Box width={props.width}>
        <NumberInput
          dataHook={props.dataHook}
          ariaLabel={words.quantity}
          size="small"
          min={1}
          max={1000}
          value={props.quantity}
          {...status(props.error)}
          onChange={(value) => props.onQuantity(Number(value ?? 1))}
        />
      </Box>
      <TextButton size="small" onClick={props.onRemove}>
        {words.remove}
      </TextButton>
    </>
  );
}

function VariantChoice({ line, onChange }: { line: ProductLine; onChange: (variantId: string) => void }) {
  const query = useQuery({
    queryKey: linkKeys.variants(line.productId),
    queryFn: () => linksApi.productVariants({ productId: line.productId }),
  });
  const variants = query.data?.variants ?? [];
  const words = useWords(PAYMENT_LINKS_PHRASES);
  if (variants.length <= 1) {
    return (
      <Text size="tiny" secondary>
        {variants[0] ? `${variants[0].price}` : ''}
      </Text>
    );
  }
  return (
    <LabelledDropdown
      dataHook={`item-variant-${line.productId}`}
      label={words.variant}
      size="small"
      placeholder={words.variant}
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
  const words = useWords(PAYMENT_LINKS_PHRASES);
  const { term, searchProps } = useSearch();
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
      <FormField label={words.storeProducts} {...status(errorAt(error, 'products'))}>
        <Box direction="vertical" gap="SP2">
          <Search dataHook="item-product-search" size="small" placeholder={words.searchProducts} {...searchProps} />
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
          <LineEnd
            width="90px"
            dataHook={`item-product-quantity-${i}`}
            quantity={line.quantity}
            error={errorAt(error, `products.${i}`)}
            onQuantity={(quantity) => setProduct(i, { quantity })}
            onRemove={() => onProducts(products.filter((_, j) => j !== i))}
          />
        </Box>
      ))}
      <Text size="small" weight="bold">
        {words.customItems}
      </Text>
      {custom.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: custom lines have no id of their own
        <Box key={i} gap="SP2" verticalAlign="top" dataHook={`item-custom-${i}`}>
          {CUSTOM_FIELDS.map(({ field, width, placeholder }) => (
            <Box key={field} width={width} flexGrow={width ? undefined : 1}>
              <Input
                dataHook={`item-custom-${field}-${i}`}
                ariaLabel={words[placeholder]}
                size="small"
                placeholder={words[placeholder]}
                value={line[field]}
                {...status(errorAt(error, `customItems.${i}.${field}`))}
                onChange={(e) => setCustom(i, { [field]: e.target.value })}
              />
            </Box>
          ))}
          <LineEnd
            width="80px"
            dataHook={`item-custom-quantity-${i}`}
            quantity={line.quantity}
            onQuantity={(quantity) => setCustom(i, { quantity })}
            onRemove={() => onCustom(custom.filter((_, j) => j !== i))}
          />
        </Box>
      ))}
      <Box>
        <TextButton
          dataHook="item-custom-add"
          size="small"
          onClick={() => onCustom([...custom, { name: '', price: '', quantity: 1 }])}
        >
          {words.addCustomItem}
        </TextButton>
      </Box>
    </Box>
  );
}
