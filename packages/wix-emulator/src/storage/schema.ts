/** Every table of the emulator, one module per Wix service. drizzle-kit reads this file to write migrations. */
export * from '../platform/tables.ts';
export * from '../services/automations/tables.ts';
export * from '../services/benefit-programs/tables.ts';
export * from '../services/contacts/tables.ts';
export * from '../services/data/tables.ts';
export * from '../services/ecom/tables.ts';
export * from '../services/members/tables.ts';
export * from '../services/payment-links/tables.ts';
export * from '../services/premium/tables.ts';
export * from '../services/site-properties/tables.ts';
export * from '../services/stores/tables.ts';
