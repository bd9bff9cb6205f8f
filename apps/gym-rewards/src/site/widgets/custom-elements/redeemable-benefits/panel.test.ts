import { WixDesignSystemProvider } from '@wix/design-system';
import React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PLANS_PHRASES } from '../../../../dashboard/plans/api';
import { leakedEnglish } from '../../../../dashboard/shared/testing';
import { type ColourLock, colourLock } from './colour-lock';
import { defaultValues, PANEL_PHRASES, PanelFields } from './panel';

/** The Plans page's web method, as the editor's owner would get its answer: set per test. */
let answer: () => Promise<unknown> = async () => FREE;
const asked: unknown[] = [];
vi.mock('../../../../backend/plans.web', () => ({
  planWithLocks: (input: unknown) => {
    asked.push(input);
    return answer();
  },
}));
vi.mock('@wix/editor', () => ({ widget: { getProp: async () => '', setProp: async () => {} } }));

const FREE = {
  plan: { key: 'free', name: 'Free', isFree: true },
  locale: 'en',
  locks: [
    { feature: 'payment-links', title: 'Payment links', plan: 'Grow' },
    { feature: 'widget-colours', title: 'Custom widget colours', plan: 'Studio' },
  ],
};
const STUDIO = { plan: { key: 'studio', name: 'Studio', isFree: false }, locale: 'en', locks: [] };

/** The panel's fields as the editor shows them, the owner's colours set to `#123456` on the accent. */
function panelWith(lock: ColourLock, locale?: string): string {
  const values = { ...defaultValues(), 'accent-color': '#123456', 'widget-title': 'Our rewards' };
  return renderToStaticMarkup(
    React.createElement(
      WixDesignSystemProvider,
      null,
      React.createElement(PanelFields, { values, lock, onChange: () => {}, locale }),
    ),
  );
}

/** The `<input>` elements of the markup with their attributes, by the data-hook of the field around them. */
function inputOf(html: string, hook: string): string {
  const start = html.indexOf(`data-hook="${hook}"`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start).match(/<input[^>]*>/)?.[0] ?? '';
}

beforeEach(() => {
  asked.length = 0;
});

describe("the settings panel on a plan without 'widget-colours'", () => {
  it('asks the plan in English by default and locks the colours, naming Studio', async () => {
    answer = async () => FREE;
    const lock = await colourLock();
    expect(asked).toEqual([{ locale: 'en' }]);
    expect(lock).toEqual({
      state: 'locked',
      title: 'Custom widget colours is in the Studio plan',
      text: 'Upgrade to Studio to use custom widget colours. What you made before stays here.',
      action: 'See plans',
    });
    const html = panelWith(lock);
    expect(html).toContain('data-hook="plan-lock-widget-colours"');
    expect(html).toContain('Custom widget colours is in the Studio plan');
    expect(html).toContain('See plans');
    for (const hook of ['panel-accent-color', 'panel-background-color', 'panel-text-color']) {
      expect(inputOf(html, hook)).toMatch(/disabled/);
    }
    // The colours already set stay shown; the title stays editable.
    expect(inputOf(html, 'panel-accent-color')).toContain('123456');
    expect(inputOf(html, 'panel-widget-title')).not.toMatch(/disabled/);
    expect(inputOf(html, 'panel-widget-title')).toContain('value="Our rewards"');
  });

  it('in German: asks the plan in German, the notice and the fields in German words, no English left', async () => {
    answer = async () => ({ ...FREE, locale: 'de' });
    const lock = await colourLock('de');
    expect(asked).toEqual([{ locale: 'de' }]);
    const html = panelWith(lock, 'de');
    for (const german of ['Titel', 'Akzentfarbe', 'Hintergrundfarbe', 'Textfarbe', 'Tarife ansehen']) {
      expect(html).toContain(german);
    }
    expect(lock).toMatchObject({ state: 'locked', action: 'Tarife ansehen' });
    expect(lock.state === 'locked' && lock.title).toContain('Studio');
    expect(leakedEnglish(html, PANEL_PHRASES, PLANS_PHRASES)).toEqual([]);
  });

  it('keeps the colours unchangeable, without a notice, while the plan is unknown (checking, or the call failed)', async () => {
    answer = async () => {
      throw new Error('network');
    };
    expect(await colourLock()).toEqual({ state: 'unknown' });
    for (const lock of [{ state: 'checking' }, { state: 'unknown' }] as const) {
      const html = panelWith(lock);
      expect(html).not.toContain('plan-lock-widget-colours');
      expect(inputOf(html, 'panel-text-color')).toMatch(/disabled/);
      expect(inputOf(html, 'panel-widget-title')).not.toMatch(/disabled/);
    }
  });
});

describe('the settings panel on Studio', () => {
  it('leaves the colours open, with no notice', async () => {
    answer = async () => STUDIO;
    const lock = await colourLock();
    expect(lock).toEqual({ state: 'open' });
    const html = panelWith(lock);
    expect(html).not.toContain('plan-lock-widget-colours');
    for (const hook of ['panel-widget-title', 'panel-accent-color', 'panel-background-color', 'panel-text-color']) {
      expect(inputOf(html, hook)).not.toMatch(/disabled/);
    }
  });
});
