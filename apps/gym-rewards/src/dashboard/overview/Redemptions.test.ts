import { describe, expect, it } from 'vitest';
import { redemptionsByProduct } from './Redemptions';

describe('rewards redeemed by product over the months', () => {
  it('adds the months up, most redeemed first, and leaves out products all given back', () => {
    const towel = { productId: 't', product: 'Towel' };
    const bar = { productId: 'b', product: 'Protein Bar' };
    expect(
      redemptionsByProduct([
        { redemptions: [{ ...towel, count: 1 }] },
        { redemptions: [] },
        {
          redemptions: [
            { ...bar, count: 3 },
            { ...towel, count: 1 },
            { productId: 'h', product: 'Hoodie', count: 0 },
          ],
        },
      ]),
    ).toEqual([
      { ...bar, count: 3 },
      { ...towel, count: 2 },
    ]);
  });
});
