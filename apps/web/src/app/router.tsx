import { Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { LazyReadingPage, LazyStudyViewerPage } from '../features/reading/lazy';
import { LazyTeachingSessionPage } from '../features/teaching/lazy';
import { AppLayout } from './AppLayout';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NoAccessPage';
import { RequirePermissions, RequireSession } from './guards';
import { PageLoader, lazyPage, type LazyPage, type PageHandle } from './lazyPage';
import { navItem } from './nav';

// Every page but the sign-in page is its own chunk (see lazyPage.tsx).
const ConformancePage = lazyPage(
  () => import('../features/conformance/ConformancePage'),
  (m) => m.ConformancePage,
);
const CentresPage = lazyPage(
  () => import('../features/admin/centres/CentresPage'),
  (m) => m.CentresPage,
);
const ClinicsPage = lazyPage(
  () => import('../features/admin/clinics/ClinicsPage'),
  (m) => m.ClinicsPage,
);
const ConsultationRulesPage = lazyPage(
  () => import('../features/admin/consultation/ConsultationRulesPage'),
  (m) => m.ConsultationRulesPage,
);
const RoutingRulesPage = lazyPage(
  () => import('../features/admin/routing/RoutingRulesPage'),
  (m) => m.RoutingRulesPage,
);
const CadIntegrationsPage = lazyPage(
  () => import('../features/admin/cad/CadIntegrationsPage'),
  (m) => m.CadIntegrationsPage,
);
const SecuritySettingsPage = lazyPage(
  () => import('../features/admin/security/SecuritySettingsPage'),
  (m) => m.SecuritySettingsPage,
);
const UsersPage = lazyPage(
  () => import('../features/admin/users/UsersPage'),
  (m) => m.UsersPage,
);
const StudiesPage = lazyPage(
  () => import('../features/archive/StudiesPage'),
  (m) => m.StudiesPage,
);
const StudyPage = lazyPage(
  () => import('../features/archive/StudyPage'),
  (m) => m.StudyPage,
);
const DeskPage = lazyPage(
  () => import('../features/desk/DeskPage'),
  (m) => m.DeskPage,
);
const AttentionPage = lazyPage(
  () => import('../features/attention/AttentionPage'),
  (m) => m.AttentionPage,
);
const AuditPage = lazyPage(
  () => import('../features/audit/AuditPage'),
  (m) => m.AuditPage,
);
const MessagesPage = lazyPage(
  () => import('../features/messaging/MessagesPage'),
  (m) => m.MessagesPage,
);
const ProfilePage = lazyPage(
  () => import('../features/profile/ProfilePage'),
  (m) => m.ProfilePage,
);
const ReportsPage = lazyPage(
  () => import('../features/reports/ReportsPage'),
  (m) => m.ReportsPage,
);
const OnboardingPage = lazyPage(
  () => import('../features/onboarding/OnboardingPage'),
  (m) => m.OnboardingPage,
);
const DeliveriesPage = lazyPage(
  () => import('../features/support/DeliveriesPage'),
  (m) => m.DeliveriesPage,
);
const ClinicsDirectoryPage = lazyPage(
  () => import('../features/clinicDetail/ClinicsDirectoryPage'),
  (m) => m.ClinicsDirectoryPage,
);
const ClinicDetailPage = lazyPage(
  () => import('../features/clinicDetail/ClinicDetailPage'),
  (m) => m.ClinicDetailPage,
);
const MonitorPage = lazyPage(
  () => import('../features/monitor/MonitorPage'),
  (m) => m.MonitorPage,
);
const RegisterApplicantPage = lazyPage(
  () => import('../features/portal/RegisterApplicantPage'),
  (m) => m.RegisterApplicantPage,
);
const SendImagesPage = lazyPage(
  () => import('../features/upload/SendImagesPage'),
  (m) => m.SendImagesPage,
);
const ProgrammesPage = lazyPage(
  () => import('../features/peerReview/ProgrammesPage'),
  (m) => m.ProgrammesPage,
);
const DiscrepanciesPage = lazyPage(
  () => import('../features/peerReview/DiscrepanciesPage'),
  (m) => m.DiscrepanciesPage,
);
const ScoresPage = lazyPage(
  () => import('../features/peerReview/ScoresPage'),
  (m) => m.ScoresPage,
);
const CapacityPage = lazyPage(
  () => import('../features/capacity/CapacityPage'),
  (m) => m.CapacityPage,
);
const IncidentsPage = lazyPage(
  () => import('../features/incidents/IncidentsPage'),
  (m) => m.IncidentsPage,
);
const IncidentPage = lazyPage(
  () => import('../features/incidents/IncidentPage'),
  (m) => m.IncidentPage,
);
const ReportCardsPage = lazyPage(
  () => import('../features/reportCards/ReportCardsPage'),
  (m) => m.ReportCardsPage,
);
const ReportCardPage = lazyPage(
  () => import('../features/reportCards/ReportCardPage'),
  (m) => m.ReportCardPage,
);
const KpiPage = lazyPage(
  () => import('../features/kpi/KpiPage'),
  (m) => m.KpiPage,
);
const CadCalibrationPage = lazyPage(
  () => import('../features/cadCalibration/CadCalibrationPage'),
  (m) => m.CadCalibrationPage,
);
const LessonsPage = lazyPage(
  () => import('../features/incidents/LessonsPage'),
  (m) => m.LessonsPage,
);
const SopsPage = lazyPage(
  () => import('../features/sops/SopsPage'),
  (m) => m.SopsPage,
);
const SopPage = lazyPage(
  () => import('../features/sops/SopPage'),
  (m) => m.SopPage,
);
const CadVisibilityPage = lazyPage(
  () => import('../features/cadViewer/CadVisibilityPage'),
  (m) => m.CadVisibilityPage,
);
const QcPage = lazyPage(
  () => import('../features/qc/QcPage'),
  (m) => m.QcPage,
);
const TeachingSessionsPage = lazyPage(
  () => import('../features/teaching/TeachingSessionsPage'),
  (m) => m.TeachingSessionsPage,
);
const WorklistPage = lazyPage(
  () => import('../features/worklist/WorklistPage'),
  (m) => m.WorklistPage,
);

/** The route of a lazy page; its `handle` names the page, so boot can start fetching it at once. */
const pageRoute = (path: string, Page: LazyPage) => {
  const handle: PageHandle = { page: Page };
  return { path, element: <Page />, handle };
};

/** Route guard for the page registered at `path` in the nav model. */
const guard = (path: string) => <RequirePermissions permissions={navItem(path).permissions} />;

/** The routes of the app. Page access follows the nav model's permissions. */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // Public: a clinic's PACS administrator reads it before the clinic has an account.
  {
    path: '/conformance',
    element: (
      <Suspense fallback={<PageLoader />}>
        <ConformancePage />
      </Suspense>
    ),
    handle: { page: ConformancePage } satisfies PageHandle,
  },
  {
    element: <RequireSession />,
    children: [
      // The reading screen is full-height, outside the app frame: every pixel goes to the images.
      {
        element: <RequirePermissions permissions={['report:write']} />,
        children: [{ path: 'read/:taskId', element: <LazyReadingPage /> }],
      },
      {
        element: guard('/studies'),
        children: [{ path: 'studies/:studyUid/view', element: <LazyStudyViewerPage /> }],
      },
      {
        element: guard('/teaching'),
        children: [{ path: 'teaching/:sessionId', element: <LazyTeachingSessionPage /> }],
      },
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          {
            element: guard('/worklist'),
            children: [pageRoute('worklist', WorklistPage)],
          },
          { element: guard('/desk'), children: [pageRoute('desk', DeskPage)] },
          {
            element: guard('/studies'),
            children: [
              pageRoute('studies', StudiesPage),
              pageRoute('studies/:studyUid', StudyPage),
            ],
          },
          { element: guard('/reports'), children: [pageRoute('reports', ReportsPage)] },
          { element: guard('/messages'), children: [pageRoute('messages', MessagesPage)] },
          { element: guard('/send'), children: [pageRoute('send', SendImagesPage)] },
          { element: guard('/register'), children: [pageRoute('register', RegisterApplicantPage)] },
          {
            element: guard('/admin/consultation-rules'),
            children: [pageRoute('admin/consultation-rules', ConsultationRulesPage)],
          },
          {
            element: guard('/admin/centres'),
            children: [pageRoute('admin/centres', CentresPage)],
          },
          {
            element: guard('/admin/clinics'),
            children: [pageRoute('admin/clinics', ClinicsPage)],
          },
          {
            element: guard('/admin/users'),
            children: [pageRoute('admin/users', UsersPage)],
          },
          {
            element: guard('/admin/routing'),
            children: [pageRoute('admin/routing', RoutingRulesPage)],
          },
          {
            element: guard('/admin/cad'),
            children: [pageRoute('admin/cad', CadIntegrationsPage)],
          },
          {
            element: guard('/admin/security'),
            children: [pageRoute('admin/security', SecuritySettingsPage)],
          },
          {
            element: guard('/support/deliveries'),
            children: [pageRoute('support/deliveries', DeliveriesPage)],
          },
          {
            element: guard('/support/onboarding'),
            children: [
              pageRoute('support/onboarding', OnboardingPage),
              pageRoute('support/onboarding/:clinicId', OnboardingPage),
            ],
          },
          {
            element: guard('/support/clinics'),
            children: [
              pageRoute('support/clinics', ClinicsDirectoryPage),
              pageRoute('support/clinics/:clinicId', ClinicDetailPage),
            ],
          },
          {
            element: guard('/support/network'),
            children: [pageRoute('support/network', MonitorPage)],
          },
          {
            element: guard('/attention'),
            children: [pageRoute('attention', AttentionPage)],
          },
          { element: guard('/audit'), children: [pageRoute('audit', AuditPage)] },
          {
            element: guard('/qa/peer-review'),
            children: [pageRoute('qa/peer-review', ProgrammesPage)],
          },
          {
            element: guard('/peer-review/discrepancies'),
            children: [pageRoute('peer-review/discrepancies', DiscrepanciesPage)],
          },
          {
            element: guard('/peer-review/scores'),
            children: [pageRoute('peer-review/scores', ScoresPage)],
          },
          {
            element: guard('/incidents'),
            children: [
              pageRoute('incidents', IncidentsPage),
              pageRoute('incidents/:incidentId', IncidentPage),
            ],
          },
          { element: guard('/lessons'), children: [pageRoute('lessons', LessonsPage)] },
          {
            element: guard('/sops'),
            children: [pageRoute('sops', SopsPage), pageRoute('sops/:sopId', SopPage)],
          },
          { element: guard('/qc'), children: [pageRoute('qc', QcPage)] },
          {
            element: guard('/cad/viewer'),
            children: [pageRoute('cad/viewer', CadVisibilityPage)],
          },
          {
            element: guard('/teaching'),
            children: [pageRoute('teaching', TeachingSessionsPage)],
          },
          {
            element: guard('/qa/capacity'),
            children: [pageRoute('qa/capacity', CapacityPage)],
          },
          {
            element: guard('/report-cards'),
            children: [
              pageRoute('report-cards', ReportCardsPage),
              pageRoute('report-cards/:readerId', ReportCardPage),
            ],
          },
          { element: guard('/qa/kpi'), children: [pageRoute('qa/kpi', KpiPage)] },
          {
            element: guard('/qa/cad-calibration'),
            children: [pageRoute('qa/cad-calibration', CadCalibrationPage)],
          },
          pageRoute('profile', ProfilePage),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
