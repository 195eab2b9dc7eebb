/** The user's own page, as far as clinic staff use it. */
export default {
  title: 'Profile',
  description: 'Your account, sign-in security, notifications and API tokens.',
  sessionEnds: 'This session ends at {{date}} at the latest.',
  language: {
    title: 'Language',
    description: 'The language of your pages and of the e-mails you receive.',
    label: 'Language',
    followClinic: 'As my clinic ({{language}})',
    followDefault: 'Default ({{language}})',
    saved: 'Language saved',
  },
  notifications: {
    title: 'Notifications',
    withEmail: 'Choose what the bell tells you. E-mail follows the same choices.',
    withoutEmail: 'Choose what the bell tells you.',
    none: 'Your role receives no notifications yet, so there is nothing to choose here.',
  },
};
