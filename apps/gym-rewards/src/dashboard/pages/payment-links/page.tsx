import { PaymentLinks } from '../../payment-links/PaymentLinks';
import { withProviders } from '../../shared/withProviders';

/** Payment links: create, send and follow links for passes, packs and merchandise; take a payment at the desk. */
export default withProviders(PaymentLinks);
