import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** The Mantine theme of Telerad: calm blue, system fonts, slightly rounded controls. */
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Button: { defaultProps: { radius: 'md' } },
    // Mantine's Alert defaults to role="alert"; here only errors interrupt (they set it).
    Alert: { defaultProps: { role: 'note' } },
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
    // The default toggle label contains "password", which makes getByLabel('Password') ambiguous
    // for assistive tech and tests alike.
    PasswordInput: {
      defaultProps: { visibilityToggleButtonProps: { 'aria-label': 'Show or hide characters' } },
    },
  },
});

/**
 * Warnings (yellow and orange) on the dark theme. Mantine's own light variant paints them solid
 * brown-orange under near-white text, which glares in a dim reading room; here they are a faint
 * amber wash under soft sand-coloured text, so a warning still stands out without shouting. The
 * light theme keeps Mantine's values.
 */
const CALM_DARK_WARNINGS: Record<string, string> = Object.fromEntries(
  (
    [
      ['yellow', '250, 176, 5', '#d9c38c'],
      ['orange', '253, 126, 20', '#dfb48e'],
    ] as const
  ).flatMap(([color, rgb, text]) => [
    [`--mantine-color-${color}-light`, `rgba(${rgb}, 0.08)`],
    [`--mantine-color-${color}-light-hover`, `rgba(${rgb}, 0.13)`],
    [`--mantine-color-${color}-light-color`, text],
  ]),
);

/** The theme's CSS variables beyond Mantine's: calm warnings on the dark theme. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {},
  dark: CALM_DARK_WARNINGS,
});
