import { WixDesignSystemProvider } from '@wix/design-system';
import '@wix/design-system/styles.global.css';
import React, { type FC } from 'react';
import { PaymentLinks } from '../../payment-links/PaymentLinks';
import { DashboardQueries } from '../../shared/query';

/** Payment links: create, send and follow links for passes, packs and merchandise; take a payment at the desk. */
const PaymentLinksPage: FC = () => (
  <WixDesignSystemProvider features={{ newColorsBranding: true }}>
    <DashboardQueries>
      <PaymentLinks />
    </DashboardQueries>
  </WixDesignSystemProvider>
);

export default PaymentLinksPage;
