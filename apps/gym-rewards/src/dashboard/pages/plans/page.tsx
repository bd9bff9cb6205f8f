import { WixDesignSystemProvider } from '@wix/design-system';
import '@wix/design-system/styles.global.css';
import React, { type FC } from 'react';
import { Plans } from '../../plans/Plans';
import { DashboardQueries } from '../../shared/query';

/** Plans: the package picker (Free, Grow, Studio), the checkout, and after paying what is now unlocked. */
const PlansPage: FC = () => (
  <WixDesignSystemProvider features={{ newColorsBranding: true }}>
    <DashboardQueries>
      <Plans />
    </DashboardQueries>
  </WixDesignSystemProvider>
);

export default PlansPage;
