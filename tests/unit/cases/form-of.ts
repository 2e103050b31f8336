/** A posted form with these fields. */
export { form as formOf } from '../helpers';
