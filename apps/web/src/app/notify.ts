import { notifications } from '@mantine/notifications';
import { errorMessage } from './apiError';

/** Shows a green confirmation toast (top right) that something was saved or done. */
export function notifySuccess(message: string, title = 'Done'): void {
  notifications.show({ title, message, color: 'teal', autoClose: 4000 });
}

/** Shows a red toast with the message of an error. */
export function notifyError(error: unknown, title = 'That did not work'): void {
  notifications.show({ title, message: errorMessage(error), color: 'red', autoClose: 8000 });
}
