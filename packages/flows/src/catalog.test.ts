import type { TestEmulator } from '@gym-rewards/wix-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeProducts } from './catalog.ts';
import { createProducts, emulatedWix, startStrictEmulator } from './testing/wix.ts';

let emu: TestEmulator;
let env: Awaited<ReturnType<typeof emulatedWix>>;

beforeAll(async () => {
  emu = await startStrictEmulator();
  env = await emulatedWix(emu);
  await createProducts(emu, [
    { name: 'Gym Bag', price: '39.00' },
    { name: 'Gym T-Shirt', price: '19.00' },
    { name: 'Protein Bar', price: '3.50' },
  ]);
});
afterAll(async () => emu?.close());

describe('the store products an owner picks from', () => {
  it('lists them all, oldest first, with their prices', async () => {
    const { products } = await storeProducts(env.wix);
    expect(products.map((p) => p.name)).toEqual(['Gym Bag', 'Gym T-Shirt', 'Protein Bar']);
    expect(products[0]?.price).toMatch(/39/);
  });

  it('narrows to the products whose name has every word searched', async () => {
    expect((await storeProducts(env.wix, { search: 'Gym Bag' })).products.map((p) => p.name)).toEqual(['Gym Bag']);
    expect((await storeProducts(env.wix, { search: 'gym' })).products.map((p) => p.name)).toEqual([
      'Gym Bag',
      'Gym T-Shirt',
    ]);
    expect((await storeProducts(env.wix, { search: 'towel' })).products).toEqual([]);
  });
});
