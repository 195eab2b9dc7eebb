import type { CatalogueEntry } from './entry';

/** Computer-aided detection: results posted by a CAD, its product versions and thresholds. */
export const CAD_ERRORS = {
  CAD_STUDY_UNKNOWN: {
    status: 404,
    // A C-STORE from a CAD's AE about a study outside its clinics (docs/adr/0041).
    dimseStatus: 0x0124,
    message:
      'No study with this Study Instance UID is known to this integration. Send results only for studies the centre forwarded to the CAD.',
  },
  CAD_PRODUCT_UNKNOWN: {
    status: 422,
    message:
      'This CAD product version is not registered. Ask the centre’s QA to register the exact version (its score scale and error codes) first; results are kept only for registered versions.',
  },
  CAD_PRODUCT_EXISTS: {
    status: 409,
    message: 'This CAD product version is already registered.',
  },
  CAD_SCORE_OUT_OF_SCALE: {
    status: 422,
    message:
      'The score is outside the scale registered for this product version. Check the version the CAD reports.',
  },
  CAD_AE_TITLE_TAKEN: {
    status: 409,
    message:
      'This AE title already belongs to a clinic or another CAD integration: each calling AE title names one sender.',
  },
  CAD_THRESHOLDS_INVALID: {
    status: 400,
    message:
      'The thresholds must lie on the product’s scale, and the triage threshold must be at least as abnormal as the operating threshold.',
  },
  CAD_INTEGRATION_UNKNOWN: {
    status: 404,
    message: 'No CAD integration has this id. Reload the CAD integrations page.',
  },
  CAD_FORWARD_NOT_SET: {
    status: 409,
    message:
      'This CAD integration has no forward target. Set where its CAD takes images (its AE title, host and port, or its STOW-RS URL) first.',
  },
  CAD_BLIND: {
    status: 403,
    message:
      'Record your first impression (normal or abnormal) for this read before seeing its CAD score or heatmap.',
  },
  CAD_PRELIMINARY_RECORDED: {
    status: 409,
    message:
      'Your first impression for this read is already recorded; it cannot change. Your final choice is the signed report.',
  },
  CAD_NOT_YOUR_READ: {
    status: 403,
    message: 'Only the reader who holds the claim on this read can record its first impression.',
  },
} as const satisfies Record<string, CatalogueEntry>;
