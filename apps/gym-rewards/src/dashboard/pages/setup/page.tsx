import { ProgramSetup } from '../../setup/ProgramSetup';
import { withProviders } from '../../shared/withProviders';

/** Rewards setup: the guided setup of the program, and the door access secret. */
export default withProviders(ProgramSetup);
