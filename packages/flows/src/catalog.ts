import { z } from 'zod';
import { parseInput } from './errors.ts';
import type { WixApis } from './wix.ts';

export interface StoreProduct {
  productId: string;
  name: string;
  /** The product's main image URL, if it has one. */
  image: string | null;
  /** The store price as Wix Stores formats it (e.g. "$25.00"), if known. */
  price: string | null;
}

/**
 * The store's products for the owner's product picker, a page at a time (`cursor` from the previous page), narrowed by
 * `search` (Wix Stores' product search over names) when given. One Wix call.
 */
export async function storeProducts(
  wix: WixApis,
  input: { search?: string; cursor?: string | null; limit?: number } = {},
): Promise<{ products: StoreProduct[]; cursor: string | null }> {
  const request = parseInput(
    z.object({
      search: z.string().trim().max(100, 'must be at most 100 characters').optional(),
      cursor: z.string().max(16_000, 'is not a cursor').nullish(),
      limit: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').default(24),
    }),
    input,
  );
  const { products = [], pagingMetadata } = await wix.productsV3.searchProducts(
    request.cursor
      ? { cursorPaging: { cursor: request.cursor, limit: request.limit } }
      : {
          ...(request.search ? { search: { expression: request.search } } : {}),
          sort: [{ fieldName: '_createdDate', order: 'ASC' }],
          cursorPaging: { limit: request.limit },
        },
  );
  return {
    products: products.map((p) => {
      const image = p.media?.main?.image;
      return {
        productId: p._id!,
        name: p.name ?? '',
        image: typeof image === 'string' ? image : null,
        price: p.actualPriceRange?.minValue?.formattedAmount ?? p.actualPriceRange?.minValue?.amount ?? null,
      };
    }),
    cursor: pagingMetadata?.hasNext ? (pagingMetadata.cursors?.next ?? null) : null,
  };
}
