import { Members } from '../../members/Members';
import { withProviders } from '../../shared/withProviders';

/** Members: the member list with check-in, ledger and adjustments, and the pickups waiting at the front desk. */
export default withProviders(Members);
