import { createTheme } from '@mantine/core';

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
