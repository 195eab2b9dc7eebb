import type { CatalogueEntry } from './entry';

/** Talking with clinics: notifications, the daily digest, messages and their attachments. */
export const COMMUNICATION_ERRORS = {
  NOTIFICATION_KIND_NOT_OFFERED: {
    status: 400,
    message:
      'This kind of notification is not sent to your role, so there is nothing to turn on or off.',
  },
  DIGEST_NOT_OFFERED: {
    status: 400,
    message:
      'The daily digest goes to clinic managers. An administrator marks who manages a clinic on the user form.',
  },
  DIGEST_NOT_MANAGER: {
    status: 403,
    message:
      "Only a manager of this clinic or an administrator can see its daily digest. Ask an administrator to mark you as the clinic's manager.",
  },
  ATTACHMENT_TOO_LARGE: {
    status: 413,
    message:
      'This file is larger than 10 MB, the most a message can carry. Send a smaller photo or scan, or split the document.',
  },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    status: 415,
    message:
      'This file is not a PNG or JPEG image or a PDF document (judged by its content, not its name). Save it as one of those and attach it again.',
  },
  ATTACHMENT_EMPTY: {
    status: 400,
    message: 'The file is empty. Choose the file again and attach it.',
  },
  ATTACHMENT_NOT_AVAILABLE: {
    status: 409,
    message:
      'An attached file is not one you attached to this conversation, or it was already sent. Attach it again.',
  },
  MESSAGE_THREAD_NOT_YOURS: {
    status: 403,
    message:
      "Only the clinic's own staff and the centre's assistants write in a clinic's channel; study conversations are open to the study's reader too.",
  },
} as const satisfies Record<string, CatalogueEntry>;
