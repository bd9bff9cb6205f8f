/** The widget's settings until the site owner changes them in the editor's panel: the element's and the panel's. */
export const DEFAULTS = {
  widgetTitle: 'Your rewards',
  accentColor: '#ff6b35',
  backgroundColor: '#ffffff',
  textColor: '#1b1b1b',
};
