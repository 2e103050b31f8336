/**
 * People's names: short lists of common first names and surnames, combined at random, so that they
 * describe nobody in particular.
 */

export const words = (text: string) => text.trim().split(/\s+/);

export const GIRLS = words(
	`Amelia Olivia Isla Ava Mia Ivy Lily Freya Grace Ella Evie Poppy Ruby Sophie Chloe Holly Millie Daisy Erin Katie`
);
export const BOYS = words(
	`Oliver George Noah Leo Harry Jack Charlie Alfie Oscar Archie Henry Theo Jacob Finley Logan Riley Mason Kai Tyler Ethan`
);
export const WOMEN = words(
	`Sarah Emma Laura Rachel Kelly Gemma Nicola Claire Joanne Hannah Amy Stacey Leanne Natalie Vicky Zoe`
);
export const MEN = words(
	`Daniel James Craig Lee Darren Paul Mark Jamie Ryan Wayne Stuart Dean Carl Adam Scott Gary`
);
export const OLDER = words(`Susan Linda Carol Pauline Brian Keith Graham Trevor`);
export const SURNAMES = words(
	`Smith Jones Taylor Brown Walker Wood Wright Green Hall Turner Harris Clarke Cooper Hill Ward Morris Baker Parker Bennett Cook Kelly Mason Shaw Bailey Holmes Marshall Fox Hughes Carter Webb`
);
