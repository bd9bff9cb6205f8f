import { relative, resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';

/**
 * What the Wix CLI's Vite plugin does to `*.web.ts` files imported by frontend code, done the same way: each export
 * becomes a stub calling the CLI's own `callWebMethod` (`POST <site>/_webMethods/<file>/<method>.ajax` through the
 * page's Wix client, so with the caller's session). The backend keeps the real module.
 */
export function webMethodStubs(appDir: string, server: () => ViteDevServer): Plugin {
  return {
    name: 'devsite:web-method-stubs',
    enforce: 'pre',
    async transform(_code, id, options) {
      const file = id.split('?')[0]!;
      if (options?.ssr || !file.endsWith('.web.ts')) return;
      const exports = Object.keys(await server().ssrLoadModule(file));
      const filename = relative(appDir, file).split('\\').join('/');
      const stubs = exports.map(
        (method) =>
          `export const ${method} = (...args) => callWebMethod({ args, filename: ${JSON.stringify(filename)}, method: ${JSON.stringify(method)}, baseURL: globalThis.location.origin });`,
      );
      return {
        code: `import { callWebMethod } from '@wix/cli-app/internal/platform-sdk/web-methods';\n${stubs.join('\n')}\n`,
        map: null,
      };
    },
  };
}

/**
 * The one module of the app the devsite replaces: `src/backend/clock.ts` becomes the local platform's clock, so moving
 * the devsite's clock moves the app's backend too. Everything else runs as written.
 */
export function platformClock(appDir: string, replacement: string): Plugin {
  const appClock = resolve(appDir, 'src/backend/clock.ts');
  return {
    name: 'devsite:platform-clock',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !/clock(\.ts)?$/.test(source)) return;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved?.id.split('?')[0] === appClock) return replacement;
    },
  };
}

/**
 * The design system's stylesheet names Wix's fonts on Wix's CDN (`static.parastorage.com`), which a machine offline
 * cannot reach: every page logged a failed font download. The devsite drops those `@font-face` rules, so pages use the
 * stylesheet's fallback fonts, quietly; on Wix the fonts load as they do for every app.
 */
export function offlineFonts(): Plugin {
  return {
    name: 'gym-rewards-offline-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!/@wix\/design-system\/.*\.css($|\?)/.test(id) || !code.includes('static.parastorage.com')) return null;
      return { code: code.replace(/@font-face\s*\{[^}]*static\.parastorage\.com[^}]*\}/g, ''), map: null };
    },
  };
}

/**
 * The site widget hands `react-dom` to react-to-webcomponent, which renders with `createRoot` when the object has one.
 * On Wix the page's React is 16 (the CLI's wrapper loads its UMD build when the page has none): no `createRoot`, so it
 * renders with `ReactDOM.render`. The devsite serves React 18, whose `react-dom` entry has a `createRoot` that warns
 * "import it from react-dom/client" on every load. For the widget's module only, `react-dom` becomes React 18's with
 * `createRoot` from `react-dom/client` (`replacement`): the same rendering, without the warning.
 */
export function widgetReactDom(widgetDir: string, replacement: string): Plugin {
  return {
    name: 'devsite:widget-react-dom',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'react-dom' && importer?.startsWith(widgetDir)) return replacement;
    },
  };
}
