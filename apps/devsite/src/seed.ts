import { adminCall, emulatorClient } from '@gym-rewards/wix-emulator/client';
import { collections, items as data } from '@wix/data';
import { members } from '@wix/members';
import { productsV3 } from '@wix/stores';

/** The demo gym: its time zone, the merchandise its rewards are made of (three price levels), and a few members. */
export const DEMO_GYM = {
  name: 'Iron Harbor Gym',
  timeZone: 'Europe/London',
  products: [
    { name: 'Protein Bar', price: '3.50', color: '#e76f51', glyph: 'PB', level: 1 },
    { name: 'Sweat Towel', price: '6.00', color: '#2a9d8f', glyph: 'ST', level: 1 },
    { name: 'Shaker Bottle', price: '9.00', color: '#457b9d', glyph: 'SB', level: 1 },
    { name: 'Gym T-Shirt', price: '19.00', color: '#264653', glyph: 'TS', level: 2 },
    { name: 'Resistance Bands', price: '15.00', color: '#8d6e63', glyph: 'RB', level: 2 },
    { name: 'Insulated Bottle', price: '22.00', color: '#3d5a80', glyph: 'IB', level: 2 },
    { name: 'Hoodie', price: '45.00', color: '#6d597a', glyph: 'HD', level: 3 },
    { name: 'Gym Bag', price: '39.00', color: '#b56576', glyph: 'GB', level: 3 },
    { name: 'Personal Training Session', price: '60.00', color: '#1d3557', glyph: 'PT', level: 3 },
  ],
  members: [
    { name: 'Alex Morgan', email: 'alex@ironharbor.example' },
    { name: 'Sam Lee', email: 'sam@ironharbor.example' },
    { name: 'Jordan Diaz', email: 'jordan@ironharbor.example' },
  ],
} as const;

const MARKER = { collection: 'DevsiteDemoGym', id: 'seeded' };

/** A product picture: a coloured tile with the product's initials (an SVG data URL, so it needs no server). */
function picture(color: string, glyph: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240"><rect width="240" height="240" rx="28" fill="${color}"/><circle cx="120" cy="104" r="58" fill="#ffffff" fill-opacity="0.16"/><text x="120" y="124" font-family="Helvetica, Arial, sans-serif" font-size="56" font-weight="700" fill="#ffffff" text-anchor="middle">${glyph}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/**
 * Seeds the demo gym once per database (a marker item remembers it): the site's time zone, Stores products and site
 * members, created through the real SDK as the site owner. Members created before the owner sets up the rewards
 * program stay outside it: the story starts with the owner's setup and a member who joins after it.
 */
export async function seedDemoGym(options: { emulatorUrl: string; ownerToken: string }): Promise<boolean> {
  const owner = emulatorClient(options.emulatorUrl, options.ownerToken, { productsV3, members, data, collections });
  // The marker's collection is the devsite's own: made here, as Wix Data needs (a strict platform refuses the rest).
  await owner.collections
    .createDataCollection({
      _id: MARKER.collection,
      fields: [],
      permissions: { insert: 'ADMIN', read: 'ADMIN', update: 'ADMIN', remove: 'ADMIN' },
    })
    .catch((error: { details?: { applicationError?: { code?: string } } }) => {
      if (error.details?.applicationError?.code !== 'ALREADY_EXISTS') throw error;
    });
  if (await owner.data.get(MARKER.collection, MARKER.id, { consistentRead: true })) return false;
  await adminCall(options.emulatorUrl, '/_emulator/v1/site', {
    timeZone: DEMO_GYM.timeZone,
    catalogVersion: 'V3_CATALOG',
  });
  for (const product of DEMO_GYM.products) {
    await owner.productsV3.createProduct({
      name: product.name,
      productType: 'PHYSICAL',
      physicalProperties: {},
      variantsInfo: { variants: [{ price: { actualPrice: { amount: product.price } } }] },
      media: { itemsInfo: { items: [{ url: picture(product.color, product.glyph) }] } },
    } as never);
  }
  for (const person of DEMO_GYM.members) {
    const [first, ...rest] = person.name.split(' ');
    await owner.members.createMember({
      member: {
        loginEmail: person.email,
        contact: { firstName: first ?? person.name, lastName: rest.join(' ') },
        profile: { nickname: person.name },
      },
    });
  }
  await owner.data.insert(MARKER.collection, { _id: MARKER.id, at: new Date() });
  return true;
}
