import { AttentionPage } from '../features/attention/AttentionPage';
import { createBrowserRouter } from 'react-router';
import { CentresPage } from '../features/admin/centres/CentresPage';
import { ClinicsPage } from '../features/admin/clinics/ClinicsPage';
import { ConsultationRulesPage } from '../features/admin/consultation/ConsultationRulesPage';
import { RoutingRulesPage } from '../features/admin/routing/RoutingRulesPage';
import { SecuritySettingsPage } from '../features/admin/security/SecuritySettingsPage';
import { UsersPage } from '../features/admin/users/UsersPage';
import { StudiesPage } from '../features/archive/StudiesPage';
import { StudyPage } from '../features/archive/StudyPage';
import { AuditPage } from '../features/audit/AuditPage';
import { LoginPage } from '../features/auth/LoginPage';
import { ProfilePage } from '../features/profile/ProfilePage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { DeliveriesPage } from '../features/support/DeliveriesPage';
import { WorklistPage } from '../features/worklist/WorklistPage';
import { LazyReadingPage, LazyStudyViewerPage } from '../features/reading/lazy';
import { AppLayout } from './AppLayout';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NoAccessPage';
import { RequirePermissions, RequireSession } from './guards';
import { navItem } from './nav';

/** Route guard for the page registered at `path` in the nav model. */
const guard = (path: string) => <RequirePermissions permissions={navItem(path).permissions} />;

/** The routes of the app. Page access follows the nav model's permissions. */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
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
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          {
            element: guard('/worklist'),
            children: [{ path: 'worklist', element: <WorklistPage /> }],
          },
          {
            element: guard('/studies'),
            children: [
              { path: 'studies', element: <StudiesPage /> },
              { path: 'studies/:studyUid', element: <StudyPage /> },
            ],
          },
          { element: guard('/reports'), children: [{ path: 'reports', element: <ReportsPage /> }] },
          {
            element: guard('/admin/consultation-rules'),
            children: [{ path: 'admin/consultation-rules', element: <ConsultationRulesPage /> }],
          },
          {
            element: guard('/admin/centres'),
            children: [{ path: 'admin/centres', element: <CentresPage /> }],
          },
          {
            element: guard('/admin/clinics'),
            children: [{ path: 'admin/clinics', element: <ClinicsPage /> }],
          },
          {
            element: guard('/admin/users'),
            children: [{ path: 'admin/users', element: <UsersPage /> }],
          },
          {
            element: guard('/admin/routing'),
            children: [{ path: 'admin/routing', element: <RoutingRulesPage /> }],
          },
          {
            element: guard('/admin/security'),
            children: [{ path: 'admin/security', element: <SecuritySettingsPage /> }],
          },
          {
            element: guard('/support/deliveries'),
            children: [{ path: 'support/deliveries', element: <DeliveriesPage /> }],
          },
          {
            element: guard('/attention'),
            children: [{ path: 'attention', element: <AttentionPage /> }],
          },
          { element: guard('/audit'), children: [{ path: 'audit', element: <AuditPage /> }] },
          { path: 'profile', element: <ProfilePage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
