/** Send images: the browser upload of clinics without a sending box. */
export default {
  title: 'Send images',
  intro:
    'For clinics without a sending box: send the X-ray images saved by your X-ray unit. If the connection drops, sending carries on where it stopped, even after you close this page and open it again.',
  drop: 'Drop image files or a whole folder here (a CD folder with DICOMDIR works too)',
  chooseFiles: 'Choose files',
  chooseFolder: 'Choose a folder',
  missingTitle: 'Some images of the CD are missing',
  missing_one:
    "The folder's index lists {{count}} image that was not in what you dropped. Drop the whole folder of the CD.",
  missing_other:
    "The folder's index lists {{count}} images that were not in what you dropped. Drop the whole folder of the CD.",
  empty:
    "No images chosen yet. Drop the images of today's applicants above, or press Choose files. Each image is checked before anything is sent.",
  summary_one: '{{count}} image · {{answered}} answered by the centre',
  summary_other: '{{count}} images · {{answered}} answered by the centre',
  rate: '{{rate}}/s · {{left}} left',
  chooseClinicFirst: 'Choose the clinic above first',
  send_one: 'Send {{count}} image',
  send_other: 'Send {{count}} images',
  nothingLeft: 'Nothing left to send',
  allSent: 'All images sent',
  columns: { file: 'File', applicant: 'Applicant', checks: 'Checks', sending: 'Sending' },
  applicantId: 'ID {{id}}',
  looksRight: 'Looks right',
  sendAnyway: 'Send anyway',
  fileSent: '{{name}} sent',
  checking: 'Checking…',
  sentOf: '{{sent}} of {{size}}',
  willNotSend: 'Will not be sent',
  waitsForYou: 'Not sent until you decide',
  ready: 'Ready to send',
  failed: 'Not sent: {{reason}}. Press Send again to resume.',
  connectionFailed: 'the connection failed',
  minutes: '{{m}} min {{s}} s',
  seconds: '{{s}} s',
  warnings: {
    'not-image': 'This is not an X-ray image file. Send the files your X-ray unit saved.',
    'not-chest-xray':
      'This does not look like an X-ray (it says "{{modality}}"). The centre reads chest X-rays only.',
    'no-patient-id':
      "The applicant's ID is missing from this image. The centre will have to ask you for it before reading.",
    'already-sent': 'This image was already sent. Sending it again changes nothing.',
    small: 'This file is unusually small for an X-ray ({{size}}). Check it is the right file.',
    large: 'This file is unusually large for an X-ray ({{size}}). Check it is the right file.',
    unknown: 'unknown',
  },
  results: {
    stored: 'Received by the centre',
    duplicate: 'Already at the centre (nothing changed)',
    new_version: 'Received (the earlier copy is kept too)',
    refused: 'Not accepted: {{reason}}',
    noReason: 'no reason given',
    expired: 'Sending stopped for too long; send it again',
    pending: 'Waiting for the centre to confirm',
  },
  refusals: {
    DICOM_UNREADABLE: 'the file is damaged or is not an X-ray image file',
    DICOM_REQUIRED_MISSING:
      'the image lacks details the centre needs; save it again from the X-ray unit',
    DICOM_INVALID_UID: 'the image is labelled wrongly by the X-ray unit; ask support',
    DICOM_SOP_CLASS_MISMATCH: 'the image is labelled wrongly by the X-ray unit; ask support',
    DICOM_UID_CONFLICT: 'another image already carries the same label; ask support',
    DICOM_TOO_LARGE: 'the file is larger than the centre accepts',
    STUDY_OTHER_CLINIC: 'this examination was already sent by another clinic',
    CLINIC_SUSPENDED: 'your clinic is suspended; contact the reading centre',
  },
  clinic: {
    label: 'Clinic these images come from',
    description: 'The centre files the images under this clinic.',
    placeholder: 'Choose your clinic',
  },
};
