import mantine from 'postcss-preset-mantine';

/** PostCSS: Mantine's mixins and rem helpers for any local CSS. */
export default { plugins: [mantine()] };
