/** The demo organisation and first-run bootstrap. */
export { seedDemo } from './seed';
export { DEMO_OPEN_HOURS, DEMO_OPEN_LABEL, withDemoOpenWindow } from './openWindow';
export { bootstrapAdmin } from './bootstrap';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_CLINICS, DEMO_CENTRES } from './organisation';
export { seedSampleStudies } from './sampleStudies';
export { seedSampleReports } from './sampleReports';
