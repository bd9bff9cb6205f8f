import { QueryClient } from '@tanstack/react-query';
import { isRefusal } from '../../shared/refusal';

/**
 * One query client per page bundle. A refusal is an answer, not a failure: it is never retried. Other failures
 * (the network, the platform) are retried once.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => !isRefusal(error) && failures < 1,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
    mutations: { retry: false },
  },
});

/** Query keys shared by the pages, so one page's change refreshes what depends on it. */
export const keys = {
  program: ['program'] as const,
  products: (search: string) => ['products', search] as const,
  productScan: ['products', 'scan'] as const,
  door: ['door-access'] as const,
  members: (search: string) => ['members', search] as const,
  allMembers: ['members'] as const,
  ledger: (memberId: string) => ['ledger', memberId] as const,
  allLedgers: ['ledger'] as const,
  pickups: ['pickups'] as const,
  outside: ['members-outside'] as const,
  overview: (months: number) => ['overview', months] as const,
  /** The front desk's check-ins (a mutation key). */
  checkIns: ['check-ins'] as const,
};
