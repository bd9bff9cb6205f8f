import './design-system-warnings.ts';
import type { ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { wireDevbar } from './devbar.ts';
import { config, connectWix } from './wix.ts';

/**
 * The dashboard shell: the app's page component (the real one from apps/gym-rewards) under a Wix client whose host
 * channel plays the dashboard: toasts, navigation between the app's pages, the access token.
 */
const pages = import.meta.glob<{ default: ComponentType }>('../../../gym-rewards/src/dashboard/pages/*/page.tsx');

function toast(options: { message?: string; type?: string }) {
  const box = document.getElementById('toasts')!;
  const item = document.createElement('div');
  item.className = `toast toast-${options.type ?? 'standard'}`;
  item.setAttribute('data-hook', 'dashboard-toast');
  item.textContent = options.message ?? '';
  box.append(item);
  const timer = setTimeout(() => item.remove(), 6000);
  return {
    remove() {
      clearTimeout(timer);
      item.remove();
    },
  };
}

const channel: Record<string, unknown> = {
  showToast: toast,
  navigate(destination: { pageId?: string; relativeUrl?: string }) {
    const page = config.pages?.find((p) => p.id === destination?.pageId);
    if (page) location.href = `/dashboard/${page.folder}${destination.relativeUrl ?? ''}`;
  },
  navigateBack: () => history.back(),
  // The address of a page of the app in the dashboard, as Wix answers it for its own dashboard.
  getPageUrl: async (destination: { pageId?: string; relativeUrl?: string }) => {
    const page = config.pages?.find((p) => p.id === destination?.pageId);
    if (!page) throw new Error(`the app has no dashboard page ${destination?.pageId}`);
    return `${location.origin}/dashboard/${page.folder}${destination.relativeUrl ?? ''}`;
  },
  getAccessToken: async () => config.token,
  openModal: () => ({ modalClosed: Promise.resolve(undefined) }),
  closeModal: () => {},
  observeState: () => ({ disconnect() {} }),
  getPageLocation: () => ({ pageId: config.pages?.find((p) => p.folder === config.page)?.id }),
};

connectWix({
  // Methods the shell does not play answer nothing rather than crash the page.
  channel: new Proxy(channel, { get: (target, name) => target[name as string] ?? (() => undefined) }),
});
wireDevbar();

const load = pages[`../../../gym-rewards/src/dashboard/pages/${config.page}/page.tsx`];
const root = createRoot(document.getElementById('page')!);
if (load) {
  const { default: Page } = await load();
  root.render(<Page />);
} else {
  root.render(<p>This page is not in the app.</p>);
}
