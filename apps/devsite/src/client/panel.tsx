import { createClient } from '@wix/sdk';
import type { ComponentType } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * A widget's settings panel (`panel.tsx`) as the Wix editor shows it, to look at. The editor's own host is not here:
 * `@wix/editor` reads and writes nothing, so the panel shows its defaults.
 */
const client = createClient({ auth: { getAuthHeaders: async () => ({ headers: {} }) } } as never);
(client as unknown as { enableContext(kind: 'global'): void }).enableContext('global');

const panels = import.meta.glob<{ default: ComponentType }>(
  '../../../gym-rewards/src/site/widgets/custom-elements/*/panel.tsx',
);
const name = new URLSearchParams(location.search).get('widget') ?? 'redeemable-benefits';
const load = panels[`../../../gym-rewards/src/site/widgets/custom-elements/${name}/panel.tsx`];
const root = createRoot(document.getElementById('panel')!);
if (load) {
  const { default: Panel } = await load();
  root.render(<Panel />);
} else {
  root.render(<p>The app has no widget {name}.</p>);
}
