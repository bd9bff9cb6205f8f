import { Overview } from '../../overview/Overview';
import { withProviders } from '../../shared/withProviders';

/** Overview: tokens issued and redeemed per month, and active members. */
export default withProviders(Overview);
