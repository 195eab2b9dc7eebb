/** The roles a Telerad account can hold (DESIGN.md §1). A user may hold several. */
export const ROLES = [
  'radiologist',
  'consultant',
  'assistant',
  /** Held with `assistant`: leads the assistants, keeps the message templates (ADR 0015). */
  'assistant_lead',
  'qa',
  'support',
  'admin',
  'auditor',
  'clinic',
] as const;

/** One role name. */
export type Role = (typeof ROLES)[number];

/** Roles that read images for hours in dim rooms: their UI defaults to the dark theme. */
export const READING_ROLES: readonly Role[] = ['radiologist', 'consultant'];

/** Human labels for roles, for menus and tables. */
export const ROLE_LABELS: Record<Role, string> = {
  radiologist: 'Radiologist',
  consultant: 'Consultant',
  assistant: 'Teleradiology assistant',
  assistant_lead: 'Assistant lead',
  qa: 'Quality officer',
  support: 'Technical support',
  admin: 'Administrator',
  auditor: 'Auditor',
  clinic: 'Clinic staff',
};
