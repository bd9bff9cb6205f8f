import { WixDesignSystemProvider } from '@wix/design-system';
import '@wix/design-system/styles.global.css';
import React, { type FC } from 'react';
import { ProgramSetup } from '../../setup/ProgramSetup';
import { DashboardQueries } from '../../shared/query';

/** Rewards setup: the guided setup of the program, and the door access secret. */
const SetupPage: FC = () => (
  <WixDesignSystemProvider features={{ newColorsBranding: true }}>
    <DashboardQueries>
      <ProgramSetup />
    </DashboardQueries>
  </WixDesignSystemProvider>
);

export default SetupPage;
