import type { Page } from 'playwright-core';

/**
 * What the page says in its console that a developer would have to read past, kept from now on: every warning and
 * error (a refused request included) and every uncaught exception, each with the path of the page that said it.
 */
export function consoleNoise(page: Page): string[] {
  const noise: string[] = [];
  const where = () => {
    const url = new URL(page.url());
    return `${url.pathname}${url.search}`;
  };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      noise.push(`${where()}: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => noise.push(`${where()}: uncaught ${error.message}`));
  return noise;
}
