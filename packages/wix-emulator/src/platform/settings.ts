import { z } from 'zod';
import { invalidArgument } from '../http/errors.ts';

/**
 * How the emulator resolves what Wix leaves open. Off (the default), it answers the most convenient reading that the
 * SDK allows; with `strict`, every ambiguity is resolved against the app (README, "Strict mode"), tuned by these
 * numbers. `strict` is chosen when the emulator starts (`--strict`, `startEmulator({ strict: true })`); the tunables
 * may change at run time (`POST /_emulator/v1/settings`), e.g. for tests. They live in this process, not in the
 * database, and a reset leaves them as they are.
 */
export interface StrictTunables {
  /** How long provision, renew, end, pause and resume stay in their transient statuses (wall-clock milliseconds). */
  transientMs: number;
  /**
   * How long a Wix Data write stays invisible to reads without `consistentRead` (wall-clock milliseconds; the value when
   * the write is made counts for it).
   */
  dataLagMs: number;
  /** Requests a minute the site answers before `429 RESOURCE_EXHAUSTED` (the emulator's own routes not counted). */
  rateLimitPerMinute: number;
  /** Seed of the order webhook deliveries of one batch are sent in. */
  webhookSeed: number;
}

export interface SettingsState extends StrictTunables {
  strict: boolean;
}

const DEFAULT_TUNABLES: StrictTunables = {
  transientMs: 1500,
  dataLagMs: 1000,
  rateLimitPerMinute: 200,
  webhookSeed: 1,
};

const wholeMs = z
  .number()
  .int('must be a whole number')
  .min(0, 'must be at least 0')
  .max(600_000, 'must be at most 600000');
const tunablesSchema = z
  .object({
    transientMs: wholeMs,
    dataLagMs: wholeMs,
    rateLimitPerMinute: z.number().int('must be a whole number').min(1, 'must be at least 1'),
    webhookSeed: z.number().int('must be a whole number'),
  })
  .partial()
  .strict();

export type SettingsOptions = { strict?: boolean } & Partial<StrictTunables>;

export class EmulatorSettings {
  readonly strict: boolean;
  private tunables: StrictTunables;

  constructor(options: SettingsOptions = {}) {
    const { strict, ...tunables } = options;
    this.strict = strict === true;
    this.tunables = { ...DEFAULT_TUNABLES, ...tunablesSchema.parse(definedOnly(tunables)) };
  }

  get transientMs() {
    return this.tunables.transientMs;
  }
  get dataLagMs() {
    return this.tunables.dataLagMs;
  }
  get rateLimitPerMinute() {
    return this.tunables.rateLimitPerMinute;
  }
  get webhookSeed() {
    return this.tunables.webhookSeed;
  }

  snapshot(): SettingsState {
    return { strict: this.strict, ...this.tunables };
  }

  /** Changes tunables (a request body of `POST /_emulator/v1/settings`); `strict` itself is chosen at start. */
  update(body: unknown): SettingsState {
    if (typeof body === 'object' && body !== null && 'strict' in body) {
      throw invalidArgument('strict', 'is chosen when the emulator starts (--strict or startEmulator({ strict }))');
    }
    this.tunables = { ...this.tunables, ...definedOnly(tunablesSchema.parse(body)) };
    return this.snapshot();
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
