import { defineConfig } from 'vitest/config';

/**
 * How the workspaces' tests run: next to their code (`src/**\/*.test.ts`), a process to each file (they start
 * platforms on PostgreSQL), with `timeoutMs` for a test or a hook (the strict emulator's jobs take a while). A poll
 * (`expect.poll`) waits up to 15 s, not vitest's 1 s: what it waits for crosses processes and a busy machine.
 */
export const testConfig = (timeoutMs = 60_000) =>
  defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      testTimeout: timeoutMs,
      hookTimeout: timeoutMs,
      pool: 'forks',
      expect: { poll: { timeout: 15_000, interval: 100 } },
    },
  });
