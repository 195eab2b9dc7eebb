/** Onboarding: a new clinic's checklist from creation to live, and its lifecycle moves. */
export { onboardingRoutes } from './routes';
export { wireOnboarding, unwireOnboarding } from './wiring';
export { trainingRecordScope } from './scopes';
export { createChecklist } from './steps';
export { seedDemoOnboarding } from './demo';
