/**
 * Correcting published minutes (pure rules, tested without a database). The text the minutes hold
 * of their own is each item's note of the discussion; everything else in them (who came, the
 * outcomes, the actions) is recorded elsewhere and corrected there. Version 0 is the minutes as
 * published; each correction makes the next version and keeps each changed note before and after.
 */

/** A note the chair may correct: an item whose discussion the minutes show them. */
export interface CorrectableNote {
	submissionId: number;
	label: string;
	note: string;
	part: 1 | 2 | 3 | 4;
	/** Parts 1 and 4, or an item taken anonymously as advice: the note is screened as anonymous. */
	anonymous: boolean;
}

export interface NoteChange {
	submissionId: number;
	before: string;
	after: string;
}

/** The notes that differ from what the minutes now say; an unchanged note is not a change. */
export function changedNotes(
	current: ReadonlyMap<number, string>,
	typed: ReadonlyMap<number, string>
): NoteChange[] {
	const changes: NoteChange[] = [];
	for (const [submissionId, after] of typed) {
		const before = current.get(submissionId);
		if (before !== undefined && before.trim() !== after.trim())
			changes.push({ submissionId, before, after: after.trim() });
	}
	return changes;
}

/** A stored change with the version its correction made. */
export interface VersionedChange extends NoteChange {
	version: number;
}

/**
 * The notes as they stood at `version`, from the notes now and every correction since: an item a
 * later correction changed reads as that first later correction found it.
 */
export function notesAtVersion(
	current: ReadonlyMap<number, string>,
	changes: readonly VersionedChange[],
	version: number
): Map<number, string> {
	const notes = new Map(current);
	const later = changes
		.filter((change) => change.version > version)
		.sort((a, b) => b.version - a.version);
	// Undo from the newest back: what is left is each note's "before" at the first later change.
	for (const change of later) notes.set(change.submissionId, change.before);
	return notes;
}

/** The form field that holds an item's note. */
export function noteField(submissionId: number): string {
	return `note-${submissionId}`;
}
