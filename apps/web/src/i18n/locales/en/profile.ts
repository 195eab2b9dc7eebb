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
  password: {
    title: 'Password',
    hint: 'At least 12 characters. A short sentence is easier to remember than symbols.',
    current: 'Current password',
    new: 'New password',
    repeat: 'Repeat new password',
    submit: 'Change password',
    differ: 'The two new passwords differ',
    changed: 'Password changed',
    changedText: 'Use your new password next time you sign in.',
  },
  mfa: {
    title: 'Two-factor authentication',
    on: 'On',
    off: 'Off',
    onText:
      'Signing in asks for a code from your authenticator app. Lost it? Use a recovery code, or ask an administrator to reset it.',
    offHint:
      'Add a second step to sign-in with an authenticator app on your phone. It takes two minutes and protects patient data if your password leaks.',
    setUp: 'Set up two-factor authentication',
    disable: 'Disable two-factor authentication',
    disableShort: 'Disable',
    confirm: 'Confirm with your password to turn two-factor authentication off',
    cancel: 'Cancel',
    done: 'Done',
    offTitle: 'MFA disabled',
    offText: 'Two-factor authentication is off.',
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
