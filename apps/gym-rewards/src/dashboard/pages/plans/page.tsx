import { Plans } from '../../plans/Plans';
import { withProviders } from '../../shared/withProviders';

/** Plans: the package picker (Free, Grow, Studio), the checkout, and after paying what is now unlocked. */
export default withProviders(Plans);
