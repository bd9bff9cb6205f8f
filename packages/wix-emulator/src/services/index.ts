import type { Router } from '../http/router.ts';
import { programDefinitionRoutes } from './benefit-programs/program-definitions.ts';

/** Every emulated Wix service's routes. */
export function serviceRoutes(): Router[] {
  return [programDefinitionRoutes()];
}
