/** What the Stores tests create products with. */

/** Catalog V3's products, as a path. */
export const PRODUCTS = '/stores/v3/products';

/** A simple product as the V3 API wants it: name, type, physical properties and one priced default variant. */
export const productInput = (name: string, amount = '10', extra: Record<string, unknown> = {}): any => ({
  name,
  productType: 'PHYSICAL',
  physicalProperties: {},
  variantsInfo: { variants: [{ price: { actualPrice: { amount } } }] },
  ...extra,
});
