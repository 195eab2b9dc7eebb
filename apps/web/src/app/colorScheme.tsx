import { MantineProvider } from '@mantine/core';
import { READING_ROLES, type Role } from '@telerad/contracts';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { cssVariablesResolver, theme } from './theme';

/** The two schemes the app offers. */
export type Scheme = 'light' | 'dark';

const LAST_KEY = 'telerad.colorScheme.last';
const userKey = (username: string) => `telerad.colorScheme.user.${username}`;

function read(key: string): Scheme | null {
  try {
    const value = window.localStorage.getItem(key);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

function write(key: string, value: Scheme): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private mode or full storage: the choice lasts for this page only.
  }
}

/**
 * The default scheme of a user: dark for reading roles, who read images in dim rooms, light
 * for everyone else.
 */
export function defaultSchemeFor(roles: readonly Role[]): Scheme {
  return roles.some((r) => READING_ROLES.includes(r)) ? 'dark' : 'light';
}

interface SchemeUser {
  username: string;
  roles: readonly Role[];
}

interface ColorSchemeContextValue {
  scheme: Scheme;
  toggle: () => void;
}

const ColorSchemeContext = createContext<ColorSchemeContextValue | null>(null);

/**
 * Provides Mantine with the colour scheme. A user's own choice is remembered per username in
 * localStorage; without one, the role default applies. Before sign-in, the scheme last shown on
 * this device is used so the login page does not flash.
 */
export function ColorSchemeProvider({
  user,
  children,
}: {
  user: SchemeUser | null;
  children: ReactNode;
}) {
  const [override, setOverride] = useState<{ key: string; scheme: Scheme } | null>(null);
  const key = user ? userKey(user.username) : LAST_KEY;
  const stored = override?.key === key ? override.scheme : read(key);
  const scheme: Scheme = stored ?? (user ? defaultSchemeFor(user.roles) : 'light');

  if (user && read(LAST_KEY) !== scheme) write(LAST_KEY, scheme);

  const toggle = useCallback(() => {
    const next: Scheme = scheme === 'dark' ? 'light' : 'dark';
    write(key, next);
    write(LAST_KEY, next);
    setOverride({ key, scheme: next });
  }, [key, scheme]);

  const value = useMemo(() => ({ scheme, toggle }), [scheme, toggle]);
  return (
    <ColorSchemeContext.Provider value={value}>
      <MantineProvider
        theme={theme}
        cssVariablesResolver={cssVariablesResolver}
        forceColorScheme={scheme}
      >
        {children}
      </MantineProvider>
    </ColorSchemeContext.Provider>
  );
}

/** The current colour scheme and a toggle that remembers the choice. */
export function useColorScheme(): ColorSchemeContextValue {
  const value = useContext(ColorSchemeContext);
  if (!value) throw new Error('useColorScheme must be used inside ColorSchemeProvider');
  return value;
}
