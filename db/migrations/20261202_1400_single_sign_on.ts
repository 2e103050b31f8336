import type { Kysely } from 'kysely';

// Frozen in time: single sign-on with the council's identity provider (OpenID Connect), as of
// 2026-12-02. Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// A sign-in sent to the identity provider and not yet back. The browser holds a random key in a
	// short-lived cookie; the database keeps only its SHA-256, with what the answer must match (state,
	// nonce), the PKCE verifier and where to go afterwards. Used once, whatever the answer, and
	// worthless after 10 minutes.
	await db.schema
		.createTable('single_sign_on_request')
		.addColumn('key_hash', 'text', (c) => c.primaryKey())
		.addColumn('state', 'text', (c) => c.notNull())
		.addColumn('nonce', 'text', (c) => c.notNull())
		.addColumn('code_verifier', 'text', (c) => c.notNull())
		.addColumn('next_path', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('single_sign_on_request_created')
		.on('single_sign_on_request')
		.column('created_at')
		.execute();

	// Who at the identity provider (issuer and subject) has signed in to which account, first and
	// last. An account with a row here is active, as one with a password is.
	await db.schema
		.createTable('single_sign_on_identity')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('issuer', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('first_signed_in_at', 'text', (c) => c.notNull())
		.addColumn('last_signed_in_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('single_sign_on_identity_once', ['user_id', 'issuer', 'subject'])
		.execute();

	// A session begun at the identity provider, and whether the provider said the person gave more
	// than one factor there (then the app's own second factor is not asked for). Goes with its session.
	await db.schema
		.createTable('single_sign_on_session')
		.addColumn('session_id', 'text', (c) =>
			c.primaryKey().references('session.id').onDelete('cascade')
		)
		.addColumn('identity_id', 'integer', (c) =>
			c.notNull().references('single_sign_on_identity.id')
		)
		.addColumn('multi_factor', 'integer', (c) => c.notNull())
		.execute();
}
