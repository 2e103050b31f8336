/**
 * What a GOV.UK field's input (or fieldset) is described by: its hint and its error message, the
 * ids FieldHint.svelte gives them. Nothing when it has neither.
 */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
	return (
		[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
	);
}

/** What every labelled text field takes: its id (and name, the id unless told), label, hint and error. */
export interface TextFieldProps {
	id: string;
	name?: string;
	label: string;
	value?: string | null;
	hint?: string;
	error?: string;
}
