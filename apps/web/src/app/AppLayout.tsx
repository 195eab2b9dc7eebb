import {
  ActionIcon,
  AppShell,
  Badge,
  Burger,
  Group,
  Indicator,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import {
  IconCertificate,
  IconChevronDown,
  IconLogout,
  IconMoon,
  IconSun,
  IconUserCircle,
} from '@tabler/icons-react';
import { rolesCan } from '@telerad/contracts';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe } from '../features/auth/session';
import { CriticalAlertBanner } from '../features/critical/CriticalAlertBanner';
import { useUnreadMessages } from '../features/messaging/useUnreadMessages';
import { usePendingSopCount } from '../features/sops/api';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { ShiftToggle } from '../features/worklist/ShiftToggle';
import { BrandMark } from './components/BrandMark';
import { useColorScheme } from './colorScheme';
import { PageLoader } from './lazyPage';
import { NAV_SECTIONS, navFor } from './nav';

/**
 * Where the navbar changes shape: below `md` (tablets in portrait, phones) it hides behind the
 * menu button; from `md` to `lg` (tablets in landscape, small laptops) it is a rail of icons; from
 * `lg` it shows its labels. Tables and pages get the width the navbar does not take.
 */
const NAV_BREAKPOINT = 'md';
const RAIL_WIDTH = 64;
const RAIL_QUERY = '(min-width: 62em) and (max-width: 74.99em)';

/** A count as a badge shows it. */
const countLabel = (n: number) => (n > 99 ? '99+' : String(n));

/** The signed-in frame: header with user, theme toggle and sign-out; role-aware navbar. */
export function AppLayout() {
  const me = useMe();
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { scheme, toggle: toggleScheme } = useColorScheme();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const items = navFor(me.roles);
  // Icons only between the md and lg breakpoints; each keeps its label as a tooltip.
  const rail = useMediaQuery(RAIL_QUERY, false, { getInitialValueInEffect: false });
  // Live counts beside nav entries (NavItem.badge).
  const badges = {
    unreadMessages: useUnreadMessages(rolesCan(me.roles, 'messages:read')),
    sopsPending: usePendingSopCount(rolesCan(me.roles, 'sops:read')),
  };

  const signOut = () => logout.mutate(undefined, { onSettled: () => navigate('/login') });

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{
        width: { md: RAIL_WIDTH, lg: 250 },
        breakpoint: NAV_BREAKPOINT,
        collapsed: { mobile: !opened },
      }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom={NAV_BREAKPOINT}
              size="sm"
              aria-label={t('shell.toggleNavigation')}
            />
            <BrandMark />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ShiftToggle />
            <NotificationBell />
            <Tooltip label={scheme === 'dark' ? t('shell.lightTheme') : t('shell.darkTheme')}>
              <ActionIcon
                variant="default"
                size="lg"
                onClick={toggleScheme}
                aria-label={scheme === 'dark' ? t('shell.lightTheme') : t('shell.darkTheme')}
              >
                {scheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
              </ActionIcon>
            </Tooltip>
            <Menu position="bottom-end" width={240}>
              <Menu.Target>
                <UnstyledButton aria-label={t('shell.accountMenu')} px="xs" py={4}>
                  <Group gap="xs" wrap="nowrap">
                    <IconUserCircle size={26} stroke={1.5} />
                    <Stack gap={0} visibleFrom="xs">
                      <Text size="sm" fw={600} lh={1.2}>
                        {me.displayName}
                      </Text>
                      <Text size="xs" c="dimmed" lh={1.2} lineClamp={1}>
                        {me.roles.map((r) => t(`roles.${r}`)).join(', ')}
                      </Text>
                    </Stack>
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('shell.signedInAs', { username: me.username })}</Menu.Label>
                <Group gap={4} px="sm" pb="xs">
                  {me.roles.map((r) => (
                    <Badge key={r} size="xs" variant="light">
                      {t(`roles.${r}`)}
                    </Badge>
                  ))}
                </Group>
                <Menu.Divider />
                <Menu.Item
                  component={Link}
                  to="/profile"
                  leftSection={<IconUserCircle size={16} />}
                >
                  {t('shell.profile')}
                </Menu.Item>
                <Menu.Item
                  component={Link}
                  to="/conformance"
                  leftSection={<IconCertificate size={16} />}
                >
                  {t('shell.conformance')}
                </Menu.Item>
                <Menu.Item leftSection={<IconLogout size={16} />} onClick={signOut}>
                  {t('shell.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p={rail ? 8 : 'sm'} aria-label={t('shell.mainNavigation')}>
        <AppShell.Section grow component={ScrollArea}>
          {NAV_SECTIONS.map((section) => {
            const inSection = items.filter((i) => i.section === section);
            if (inSection.length === 0) return null;
            return (
              <Stack key={section} gap={2} mb="md">
                {section !== 'Overview' && !rail && (
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                    {t(`sections.${section}`)}
                  </Text>
                )}
                {inSection.map((item) => {
                  const label = t(`nav.${item.key}.label`);
                  const count = item.badge ? badges[item.badge] : 0;
                  const icon = <item.icon size={rail ? 22 : 18} stroke={1.6} />;
                  const active =
                    item.path === '/'
                      ? location.pathname === '/'
                      : location.pathname.startsWith(item.path);
                  return (
                    <Tooltip
                      key={item.path}
                      label={label}
                      position="right"
                      disabled={!rail}
                      withArrow
                    >
                      <NavLink
                        component={Link}
                        to={item.path}
                        label={rail ? undefined : label}
                        aria-label={label}
                        leftSection={
                          rail && count > 0 ? (
                            <Indicator label={countLabel(count)} size={16} color="red" offset={2}>
                              {icon}
                            </Indicator>
                          ) : (
                            icon
                          )
                        }
                        rightSection={
                          !rail && count > 0 ? (
                            <Badge
                              size="sm"
                              color="red"
                              data-testid={`nav-badge-${item.badge}`}
                              aria-label={t(
                                item.badge === 'sopsPending'
                                  ? 'shell.toAcknowledge'
                                  : 'shell.unread',
                                { count },
                              )}
                            >
                              {countLabel(count)}
                            </Badge>
                          ) : undefined
                        }
                        active={active}
                        aria-current={active ? 'page' : undefined}
                        onClick={close}
                        style={{ borderRadius: 'var(--mantine-radius-md)' }}
                      />
                    </Tooltip>
                  );
                })}
              </Stack>
            );
          })}
        </AppShell.Section>
        <AppShell.Section>
          <NavLink
            component="button"
            label={rail ? undefined : t('shell.signOut')}
            aria-label={t('shell.signOut')}
            leftSection={<IconLogout size={rail ? 22 : 18} stroke={1.6} />}
            onClick={signOut}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        {/* A critical result stays above every page until someone at the clinic acknowledges it. */}
        <CriticalAlertBanner />
        {/* Pages are loaded on first use: the frame stays while a page's code arrives. */}
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
