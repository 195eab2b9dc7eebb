/**
 * Schemas and types shared by the server, the web app and the gateway. Everything that crosses
 * the wire is defined here once.
 */
export * from './roles';
export * from './permissions';
export * from './common';
export * from './org';
export * from './clinicStatus';
export * from './auth';
export * from './audit';
export * from './archive';
export * from './worklist';
export * from './worklistApi';
export * from './readingStatus';
export * from './clinicState';
export * from './portal';
export * from './claimRefusals';
export * from './notifications';
export * from './notificationsApi';
export * from './viewer';
export * from './reports';
export * from './reportsApi';
export * from './delivery';
export * from './receipts';
export * from './attention';
export * from './uploads';
export * from './desk';
export * from './languages';
export * from './catalogueParity';
export * from './retakes';
export * from './peerReview';
export * from './critical';
export * from './messaging';
export * from './incidents';
export * from './sops';
export * from './qc';
export * from './teaching';
export * from './capacity';
export * from './secondOpinions';
export * from './reportCards';
export * from './kpi';
export * from './gateways';
export * from './onboarding';
export * from './clinicOverview';
export * from './monitor';
export * from './orders';
export * from './hl7';
