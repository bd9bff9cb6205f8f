import { describe, expect, it } from 'vitest';
import { doorExample } from './DoorAccessCard';

describe('the door access example request', () => {
  it('is dated with the time the backend gave (the platform’s, not the browser’s)', () => {
    const example = doorExample('2027-02-28T23:15:42.123Z');
    const stamp = Date.parse('2027-02-28T23:15:42.123Z');
    expect(example).toContain(`x-gym-rewards-timestamp: ${stamp}\n`);
    expect(example).toContain(`of "${stamp}.<body>"`);
    expect(example).toContain('"visitId":"door-3-2027-02-28T23:15:42Z"');
  });
});
