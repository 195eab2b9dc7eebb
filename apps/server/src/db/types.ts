import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** Table types for Kysely; they mirror db/migrations. */
export interface Database {
  centres: {
    id: Generated<string>;
    name: string;
    time_zone: string;
    weekly_hours: Json<unknown>;
    exceptions: Json<unknown>;
    /** `pull` or `push` (migration 0008). */
    assignment_mode: Generated<string>;
    created_at: Generated<Date>;
    updated_at: Timestamp;
  };
  clinics: {
    id: Generated<string>;
    code: string;
    name: string;
    country: string;
    time_zone: string;
    home_centre_id: string;
    programmes: string[];
    status: string;
    /** Webhook of released reports and its HMAC key (migration 0010). */
    webhook_url: ColumnType<string | null, string | null | undefined, string | null>;
    webhook_secret: ColumnType<string | null, string | null | undefined, string | null>;
    webhook_secret_set_at: ColumnType<
      Date | null,
      Date | string | null | undefined,
      Date | string | null
    >;
    created_at: Generated<Date>;
    updated_at: Timestamp;
  };
  clinic_ae_titles: {
    ae_title: string;
    clinic_id: string;
    allowed_networks: string[];
    position: number;
    /** Where the AE listens, for C-MOVE; null when it only sends. */
    host: ColumnType<string | null, string | null | undefined, string | null>;
    port: ColumnType<number | null, number | null | undefined, number | null>;
    /** Released reports are sent here by C-STORE when host and port are set (migration 0010). */
    receives_reports: Generated<boolean>;
  };
  users: {
    id: Generated<string>;
    username: string;
    display_name: string;
    email: string | null;
    credentials: string | null;
    roles: string[];
    password_hash: string;
    password_changed_at: Timestamp;
    active: Generated<boolean>;
    failed_logins: Generated<number>;
    locked_until: Date | null;
    mfa_enabled: Generated<boolean>;
    mfa_secret: string | null;
    mfa_pending_secret: string | null;
    mfa_last_step: ColumnType<string | null, number | null, number | null>;
    last_login_at: Date | null;
    /** On shift for push assignment now: the choice while signed in (migrations 0007, 0020). */
    on_shift: Generated<boolean>;
    /** The reader's last on/off-shift choice, resumed at each sign-in (migration 0020). */
    shift_choice: Generated<boolean>;
    /** The centre the user works for; null serves every centre (migration 0008). */
    centre_id: ColumnType<string | null, string | null | undefined, string | null>;
    /** Last push assignment, for round-robin (migration 0008). */
    last_assigned_at: ColumnType<
      Date | null,
      Date | string | null | undefined,
      Date | string | null
    >;
    created_at: Generated<Date>;
    updated_at: Timestamp;
  };
  user_clinics: { user_id: string; clinic_id: string };
  clinic_assistants: { clinic_id: string; user_id: string };
  mfa_recovery_codes: {
    id: Generated<string>;
    user_id: string;
    code_hash: string;
    used_at: Date | null;
  };
  sessions: {
    id_hash: string;
    user_id: string;
    stage: string;
    csrf_token: string;
    ip: string | null;
    user_agent: string | null;
    created_at: Generated<Date>;
    last_seen_at: Timestamp;
    expires_at: Date;
  };
  api_tokens: {
    id: Generated<string>;
    user_id: string;
    name: string;
    prefix: string;
    secret_hash: string;
    created_at: Generated<Date>;
    expires_at: Date | null;
    last_used_at: Date | null;
    revoked_at: Date | null;
  };
  settings: { key: string; value: Json<unknown>; updated_at: Timestamp };
  audit_events: {
    id: Generated<string>;
    at: Generated<Date>;
    actor_id: string | null;
    actor_name: string | null;
    action: string;
    resource_type: string | null;
    resource_id: string | null;
    clinic_id: string | null;
    outcome: string;
    ip: string | null;
    request_id: string | null;
    details: Json<Record<string, unknown>>;
  };
  studies: {
    id: Generated<string>;
    study_uid: string;
    clinic_id: string;
    patient_id: string;
    patient_name: string | null;
    patient_name_norm: string | null;
    patient_birth_date: ColumnType<string | null, string | null, string | null>;
    patient_sex: string | null;
    study_date: ColumnType<string | null, string | null, string | null>;
    study_time: string | null;
    accession_number: string | null;
    study_id: string | null;
    study_description: string | null;
    referring_physician: string | null;
    modalities: Generated<string[]>;
    num_series: Generated<number>;
    num_instances: Generated<number>;
    size_bytes: Generated<number>;
    first_received_at: Generated<Date>;
    last_received_at: Timestamp;
    stable_at: Date | null;
    /** Patient- and study-level DICOM JSON of the newest instance (migration 0004, a trigger). */
    attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  };
  series: {
    id: Generated<string>;
    study_id: string;
    series_uid: string;
    modality: string | null;
    series_number: number | null;
    series_description: string | null;
    body_part: string | null;
    view_position: string | null;
    laterality: string | null;
    num_instances: Generated<number>;
    created_at: Generated<Date>;
    /** Series-level DICOM JSON of the newest instance (migration 0004, a trigger). */
    attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  };
  instances: {
    id: Generated<string>;
    study_id: string;
    series_id: string;
    sop_uid: string;
    sop_class_uid: string;
    instance_number: number | null;
    transfer_syntax_uid: string;
    rows: number | null;
    columns: number | null;
    bits_allocated: number | null;
    number_of_frames: number | null;
    size_bytes: number;
    sha256: string;
    storage_key: string;
    version: Generated<number>;
    current: Generated<boolean>;
    metadata: Json<Record<string, unknown>>;
    received_at: Generated<Date>;
    /** Where the object came from (its origin; db/migrations/0012): the door, and who sent it. */
    door: string | null;
    calling_ae: string | null;
    user_id: string | null;
    remote_address: string | null;
    request_id: string | null;
  };
  ingest_events: {
    id: Generated<string>;
    at: Generated<Date>;
    study_id: string | null;
    instance_id: string | null;
    study_uid: string | null;
    sop_uid: string | null;
    door: string;
    clinic_id: string | null;
    calling_ae: string | null;
    user_id: string | null;
    remote_address: string | null;
    outcome: string;
    reason: string | null;
    request_id: string | null;
  };
  /** Why a study needs a person (migration 0014); written by ingest_instance. */
  study_flags: {
    study_id: string;
    code: string;
    detail: Generated<string>;
    count: Generated<number>;
    first_at: Generated<Date>;
    last_at: Generated<Date>;
    instance_id: string | null;
  };
  /** A person looked at a study's flags up to reviewed_at (migration 0014). */
  study_flag_reviews: {
    study_id: string;
    reviewed_at: Timestamp;
    reviewed_by: string;
    note: string | null;
  };
  /** The applicant's identity as entered, with the header's as received (migration 0014). */
  patient_identity_corrections: {
    id: Generated<string>;
    study_id: string;
    patient_id: string;
    patient_name: string;
    received_patient_id: string;
    received_patient_name: string | null;
    reason: string | null;
    corrected_by: string;
    corrected_at: Generated<Date>;
  };
  reading_tasks: {
    id: Generated<string>;
    study_id: string;
    clinic_id: string;
    type: string;
    state: string;
    priority: Generated<string>;
    centre_id: string | null;
    assignee_id: ColumnType<string | null, string | null | undefined, string | null>;
    claimed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    heartbeat_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    created_at: Timestamp;
    queued_at: Date | null;
    due_at: Date | null;
    completed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    routing_reason: string | null;
    flags: Generated<string[]>;
    /** numeric: pg returns a string (migration 0008). */
    turnaround_minutes: ColumnType<string | null, number | null | undefined, number | null>;
    service_turnaround_minutes: ColumnType<string | null, number | null | undefined, number | null>;
    /** The primary read a consultation task belongs to (migration 0009). */
    parent_task_id: ColumnType<string | null, string | null | undefined, string | null>;
    /** The consultation's question, when asked by hand (migration 0009). */
    consultation_question: ColumnType<string | null, string | null | undefined, string | null>;
  };
  /** The change counter of everything routing reads, one row (migration 0016). */
  routing_inputs: {
    id: Generated<boolean>;
    generation: ColumnType<string, never, never>;
    evaluated_generation: ColumnType<string, never, string>;
    changed_at: ColumnType<Date, never, never>;
  };
  routing_decisions: {
    id: Generated<number>;
    task_id: string;
    at: Timestamp;
    centre_id: string | null;
    decision: string;
    reason: string;
    details: Json<Record<string, unknown>>;
  };
  notifications: {
    id: Generated<string>;
    user_id: string;
    kind: string;
    title: string;
    body: Generated<string>;
    task_id: string | null;
    clinic_id: string | null;
    dedupe_key: string | null;
    link: string | null;
    created_at: Generated<Date>;
    read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
  /** Browser uploads (tus) and what ingest did with each (migration 0021). */
  uploads: {
    id: string;
    clinic_id: string;
    user_id: string;
    file_name: string | null;
    size_bytes: ColumnType<string, number | string, number | string>;
    created_at: Generated<Date>;
    outcome: ColumnType<string | null, string | null | undefined, string | null>;
    error_code: ColumnType<string | null, string | null | undefined, string | null>;
    error_message: ColumnType<string | null, string | null | undefined, string | null>;
    study_uid: ColumnType<string | null, string | null | undefined, string | null>;
    sop_uid: ColumnType<string | null, string | null | undefined, string | null>;
    finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
  notification_preferences: {
    user_id: string;
    kind: string;
    enabled: boolean;
    updated_at: Generated<Date>;
  };
  task_escalations: {
    task_id: string;
    level: string;
    at: Generated<Date>;
  };
  /** Documents of a report version in object storage (migration 0010). */
  report_documents: {
    report_id: string;
    version: number;
    kind: string;
    storage_key: string;
    size_bytes: number;
    sop_instance_uid: string | null;
    series_instance_uid: string | null;
    created_at: Generated<Date>;
  };
  /** One report version's delivery on one channel to one target (migration 0010). */
  deliveries: {
    id: Generated<string>;
    report_id: string;
    version: number;
    clinic_id: string;
    channel: string;
    target: string;
    state: Generated<string>;
    attempts: Generated<number>;
    max_attempts: number;
    last_error: ColumnType<string | null, string | null | undefined, string | null>;
    next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
    delivered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    created_at: Generated<Date>;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  /** Every delivery attempt and how it ended (migration 0010). */
  delivery_attempts: {
    id: Generated<string>;
    delivery_id: string;
    at: Generated<Date>;
    outcome: string;
    error: string | null;
    duration_ms: number;
  };
  /** The clinic's first and latest view or download of a report version (migration 0019). */
  report_receipts: {
    report_id: string;
    version: number;
    kind: string;
    clinic_id: string;
    first_at: Generated<Date>;
    first_user_id: string | null;
    first_by: string;
    first_via: string;
    last_at: Timestamp;
    last_user_id: string | null;
    last_by: string;
    last_via: string;
    times: Generated<number>;
  };
  /** Structured reports (migration 0009). */
  reports: {
    id: Generated<string>;
    task_id: string;
    study_id: string;
    clinic_id: string;
    programme: string;
    form_id: string;
    form_version: string;
    state: string;
    content: Json<unknown>;
    annotations: Json<unknown>;
    revision: Generated<number>;
    author_id: string | null;
    signed_by: ColumnType<string | null, string | null | undefined, string | null>;
    signed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    signer_name: ColumnType<string | null, string | null | undefined, string | null>;
    signer_credentials: ColumnType<string | null, string | null | undefined, string | null>;
    released_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    current_version: Generated<number>;
    matched_rules: Generated<string[]>;
    created_at: Generated<Date>;
    updated_at: Timestamp;
  };
  /** Append-only report versions (migration 0009; a trigger refuses UPDATE and DELETE). */
  report_versions: {
    id: Generated<number>;
    report_id: string;
    version: number;
    kind: string;
    content: Json<unknown>;
    annotations: Json<unknown>;
    addendum: string | null;
    comment: string | null;
    author_id: string | null;
    author_name: string;
    author_credentials: string | null;
    created_at: Generated<Date>;
  };
  /** Retake requests shown to the clinic (migration 0009). */
  retake_requests: {
    id: Generated<string>;
    report_id: string;
    task_id: string;
    study_id: string;
    clinic_id: string;
    reasons: string[];
    note: string | null;
    requested_by: string | null;
    requested_by_name: string;
    requested_at: Generated<Date>;
    fulfilled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
}
