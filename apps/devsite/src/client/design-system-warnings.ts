/**
 * `@wix/design-system` (1.328.0) warns, in development builds only, about deprecated props that it sets itself:
 * `Popover`'s `theme` comes from its own `defaultProps` (every `Dropdown`, `Tooltip` and `Popover` on a page), and
 * `SectionHelper`'s `appearance` and `Tag`'s `theme` from their own default parameters, even where the app passes the
 * `skin` the warnings ask for. No prop the app can pass avoids them, and they do not appear in a production build, as
 * on Wix. So the devsite's dashboard and editor drop exactly these three messages from the console; every other
 * warning, the design system's included, still shows, and the browser story fails on any.
 */
const ITS_OWN_DEFAULTS = [
  '<Popover/> - theme prop is deprecated',
  '<SectionHelper/> - prop "appearance" is deprecated',
  '<Tag/> - theme prop is deprecated',
].map((warning) => `@wix/design-system: [WARNING] ${warning}`);

const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  const first = args[0];
  if (typeof first === 'string' && ITS_OWN_DEFAULTS.some((warning) => first.startsWith(warning))) return;
  warn(...args);
};
