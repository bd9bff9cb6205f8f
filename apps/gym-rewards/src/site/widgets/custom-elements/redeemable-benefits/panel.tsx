import { ColorInput, FormField, Input, SectionHelper, SidePanel, WixDesignSystemProvider } from '@wix/design-system';
import { widget } from '@wix/editor';
import React, { type FC, useEffect, useState } from 'react';
import '@wix/design-system/styles.global.css';
import { dashboardLocale } from '../../../../dashboard/shared/words';
import { phrasesIn } from '../../../../shared/words';
import { type ColourLock, colourLock, UPGRADE_URL } from './colour-lock';
import { DEFAULTS } from './defaults';

/** The panel's words, English and German (the dashboard's phrase tables: the panel is the owner's, as the dashboard). */
export const PANEL_PHRASES = {
  'widget-title': ['Title', 'Titel'],
  'accent-color': ['Accent colour', 'Akzentfarbe'],
  'background-color': ['Background colour', 'Hintergrundfarbe'],
  'text-color': ['Text colour', 'Textfarbe'],
} as const;

/** The widget's settings in the Wix editor: its title and colours, kept as the element's attributes. */
const SETTINGS = [
  { prop: 'widget-title', fallback: DEFAULTS.widgetTitle },
  { prop: 'accent-color', fallback: DEFAULTS.accentColor },
  { prop: 'background-color', fallback: DEFAULTS.backgroundColor },
  { prop: 'text-color', fallback: DEFAULTS.textColor },
] as const;

export type Values = Record<(typeof SETTINGS)[number]['prop'], string>;
type Prop = keyof Values;

export const defaultValues = () => Object.fromEntries(SETTINGS.map((s) => [s.prop, s.fallback])) as Values;

/**
 * The panel's fields: the title always; the colours only when the plan has `widget-colours` (`lock` open), else shown
 * disabled with the colours set so far, under a notice naming the plan that unlocks them and the way to Plans.
 */
export const PanelFields: FC<{
  values: Values;
  lock: ColourLock;
  onChange: (prop: Prop, value: string) => void;
  /** The panel's language (English by default). */
  locale?: string;
}> = ({ values, lock, onChange, locale = 'en' }) => (
  <SidePanel width="300" height="100vh">
    <SidePanel.Content noPadding stretchVertically>
      {SETTINGS.map((setting) => (
        <React.Fragment key={setting.prop}>
          {setting.prop === 'accent-color' && lock.state === 'locked' ? (
            <SidePanel.Field>
              <SectionHelper
                dataHook="plan-lock-widget-colours"
                skin="premium"
                title={lock.title}
                actionText={lock.action}
                onAction={() => window.open(UPGRADE_URL, '_blank', 'noopener')}
              >
                {lock.text}
              </SectionHelper>
            </SidePanel.Field>
          ) : null}
          <SidePanel.Field>
            <FormField label={phrasesIn(PANEL_PHRASES, locale)[setting.prop]}>
              {/* No aria-label: the design system writes it as `aria--label` (axe: aria-valid-attr); the FormField labels them. */}
              {setting.prop === 'widget-title' ? (
                <Input
                  value={values[setting.prop]}
                  onChange={(event) => onChange(setting.prop, event.target.value)}
                  dataHook={`panel-${setting.prop}`}
                />
              ) : (
                <ColorInput
                  value={values[setting.prop]}
                  disabled={lock.state !== 'open'}
                  onChange={(color) => onChange(setting.prop, typeof color === 'string' ? color : String(color))}
                  popoverAppendTo="window"
                  dataHook={`panel-${setting.prop}`}
                />
              )}
            </FormField>
          </SidePanel.Field>
        </React.Fragment>
      ))}
    </SidePanel.Content>
  </SidePanel>
);

/**
 * The panel in the owner's language: as a dashboard page, its `?locale=`, else its document's or the browser's
 * language (`dashboardLocale`).
 */
const Panel: FC = () => {
  const [locale] = useState(dashboardLocale);
  const [values, setValues] = useState<Values>(defaultValues);
  const [lock, setLock] = useState<ColourLock>({ state: 'checking' });

  useEffect(() => {
    for (const setting of SETTINGS) {
      // Through a promise, so an editor host that throws at once leaves the panel on its defaults instead of blank.
      Promise.resolve()
        .then(() => widget.getProp(setting.prop))
        .then((value) => setValues((v) => ({ ...v, [setting.prop]: value || setting.fallback })))
        .catch(() => {});
    }
    colourLock(locale).then(setLock);
  }, [locale]);

  const change = (prop: Prop, value: string) => {
    // A colour changes only on a plan with `widget-colours`; the title always.
    if (prop !== 'widget-title' && lock.state !== 'open') return;
    setValues((v) => ({ ...v, [prop]: value }));
    Promise.resolve()
      .then(() => widget.setProp(prop, value))
      .catch((error: unknown) => console.error(`Gym Rewards: could not save ${prop}`, error));
  };

  return (
    <WixDesignSystemProvider>
      <PanelFields values={values} lock={lock} onChange={change} locale={locale} />
    </WixDesignSystemProvider>
  );
};

export default Panel;
