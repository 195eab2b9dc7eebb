import {
  Input,
  MultiSelect,
  Select,
  TagsInput,
  type MultiSelectProps,
  type SelectProps,
  type TagsInputProps,
} from '@mantine/core';
import { useId } from '@mantine/hooks';
import type { CSSProperties, ReactNode } from 'react';

interface WrapperProps {
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  id?: string;
  /** Layout of the whole field (label, input and messages). */
  style?: CSSProperties;
  w?: number | string;
}

/**
 * Mantine's Select also labels its open option list with the field label, so
 * `getByLabel('Country')` would match two elements. Here the label belongs to the input alone
 * (through `htmlFor`); the option list stays reachable as the combobox's listbox.
 */
function useWrapper({ label, description, error, required, id, style, w }: WrapperProps) {
  const uid = useId(id);
  const describedBy =
    [error ? `${uid}-error` : null, description ? `${uid}-description` : null]
      .filter(Boolean)
      .join(' ') || undefined;
  const wrap = (input: ReactNode) => (
    <Input.Wrapper
      id={uid}
      label={label}
      description={description}
      error={error}
      required={required}
      style={style}
      w={w}
    >
      {input}
    </Input.Wrapper>
  );
  return { uid, describedBy, wrap, invalid: Boolean(error) };
}

/** A Select whose label is unambiguous for assistive tech and `getByLabel`. */
export function LabelledSelect({
  label,
  description,
  error,
  required,
  id,
  style,
  w,
  ...rest
}: Omit<SelectProps, 'label' | 'description' | 'error'> & WrapperProps) {
  const field = useWrapper({ label, description, error, required, id, style, w });
  return field.wrap(
    <Select
      {...rest}
      id={field.uid}
      error={field.invalid}
      required={required}
      aria-describedby={field.describedBy}
    />,
  );
}

/** A MultiSelect whose label is unambiguous for assistive tech and `getByLabel`. */
export function LabelledMultiSelect({
  label,
  description,
  error,
  required,
  id,
  style,
  w,
  ...rest
}: Omit<MultiSelectProps, 'label' | 'description' | 'error'> & WrapperProps) {
  const field = useWrapper({ label, description, error, required, id, style, w });
  return field.wrap(
    <MultiSelect
      {...rest}
      id={field.uid}
      error={field.invalid}
      required={required}
      aria-describedby={field.describedBy}
    />,
  );
}

/** A TagsInput whose label is unambiguous for assistive tech and `getByLabel`. */
export function LabelledTagsInput({
  label,
  description,
  error,
  required,
  id,
  style,
  w,
  ...rest
}: Omit<TagsInputProps, 'label' | 'description' | 'error'> & WrapperProps) {
  const field = useWrapper({ label, description, error, required, id, style, w });
  return field.wrap(
    <TagsInput
      {...rest}
      id={field.uid}
      error={field.invalid}
      required={required}
      aria-describedby={field.describedBy}
    />,
  );
}
