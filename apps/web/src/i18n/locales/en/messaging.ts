/** Messages: the clinic's channel and each applicant's conversation with the reading centre. */
export default {
  page: {
    title: 'Messages',
    description:
      'Talk with the reading centre: your clinic’s channel, and one conversation per applicant.',
    staffDescription: 'Clinic channels and applicant conversations, newest first.',
    all: 'All',
    channels: 'Channels',
    applicants: 'Applicants',
    pick: 'Choose a conversation on the left, or open an applicant’s study to start one about them.',
    back: 'All conversations',
    editTemplates: 'Edit templates',
  },
  list: {
    search: 'Search by applicant name, ID or clinic',
    channel: '{{clinic}} — clinic channel',
    channelHint: 'Everything that is not about one applicant',
    noMessages: 'No messages yet',
    empty:
      'No conversations match. Clear the search, or open an applicant’s study to write about them.',
    unread: '{{count}} unread',
  },
  thread: {
    loading: 'Loading the conversation',
    opening: 'Opening the conversation about this applicant',
    empty: 'No messages yet. Write below: everyone in this conversation is told at once.',
    seen: 'Seen by {{names}}',
    typing_one: '{{names}} is typing…',
    typing_other: '{{names}} are typing…',
    notice: 'Notice',
    you: 'You',
  },
  composer: {
    label: 'Message',
    placeholder: 'Write a message… (Enter sends, Shift+Enter starts a new line)',
    attach: 'Attach a photo or PDF (up to 10 MB)',
    templates: 'Templates',
    templatesHint: 'Insert a ready-made request',
    noTemplates: 'No templates yet.',
    send: 'Send',
    uploading: 'Sending the file…',
    remove: 'Remove {{name}}',
    tooLarge:
      'This file is larger than 10 MB, the most a message can carry. Send a smaller photo or scan, or split the document.',
  },
  files: {
    openImage: 'Open {{name}} full size',
    openPdf: 'Open {{name}}',
  },
};
