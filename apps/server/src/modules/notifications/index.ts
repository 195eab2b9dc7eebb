/**
 * In-app notifications: workflow events (consultations, released reports, retakes, failed
 * deliveries) and escalations, from a catalogue of kinds; pushed live, and e-mailed when SMTP is
 * configured; each user can turn each kind off.
 */
export { notificationRoutes } from './routes';
export {
  createNotifications,
  listNotifications,
  markNotificationRead,
  notifyUsers,
  type NewNotification,
  type StoredNotification,
} from './service';
export { notifyEvent, type NotificationEvent } from './events';
export { studyFacts, type StudyFacts } from './facts';
export { resolveAudience, type AudienceTarget } from './audiences';
export { channelsOf, getPreferences, keepEnabled, setPreference } from './preferences';
export {
  createEmailQueue,
  NOTIFICATION_EMAIL_QUEUE,
  queueNotificationEmails,
  startEmailWorker,
  type NotificationEmailJob,
  type SmtpSettings,
} from './email';
export { unwireNotifications, wireNotifications, type NotificationMessage } from './wiring';
export { notificationPreferencesScope, notificationScope } from './scopes';
