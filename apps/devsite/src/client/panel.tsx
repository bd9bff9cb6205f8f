import './design-system-warnings.ts';
import type { ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { connectWix } from './wix.ts';

/**
 * A widget's settings panel (`panel.tsx`) as the Wix editor shows it, to look at, with the site owner's session (the
 * editor's caller: its web-method calls, such as the owner's plan, go to the local platform). The editor's own host is
 * not here: `@wix/editor` reads and writes nothing, so the panel shows its defaults.
 */
connectWix();

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
