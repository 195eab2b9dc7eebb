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
    withEmail: 'Choose what the bell shows you and what is e-mailed to you.',
    withoutEmail:
      'Choose what the bell shows you. This server sends no e-mail, so only the bell applies.',
    none: 'Your role receives no notifications yet, so there is nothing to choose here.',
    inApp: 'In the app',
    byEmail: 'By e-mail',
    inAppOf: '{{kind}}: in the app',
    byEmailOf: '{{kind}}: by e-mail',
  },
  digest: {
    label: 'Daily summary',
    description:
      'Each morning at 07:00, an e-mail with yesterday’s studies, turnaround and what waits for your clinic.',
    preview: 'Preview {{clinic}}’s summary',
    previewOf: 'Preview the daily summary of {{clinic}}',
    previewShort: 'Summary',
    title: 'Daily summary of {{clinic}}',
    subject: 'Subject:',
    sentTo: 'Sent to {{to}} each morning at 07:00 ({{timeZone}}). This is how it would read today.',
    noAddress:
      'Each manager receives it at 07:00 ({{timeZone}}); an account without an e-mail address receives nothing.',
  },
};
