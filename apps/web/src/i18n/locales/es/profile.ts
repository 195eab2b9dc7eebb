/** La página personal del usuario, tal como la usa el personal de la clínica. */
export default {
  title: 'Perfil',
  description: 'Su cuenta, la seguridad de acceso, las notificaciones y los tokens de API.',
  sessionEnds: 'Esta sesión termina a más tardar el {{date}}.',
  language: {
    title: 'Idioma',
    description: 'El idioma de sus páginas y de los correos que recibe.',
    label: 'Idioma',
    followClinic: 'Como mi clínica ({{language}})',
    followDefault: 'Predeterminado ({{language}})',
    saved: 'Idioma guardado',
  },
  password: {
    title: 'Contraseña',
    hint: 'Al menos 12 caracteres. Una frase corta se recuerda mejor que los símbolos.',
    current: 'Contraseña actual',
    new: 'Contraseña nueva',
    repeat: 'Repita la contraseña nueva',
    submit: 'Cambiar la contraseña',
    differ: 'Las dos contraseñas nuevas no coinciden',
    changed: 'Contraseña cambiada',
    changedText: 'Use su contraseña nueva la próxima vez que inicie sesión.',
  },
  mfa: {
    title: 'Verificación en dos pasos',
    on: 'Activada',
    off: 'Desactivada',
    onText:
      'Al iniciar sesión se pide un código de su aplicación de autenticación. ¿La perdió? Use un código de recuperación o pida a un administrador que la restablezca.',
    offHint:
      'Añada un segundo paso al inicio de sesión con una aplicación de autenticación en su teléfono. Toma dos minutos y protege los datos de los pacientes si su contraseña se filtra.',
    setUp: 'Activar la verificación en dos pasos',
    disable: 'Desactivar la verificación en dos pasos',
    disableShort: 'Desactivar',
    confirm: 'Confirme con su contraseña para desactivar la verificación en dos pasos',
    cancel: 'Cancelar',
    done: 'Listo',
    offTitle: 'Verificación en dos pasos desactivada',
    offText: 'La verificación en dos pasos está desactivada.',
  },
  notifications: {
    title: 'Notificaciones',
    withEmail: 'Elija de qué le avisa la campana y qué se le envía por correo.',
    withoutEmail:
      'Elija de qué le avisa la campana. Este servidor no envía correos, así que solo cuenta la campana.',
    none: 'Su rol todavía no recibe notificaciones, así que no hay nada que elegir aquí.',
    inApp: 'En la aplicación',
    byEmail: 'Por correo',
    inAppOf: '{{kind}}: en la aplicación',
    byEmailOf: '{{kind}}: por correo',
  },
  digest: {
    label: 'Resumen diario',
    description:
      'Cada mañana a las 07:00, un correo con los estudios del día anterior, los tiempos de informe y lo que espera a su clínica.',
    preview: 'Ver el resumen de {{clinic}}',
    previewOf: 'Ver el resumen diario de {{clinic}}',
    previewShort: 'Resumen',
    title: 'Resumen diario de {{clinic}}',
    subject: 'Asunto:',
    sentTo: 'Se envía a {{to}} cada mañana a las 07:00 ({{timeZone}}). Así se leería hoy.',
    noAddress:
      'Cada responsable lo recibe a las 07:00 ({{timeZone}}); una cuenta sin dirección de correo no recibe nada.',
  },
};
