// The site widget's `react-dom` on the devsite (see `widgetReactDom` in plugins.ts): React 18's, with `createRoot` from
// `react-dom/client`, where React 18 keeps it without a warning.
import ReactDOM from 'react-dom';
import { createRoot } from 'react-dom/client';

export default { ...ReactDOM, createRoot };
