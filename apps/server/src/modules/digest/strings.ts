import type { Language } from '@telerad/contracts';

/**
 * Every word of the daily digest e-mail, one object per language the clinics read (English,
 * French, Spanish), so the e-mail reads in the manager's language. Values are plain text;
 * `{name}` placeholders are filled by `say` and escaped by the HTML renderer. The reading-status
 * words match the clinic pages' (apps/web i18n, `clinic` namespace).
 */
export const DIGEST_STRINGS = {
  en: {
    subject: 'Telerad daily summary for {day}: {clinics}',
    greeting: 'Hello {name},',
    intro: 'Here is what happened at {clinics} on {day} ({timeZone}), and what waits for you now.',
    clinicHeading: '{name} ({code})',
    studiesTitle: 'Studies received that day',
    studiesTotal: 'In all',
    studiesNone: 'No studies arrived that day.',
    received: 'Received, not yet queued for reading',
    status_waiting: 'Waiting for the centre to open',
    status_queued: 'Waiting for a radiologist',
    status_in_progress: 'Being read',
    status_held_for_consultation: 'With the consultant',
    status_awaiting_images: 'Retake requested',
    status_completed: 'Report released',
    status_cancelled: 'Cancelled',
    turnaroundTitle: 'Turnaround',
    turnaroundReported: 'Reports released',
    turnaroundMedian: 'Median time to report',
    turnaroundWithin: 'Reported within the agreed time',
    turnaroundNone: 'No reports were released that day.',
    pendingTitle: 'Waiting for action now',
    pendingNone: 'Nothing waits for you.',
    criticalUnacknowledged: 'Critical results nobody at the clinic has acknowledged',
    retakesUnacknowledged: 'Retake requests nobody at the clinic has acknowledged',
    retakesWaiting: 'Retakes acknowledged, new images not yet sent',
    reportsNotOpened: 'Released reports nobody at the clinic has opened',
    open: 'Open',
    minutes: '{n} min',
    percent: '{n}%',
    footer:
      'You receive this summary because you manage {clinics}. To stop it, turn off "Daily summary" on your profile: {profileUrl}',
  },
  fr: {
    subject: 'Résumé quotidien Telerad du {day} : {clinics}',
    greeting: 'Bonjour {name},',
    intro:
      'Voici ce qui s’est passé à {clinics} le {day} ({timeZone}), et ce qui vous attend maintenant.',
    clinicHeading: '{name} ({code})',
    studiesTitle: 'Examens reçus ce jour-là',
    studiesTotal: 'Au total',
    studiesNone: 'Aucun examen n’est arrivé ce jour-là.',
    received: 'Reçu, pas encore en attente de lecture',
    status_waiting: 'En attente d’ouverture du centre',
    status_queued: 'En attente d’un radiologue',
    status_in_progress: 'En cours de lecture',
    status_held_for_consultation: 'Chez le consultant',
    status_awaiting_images: 'Reprise demandée',
    status_completed: 'Compte rendu publié',
    status_cancelled: 'Annulé',
    turnaroundTitle: 'Délais',
    turnaroundReported: 'Comptes rendus publiés',
    turnaroundMedian: 'Délai médian de compte rendu',
    turnaroundWithin: 'Comptes rendus dans le délai convenu',
    turnaroundNone: 'Aucun compte rendu n’a été publié ce jour-là.',
    pendingTitle: 'En attente d’une action',
    pendingNone: 'Rien ne vous attend.',
    criticalUnacknowledged: 'Résultats critiques que personne à la clinique n’a confirmés',
    retakesUnacknowledged: 'Demandes de reprise que personne à la clinique n’a confirmées',
    retakesWaiting: 'Reprises confirmées, nouvelles images pas encore envoyées',
    reportsNotOpened: 'Comptes rendus publiés que personne à la clinique n’a ouverts',
    open: 'Ouvrir',
    minutes: '{n} min',
    percent: '{n} %',
    footer:
      'Vous recevez ce résumé parce que vous êtes responsable de {clinics}. Pour ne plus le recevoir, désactivez « Résumé quotidien » dans votre profil : {profileUrl}',
  },
  es: {
    subject: 'Resumen diario de Telerad del {day}: {clinics}',
    greeting: 'Hola, {name}:',
    intro: 'Esto es lo que pasó en {clinics} el {day} ({timeZone}) y lo que le espera ahora.',
    clinicHeading: '{name} ({code})',
    studiesTitle: 'Estudios recibidos ese día',
    studiesTotal: 'En total',
    studiesNone: 'Ese día no llegó ningún estudio.',
    received: 'Recibido, aún no en espera de lectura',
    status_waiting: 'Esperando a que abra el centro',
    status_queued: 'Esperando a un radiólogo',
    status_in_progress: 'En lectura',
    status_held_for_consultation: 'Con el consultor',
    status_awaiting_images: 'Repetición solicitada',
    status_completed: 'Informe publicado',
    status_cancelled: 'Cancelado',
    turnaroundTitle: 'Tiempos de informe',
    turnaroundReported: 'Informes publicados',
    turnaroundMedian: 'Tiempo mediano hasta el informe',
    turnaroundWithin: 'Informados dentro del plazo acordado',
    turnaroundNone: 'Ese día no se publicó ningún informe.',
    pendingTitle: 'Pendiente de acción',
    pendingNone: 'No hay nada pendiente.',
    criticalUnacknowledged: 'Resultados críticos que nadie en la clínica ha confirmado',
    retakesUnacknowledged: 'Solicitudes de repetición que nadie en la clínica ha confirmado',
    retakesWaiting: 'Repeticiones confirmadas, imágenes nuevas aún no enviadas',
    reportsNotOpened: 'Informes publicados que nadie en la clínica ha abierto',
    open: 'Abrir',
    minutes: '{n} min',
    percent: '{n} %',
    footer:
      'Recibe este resumen porque es responsable de {clinics}. Para dejar de recibirlo, desactive «Resumen diario» en su perfil: {profileUrl}',
  },
} as const satisfies Record<Language, Record<string, string>>;

/** A language the digest is written in. */
export type DigestLanguage = Language;
/** The name of one digest string. */
export type DigestStringKey = keyof (typeof DIGEST_STRINGS)['en'];

/** A digest string in `lang` with its `{name}` placeholders filled (a missing fact stays visible). */
export function say(
  lang: DigestLanguage,
  key: DigestStringKey,
  facts: Readonly<Record<string, string | number>> = {},
): string {
  const strings: Record<DigestStringKey, string> = DIGEST_STRINGS[lang];
  return strings[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    facts[name] === undefined ? whole : String(facts[name]),
  );
}
