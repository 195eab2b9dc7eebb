/** The clinic's home and the words clinic staff see about their studies. */
export default {
  home: {
    sendTitle: 'Send images',
    sendText: 'No sending box at your clinic? Send X-ray images from this computer or tablet.',
    sendButton: 'Send images',
  },
  status: {
    waiting: {
      label: 'Waiting for the centre to open',
      note: 'Every reading centre is closed; it is read when one opens.',
    },
    queued: {
      label: 'Waiting for a radiologist',
      note: 'It is on the reading centre’s worklist.',
    },
    in_progress: { label: 'Being read', note: 'A radiologist is reading it now.' },
    held_for_consultation: {
      label: 'With the consultant',
      note: 'The radiologist has read it and asked a consultant to confirm before the report is released.',
    },
    awaiting_images: {
      label: 'Retake requested',
      note: 'The radiologist asked for new images; send them to queue the study again.',
    },
    completed: { label: 'Report released', note: 'The report is released: open it from Reports.' },
    cancelled: { label: 'Cancelled', note: 'This reading was cancelled.' },
  },
  arrival: {
    receiving: 'Receiving',
    receivingNote: 'Images are still arriving; the study goes to a reader once they stop',
    received: 'Received',
    receivedNote: 'All images in since {{date}}; the study has gone to a reader',
  },
};
