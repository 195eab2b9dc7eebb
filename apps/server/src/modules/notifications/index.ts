/** In-app notifications (escalation alerts), pushed live and e-mailed when SMTP is configured. */
export { notificationRoutes } from './routes';
export {
  createNotifications,
  listNotifications,
  markNotificationRead,
  notifyUsers,
  type NewNotification,
  type StoredNotification,
} from './service';
export { deliverNotifications, setNotificationSink, type NotificationSink } from './delivery';
export {
  createEmailQueue,
  NOTIFICATION_EMAIL_QUEUE,
  queueNotificationEmail,
  startEmailWorker,
  type NotificationEmailJob,
  type SmtpSettings,
} from './email';
export { unwireNotifications, wireNotifications, type NotificationMessage } from './wiring';
export { notificationScope } from './scopes';
