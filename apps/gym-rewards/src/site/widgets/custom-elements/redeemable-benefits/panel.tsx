import { ColorInput, FormField, Input, SidePanel, WixDesignSystemProvider } from '@wix/design-system';
import { widget } from '@wix/editor';
import React, { type FC, useEffect, useState } from 'react';
import '@wix/design-system/styles.global.css';
import { WIDGET_DEFAULTS } from './styles';

/** The widget's settings in the Wix editor: its title and colours, kept as the element's attributes. */
const SETTINGS = [
  { prop: 'widget-title', label: 'Title', fallback: 'Your rewards' },
  { prop: 'accent-color', label: 'Accent colour', fallback: WIDGET_DEFAULTS.accentColor },
  { prop: 'background-color', label: 'Background colour', fallback: WIDGET_DEFAULTS.backgroundColor },
  { prop: 'text-color', label: 'Text colour', fallback: WIDGET_DEFAULTS.textColor },
] as const;

type Values = Record<(typeof SETTINGS)[number]['prop'], string>;

const Panel: FC = () => {
  const [values, setValues] = useState<Values>(
    () => Object.fromEntries(SETTINGS.map((s) => [s.prop, s.fallback])) as Values,
  );

  useEffect(() => {
    for (const setting of SETTINGS) {
      // Through a promise, so an editor host that throws at once leaves the panel on its defaults instead of blank.
      Promise.resolve()
        .then(() => widget.getProp(setting.prop))
        .then((value) => setValues((v) => ({ ...v, [setting.prop]: value || setting.fallback })))
        .catch(() => {});
    }
  }, []);

  const change = (prop: keyof Values, value: string) => {
    setValues((v) => ({ ...v, [prop]: value }));
    Promise.resolve()
      .then(() => widget.setProp(prop, value))
      .catch((error: unknown) => console.error(`Gym Rewards: could not save ${prop}`, error));
  };

  return (
    <WixDesignSystemProvider>
      <SidePanel width="300" height="100vh">
        <SidePanel.Content noPadding stretchVertically>
          {SETTINGS.map((setting) => (
            <SidePanel.Field key={setting.prop}>
              <FormField label={setting.label}>
                {setting.prop === 'widget-title' ? (
                  <Input
                    value={values[setting.prop]}
                    onChange={(event) => change(setting.prop, event.target.value)}
                    aria-label={setting.label}
                    dataHook={`panel-${setting.prop}`}
                  />
                ) : (
                  <ColorInput
                    value={values[setting.prop]}
                    onChange={(color) => change(setting.prop, typeof color === 'string' ? color : String(color))}
                    popoverAppendTo="window"
                    aria-label={setting.label}
                    dataHook={`panel-${setting.prop}`}
                  />
                )}
              </FormField>
            </SidePanel.Field>
          ))}
        </SidePanel.Content>
      </SidePanel>
    </WixDesignSystemProvider>
  );
};

export default Panel;
