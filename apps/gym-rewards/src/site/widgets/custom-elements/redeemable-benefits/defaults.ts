/**
 * The widget's settings until the site owner changes them in the editor's panel: the element's and the panel's. The
 * default accent, `#c2410c`, reads at 5.2:1 with white on it and on white (the old `#ff6b35` was 2.84:1); the element
 * also picks the text colour on the accent and for accent-coloured text by contrast.
 */
export const DEFAULTS = {
  widgetTitle: 'Your rewards',
  accentColor: '#c2410c',
  backgroundColor: '#ffffff',
  textColor: '#1b1b1b',
};
