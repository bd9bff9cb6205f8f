import { QueryClientProvider } from '@tanstack/react-query';
import { WixDesignSystemProvider } from '@wix/design-system';
import '@wix/design-system/styles.global.css';
import './phone.css';
import React, { type FC } from 'react';
import { queryClient } from './query';

/** A dashboard page as Wix's app templates make one: its content under the design system and the data layer. */
export function withProviders(Content: FC): FC {
  return function DashboardPage() {
    return (
      <WixDesignSystemProvider features={{ newColorsBranding: true }}>
        <QueryClientProvider client={queryClient}>
          <Content />
        </QueryClientProvider>
      </WixDesignSystemProvider>
    );
  };
}
