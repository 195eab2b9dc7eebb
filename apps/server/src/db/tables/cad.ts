import type { ColumnType, Generated } from 'kysely';
import type { Json } from './columns';

/** CAD product versions, integrations, results and thresholds (migration 0053). */
export interface CadTables {
  cad_products: {
    id: Generated<string>;
    name: string;
    vendor: string;
    version: string;
    score_min: number;
    score_max: number;
    higher_is_abnormal: boolean;
    error_codes: Json<{ code: number; meaning: string }[]>;
    created_by: string | null;
    created_at: Generated<Date>;
  };
  cad_integrations: {
    id: Generated<string>;
    name: string;
    service_user_id: string;
    created_by: string | null;
    created_at: Generated<Date>;
  };
  cad_results: {
    id: Generated<string>;
    study_id: string;
    clinic_id: string;
    sop_instance_uid: string | null;
    product_id: string;
    result_key: string;
    score: number | null;
    error_code: number | null;
    labels: Json<Record<string, unknown>[]>;
    heatmap_sop_instance_uid: string | null;
    source: string;
    received_by: string | null;
    received_at: ColumnType<Date, Date | string | undefined, never>;
  };
  /** The calling AE titles a CAD integration sends DICOM objects from (migration 0055). */
  cad_integration_ae_titles: {
    ae_title: string;
    integration_id: string;
  };
  /** Stored instances that are CAD objects, and what reading them gave (migration 0055). */
  cad_objects: {
    id: Generated<string>;
    instance_id: string;
    sop_instance_uid: string;
    sop_class_uid: string;
    integration_id: string;
    study_id: string;
    clinic_id: string;
    kind: 'sr' | 'heatmap';
    outcome: 'result' | 'heatmap' | 'unknown_version' | 'unreadable';
    reason: string;
    result_id: string | null;
    received_at: Generated<Date>;
  };
  cad_thresholds: {
    id: Generated<string>;
    product_id: string;
    programme: string;
    operating_threshold: number;
    triage_threshold: number;
    note: string;
    effective_from: ColumnType<Date, Date | string | undefined, never>;
    set_by: string | null;
    created_at: Generated<Date>;
  };
}
