import { WixDesignSystemProvider } from '@wix/design-system';
import '@wix/design-system/styles.global.css';
import React, { type FC } from 'react';
import { Members } from '../../members/Members';
import { DashboardQueries } from '../../shared/query';

/** Members: the member list with check-in, ledger and adjustments, and the pickups waiting at the front desk. */
const MembersPage: FC = () => (
  <WixDesignSystemProvider features={{ newColorsBranding: true }}>
    <DashboardQueries>
      <Members />
    </DashboardQueries>
  </WixDesignSystemProvider>
);

export default MembersPage;
