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
  notifications: {
    title: 'Notificaciones',
    withEmail: 'Elija de qué le avisa la campana. El correo sigue las mismas opciones.',
    withoutEmail: 'Elija de qué le avisa la campana.',
    none: 'Su rol todavía no recibe notificaciones, así que no hay nada que elegir aquí.',
  },
};
