import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { WixDesignSystemProvider } from '@wix/design-system';
import React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { keys } from '../shared/query';
import { OutsideBanner, outsideText } from './enrollment';

/** The banner as the page renders it, with `membersNotInProgram` having answered `answer`. */
function bannerWith(answer: unknown): string {
  const client = new QueryClient();
  client.setQueryData(keys.outside, answer);
  return renderToStaticMarkup(
    React.createElement(
      WixDesignSystemProvider,
      null,
      React.createElement(QueryClientProvider, { client }, React.createElement(OutsideBanner)),
    ),
  );
}

describe('the banner after the first save: site members not in the program yet', () => {
  it('says how many, and offers to bring them in', () => {
    const html = bannerWith({ count: 3, complete: true, calls: 4 });
    expect(html).toContain('data-hook="members-outside"');
    expect(html).toContain('3 site members are not in the program yet');
    expect(html).toContain('Bring them in');
  });

  it('is gone when everyone is in, or before the program is set up', () => {
    for (const answer of [{ count: 0, complete: true, calls: 4 }, { status: 'NOT_SET_UP' }]) {
      const html = bannerWith(answer);
      expect(html).not.toContain('members-outside');
      expect(html).not.toContain('Bring them in');
    }
  });

  it('says "at least" when the site had more members than were counted, and "is" for one', () => {
    expect(outsideText({ count: 1000, complete: false })).toBe(
      'At least 1,000 site members are not in the program yet',
    );
    expect(outsideText({ count: 1, complete: true })).toBe('1 site member is not in the program yet');
  });
});
