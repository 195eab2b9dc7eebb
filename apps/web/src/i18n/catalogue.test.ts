import { catalogueProblems, LANGUAGES, type MessageTree } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { NAMESPACES, resources } from './resources';

describe('the web catalogues', () => {
  it('has every English message in French and Spanish, with the same placeholders, and no orphans', () => {
    const problems = LANGUAGES.filter((l) => l !== 'en').flatMap((l) =>
      NAMESPACES.flatMap((ns) =>
        catalogueProblems(resources.en[ns], resources[l][ns], `${l}/${ns}`),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('names a missing message, an orphan and a changed placeholder', () => {
    const en: MessageTree = {
      home: { welcome: 'Welcome, {{name}}', nextSteps: 'Next steps' },
      send_one: 'Send {{count}} image',
      send_other: 'Send {{count}} images',
    };
    const fr: MessageTree = {
      home: { welcome: 'Bienvenue, {{nom}}', extra: 'De trop' },
      send_one: 'Envoyer {{count}} image',
      send_many: 'Envoyer {{count}} images',
      send_other: 'Envoyer {{count}} images',
    };
    expect(catalogueProblems(en, fr, 'fr')).toEqual([
      'fr: home.welcome uses {nom} where English uses {name}',
      'fr: missing home.nextSteps',
      'fr: orphan home.extra',
    ]);
  });
});
