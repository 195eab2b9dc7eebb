/**
 * Messaging between clinics and the centre: each clinic's channel and each study's thread, with
 * attachments, read receipts, typing state and templates of common requests.
 */
export { messagingRoutes, type MessagingRouteOptions } from './routes';
export { threadScope, attachmentScope } from './scopes';
export { listMessageDeskItems } from './desk';
export { postNotice, SYSTEM_AUTHOR, type NoticeTarget } from './post';
export { messagingEventFor } from './live';
export { sniffAttachmentType } from './attachments';
