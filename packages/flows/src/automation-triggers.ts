/**
 * The app's Wix Automations triggers, listed once: the key each moment is reported under (`automations.ts`), the name
 * the site owner sees in the Automations builder, and the payload schema (JSON Schema) configured with it. Wix takes a
 * trigger from the app's dashboard (Automations → Create New → Trigger: name, key, payload schema; a key cannot change
 * once the app is published), not from the app's code: `apps/gym-rewards/README.md`, "Automations triggers", says how
 * to configure these there. Keys follow Wix's suggested `<app_name>-<trigger_name>` form.
 */
const member = {
  member_id: { type: 'string', format: 'uuid', title: 'Member ID', description: 'The site member' },
} as const;
/** The member's contact: connected to a contactId in the dashboard, so an automation can email the member. */
const contact = {
  contact_id: { type: 'string', format: 'uuid', title: 'Contact ID', description: "The member's contact" },
} as const;

export const AUTOMATION_TRIGGERS = {
  rewardReadyForPickup: {
    key: 'gym_rewards-reward_ready_for_pickup',
    name: 'Gym reward ready for pickup',
    description: 'A member redeemed tokens for a reward; it waits at the front desk.',
    schema: {
      ...member,
      ...contact,
      pickup_code: { type: 'string', title: 'Pickup code', description: 'The code the member shows at the desk' },
      product_name: { type: 'string', title: 'Reward', description: 'The product to hand over' },
      tokens: { type: 'integer', title: 'Tokens spent' },
    },
  },
  tokensExpireSoon: {
    key: 'gym_rewards-tokens_expire_soon',
    name: 'Gym tokens about to expire',
    description: "A member's tokens above the rollover cap expire at the month's turn.",
    schema: {
      ...member,
      ...contact,
      tokens_expiring: { type: 'integer', title: 'Tokens that expire' },
      tokens_carrying_over: { type: 'integer', title: 'Tokens that carry over' },
      renewal_date: { type: 'string', format: 'date-time', title: "The month's turn" },
    },
  },
  programEnding: {
    key: 'gym_rewards-program_ending',
    name: 'Gym rewards membership ending',
    description: "A member's rewards program ends within a month.",
    schema: {
      ...member,
      ...contact,
      end_date: { type: 'string', format: 'date-time', title: 'Ends on' },
      tokens_left: { type: 'integer', title: 'Tokens left' },
    },
  },
} as const;

export type AutomationTrigger = keyof typeof AUTOMATION_TRIGGERS;

/** The payload schema of a trigger, as the app's dashboard takes it (JSON Schema draft-07, every property required). */
export function payloadSchema(trigger: AutomationTrigger) {
  const { name, schema } = AUTOMATION_TRIGGERS[trigger];
  return {
    $schema: 'http://json-schema.org/draft-07/schema',
    type: 'object',
    title: `${name} payload`,
    properties: schema,
    required: Object.keys(schema),
  };
}
