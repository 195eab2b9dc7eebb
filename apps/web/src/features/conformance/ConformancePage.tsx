import {
  Anchor,
  Box,
  Button,
  Container,
  Group,
  Paper,
  Stack,
  Text,
  Typography,
} from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router';
import statement from '../../../../../docs/conformance/DICOM.md?raw';
import { BrandMark } from '../../app/components/BrandMark';
import { renderStatement } from './statementHtml';

// Bundled at build time (Vite `?raw`) and rendered once per load: the page needs no API call and
// no session, so a clinic's PACS administrator can read it before the clinic has an account.
const rendered = renderStatement(statement);

/** Scrolling tables and code blocks within the text column, and a clear focus ring for keys. */
const css = `
.statement .statement-table { overflow-x: auto; margin-bottom: var(--mantine-spacing-md); }
.statement .statement-table:focus-visible { outline: 2px solid var(--mantine-primary-color-filled); }
.statement table { font-size: var(--mantine-font-size-sm); margin-bottom: 0; }
.statement td code, .statement th code { white-space: nowrap; }
.statement pre { overflow-x: auto; font-size: 12px; line-height: 1.45; }
.statement h2 { scroll-margin-top: 72px; border-top: 1px solid var(--mantine-color-default-border); padding-top: var(--mantine-spacing-lg); }
.statement h3, .statement h4, .statement h5 { scroll-margin-top: 72px; }
`;

/** The statement's numbered sections as links: a column beside the text, or a wrapped list. */
function Contents({ column = false }: { column?: boolean }) {
  const links = rendered.sections.map((s) => (
    <Anchor key={s.id} href={`#${s.id}`} size="sm">
      {s.title}
    </Anchor>
  ));
  return (
    <>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb="xs">
        Contents
      </Text>
      {column ? <Stack gap={6}>{links}</Stack> : <Group gap="xs">{links}</Group>}
    </>
  );
}

/**
 * `/conformance`: the DICOM Conformance Statement (docs/conformance/DICOM.md), readable without
 * signing in, as a PACS administrator checks it before connecting a clinic. Sections are linked
 * from a contents list; the Markdown itself can be downloaded to keep beside the PACS's own.
 */
export function ConformancePage() {
  const download = useMemo(
    () => URL.createObjectURL(new Blob([statement], { type: 'text/markdown' })),
    [],
  );
  useEffect(() => () => URL.revokeObjectURL(download), [download]);
  useEffect(() => {
    const before = document.title;
    document.title = 'DICOM Conformance Statement · Telerad';
    return () => {
      document.title = before;
    };
  }, []);

  return (
    <Box mih="100vh" bg="var(--mantine-color-body)">
      <style>{css}</style>
      <Box
        component="header"
        px="md"
        py="sm"
        pos="sticky"
        top={0}
        style={{
          zIndex: 10,
          background: 'var(--mantine-color-body)',
          borderBottom: '1px solid var(--mantine-color-default-border)',
        }}
      >
        <Group justify="space-between" wrap="nowrap">
          <Anchor component={Link} to="/" underline="never" c="inherit" aria-label="Telerad home">
            <BrandMark />
          </Anchor>
          <Group gap="xs" wrap="nowrap">
            <Button
              component="a"
              href={download}
              download="telerad-dicom-conformance.md"
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              Download
            </Button>
            <Button component={Link} to="/login">
              Sign in
            </Button>
          </Group>
        </Group>
      </Box>
      <Container size={1180} py="lg">
        <Group align="flex-start" gap="xl" wrap="nowrap">
          <Box
            component="nav"
            aria-label="Sections of the statement"
            w={240}
            visibleFrom="lg"
            pos="sticky"
            top={80}
            style={{ flexShrink: 0 }}
          >
            <Contents column />
          </Box>
          <Stack gap="md" style={{ minWidth: 0, flex: 1 }}>
            <Paper
              component="nav"
              aria-label="Sections of the statement"
              withBorder
              radius="md"
              p="md"
              hiddenFrom="lg"
            >
              <Contents />
            </Paper>
            <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
              <Typography className="statement">
                <div dangerouslySetInnerHTML={{ __html: rendered.html }} />
              </Typography>
            </Paper>
          </Stack>
        </Group>
      </Container>
    </Box>
  );
}
