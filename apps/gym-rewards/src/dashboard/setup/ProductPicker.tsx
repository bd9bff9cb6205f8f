import { Box, Card, Image, Search, Text, Thumbnail } from '@wix/design-system';
import React, { useEffect } from 'react';
import { api, type StoreProduct } from '../shared/api';
import { EmptyList, LoadMore, QueryBody } from '../shared/components';
import { useSearchedPages } from '../shared/hooks';
import { keys } from '../shared/query';
import { useWords } from '../shared/words';
import { SETUP_PHRASES } from './words';

const PLACEHOLDER_STYLE: React.CSSProperties = {
  width: '100%',
  height: 96,
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  background: '#eef2f7',
  color: '#7a8699',
  fontSize: 28,
  fontWeight: 600,
  borderRadius: 4,
};

function ProductImage({ product }: { product: StoreProduct }) {
  if (product.image) {
    return <Image src={product.image} alt={product.name} width="100%" height={96} fit="cover" borderRadius={4} />;
  }
  return (
    <div style={PLACEHOLDER_STYLE} aria-hidden="true">
      {product.name.slice(0, 1).toUpperCase() || '?'}
    </div>
  );
}

/**
 * The store's products (search by name, a page at a time) for choosing the products of the active tier: a click adds
 * a product to it, takes it out, or moves it there from another tier (a product is in one tier at most).
 */
export function ProductPicker({
  activeTier,
  tierOf,
  onToggle,
  onProducts,
}: {
  activeTier: number;
  /** The tier (0-based) a product is in, if any. */
  tierOf: (productId: string) => number | undefined;
  onToggle: (product: StoreProduct) => void;
  /** Every product the picker loads, for naming the chosen ones. */
  onProducts: (products: StoreProduct[]) => void;
}) {
  const words = useWords(SETUP_PHRASES);
  const { term, query, searchProps } = useSearchedPages(keys.products, api.storeProducts);
  const products = query.data?.pages.flatMap((page) => page.products) ?? [];

  useEffect(() => {
    if (query.data) onProducts(query.data.pages.flatMap((page) => page.products));
  }, [query.data, onProducts]);

  return (
    <Card dataHook="product-picker">
      <Card.Header title={words.productsForTier(activeTier + 1)} subtitle={words.pickerText} />
      <Card.Divider />
      <Card.Content>
        <Box direction="vertical" gap="SP4">
          <Search dataHook="product-search" placeholder={words.searchProducts} {...searchProps} />
          <QueryBody
            query={query}
            name="product"
            loadingText={words.loadingProducts}
            isEmpty={products.length === 0}
            empty={
              <EmptyList
                dataHook="product-empty"
                title={term ? words.noMatch(term) : words.storeEmpty}
                hint={term ? words.tryAnother : words.addInStores}
              />
            }
          >
            <div
              data-hook="product-grid"
              style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 12 }}
            >
              {products.map((product) => {
                const tier = tierOf(product.productId);
                const selected = tier === activeTier;
                const elsewhere = tier !== undefined && !selected;
                return (
                  <div
                    key={product.productId}
                    data-hook={`product-card-${product.productId}`}
                    data-selected={selected ? 'true' : 'false'}
                    data-tier={tier === undefined ? '' : String(tier + 1)}
                  >
                    <Thumbnail
                      size="small"
                      selected={selected}
                      ariaLabel={`${product.name}${selected ? words.inThisTier : ''}`}
                      image={<ProductImage product={product} />}
                      title={product.name || product.productId}
                      description={
                        <Box direction="vertical">
                          {product.price ? <Text size="tiny">{product.price}</Text> : null}
                          {elsewhere ? (
                            <Text size="tiny" skin="primary">
                              {words.inTier(tier + 1)}
                            </Text>
                          ) : null}
                        </Box>
                      }
                      onClick={() => onToggle(product)}
                    />
                  </div>
                );
              })}
            </div>
          </QueryBody>
          <LoadMore dataHook="product-load-more" query={query} />
        </Box>
      </Card.Content>
    </Card>
  );
}
