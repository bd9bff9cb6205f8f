import { testConfig } from '../../vitest.shared.ts';

/** The devsite's tests start a platform and a devsite, and the story a browser: more time. */
export default testConfig(240_000);
