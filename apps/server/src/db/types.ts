import type { OrganisationTables } from './tables/organisation';
import type { AccessTables } from './tables/access';
import type { ArchiveTables } from './tables/archive';
import type { WorklistTables } from './tables/worklist';
import type { NotificationsTables } from './tables/notifications';
import type { ReportsTables } from './tables/reports';
import type { RetakesTables } from './tables/retakes';
import type { PeerReviewTables } from './tables/peerReview';
import type { CriticalTables } from './tables/critical';
import type { PortalTables } from './tables/portal';
import type { MessagingTables } from './tables/messaging';
import type { IncidentsTables } from './tables/incidents';
import type { SopsTables } from './tables/sops';
import type { QcTables } from './tables/qc';
import type { TeachingTables } from './tables/teaching';
import type { SecondOpinionsTables } from './tables/secondOpinions';
import type { KpiTables } from './tables/kpi';
import type { OnboardingTables } from './tables/onboarding';
import type { GatewaysTables } from './tables/gateways';
import type { MonitorTables } from './tables/monitor';
import type { OrdersTables } from './tables/orders';
import type { Hl7Tables } from './tables/hl7';
import type { CadTables } from './tables/cad';
import type { CadDiscordanceTables } from './tables/cadDiscordance';
import type { KpiCadTables } from './tables/kpiCad';
import type { CadForwardTables } from './tables/cadForward';
import type { CadViewerTables } from './tables/cadViewer';

/**
 * Table types for Kysely; they mirror db/migrations. Each concept's tables are in db/tables/,
 * named as the migrations name them.
 */
export interface Database
  extends
    OrganisationTables,
    AccessTables,
    ArchiveTables,
    WorklistTables,
    NotificationsTables,
    ReportsTables,
    RetakesTables,
    PeerReviewTables,
    CriticalTables,
    PortalTables,
    MessagingTables,
    IncidentsTables,
    SopsTables,
    QcTables,
    TeachingTables,
    SecondOpinionsTables,
    OnboardingTables,
    KpiTables,
    GatewaysTables,
    MonitorTables,
    OrdersTables,
    Hl7Tables,
    CadTables,
    CadDiscordanceTables,
    KpiCadTables,
    CadForwardTables,
    CadViewerTables {}
