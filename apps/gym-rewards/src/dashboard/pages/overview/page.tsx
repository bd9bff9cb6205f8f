import { WixDesignSystemProvider } from '@wix/design-system';
import '@wix/design-system/styles.global.css';
import React, { type FC } from 'react';
import { Overview } from '../../overview/Overview';
import { DashboardQueries } from '../../shared/query';

/** Overview: tokens issued and redeemed per month, and active members. */
const OverviewPage: FC = () => (
  <WixDesignSystemProvider features={{ newColorsBranding: true }}>
    <DashboardQueries>
      <Overview />
    </DashboardQueries>
  </WixDesignSystemProvider>
);

export default OverviewPage;
